"""Audio facts from real encoded files, read from archive member streams."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.archives import write_zip
from tests.helpers.audio import audio_bytes, ffmpeg_bytes, wav_bytes
from viewer.archive import open_export
from viewer.audio.probe import AudioProbeError, probe_audio


@pytest.mark.parametrize(("name", "data", "rate", "codec_part"), [
    ("a.wav", wav_bytes(1.25, 16_000), 16_000, "WAV PCM 16-bit"),
    ("b.flac", audio_bytes(1.25, 22_050, format="FLAC"), 22_050, "FLAC"),
    ("c.ogg", audio_bytes(1.25, 16_000, format="OGG", subtype="VORBIS"), 16_000, "Vorbis"),
    ("d.opus", audio_bytes(1.25, format="OGG", subtype="OPUS"), 48_000, "Opus"),
    ("e.mp3", audio_bytes(1.25, 16_000, format="MP3"), 16_000, "MPEG"),
    ("audioclip1.mp4", ffmpeg_bytes("mp4", seconds=1.25), 16_000, "AAC LC in MP4"),
    ("f.m4a", ffmpeg_bytes("m4a", seconds=1.25), 16_000, "AAC LC in M4A"),
    ("AUD-20240101-WA0001.aac", ffmpeg_bytes("aac", seconds=1.25), 16_000, "AAC LC in ADTS"),
    ("g.3gp", ffmpeg_bytes("3gp", seconds=1.25), 8_000, "AMR-NB in 3GP"),
    ("h.webm", ffmpeg_bytes("webm", seconds=1.25), 48_000, "Opus in WebM"),
])
def test_real_formats_from_a_zip_member(tmp_path: Path, name: str, data: bytes, rate: int,
                                        codec_part: str) -> None:
    source = write_zip(tmp_path / "e.zip", {f"audio/{name}": data})
    with open_export(source) as export, export.open_member(f"audio/{name}") as stream:
        info = probe_audio(stream, name)  # type: ignore[arg-type]
    assert info.sample_rate == rate
    assert info.channels == 1
    assert codec_part.lower() in info.codec.lower()
    # MP3 and Opus pad their frames, AAC adds its encoder delay and fills its last frame: a
    # few tens of milliseconds is the codec.
    assert info.duration_s == pytest.approx(1.25, abs=0.1)
    assert info.frames == pytest.approx(info.duration_s * rate, abs=1)


def test_wav_fast_path_matches_soundfile(tmp_path: Path) -> None:
    import soundfile

    data = wav_bytes(0.731, 8_000)
    path = tmp_path / "x.wav"
    path.write_bytes(data)
    with open(path, "rb") as stream:
        info = probe_audio(stream, "x.wav")
    assert info.frames == soundfile.info(str(path)).frames
    assert info.duration_s == pytest.approx(0.731, abs=1e-3)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("broken.wav", b"RIFF\x00\x00\x00\x00WAVEjunk", "cannot be decoded"),
    ("clip.m4a", b"\x00\x00\x00\x20ftypM4A " + bytes(64), "cannot be decoded"),
    ("noise.ogg", bytes(500), "cannot be decoded"),
])
def test_undecodable_audio_says_why(tmp_path: Path, name: str, data: bytes,
                                    message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with open(path, "rb") as stream, pytest.raises(AudioProbeError, match=message):
        probe_audio(stream, name)
