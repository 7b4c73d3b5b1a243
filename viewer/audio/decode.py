"""Decode an audio member into float32 samples for playback and the waveform (Qt-free).

WAV, FLAC, Ogg Vorbis/Opus and MP3 go through soundfile (libsndfile: the fastest here); what
it cannot read (AAC in MP4/M4A and ADTS, AMR/3GP, WebM, WMA ...) through FFmpeg
(``viewer.audio.ffmpeg``). The member is decoded from memory when it is small
(``READ_WHOLE_BYTES``), else from the member stream, so nothing is written to disk. Clips
longer than ``MAX_DECODE_SECONDS``, or of more than ``MAX_DECODED_SAMPLES`` samples, are
refused: a voice assistant clip is seconds long, and a two-hour file decoded to float32 would
take gigabytes of memory for a waveform nobody asked for.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

from viewer.archive.errors import MemberError
from viewer.audio import ffmpeg

if TYPE_CHECKING:
    from viewer.archive import Export

log = logging.getLogger("viewer.audio")

#: Longest clip decoded for playback. 30 minutes of 48 kHz stereo is ~700 MB of float32.
MAX_DECODE_SECONDS = 30 * 60

#: Most samples (frames x channels) decoded from one clip, whatever its rate and channel
#: count claim: 30 minutes of 48 kHz stereo, 660 MiB of float32.
MAX_DECODED_SAMPLES = MAX_DECODE_SECONDS * 48_000 * 2

#: Members up to this size are read whole and decoded from memory: libsndfile reads a stream in
#: many small pieces, each a call back into Python through the archive layer (measured on the
#: 1,700 clips of ~80 KB in the benchmark's nested ZIP: 0.6-0.9 s instead of 1.0-1.15 s).
#: Larger members are streamed, so memory stays bounded.
READ_WHOLE_BYTES = 8 * 1024 * 1024

class AudioDecodeError(Exception):
    """The audio cannot be decoded. ``str(error)`` is the message to show a person."""


@dataclass(frozen=True, slots=True, eq=False)
class DecodedAudio:
    """Decoded samples: float32, shape ``(frames, channels)``, values in -1..1."""

    samples: np.ndarray
    sample_rate: int

    @property
    def frames(self) -> int:
        return int(self.samples.shape[0])

    @property
    def channels(self) -> int:
        return int(self.samples.shape[1])

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate if self.sample_rate else 0.0


def decode_member(export: Export, path: str, *,
                  max_seconds: float = MAX_DECODE_SECONDS) -> DecodedAudio:
    """Decode member ``path`` of ``export``. Raises only AudioDecodeError."""
    try:
        if export.member(path).size <= READ_WHOLE_BYTES:
            content = export.read_member(path, max_bytes=READ_WHOLE_BYTES)
            return decode_stream(io.BytesIO(content), path, max_seconds=max_seconds)
        with export.open_member(path) as stream:
            return decode_stream(stream, path, max_seconds=max_seconds)  # type: ignore[arg-type]
    except MemberError as error:
        raise AudioDecodeError(f"The recording cannot be read: {error.reason}.") from error


def decode_file(path: Path, *, max_seconds: float = MAX_DECODE_SECONDS) -> DecodedAudio:
    """Decode a file of the user's own (a voice sample), in any format ``decode_stream``
    reads. Raises only AudioDecodeError."""
    try:
        with open(path, "rb") as stream:
            return decode_stream(stream, path.name, max_seconds=max_seconds)
    except OSError as error:
        raise AudioDecodeError(f"The file cannot be read: {error.strerror or error}.") from error


def decode_stream(stream: BinaryIO, name: str, *,
                  max_seconds: float = MAX_DECODE_SECONDS) -> DecodedAudio:
    """Decode a seekable binary stream; ``name`` only improves the error messages."""
    try:
        head = stream.read(12)
        stream.seek(0)
    except MemberError as error:
        raise AudioDecodeError(f"The recording cannot be read: {error.reason}.") from error
    if not ffmpeg.needs_ffmpeg(head):
        try:
            return _decode_with_soundfile(stream, name, max_seconds)
        except _SoundfileCannot:
            stream.seek(0)  # not a format libsndfile reads (or damaged): FFmpeg's turn
    try:
        samples, rate = ffmpeg.decode(stream, name, max_seconds=max_seconds,
                                      max_samples=MAX_DECODED_SAMPLES)
    except ffmpeg.AudioTooLong as error:
        raise AudioDecodeError(_too_long(error.seconds, max_seconds)) from error
    except ffmpeg.FFmpegAudioError as error:
        log.debug("decoding %s failed", name, exc_info=True)
        raise AudioDecodeError(f"{error}.") from error
    # Lossy decoders overshoot full scale a little; playback expects -1..1.
    np.clip(samples, -1.0, 1.0, out=samples)
    return _finish(samples, rate)


class _SoundfileCannot(Exception):
    """libsndfile does not read this stream; FFmpeg may."""


def _decode_with_soundfile(stream: BinaryIO, name: str, max_seconds: float) -> DecodedAudio:
    import soundfile  # deferred: libsndfile loads on first use, not at app start

    try:
        with soundfile.SoundFile(stream) as sound:
            rate = int(sound.samplerate)
            if rate <= 0:
                raise AudioDecodeError("The recording has no valid sample rate.")
            channels = max(1, int(sound.channels))
            limit = min(int(max_seconds * rate), MAX_DECODED_SAMPLES // channels)
            if sound.frames > limit:
                raise AudioDecodeError(_too_long(sound.frames / rate, max_seconds))
            # Some containers report no length up front: read at most one frame past the
            # limit, so a lying header cannot make us decode without bound.
            samples = sound.read(frames=limit + 1, dtype="float32", always_2d=True)
    except AudioDecodeError:
        raise
    except MemberError as error:
        raise AudioDecodeError(f"The recording cannot be read: {error.reason}.") from error
    except MemoryError as error:
        raise AudioDecodeError("The recording is too large to decode in memory.") from error
    except (RuntimeError, TypeError, ValueError, OSError, EOFError) as error:
        # soundfile.LibsndfileError is a RuntimeError.
        log.debug("libsndfile cannot decode %s: %s", name, _short(error))
        raise _SoundfileCannot from error
    if samples.shape[0] > limit:
        raise AudioDecodeError(_too_long(samples.shape[0] / rate, max_seconds))
    return _finish(samples, rate)


def _finish(samples: np.ndarray, rate: int) -> DecodedAudio:
    if samples.shape[1] == 0:
        raise AudioDecodeError("The recording has no audio channels.")
    # A clean, owned, contiguous array: playback slices it from the audio thread.
    samples = np.ascontiguousarray(samples, dtype=np.float32)
    np.nan_to_num(samples, copy=False, nan=0.0, posinf=1.0, neginf=-1.0)
    return DecodedAudio(samples, rate)


def _too_long(seconds: float | None, max_seconds: float) -> str:
    if seconds is None:  # the file did not say, or understated, how long it is
        return (f"The recording is longer than {_minutes(max_seconds)}, or holds more samples "
                "than that at 48 kHz stereo; such recordings are not decoded for playback, "
                "to keep memory use low.")
    return (f"The recording is {_minutes(seconds)} long; recordings longer than "
            f"{_minutes(max_seconds)} are not decoded for playback, to keep memory use low.")


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    return f"{minutes:.0f} minutes" if minutes >= 2 else f"{seconds:.0f} seconds"


def _short(error: BaseException) -> str:
    # LibsndfileError's str() names the stream object ("Error opening <...MemberStream
    # object at 0x...>: ..."); its error_string is libsndfile's own message.
    text = str(getattr(error, "error_string", "") or error).strip() or type(error).__name__
    text = text.rstrip(".")
    return text if len(text) <= 160 else text[:157] + "…"
