"""Voice alone on real speech: how often the check calls strangers' clips, or owners', not mine.

    .venv/bin/python benchmarks/voice_calibration.py [--speech FOLDER] [--cache FILE]

For every speaker of ``../shared/speech/`` (251 LibriSpeech speakers, CC BY 4.0) whose utterance
is long enough, three 3 s segments enrol the owner and the rest is cut into 2.5 s test clips
(``benchmarks/speech_corpus.py``). Every other evaluated speaker's clips are strangers. Each
clip goes through the app's own code (``preprocess_wav``, ``embed_many`` with the analysis
partials, ``voice_findings`` with the owner's calibrated threshold and the cohort, then
``verdicts.decide`` with no metadata at all), and the verdicts are counted over every
owner/stranger pair.

Two folds, so no figure rests on one split: fold 0 scores the speakers that are *not* in the
cohort the app ships (``viewer/resources/voice/librispeech-cohort.npz``: the other half); fold 1
swaps the halves (its cohort is built here from fold 0's evaluated speakers). The goal
(issue 11): strangers' clips not mine >= 97 %, owners' clips not mine <= 3 %, few unsure.

Embeddings are cached in ``--cache`` (default: a file in the system temp folder) keyed by the
model, so a second run only re-scores.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from speech_corpus import (  # noqa: E402
    clip_segments,
    enrolment_segments,
    fold_speakers,
    load_corpus,
    test_start,
)

from viewer.analysis.findings import Verdict  # noqa: E402
from viewer.analysis.verdicts import decide  # noqa: E402
from viewer.voice.analysis import (  # noqa: E402
    ANALYSIS_PARTIALS,
    LOOP_SECONDS,
    OwnerVoices,
    voice_findings,
)
from viewer.voice.cohort import Cohort, load_cohort  # noqa: E402
from viewer.voice.encoder import SpeakerEncoder  # noqa: E402
from viewer.voice.evidence import MODEL_NAME  # noqa: E402
from viewer.voice.preprocess import preprocess_wav  # noqa: E402

RATE = 16_000


def embed_corpus(corpus: dict[str, np.ndarray], cache: Path,
                 ) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """``(enrolment, tests)``: per speaker, ``(3, 256)`` and ``(k, 256)`` embeddings.

    Test clips of speakers with an enrolment start after it; a speaker without one gives
    clips from the start (a stranger only).
    """
    key = hashlib.sha256(f"{MODEL_NAME}|{sorted(corpus)}|{ANALYSIS_PARTIALS}".encode())
    key.update(b"".join(np.ascontiguousarray(a[:1000]).tobytes() for a in corpus.values()))
    digest = key.hexdigest()[:16]
    if cache.is_file():
        with np.load(cache, allow_pickle=False) as data:
            if str(data["key"]) == digest:
                return _unpack(data)
    wavs, owners, kinds = [], [], []
    for speaker, audio in corpus.items():
        enrol = enrolment_segments(audio) or []
        for segment in enrol:
            wavs.append(preprocess_wav(segment, RATE, min_seconds=LOOP_SECONDS))
            owners.append(speaker)
            kinds.append("enrol")
        for clip in clip_segments(audio, test_start(audio)):
            wavs.append(preprocess_wav(clip, RATE, min_seconds=LOOP_SECONDS))
            owners.append(speaker)
            kinds.append("test")
    started = time.perf_counter()
    vectors = SpeakerEncoder.from_resources().embed_many(wavs, max_partials=ANALYSIS_PARTIALS)
    print(f"embedded {len(wavs)} clips in {time.perf_counter() - started:.1f} s")
    np.savez(cache, key=np.array(digest), vectors=vectors, owners=np.array(owners),
             kinds=np.array(kinds))
    with np.load(cache, allow_pickle=False) as data:
        return _unpack(data)


def _unpack(data: np.lib.npyio.NpzFile) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    vectors, owners, kinds = data["vectors"], data["owners"], data["kinds"]
    enrol: dict[str, np.ndarray] = {}
    tests: dict[str, np.ndarray] = {}
    for speaker in dict.fromkeys(owners.tolist()):
        rows = owners == speaker
        if (rows & (kinds == "enrol")).any():
            enrol[speaker] = vectors[rows & (kinds == "enrol")]
        tests[speaker] = vectors[rows & (kinds == "test")]
    return enrol, tests


def evaluate(enrol: dict[str, np.ndarray], tests: dict[str, np.ndarray],
             evaluated: list[str], cohort: Cohort | None) -> dict[str, dict[Verdict, int]]:
    """Verdict counts for owners' own clips and for strangers' clips, over all pairs."""
    counts = {side: dict.fromkeys(Verdict, 0) for side in ("owner", "stranger")}
    for owner_id in evaluated:
        if owner_id not in enrol:
            continue
        owner = OwnerVoices.from_samples({"owner": enrol[owner_id]})
        for speaker in evaluated:
            clips = tests[speaker]
            if len(clips) == 0:
                continue
            side = "owner" if speaker == owner_id else "stranger"
            paths = [f"{speaker}/{i}" for i in range(len(clips))]
            for finding in voice_findings(paths, clips, owner, cohort=cohort):
                counts[side][decide(finding.recording or "", [finding]).verdict] += 1
    return counts


def cohort_of(tests: dict[str, np.ndarray], speakers: list[str]) -> Cohort:
    rows = np.concatenate([tests[s] for s in speakers if len(tests[s])])
    return Cohort(rows / np.linalg.norm(rows, axis=1, keepdims=True))


def rates(counts: dict[str, dict[Verdict, int]]) -> dict[str, float]:
    owner, stranger = counts["owner"], counts["stranger"]
    n_owner, n_stranger = sum(owner.values()), sum(stranger.values())
    return {
        "strangers not mine": stranger[Verdict.NOT_MINE] / n_stranger,
        "strangers unsure": stranger[Verdict.UNSURE] / n_stranger,
        "strangers mine": stranger[Verdict.MINE] / n_stranger,
        "owners not mine": owner[Verdict.NOT_MINE] / n_owner,
        "owners unsure": owner[Verdict.UNSURE] / n_owner,
        "owners mine": owner[Verdict.MINE] / n_owner,
        "owner clips": n_owner,
        "stranger clips": n_stranger,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speech", type=Path, default=None)
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "export-viewer-calibration.npz")
    args = parser.parse_args()
    corpus = load_corpus(args.speech)
    enrol, tests = embed_corpus(corpus, args.cache)
    shipped = load_cohort()
    print(f"{len(corpus)} speakers, {len(enrol)} with an enrolment (3 x 3 s); test clips "
          f"2.5 s; shipped cohort: {'yes' if shipped is not None else 'MISSING'}")
    header = (f"{'fold':<34}{'owners':>7}{'pairs':>8}  {'strangers':^26}  {'owners':^26}")
    print(header)
    print(f"{'':<34}{'':>7}{'':>8}  {'not mine':>8} {'unsure':>8} {'mine':>8}  "
          f"{'not mine':>8} {'unsure':>8} {'mine':>8}")
    totals = {side: dict.fromkeys(Verdict, 0) for side in ("owner", "stranger")}
    for fold in (0, 1):
        cohort_ids, evaluated = fold_speakers(corpus, fold)
        for label, cohort in ((f"{fold}: with cohort", shipped if fold == 0
                               else cohort_of(tests, cohort_ids)),
                              (f"{fold}: own threshold only", None)):
            counts = evaluate(enrol, tests, evaluated, cohort)
            if cohort is not None:
                for side in totals:
                    for verdict in Verdict:
                        totals[side][verdict] += counts[side][verdict]
            _print_row(label, counts, sum(1 for s in evaluated if s in enrol))
    _print_row("both folds, with cohort (the app)", totals, len(enrol))
    overall = rates(totals)
    ok = overall["strangers not mine"] >= 0.97 and overall["owners not mine"] <= 0.03
    print(f"goal (strangers not mine >= 97 %, owners not mine <= 3 %): "
          f"{'met' if ok else 'NOT met'}")


def _print_row(label: str, counts: dict[str, dict[Verdict, int]], owners: int) -> None:
    r = rates(counts)
    print(f"{label:<34}{owners:>7}{int(r['stranger clips']):>8}  "
          f"{r['strangers not mine']:>8.2%} {r['strangers unsure']:>8.2%} "
          f"{r['strangers mine']:>8.2%}  {r['owners not mine']:>8.2%} "
          f"{r['owners unsure']:>8.2%} {r['owners mine']:>8.2%}")


if __name__ == "__main__":
    main()
