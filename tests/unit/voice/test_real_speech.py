"""Voice alone on a few real speakers (LibriSpeech, ../shared/speech): the calibrated rule.

The full calibration, over every owner/stranger pair of 186 speakers in two folds, is
``benchmarks/voice_calibration.py``; this keeps six speakers so it runs in seconds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from viewer.analysis.findings import Verdict
from viewer.analysis.verdicts import decide
from viewer.voice.analysis import ANALYSIS_PARTIALS, LOOP_SECONDS, OwnerVoices, voice_findings
from viewer.voice.cohort import COHORT_PATH, load_cohort
from viewer.voice.encoder import SpeakerEncoder
from viewer.voice.preprocess import preprocess_wav

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
speech_corpus = pytest.importorskip("speech_corpus")

SPEAKERS = 6


@pytest.fixture(scope="module")
def corpus() -> dict[str, np.ndarray]:
    if not speech_corpus.DEFAULT_SPEECH.is_dir():
        pytest.skip(f"no real speech at {speech_corpus.DEFAULT_SPEECH} (shared/speech)")
    return speech_corpus.load_corpus()


@pytest.fixture(scope="module")
def embedded(corpus: dict[str, np.ndarray]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """``{speaker: (enrolment, test clips)}`` for the first evaluated speakers (not in the
    shipped cohort) that have an enrolment."""
    _, evaluated = speech_corpus.fold_speakers(corpus, 0)
    chosen = [s for s in evaluated if speech_corpus.enrolment_segments(corpus[s])][:SPEAKERS]
    encoder = SpeakerEncoder.from_resources()
    result = {}
    for speaker in chosen:
        audio = corpus[speaker]
        enrol = [preprocess_wav(a, 16_000, min_seconds=LOOP_SECONDS)
                 for a in speech_corpus.enrolment_segments(audio)]
        clips = [preprocess_wav(a, 16_000, min_seconds=LOOP_SECONDS)
                 for a in speech_corpus.clip_segments(audio, speech_corpus.test_start(audio))]
        result[speaker] = (encoder.embed_many(enrol, max_partials=ANALYSIS_PARTIALS),
                           encoder.embed_many(clips, max_partials=ANALYSIS_PARTIALS))
    return result


def test_the_shipped_cohort_holds_none_of_the_evaluated_speakers(
        corpus: dict[str, np.ndarray]) -> None:
    cohort = load_cohort()
    assert cohort is not None and cohort.embeddings.shape[1] == 256
    with np.load(COHORT_PATH) as data:
        speakers = set(data["speakers"].tolist())
    cohort_ids, evaluated = speech_corpus.fold_speakers(corpus, 0)
    assert speakers == set(cohort_ids)
    assert not speakers & set(evaluated)


def test_voice_alone_tells_owners_from_strangers(
        embedded: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
    cohort = load_cohort()
    counts = {side: dict.fromkeys(Verdict, 0) for side in ("owner", "stranger")}
    for owner_id, (enrol, _) in embedded.items():
        owner = OwnerVoices.from_samples({"owner": enrol})
        for speaker, (_, clips) in embedded.items():
            side = "owner" if speaker == owner_id else "stranger"
            paths = [f"{speaker}/{i}" for i in range(len(clips))]
            for finding in voice_findings(paths, clips, owner, cohort=cohort):
                counts[side][decide(finding.recording or "", [finding]).verdict] += 1
    owners, strangers = counts["owner"], counts["stranger"]
    print(counts)
    assert owners[Verdict.NOT_MINE] == 0
    assert owners[Verdict.MINE] >= 0.9 * sum(owners.values())
    assert strangers[Verdict.NOT_MINE] >= 0.95 * sum(strangers.values())
    assert strangers[Verdict.MINE] == 0
    # Without the cohort the same clips are judged less often (more unsure), never wrongly.
    owner = OwnerVoices.from_samples({"owner": next(iter(embedded.values()))[0]})
    _, clips = list(embedded.values())[1]
    plain = voice_findings([f"c{i}" for i in range(len(clips))], clips, owner)
    assert all(f.code == "voice-unknown" for f in plain)
