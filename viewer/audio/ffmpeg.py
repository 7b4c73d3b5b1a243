"""FFmpeg (PyAV) for the audio libsndfile cannot read: AAC in MP4/M4A and ADTS, AMR and 3GP,
WebM, WMA, and whatever else FFmpeg decodes (Qt-free).

Messenger voice clips are AAC in MP4, iOS voice notes M4A, Android ones ADTS AAC, AMR or 3GP
(``../shared/FORMATS.md``). PyAV's wheels bundle FFmpeg's libraries (LGPL), so nothing else
has to be installed. FFmpeg reads the member stream through Python callbacks: nothing is
extracted to disk.

A hostile "audio" file is met three ways:

- Only audio demuxers are allowed (``DEMUXERS``), and only audio decoders are opened.
  FFmpeg's playlist demuxers (HLS, concat, SDP) would otherwise open other files or network
  addresses named inside the file.
- Decoding stops at a caller's limit on frames and on samples (frames x channels), checked
  per decoded frame, so a tiny file of silent AAC packets cannot inflate to gigabytes.
- Packets, and packets that fail to decode, are counted; past ``MAX_PACKETS`` /
  ``MAX_BAD_PACKETS`` the file is given up as damaged.

Every failure here is an ``FFmpegAudioError`` whose message is for a person;
``AudioTooLong`` says a limit was reached.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterator

log = logging.getLogger("viewer.audio")

#: Demuxers FFmpeg may pick for a member: audio files and the containers voice notes come
#: in. Names as FFmpeg spells them ("mov" is MP4/M4A/3GP, "aac" is ADTS, "asf" is WMA).
DEMUXERS = (
    "mov", "aac", "loas", "amr", "amrnb", "amrwb", "matroska", "webm", "ogg", "asf", "mp3",
    "wav", "w64", "flac", "aiff", "caf", "au", "ac3", "eac3", "dts", "wv", "ape", "tta",
    "mpc", "mpc8", "gsm", "voc", "rm", "xwma",
)

#: Formats whose duration FFmpeg only estimates from the bit rate: ``probe`` walks their
#: packets instead, up to ``WALK_PACKETS`` (35 minutes of 48 kHz AAC), else keeps the estimate.
_RAW_FORMATS = frozenset({"aac", "loas", "amr", "amrnb", "amrwb", "mp3", "ac3", "eac3", "dts",
                          "gsm"})
WALK_PACKETS = 100_000

#: Packets read from one file at most (a 30-minute AAC file at 48 kHz has ~85,000), and
#: packets that may fail to decode before the file is given up as damaged.
MAX_PACKETS = 2_000_000
MAX_BAD_PACKETS = 200

#: Suffixes that mean a format only FFmpeg reads here, for messages when PyAV is missing.
FORMAT_LABELS = {
    "m4a": "AAC in MP4 (m4a)", "mp4": "AAC in MP4", "aac": "AAC", "amr": "AMR", "3gp": "3GP",
    "3g2": "3GP", "wma": "WMA", "webm": "WebM", "mka": "Matroska", "caf": "CAF",
}

_CODEC_NAMES = {
    "aac": "AAC", "aac_latm": "AAC (LATM)", "amrnb": "AMR-NB", "amrwb": "AMR-WB",
    "opus": "Opus", "vorbis": "Vorbis", "mp3": "MP3", "mp3float": "MP3", "mp2": "MP2",
    "wmav1": "WMA 1", "wmav2": "WMA 2", "wmapro": "WMA Pro", "wmavoice": "WMA Voice",
    "wmalossless": "WMA Lossless", "alac": "ALAC", "flac": "FLAC", "ac3": "AC-3",
    "eac3": "E-AC-3", "gsm": "GSM", "gsm_ms": "GSM", "speex": "Speex", "qcelp": "QCELP",
    "evrc": "EVRC",
}


class FFmpegAudioError(Exception):
    """FFmpeg cannot read or decode the audio; ``str(error)`` is the message for a person.

    ``detail`` is FFmpeg's own reason when the file is damaged or in no format it reads.
    """

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail


class AudioTooLong(Exception):
    """Decoding reached a limit. ``seconds``: the length the file declares, when it does."""

    def __init__(self, seconds: float | None) -> None:
        super().__init__(seconds)
        self.seconds = seconds


@dataclass(frozen=True, slots=True)
class StreamFacts:
    duration_s: float
    sample_rate: int
    channels: int
    codec: str


def needs_ffmpeg(head: bytes) -> bool:
    """Whether the first bytes announce a format libsndfile does not read, so that trying
    soundfile first would only cost time: MP4/M4A/3GP, ADTS AAC, AMR, WebM/Matroska, ASF."""
    if head[4:8] == b"ftyp" or head.startswith((b"#!AMR", b"\x1a\x45\xdf\xa3")):
        return True
    if head.startswith(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"):  # the ASF header GUID
        return True
    # ADTS: a 12-bit sync word and layer 0; MPEG audio (MP3) has the same sync, layer != 0.
    return len(head) >= 2 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0


def unavailable_message(name: str) -> str | None:
    """What to say about ``name`` when PyAV cannot be imported; None for other suffixes."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    label = FORMAT_LABELS.get(suffix)
    if label is None:
        return None
    return f"{label} audio cannot be decoded: PyAV (the av package) is not installed"


