"""Duration, rate, channels and codec of an audio member, read from its header only.

WAV headers are parsed directly: it is the format of the 2018 case and of most assistant
exports, and a 1,700-file export should be described without loading a codec 1,700 times.
FLAC, Ogg Vorbis/Opus and MP3 go through soundfile (libsndfile); what it cannot read (AAC in
MP4/M4A and ADTS, AMR/3GP, WebM, WMA ...) through FFmpeg (``viewer.audio.ffmpeg``).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO

from viewer.audio import ffmpeg

_WAVE_FORMATS = {1: "PCM", 3: "IEEE float", 6: "A-law", 7: "µ-law", 0xFFFE: "PCM"}


class AudioProbeError(Exception):
    """The audio cannot be read; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class AudioInfo:
    duration_s: float
    sample_rate: int
    channels: int
    codec: str
    frames: int


def probe_audio(stream: BinaryIO, name: str) -> AudioInfo:
    """Read the audio facts of ``stream`` (a seekable member stream named ``name``)."""
    head = stream.read(12)
    if len(head) == 12 and head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        parsed = _probe_wav(stream)
        if parsed is not None:
            return parsed
    stream.seek(0)
    if not ffmpeg.needs_ffmpeg(head):
        try:
            return _probe_with_soundfile(stream)
        except AudioProbeError:
            stream.seek(0)  # not a format libsndfile reads (or damaged): FFmpeg's turn
    try:
        facts = ffmpeg.probe(stream, name)
    except ffmpeg.FFmpegAudioError as error:
        # FFmpeg reads far more than libsndfile: its reason is the one that counts.
        if error.detail is not None:
            raise AudioProbeError(f"the audio cannot be decoded ({error.detail})") from error
        message = str(error)
        raise AudioProbeError(message[:1].lower() + message[1:]) from error
    frames = round(facts.duration_s * facts.sample_rate)
    return AudioInfo(facts.duration_s, facts.sample_rate, facts.channels, facts.codec, frames)


def _probe_wav(stream: BinaryIO) -> AudioInfo | None:
    """Walk the RIFF chunks after the 12-byte header; None when the header is unusual."""
    fmt: tuple[int, int, int, int, int] | None = None
    for _ in range(64):  # a WAV has a handful of chunks; a loop bound stops hostile files
        chunk_header = stream.read(8)
        if len(chunk_header) < 8:
            return None
        chunk_id, size = chunk_header[:4], struct.unpack("<I", chunk_header[4:])[0]
        if chunk_id == b"fmt ":
            body = stream.read(size + (size & 1))
            if len(body) < 16:
                return None
            tag, channels, rate, _byte_rate, block_align, bits = struct.unpack(
                "<HHIIHH", body[:16])
            fmt = (tag, channels, rate, block_align, bits)
        elif chunk_id == b"data":
            if fmt is None or size in (0, 0xFFFFFFFF):
                return None
            tag, channels, rate, block_align, bits = fmt
            if not channels or not rate or not block_align:
                return None
            frames = size // block_align
            codec = f"WAV {_WAVE_FORMATS.get(tag, f'format {tag}')} {bits}-bit"
            return AudioInfo(frames / rate, rate, channels, codec, frames)
        else:
            stream.seek(size + (size & 1), 1)
    return None


def _probe_with_soundfile(stream: BinaryIO) -> AudioInfo:
    import soundfile  # deferred: loading libsndfile costs time the WAV path never needs

    try:
        with soundfile.SoundFile(stream) as sound:
            frames = sound.frames
            rate = sound.samplerate
            codec = f"{sound.format_info} {sound.subtype_info}".strip()
            return AudioInfo(frames / rate if rate else 0.0, rate, sound.channels, codec, frames)
    except (RuntimeError, soundfile.LibsndfileError, TypeError, ValueError) as error:
        raise AudioProbeError(f"the audio cannot be decoded ({error})") from error
