"""Small real audio for tests: tones via numpy + soundfile, speech via espeak-ng."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import soundfile


def tone(seconds: float = 0.5, rate: int = 16_000, frequency: float = 440.0) -> np.ndarray:
    frames = int(seconds * rate)
    return (0.3 * np.sin(2 * np.pi * frequency * np.arange(frames) / rate)).astype(np.float32)


def audio_bytes(seconds: float = 0.5, rate: int = 16_000, *, format: str = "WAV",
                subtype: str | None = None, frequency: float = 440.0) -> bytes:
    """Encoded audio: format "WAV", "FLAC", "OGG" (subtype "VORBIS" or "OPUS"), "MP3"."""
    if format == "OGG" and subtype == "OPUS":
        rate = 48_000  # Opus runs at 48 kHz
    buffer = io.BytesIO()
    soundfile.write(buffer, tone(seconds, rate, frequency), rate, format=format, subtype=subtype)
    return buffer.getvalue()


def wav_bytes(seconds: float = 0.5, rate: int = 16_000, frequency: float = 440.0) -> bytes:
    return audio_bytes(seconds, rate, format="WAV", subtype="PCM_16", frequency=frequency)


def espeak_wav(text: str, voice: str = "en", rate: int = 16_000) -> bytes:
    """Speech from espeak-ng, resampled to ``rate`` mono 16-bit with sox."""
    if not shutil.which("espeak-ng") or not shutil.which("sox"):
        raise RuntimeError("espeak-ng and sox are needed (apt install espeak-ng sox)")
    with tempfile.TemporaryDirectory() as folder:
        raw, out = Path(folder) / "raw.wav", Path(folder) / "out.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True)
        subprocess.run(["sox", str(raw), "-r", str(rate), "-c", "1", "-b", "16", "-D", str(out)],
                       check=True)
        return out.read_bytes()


#: PyAV muxer and encoder for each kind of file made by ``ffmpeg_bytes``: the voice notes
#: libsndfile cannot read (Messenger's AAC in MP4, iOS M4A, Android ADTS AAC and AMR in 3GP).
FFMPEG_KINDS: dict[str, tuple[str, str, int | None]] = {
    # kind: (muxer, encoder, the rate the codec needs or None for the input's)
    "mp4": ("mp4", "aac", None),
    "m4a": ("ipod", "aac", None),
    "aac": ("adts", "aac", None),
    "3gp": ("3gp", "libopencore_amrnb", 8_000),
    "webm": ("webm", "libopus", 48_000),
}


def ffmpeg_bytes(kind: str, samples: np.ndarray | None = None, rate: int = 16_000, *,
                 seconds: float = 0.5, frequency: float = 440.0) -> bytes:
    """``samples`` (mono float32 at ``rate``; default a tone) encoded by PyAV's own FFmpeg as
    ``kind`` (a key of ``FFMPEG_KINDS``), in memory."""
    import av

    muxer, encoder, codec_rate = FFMPEG_KINDS[kind]
    if samples is None:
        samples = tone(seconds, rate, frequency)
    out_rate = codec_rate or rate
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=muxer) as container:
        stream = container.add_stream(encoder, rate=out_rate, layout="mono")
        if encoder == "libopencore_amrnb":
            stream.bit_rate = 12_200
        resampler = av.AudioResampler(format=stream.codec_context.format, layout="mono",
                                      rate=out_rate)
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(samples, dtype=np.float32).reshape(1, -1), format="flt",
            layout="mono")
        frame.sample_rate = rate
        for converted in [*resampler.resample(frame), *resampler.resample(None)]:
            converted.pts = None
            for packet in stream.encode(converted):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


def espeak_ffmpeg(kind: str, text: str, voice: str = "en") -> bytes:
    """Speech from espeak-ng, encoded as ``kind`` (see ``ffmpeg_bytes``)."""
    samples, rate = soundfile.read(io.BytesIO(espeak_wav(text, voice)), dtype="float32")
    return ffmpeg_bytes(kind, samples, rate)