def probe(stream: BinaryIO, name: str) -> StreamFacts:
    """Duration, rate, channels and codec of the first audio stream, without decoding.

    Containers with an index (MP4, WebM, ASF) state the duration; raw streams (ADTS AAC,
    AMR, MP3) only let FFmpeg estimate it from the bit rate, so their packets are walked
    (read, not decoded: milliseconds for a voice note).
    """
    av = _av(name)
    reader = _Reader(stream)
    try:
        with _open(av, reader) as container:
            audio, rate, channels = _audio_stream(container, name)
            duration = _declared_seconds(container, audio)
            if duration is None or container.format.name in _RAW_FORMATS:
                walked = _walk_packets(container, audio)
                duration = walked if walked is not None else duration
            codec = _codec_label(container, audio, name)
    except FFmpegAudioError as error:
        raise reader.failure() or error from None
    except Exception as error:
        raise reader.failure() or _failure(error) from error
    if failure := reader.failure():
        raise failure
    return StreamFacts(duration or 0.0, rate, channels, codec)


def decode(stream: BinaryIO, name: str, *, max_seconds: float,
           max_samples: int) -> tuple[np.ndarray, int]:
    """Float32 samples ``(frames, channels)`` and their rate; at most ``max_seconds`` and
    ``max_samples`` (frames x channels) are decoded, else ``AudioTooLong``."""
    av = _av(name)
    reader = _Reader(stream)
    try:
        with _open(av, reader) as container:
            audio, rate, channels = _audio_stream(container, name)
            limit = min(int(max_seconds * rate), max_samples // channels)
            declared = _declared_seconds(container, audio)
            if declared is not None and declared * rate > limit + rate:
                raise AudioTooLong(declared)  # refused before any decoding (a second's slack)
            buffer = _Buffer(channels, limit)
            converter = _Converter(av, audio.codec_context.layout, rate)
            for frame in _frames(container, audio):
                for chunk in converter.convert(frame):
                    buffer.append(chunk)
            for chunk in converter.convert(None):
                buffer.append(chunk)
    except AudioTooLong:
        raise
    except FFmpegAudioError as error:
        raise reader.failure() or error from None
    except Exception as error:
        raise reader.failure() or _failure(error) from error
    if failure := reader.failure():
        raise failure  # FFmpeg took the stream's error for the end of the file
    return buffer.result(), rate


# -- opening --------------------------------------------------------------------------------

def _av(name: str) -> Any:
    try:
        import av  # deferred: FFmpeg's libraries load on first use, not at app start
    except ImportError as error:
        message = unavailable_message(name) or (
            "The file is in a format that needs FFmpeg, and PyAV (the av package) "
            "is not installed")
        raise FFmpegAudioError(message) from error
    return av


@cache
def _options() -> dict[str, str]:
    import av

    decoders = []
    for codec_name in sorted(av.codecs_available):
        try:
            if av.codec.Codec(codec_name, "r").type == "audio":
                decoders.append(codec_name)
        except Exception:  # an encoder-only name
            continue
    return {
        "format_whitelist": ",".join(DEMUXERS),
        "codec_whitelist": ",".join(decoders),
        # Nothing may be opened besides the stream given (custom I/O needs no protocol).
        "protocol_whitelist": "none",
    }


def _open(av: Any, stream: _Reader) -> Any:
    stream.seek(0)
    try:
        return av.open(stream, "r", options=_options(), metadata_errors="replace")
    except av.error.ArgumentError as error:
        # What FFmpeg recognised is not on DEMUXERS (a playlist, an image, a video format).
        raise _damaged("it is not a kind of audio file this app opens") from error


class _Reader:
    """The stream as FFmpeg reads it. The first error the stream raises (a member failing its
    CRC check, say) is kept and FFmpeg sees the end of the file instead: an exception raised
    into PyAV's callbacks would only be printed, and the audio would end early as if whole."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.error: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        if self.error is not None:
            return b""
        try:
            return self._stream.read(size)
        except Exception as error:
            self.error = error
            return b""

    def seek(self, offset: int, whence: int = 0) -> int:
        if self.error is None:
            try:
                return self._stream.seek(offset, whence)
            except Exception as error:
                self.error = error
        return self._stream.tell()  # unmoved; reads now end the file

    def tell(self) -> int:
        return self._stream.tell()

    def seekable(self) -> bool:
        seekable = getattr(self._stream, "seekable", None)
        return bool(seekable()) if seekable is not None else True

    def failure(self) -> FFmpegAudioError | None:
        if self.error is None:
            return None
        reason = getattr(self.error, "reason", None)  # a MemberError's, for a person
        if isinstance(reason, str):
            return FFmpegAudioError(f"The recording cannot be read: {reason}")
        return _damaged(_short(self.error))


def _audio_stream(container: Any, name: str) -> tuple[Any, int, int]:
    """The first audio stream, its rate and channel count; refuses what FFmpeg can read but
    not decode."""
    if not container.streams.audio:
        raise FFmpegAudioError(
            f"The file holds no audio ({_format_label(container, name)} without an audio track)")
    audio = container.streams.audio[0]
    context = audio.codec_context  # None when this FFmpeg has no decoder for the codec
    if context is None or not _has_decoder(context):
        raise FFmpegAudioError(
            f"The audio in this {_format_label(container, name)} file is in a codec that "
            "cannot be decoded by this app (FFmpeg has no decoder for it)")
    rate = int(context.sample_rate or 0)
    channels = int(context.layout.nb_channels or 0)  # what the resampler puts out
    if rate <= 0:
        raise FFmpegAudioError("The recording has no valid sample rate")
    if channels <= 0:
        raise FFmpegAudioError("The recording has no audio channels")
    return audio, rate, channels


def _has_decoder(context: Any) -> bool:
    try:
        return bool(context.codec.name) and bool(context.codec.is_decoder)
    except Exception:
        return False


def _declared_seconds(container: Any, audio: Any) -> float | None:
    if audio.duration and audio.time_base:
        return float(audio.duration * audio.time_base)
    if container.duration:
        return container.duration / 1_000_000  # AV_TIME_BASE
    return None


def _walk_packets(container: Any, audio: Any) -> float | None:
    total = 0
    for count, packet in enumerate(container.demux(audio), 1):
        if count > WALK_PACKETS:
            return None
        if packet.duration:
            total += packet.duration
    return float(total * audio.time_base) if total and audio.time_base else None


# -- decoding -------------------------------------------------------------------------------


def _frames(container: Any, audio: Any) -> Iterator[Any]:
    """Decoded frames, skipping packets that fail to decode (a voice note with one bad
    packet still plays); a file cut off mid-packet ends there."""
    packets = bad = decoded = 0
    demuxed = container.demux(audio)
    while True:
        try:
            packet = next(demuxed)
        except StopIteration:
            break
        except Exception as error:  # a cut-off or damaged container
            if not decoded:
                raise
            log.debug("reading stopped after %d packets: %s", packets, error)
            break
        packets += 1
        if packets > MAX_PACKETS:
            raise _damaged(f"more than {MAX_PACKETS:,} packets")
        try:
            frames = audio.decode(packet)
        except Exception as error:
            bad += 1
            if bad > MAX_BAD_PACKETS:
                raise _damaged(f"{bad} parts of it fail to decode: {_short(error)}") from error
            continue
        decoded += len(frames)
        yield from frames
    try:
        yield from audio.decode(None)  # what the decoder still holds
    except Exception:
        log.debug("flushing the decoder failed", exc_info=True)
    if not decoded and bad:
        raise _damaged("none of its audio could be decoded")


class _Converter:
    """Frames in any sample format, layout and rate to float32 ``(frames, channels)`` at the
    stream's rate and layout. Decoders may change format mid-stream (HE-AAC reports its
    doubled rate only once it has seen SBR data): a new resampler takes over then."""

    def __init__(self, av: Any, layout: Any, rate: int) -> None:
        self._av, self._layout, self._rate = av, layout, rate
        self._resampler: Any = None
        self._source: tuple[str, str, int] | None = None

    def convert(self, frame: Any) -> Iterator[np.ndarray]:
        if frame is None:
            if self._resampler is not None:
                yield from self._arrays(self._resampler.resample(None))
            return
        source = (frame.format.name, frame.layout.name, frame.sample_rate)
        if source != self._source:
            if self._resampler is not None:
                yield from self._arrays(self._resampler.resample(None))
            self._resampler = self._av.AudioResampler(format="flt", layout=self._layout,
                                                      rate=self._rate)
            self._source = source
        yield from self._arrays(self._resampler.resample(frame))

    def _arrays(self, frames: list[Any]) -> Iterator[np.ndarray]:
        channels = self._layout.nb_channels
        for frame in frames:
            # Packed float32: one row of interleaved samples.
            yield frame.to_ndarray().reshape(-1, channels)


class _Buffer:
    """Decoded samples, grown in place (``ndarray.resize`` reallocates, which for a large
    block remaps its pages instead of copying), so the peak is the result, not twice it."""

    def __init__(self, channels: int, limit: int) -> None:
        self.limit = limit
        self._filled = 0
        self._data = np.empty((min(limit + 1, 16_384), channels), dtype=np.float32)

    def append(self, chunk: np.ndarray) -> None:
        end = self._filled + chunk.shape[0]
        if end > self.limit:
            raise AudioTooLong(None)  # the header understated the length, or has none
        if end > self._data.shape[0]:
            size = min(self.limit + 1, max(end, 2 * self._data.shape[0]))
            self._data.resize((size, self._data.shape[1]), refcheck=False)
        self._data[self._filled:end] = chunk
        self._filled = end

    def result(self) -> np.ndarray:
        self._data.resize((self._filled, self._data.shape[1]), refcheck=False)
        return self._data


# -- messages -------------------------------------------------------------------------------


def _failure(error: BaseException) -> FFmpegAudioError:
    """Any error while FFmpeg reads a member is about that member (hostile input may raise
    only FFmpegAudioError); what is not FFmpeg's own is logged in full, in case it is ours."""
    if isinstance(error, MemoryError):
        return FFmpegAudioError("The recording is too large to decode in memory")
    import av

    if isinstance(error, av.FFmpegError | ValueError | EOFError):
        log.debug("FFmpeg failed", exc_info=True)
    else:
        log.warning("decoding with FFmpeg failed unexpectedly", exc_info=True)
    return _damaged(_short(error))


