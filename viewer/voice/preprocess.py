"""What the speaker encoder is fed: mono 16 kHz, level-normalised, long pauses cut (Qt-free).

Resemblyzer trims silences with webrtcvad (a C extension) and resamples with librosa; the app
needs neither. ``trim_long_silences`` here is an energy VAD feeding resemblyzer's own smoothing
and dilation, and the resampler the app's one Kaiser-windowed sinc
(``viewer.audio.resample``). They decide the same things in the same spirit (cut pauses longer
than ~0.2 s, keep speech), not sample for sample, so embeddings of raw recordings differ
slightly from resemblyzer's ``preprocess_wav`` + ``embed_utterance``; the network
(``viewer.voice.encoder``) is the same.
"""

from __future__ import annotations

import math

import numpy as np

from viewer.audio.peaks import mono_mix
from viewer.audio.resample import resample

# resemblyzer/hparams.py
SAMPLING_RATE = 16_000
VAD_WINDOW_MS = 30
VAD_MOVING_AVERAGE_WIDTH = 8
VAD_MAX_SILENCE_WINDOWS = 6
NORM_TARGET_DBFS = -30.0


def preprocess_wav(samples: np.ndarray, rate: int, *, min_seconds: float = 0.0) -> np.ndarray:
    """Mono float32 at 16 kHz, normalised up to -30 dBFS, long silences trimmed.

    ``samples``: shape ``(frames,)`` or ``(frames, channels)`` (channels are averaged), any
    float or integer dtype scaled to -1..1. The result is what ``embed_utterance`` expects.
    ``min_seconds`` > 0 loops shorter clips to that length (see ``loop_to_length``); the
    default 0 is resemblyzer's behaviour.
    """
    wav = np.asarray(samples)
    if np.issubdtype(wav.dtype, np.integer):
        wav = wav.astype(np.float32) / float(np.iinfo(wav.dtype).max + 1)
    wav = mono_mix(np.nan_to_num(wav.astype(np.float32, copy=False)))
    if rate != SAMPLING_RATE:
        wav = resample(wav, rate, SAMPLING_RATE)
    wav = normalize_volume(wav, NORM_TARGET_DBFS, increase_only=True)
    wav = trim_long_silences(wav)
    return loop_to_length(wav, min_seconds) if min_seconds > 0 else wav


