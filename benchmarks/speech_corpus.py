"""Real read speech for voice calibration: ``../shared/speech/`` cut into enrolment and test clips.

251 LibriSpeech speakers (train-clean-100; Panayotov et al., 2015; CC BY 4.0), one utterance
each, FLAC at 16 kHz, 1.6-17 s. A speaker's utterance gives an owner three enrolment segments
of ``ENROL_SECONDS`` (what a person reads aloud to teach the app their voice) and, after them,
test clips of ``CLIP_SECONDS`` (about a voice command). Speakers are split in two halves by
sorted id: one half is the cohort the app ships (``scripts/make_voice_cohort.py``), the other
is evaluated; the calibration also runs the other way round, so no figure rests on one split.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

RATE = 16_000
ENROL_SECONDS = 3.0
ENROL_SEGMENTS = 3
CLIP_SECONDS = 2.5
DEFAULT_SPEECH = (Path(__file__).resolve().parent.parent.parent / "shared" / "speech"
                  / "librispeech_train-clean-100")


def load_corpus(folder: Path | None = None) -> dict[str, np.ndarray]:
    """``{speaker id: mono float32 samples at 16 kHz}``, sorted by speaker id."""
    import soundfile

    folder = folder or DEFAULT_SPEECH
    files = sorted(folder.glob("*.flac")) if folder.is_dir() else []
    if not files:
        raise SystemExit(f"no real speech found: expected LibriSpeech FLAC files in {folder}")
    corpus: dict[str, np.ndarray] = {}
    for path in files:
        samples, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
        if rate != RATE:
            raise SystemExit(f"{path} is at {rate} Hz, not {RATE}")
        corpus.setdefault(path.name.split("-")[0], samples.mean(axis=1))
    return dict(sorted(corpus.items()))


def fold_speakers(corpus: dict[str, np.ndarray], fold: int) -> tuple[list[str], list[str]]:
    """``(cohort, evaluated)`` speakers of one fold (0: the shipped cohort)."""
    ids = list(corpus)
    cohort = ids[fold::2]
    chosen = set(cohort)
    return cohort, [speaker for speaker in ids if speaker not in chosen]


def cohort_speakers(corpus: dict[str, np.ndarray]) -> list[str]:
    return fold_speakers(corpus, 0)[0]


def enrolment_segments(audio: np.ndarray) -> list[np.ndarray] | None:
    """Three enrolment segments, or None when the utterance leaves no test clip after them."""
    length = round(ENROL_SECONDS * RATE)
    if len(audio) < ENROL_SEGMENTS * length + round(CLIP_SECONDS * RATE):
        return None
    return [audio[i * length:(i + 1) * length] for i in range(ENROL_SEGMENTS)]


def clip_segments(audio: np.ndarray, start: int) -> list[np.ndarray]:
    """Consecutive test clips from sample ``start``; a short utterance is one clip whole."""
    length = round(CLIP_SECONDS * RATE)
    clips = [audio[i:i + length] for i in range(start, len(audio) - length + 1, length)]
    if not clips and start == 0 and len(audio):
        clips = [audio]
    return clips


def test_start(audio: np.ndarray) -> int:
    """Where an owner's test clips begin: after the enrolment segments, if it has them."""
    if enrolment_segments(audio) is None:
        return 0
    return ENROL_SEGMENTS * round(ENROL_SECONDS * RATE)
