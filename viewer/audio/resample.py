"""Band-limited resampling with a Kaiser-windowed sinc, in numpy alone (Qt-free).

The one resampler of the app: the voice front end brings clips to 16 kHz with it, and
playback converts a clip once when the output device refuses the clip's own rate.
soundfile cannot resample and the app must not need scipy or librosa.

For rates in a rational ratio ``up/down`` the fractional offsets repeat every ``up`` output
samples, so the filter is tabulated once per phase (polyphase) and each output sample is a dot
product of ``2 * zeros / cutoff`` input samples. The cutoff sits at the lower Nyquist
frequency, so downsampling does not alias and upsampling leaves no images; 16 zero crossings
and beta 8.6 put the stopband near -80 dB (tests/unit/audio/test_resample.py measures it).
"""

from __future__ import annotations

import math

import numpy as np

#: Zero crossings of the windowed sinc on each side, at the lower of the two rates.
ZERO_CROSSINGS = 16
KAISER_BETA = 8.6
#: Output samples computed per block (bounds the tap matrix to a few MB).
_BLOCK = 8192


def resample(wav: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    """``wav`` (shape ``(frames,)``) at ``to_rate`` instead of ``from_rate``, float32.

    The result has ``ceil(frames * to_rate / from_rate)`` samples; the first is at time 0.
    """
    wav = np.asarray(wav, dtype=np.float32)
    if from_rate <= 0 or to_rate <= 0:
        raise ValueError(f"sample rates must be positive, got {from_rate} -> {to_rate}")
    if from_rate == to_rate or wav.size == 0:
        return wav.copy()
    up, down, half, taps, kernel = _design(from_rate, to_rate)
    n_out = math.ceil(len(wav) * up / down)
    padded = np.concatenate((np.zeros(half, np.float32), wav, np.zeros(half + 1, np.float32)))
    if up == 1 or down == 1:
        return _resample_integer(padded, kernel, up, down, n_out)
    return _resample_general(padded, kernel, taps, up, down, n_out, half)


def resample_frames(samples: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    """``samples`` (shape ``(frames, channels)``) resampled channel by channel, C-ordered."""
    samples = np.asarray(samples, dtype=np.float32)
    if samples.ndim != 2:
        raise ValueError("samples must have shape (frames, channels)")
    if from_rate == to_rate or samples.shape[0] == 0:
        return np.ascontiguousarray(samples)
    columns = [resample(samples[:, channel], from_rate, to_rate)
               for channel in range(samples.shape[1])]
    return np.ascontiguousarray(np.stack(columns, axis=1))


def _design(from_rate: int, to_rate: int) -> tuple[int, int, int, np.ndarray, np.ndarray]:
    """``(up, down, half, taps, kernel)``: ``kernel[phase]`` weighs the inputs at
    ``floor(position) + taps``; ``half`` taps each side are the zero padding around a clip."""
    common = math.gcd(from_rate, to_rate)
    up, down = to_rate // common, from_rate // common
    cutoff = min(1.0, to_rate / from_rate)  # of the input Nyquist
    half = math.ceil(ZERO_CROSSINGS / cutoff)  # taps each side, in input samples
    taps = np.arange(-half + 1, half + 1)  # offsets from floor(position)
    phases = np.arange(up) / up  # fractional part of each output's input position
    distance = phases[:, None] - taps[None, :]  # position - input index
    kernel = cutoff * np.sinc(cutoff * distance) * kaiser(distance / (half + 1), KAISER_BETA)
    return up, down, half, taps, kernel.astype(np.float32)


def _resample_general(padded: np.ndarray, kernel: np.ndarray, taps: np.ndarray, up: int,
                      down: int, n_out: int, half: int) -> np.ndarray:
    """Any rational ratio: gather each output's window and take its phase's dot product."""
    out = np.empty(n_out, dtype=np.float32)
    for start in range(0, n_out, _BLOCK):
        index = np.arange(start, min(n_out, start + _BLOCK), dtype=np.int64)
        position = index * down  # in units of 1/up input samples
        base, phase = position // up, position % up
        gather = padded[(base + half)[:, None] + taps[None, :]]
        out[index] = np.einsum("ij,ij->i", gather, kernel[phase])
    return out


def _resample_integer(padded: np.ndarray, kernel: np.ndarray, up: int, down: int,
                      n_out: int) -> np.ndarray:
    """Whole-number ratios (8 -> 16 kHz, 48 -> 16 kHz): each phase is one convolution.

    The same dot products as the general path (output ``j`` reads ``padded[base + 1 + t]``
    with ``base = j * down // up``), computed by ``np.correlate`` in C instead of a gathered
    matrix: several times faster on the 8 kHz recordings some exports hold.
    """
    out = np.empty(n_out, dtype=np.float32)
    for phase in range(up):
        # Outputs j = phase, phase + up, ... ; their base positions step by ``down`` inputs.
        full = np.correlate(padded, kernel[phase], mode="valid")
        # The general path's window for output j starts at padded[base + 1].
        values = full[1::down] if up == 1 else full[1:]
        out[phase::up] = values[:len(out[phase::up])]
    return out


def kaiser(x: np.ndarray, beta: float) -> np.ndarray:
    """Kaiser window at continuous positions ``x`` in -1..1 (0 outside)."""
    inside = np.clip(1.0 - np.square(x), 0.0, None)
    return np.where(np.abs(x) < 1.0, np.i0(beta * np.sqrt(inside)) / np.i0(beta), 0.0)