def loop_to_length(wav: np.ndarray, seconds: float) -> np.ndarray:
    """Repeat a clip shorter than ``seconds`` end to end until it is at least that long.

    Not in resemblyzer, and only used for voice analysis, never for the equivalence tests.
    Resemblyzer zero-pads a clip to fill its last 1.6 s partial, and the LSTM's final state,
    which is the embedding, then reads mostly silence: a one-second "Alexa, stop" embeds far
    from the same speaker's longer commands. Looping fills every partial with speech and gives
    a short clip several partials to average. Measured on espeak-ng commands of 1-2 s: the
    lowest same-voice similarity rose from 0.55-0.65 to 0.66-0.72, other voices unchanged.
    """
    wav = np.asarray(wav, dtype=np.float32)
    target = round(seconds * SAMPLING_RATE)
    if wav.size == 0 or len(wav) >= target:
        return wav
    return np.tile(wav, -(-target // len(wav)))


def normalize_volume(wav: np.ndarray, target_dbfs: float = NORM_TARGET_DBFS, *,
                     increase_only: bool = True) -> np.ndarray:
    """Scale to ``target_dbfs`` RMS, as resemblyzer does (by default it only ever amplifies).

    The encoder was trained on level-normalised speech; quiet far-field recordings otherwise
    embed differently from close ones of the same speaker.
    """
    wav = np.asarray(wav, dtype=np.float32)
    if wav.size == 0:
        return wav
    rms = float(np.sqrt(np.mean(np.square(wav, dtype=np.float64))))
    if rms <= 0.0:
        return wav  # digital silence: nothing to scale (resemblyzer would divide by zero)
    change_db = target_dbfs - 20.0 * math.log10(rms)
    if change_db < 0 and increase_only:
        return wav
    return (wav * np.float32(10.0 ** (change_db / 20.0))).astype(np.float32)


def trim_long_silences(wav: np.ndarray) -> np.ndarray:
    """Shorten pauses to at most ~0.2 s, keeping speech; resemblyzer's trim, energy-based.

    Resemblyzer asks webrtcvad (mode 3) whether each 30 ms window is speech, smooths the flags
    with a moving average of 8 windows, and keeps every window within 3 of a voiced one. The
    app has no webrtcvad, so the per-window decision here is an energy threshold (see
    ``_voiced_windows``); the smoothing and dilation are resemblyzer's, step for step. When no
    window counts as voiced the clip is returned as it is: an empty clip has no embedding,
    and a whispered or far-away command is better judged whole than not at all.
    """
    window = VAD_WINDOW_MS * SAMPLING_RATE // 1000
    wav = np.asarray(wav, dtype=np.float32)
    usable = wav[: len(wav) - len(wav) % window]
    if usable.size == 0:
        return wav
    voiced = _voiced_windows(usable.reshape(-1, window))
    mask = np.round(_moving_average(voiced.astype(np.float64), VAD_MOVING_AVERAGE_WIDTH)) > 0
    mask = _dilate(mask, VAD_MAX_SILENCE_WINDOWS + 1)
    if not mask.any():
        return wav
    return usable[np.repeat(mask, window)]


#: Windows quieter than this are silence whatever the recording (about the level of a quiet
#: room through a phone microphone after normalisation).
VAD_FLOOR_DBFS = -60.0
#: A window is voiced when it is this many dB above the recording's noise floor ...
VAD_ABOVE_NOISE_DB = 12.0
#: ... unless loud and quiet windows differ by less than this: then there is no pause to find
#: (continuous speech, or steady noise) and only the absolute floor applies.
VAD_MIN_CONTRAST_DB = 10.0


def _voiced_windows(windows: np.ndarray) -> np.ndarray:
    """Energy VAD: a window is voiced when it stands clearly above the recording's own floor.

    The noise floor is the 10th percentile of window levels (a voice command is rarely more than
    90 % speech) and the speech level the 90th. A window is voiced above ``VAD_FLOOR_DBFS`` and
    above the lower of floor + 12 dB and the midpoint between floor and speech level: the
    midpoint takes over in noisy clips, where 12 dB would cut quiet syllables. When the two
    differ by less than ``VAD_MIN_CONTRAST_DB`` nothing stands out as a pause, and every window
    above the absolute floor counts: keeping too much only costs a little accuracy, cutting
    speech costs more.
    """
    power = np.mean(np.square(windows, dtype=np.float64), axis=1)
    level = 10.0 * np.log10(power + 1e-12)
    noise, speech = np.percentile(level, [10, 90])
    if speech - noise < VAD_MIN_CONTRAST_DB:
        return level > VAD_FLOOR_DBFS
    threshold = max(VAD_FLOOR_DBFS, min(noise + VAD_ABOVE_NOISE_DB, (noise + speech) / 2))
    return level > threshold


def _moving_average(array: np.ndarray, width: int) -> np.ndarray:
    # resemblyzer/audio.py trim_long_silences.moving_average, verbatim in effect.
    padded = np.concatenate((np.zeros((width - 1) // 2), array, np.zeros(width // 2)))
    total = np.cumsum(padded, dtype=float)
    total[width:] = total[width:] - total[:-width]
    return total[width - 1:] / width


def _dilate(mask: np.ndarray, width: int) -> np.ndarray:
    """scipy.ndimage.binary_dilation with ``np.ones(width)`` (centred, zero border)."""
    counts = np.convolve(mask.astype(np.int32), np.ones(width, dtype=np.int32), mode="full")
    start = (width - 1) - (width - 1) // 2  # scipy centres an even structure one to the left
    return counts[start:start + len(mask)] > 0
