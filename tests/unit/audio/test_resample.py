"""The one resampler (Kaiser-windowed sinc): tones keep their level, nothing folds or images.

Levels are measured by fitting the expected tone (least squares) and taking what is left:
whatever a resampler adds, alias or image, is in that residual.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from viewer.audio import resample as module
from viewer.audio.resample import resample, resample_frames

VOICE_RATE = 16_000
#: Away from the zero-padded edges.
MIDDLE = slice(2_000, -2_000)


def tone(frequency: float, rate: int, seconds: float = 1.0) -> np.ndarray:
    return np.sin(2 * np.pi * frequency * np.arange(round(rate * seconds)) / rate).astype(
        np.float32)


def fit_db(samples: np.ndarray, rate: int, frequency: float) -> tuple[float, float]:
    """``(gain, residual)`` in dB relative to a full-scale sine: the tone at ``frequency``
    in ``samples`` (middle part) and what is left besides it."""
    times = np.arange(len(samples))[MIDDLE] / rate
    basis = np.stack([np.sin(2 * np.pi * frequency * times),
                      np.cos(2 * np.pi * frequency * times)], axis=1)
    middle = samples[MIDDLE].astype(np.float64)
    coefficients, *_ = np.linalg.lstsq(basis, middle, rcond=None)
    rest = middle - basis @ coefficients
    full_scale_rms = math.sqrt(0.5)
    return (20 * math.log10(float(np.hypot(*coefficients))),
            20 * math.log10(float(np.sqrt(np.mean(rest ** 2))) / full_scale_rms + 1e-12))


def level_db(samples: np.ndarray) -> float:
    rms = float(np.sqrt(np.mean(samples[MIDDLE].astype(np.float64) ** 2)))
    return 20 * math.log10(rms / math.sqrt(0.5) + 1e-12)


def test_resample_keeps_a_tone_and_the_duration() -> None:
    for rate in (8_000, 22_050, 44_100, 48_000):
        seconds = np.arange(rate) / rate
        signal = np.sin(2 * np.pi * 440 * seconds).astype(np.float32)
        out = resample(signal, rate, VOICE_RATE)
        assert len(out) == VOICE_RATE
        expected = np.sin(2 * np.pi * 440 * np.arange(VOICE_RATE) / VOICE_RATE)
        middle = slice(1_000, -1_000)  # away from the zero-padded edges
        assert np.max(np.abs(out[middle] - expected[middle])) < 2e-3


def test_resample_removes_what_cannot_be_represented() -> None:
    rate = 48_000
    seconds = np.arange(rate) / rate
    above_nyquist = np.sin(2 * np.pi * 12_000 * seconds).astype(np.float32)
    out = resample(above_nyquist, rate, VOICE_RATE)[1_000:-1_000]
    assert np.sqrt(np.mean(out ** 2)) < 1e-3  # 12 kHz would alias to 4 kHz at 16 kHz


@pytest.mark.parametrize("source_rate", [44_100, 48_000])
def test_down_to_16k_a_6k_tone_passes_and_a_10k_tone_leaves_no_alias(source_rate: int) -> None:
    """10 kHz cannot exist at 16 kHz; kept, it would fold to 6 kHz, right onto speech."""
    gain, residual = fit_db(resample(tone(6_000, source_rate), source_rate, VOICE_RATE),
                            VOICE_RATE, 6_000)
    assert abs(gain) < 0.1
    assert residual < -60
    assert level_db(resample(tone(10_000, source_rate), source_rate, VOICE_RATE)) < -60


@pytest.mark.parametrize(("source_rate", "target_rate"),
                         [(16_000, 48_000), (16_000, 44_100), (22_050, 48_000),
                          (44_100, 48_000), (48_000, 44_100)])
def test_up_and_sideways_a_6k_tone_gains_no_images(source_rate: int, target_rate: int) -> None:
    """Linear interpolation from 16 to 48 kHz leaves the 6 kHz tone's image at 10 kHz only
    ~11 dB down (audible as a second, inharmonic tone); the sinc filters it out."""
    out = resample(tone(6_000, source_rate), source_rate, target_rate)
    assert len(out) == target_rate
    gain, residual = fit_db(out, target_rate, 6_000)
    assert abs(gain) < 0.1
    assert residual < -60


def test_frames_are_resampled_channel_by_channel() -> None:
    left, right = tone(440, 22_050), tone(1_000, 22_050)
    stereo = np.stack([left, right], axis=1)
    out = resample_frames(stereo, 22_050, 48_000)
    assert out.shape == (48_000, 2) and out.dtype == np.float32 and out.flags.c_contiguous
    np.testing.assert_array_equal(out[:, 0], resample(left, 22_050, 48_000))
    np.testing.assert_array_equal(out[:, 1], resample(right, 22_050, 48_000))
    np.testing.assert_array_equal(resample_frames(stereo, 22_050, 22_050), stereo)
    assert resample_frames(np.zeros((0, 2), np.float32), 8_000, 48_000).shape == (0, 2)
    with pytest.raises(ValueError):
        resample_frames(left, 22_050, 48_000)


def test_rates_must_be_positive() -> None:
    with pytest.raises(ValueError):
        resample(tone(440, 8_000), 0, 16_000)


@pytest.mark.parametrize(("from_rate", "to_rate"), [(8000, 16000), (48000, 16000), (32000, 16000)])
def test_whole_number_resampling_matches_the_general_path(from_rate: int, to_rate: int) -> None:
    wav = np.random.default_rng(3).normal(size=from_rate * 2).astype(np.float32)
    fast = module.resample(wav, from_rate, to_rate)
    common = math.gcd(from_rate, to_rate)
    up, down = to_rate // common, from_rate // common
    cutoff = min(1.0, to_rate / from_rate)
    half = math.ceil(module.ZERO_CROSSINGS / cutoff)
    taps = np.arange(-half + 1, half + 1)
    distance = (np.arange(up) / up)[:, None] - taps[None, :]
    kernel = (cutoff * np.sinc(cutoff * distance) * module.kaiser(
        distance / (half + 1), module.KAISER_BETA)).astype(np.float32)
    padded = np.concatenate((np.zeros(half, np.float32), wav, np.zeros(half + 1, np.float32)))
    general = module._resample_general(padded, kernel, taps, up, down, len(fast), half)
    assert np.abs(fast - general).max() < 1e-5
