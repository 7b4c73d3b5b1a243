"""Min/max peaks for drawing a waveform (Qt-free, vectorised NumPy).

The player computes peaks once per clip at a fixed resolution (``DEFAULT_BUCKETS``) in the
background; the waveform widget then folds them down to its pixel width with
``resample_peaks``, which is cheap enough to redo on every resize.
"""

from __future__ import annotations

import numpy as np

#: Resolution computed per clip: finer than any waveform widget is wide.
DEFAULT_BUCKETS = 4000


def mono_mix(samples: np.ndarray) -> np.ndarray:
    """A 1-D float32 mix of ``samples`` (shape ``(frames,)`` or ``(frames, channels)``)."""
    samples = np.asarray(samples, dtype=np.float32)
    if samples.ndim == 1:
        return samples
    if samples.ndim != 2:
        raise ValueError("samples must have shape (frames,) or (frames, channels)")
    if samples.shape[1] == 1:
        return samples[:, 0]
    return samples.mean(axis=1, dtype=np.float32)


def compute_peaks(samples: np.ndarray, buckets: int = DEFAULT_BUCKETS) -> np.ndarray:
    """Per-bucket ``[min, max]`` of the mono mix: float32, shape ``(buckets, 2)``.

    Buckets split the frames as evenly as integers allow. With fewer frames than buckets,
    each bucket holds the sample under it (min == max), so the drawing keeps its width.
    """
    if buckets <= 0:
        raise ValueError("buckets must be positive")
    mono = mono_mix(samples)
    peaks = np.zeros((buckets, 2), dtype=np.float32)
    frames = mono.shape[0]
    if frames == 0:
        return peaks
    if frames >= buckets:
        starts = (np.arange(buckets, dtype=np.int64) * frames) // buckets
        peaks[:, 0] = np.minimum.reduceat(mono, starts)
        peaks[:, 1] = np.maximum.reduceat(mono, starts)
    else:
        index = (np.arange(buckets, dtype=np.int64) * frames) // buckets
        peaks[:, 0] = mono[index]
        peaks[:, 1] = mono[index]
    return peaks


def resample_peaks(peaks: np.ndarray, columns: int) -> np.ndarray:
    """Fold ``(n, 2)`` peaks into ``columns`` columns, keeping each column's min and max."""
    if columns <= 0:
        raise ValueError("columns must be positive")
    peaks = np.asarray(peaks, dtype=np.float32)
    count = peaks.shape[0]
    if count == 0:
        return np.zeros((columns, 2), dtype=np.float32)
    if count >= columns:
        starts = (np.arange(columns, dtype=np.int64) * count) // columns
        low = np.minimum.reduceat(peaks[:, 0], starts)
        high = np.maximum.reduceat(peaks[:, 1], starts)
        return np.stack([low, high], axis=1)
    index = (np.arange(columns, dtype=np.int64) * count) // columns
    return peaks[index].copy()
