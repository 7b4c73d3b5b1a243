"""How other people score against a voice: the cohort that turns a similarity into a margin.

A cosine similarity of 0.75 means little alone: a voice that many people resemble (a low,
calm male voice) draws high scores from strangers too, a distinctive one does not. So each of
the user's voices is scored against a fixed cohort of other speakers' clips, and a
recording's similarity is read as ``z = (similarity - cohort mean) / cohort sd``: how many
standard deviations above a typical stranger it stands (Z-norm, as in speaker verification).

The cohort is ``viewer/resources/voice/librispeech-cohort.npz``: embeddings (made by this app's
own pipeline, so they match what it computes for recordings) of 2.5 s clips of 126 LibriSpeech
speakers (read speech, CC BY 4.0; ``scripts/make_voice_cohort.py``). No audio is shipped, only
the 256 numbers per clip. ``benchmarks/voice_calibration.py`` evaluates only on speakers that
are not in it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np

from viewer.resources import RESOURCES

log = logging.getLogger("viewer.voice")

COHORT_PATH = RESOURCES / "voice" / "librispeech-cohort.npz"
#: A cohort spread below this cannot measure a margin (a degenerate voice or cohort).
MIN_SPREAD = 1e-3


@dataclass(frozen=True, slots=True, eq=False)
class Cohort:
    """Unit embeddings ``(n, 256)`` of other speakers' clips."""

    embeddings: np.ndarray

    def stats(self, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per voice ``(voices, 256)``: mean and standard deviation of the cohort's scores."""
        scores = np.atleast_2d(centroids).astype(np.float32) @ self.embeddings.T
        return scores.mean(axis=1), np.maximum(scores.std(axis=1), MIN_SPREAD)

    def z_scores(self, similarity: np.ndarray, voice_index: np.ndarray,
                 centroids: np.ndarray) -> np.ndarray:
        """``z`` of each similarity against the cohort of the voice it was measured to."""
        mean, spread = self.stats(centroids)
        return (np.asarray(similarity, dtype=np.float64) - mean[voice_index]) \
            / spread[voice_index]


_lock = threading.Lock()
_loaded: list[Cohort | None] = []


def load_cohort(path: str | None = None) -> Cohort | None:
    """The bundled cohort (loaded once), or None when it is missing or unreadable: voice then
    judges by the user's own threshold alone (see ``viewer.analysis.verdicts``)."""
    if path is not None:
        return _read(path)
    with _lock:
        if not _loaded:
            _loaded.append(_read(str(COHORT_PATH)))
        return _loaded[0]


def _read(path: str) -> Cohort | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            rows = np.asarray(data["embeddings"], dtype=np.float32)
    except (OSError, KeyError, ValueError) as error:
        log.warning("voice cohort unavailable (%s): voice margins use your samples alone",
                    error)
        return None
    if rows.ndim != 2 or rows.shape[1] != 256 or len(rows) < 10:
        log.warning("voice cohort at %s has shape %s; not used", path, rows.shape)
        return None
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return Cohort(rows / np.where(norms > 0, norms, 1.0))