def _damaged(detail: str) -> FFmpegAudioError:
    return FFmpegAudioError(
        f"The file is damaged or in a format this app cannot decode ({detail})", detail)


def _short(error: BaseException) -> str:
    text = getattr(error, "strerror", None) or str(error) or type(error).__name__
    text = str(text).strip().rstrip(".")
    return text if len(text) <= 160 else text[:157] + "…"


def _codec_name(audio: Any) -> str:
    name = audio.codec_context.codec.name
    return _CODEC_NAMES.get(name, name.upper())


def _codec_label(container: Any, audio: Any, name: str) -> str:
    codec = _codec_name(audio)
    profile = audio.codec_context.profile
    if profile and codec.startswith("AAC"):
        codec = f"AAC {profile}" if codec == "AAC" else f"{codec} {profile}"
    return f"{codec} in {_format_label(container, name)}"


def _format_label(container: Any, name: str = "") -> str:
    format_name = container.format.name
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if format_name.startswith("mov,"):
        return suffix.upper() if suffix in ("m4a", "3gp", "3g2", "mov") else "MP4"
    if format_name.startswith("matroska"):
        return "WebM" if suffix == "webm" else "Matroska"
    return {"aac": "ADTS", "loas": "LATM", "asf": "ASF", "ogg": "Ogg", "amr": "AMR",
            "mp3": "MP3", "wav": "WAV", "caf": "CAF", "flac": "FLAC"}.get(
        format_name, format_name.split(",")[0].upper())
