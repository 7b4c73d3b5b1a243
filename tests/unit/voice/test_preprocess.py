"""What the speaker encoder is fed: level normalised, long pauses cut, mono 16 kHz."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.voice.preprocess import (
    SAMPLING_RATE,
    normalize_volume,
    preprocess_wav,
    trim_long_silences,
)


def test_normalize_volume_only_amplifies() -> None:
    quiet = np.full(16_000, 0.001, dtype=np.float32)
    louder = normalize_volume(quiet)
    assert 20 * np.log10(np.sqrt(np.mean(louder ** 2))) == pytest.approx(-30, abs=0.01)
    loud = np.full(16_000, 0.5, dtype=np.float32)
    assert np.array_equal(normalize_volume(loud), loud)
    assert np.array_equal(normalize_volume(np.zeros(10, np.float32)), np.zeros(10))


def test_trim_long_silences_cuts_pauses_and_keeps_speech() -> None:
    rng = np.random.default_rng(1)
    burst = (0.1 * rng.standard_normal(8_000)).astype(np.float32)  # 0.5 s of "speech"
    pause = (1e-4 * rng.standard_normal(32_000)).astype(np.float32)  # 2 s of room noise
    wav = np.concatenate([pause, burst, pause, burst, pause])
    trimmed = trim_long_silences(wav)
    # Both bursts kept, each pause cut to the dilation margin (a few 30 ms windows).
    assert 16_000 <= len(trimmed) < 16_000 + 4 * 8 * 480
    assert np.sum(np.abs(trimmed) > 0.05) >= 0.9 * np.sum(np.abs(wav) > 0.05)


def test_trim_long_silences_keeps_a_clip_with_no_speech() -> None:
    hum = (1e-4 * np.random.default_rng(2).standard_normal(16_000)).astype(np.float32)
    assert len(trim_long_silences(hum)) > 0
    assert len(trim_long_silences(np.zeros(16_000, np.float32))) == 16_000


def test_preprocess_accepts_stereo_and_integers() -> None:
    rng = np.random.default_rng(3)
    stereo = (2_000 * rng.standard_normal((22_050, 2))).astype(np.int16)
    wav = preprocess_wav(stereo, 22_050)
    assert wav.dtype == np.float32 and wav.ndim == 1
    assert abs(len(wav) - SAMPLING_RATE) <= 480
