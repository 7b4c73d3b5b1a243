"""Waveform peaks: min/max per bucket of the mono mix, and folding to a pixel width."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.audio.peaks import compute_peaks, mono_mix, resample_peaks


def test_shape_and_values_per_bucket() -> None:
    samples = np.array([0, 1, -1, 2, -3, 0.5, 0.25, -0.25], dtype=np.float32)[:, None]
    peaks = compute_peaks(samples, 4)
    assert peaks.shape == (4, 2) and peaks.dtype == np.float32
    np.testing.assert_array_equal(peaks, [[0, 1], [-1, 2], [-3, 0.5], [-0.25, 0.25]])


def test_uneven_split_covers_every_frame() -> None:
    samples = np.zeros(1_001, dtype=np.float32)
    samples[-1] = 0.9  # the very last frame must land in the last bucket
    samples[0] = -0.7
    peaks = compute_peaks(samples, 10)
    assert peaks[0, 0] == pytest.approx(-0.7)
    assert peaks[-1, 1] == pytest.approx(0.9)
    assert peaks[1:-1].max() == 0 and peaks[1:-1].min() == 0


def test_stereo_is_mixed_to_mono() -> None:
    stereo = np.array([[1.0, 0.0], [0.0, -1.0]], dtype=np.float32)
    np.testing.assert_allclose(mono_mix(stereo), [0.5, -0.5])
    np.testing.assert_allclose(compute_peaks(stereo, 1), [[-0.5, 0.5]])


def test_fewer_frames_than_buckets_and_empty() -> None:
    peaks = compute_peaks(np.array([0.5, -0.5], dtype=np.float32), 4)
    np.testing.assert_allclose(peaks, [[0.5, 0.5], [0.5, 0.5], [-0.5, -0.5], [-0.5, -0.5]])
    assert compute_peaks(np.zeros((0, 1), dtype=np.float32), 3).tolist() == [[0, 0]] * 3
    with pytest.raises(ValueError):
        compute_peaks(np.zeros(10, dtype=np.float32), 0)


def test_resample_keeps_extremes() -> None:
    rng = np.random.default_rng(1)
    peaks = compute_peaks(rng.standard_normal(50_000).astype(np.float32), 4_000)
    folded = resample_peaks(peaks, 333)
    assert folded.shape == (333, 2)
    assert folded[:, 0].min() == peaks[:, 0].min()
    assert folded[:, 1].max() == peaks[:, 1].max()
    assert resample_peaks(peaks[:3], 6).shape == (6, 2)


def test_one_minute_at_16k_matches_a_plain_reshape() -> None:
    """A minute of 16 kHz in 2,000 buckets (480 frames each): the per-bucket min and max.

    How long it takes is printed by benchmarks/peaks_speed.py, not asserted here.
    """
    samples = np.random.default_rng(0).standard_normal((60 * 16_000, 1)).astype(np.float32)
    peaks = compute_peaks(samples, 2_000)
    buckets = samples[:, 0].reshape(2_000, -1)
    np.testing.assert_array_equal(peaks[:, 0], buckets.min(axis=1))
    np.testing.assert_array_equal(peaks[:, 1], buckets.max(axis=1))
