"""Decoding real encoded audio from archive members into float32 samples."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.helpers.archives import write_zip
from tests.helpers.audio import audio_bytes, ffmpeg_bytes, tone, wav_bytes
from viewer.archive import open_export
from viewer.audio.decode import AudioDecodeError, DecodedAudio, decode_member, decode_stream


@pytest.mark.parametrize(("name", "data", "rate"), [
    ("a.wav", wav_bytes(0.75, 16_000), 16_000),
    ("b.flac", audio_bytes(0.75, 22_050, format="FLAC"), 22_050),
    ("c.ogg", audio_bytes(0.75, 16_000, format="OGG", subtype="VORBIS"), 16_000),
    ("d.opus", audio_bytes(0.75, format="OGG", subtype="OPUS"), 48_000),
    ("e.mp3", audio_bytes(0.75, 16_000, format="MP3"), 16_000),
    # What libsndfile cannot read goes through FFmpeg: Messenger's AAC in MP4, iOS M4A,
    # Android ADTS AAC and AMR-NB in 3GP, Opus in WebM.
    ("audioclip1.mp4", ffmpeg_bytes("mp4", seconds=0.75), 16_000),
    ("f.m4a", ffmpeg_bytes("m4a", seconds=0.75, rate=22_050), 22_050),
    ("AUD-20240101-WA0001.aac", ffmpeg_bytes("aac", seconds=0.75), 16_000),
    ("g.3gp", ffmpeg_bytes("3gp", seconds=0.75), 8_000),
    ("h.webm", ffmpeg_bytes("webm", seconds=0.75), 48_000),
])
def test_real_formats_decode_from_a_zip_member(tmp_path: Path, name: str, data: bytes,
                                               rate: int) -> None:
    source = write_zip(tmp_path / "e.zip", {f"audio/{name}": data})
    with open_export(source) as export:
        audio = decode_member(export, f"audio/{name}")
    assert isinstance(audio, DecodedAudio)
    assert audio.sample_rate == rate
    assert audio.samples.dtype == np.float32
    assert audio.samples.shape[1] == 1 and audio.channels == 1
    # MP3 and Opus pad their frames; AAC adds an encoder delay of 1,024 samples and fills its
    # last frame.
    aac = name.endswith((".mp4", ".m4a", ".aac"))
    assert audio.duration_s == pytest.approx(0.75, abs=0.14 if aac else 0.08)
    # The 0.3-amplitude tone survives every codec.
    assert 0.2 < float(np.abs(audio.samples).max()) < 0.45


def test_wav_samples_are_exact(tmp_path: Path) -> None:
    source = write_zip(tmp_path / "e.zip", {"x.wav": wav_bytes(0.5, 8_000)})
    with open_export(source) as export:
        audio = decode_member(export, "x.wav")
    expected = tone(0.5, 8_000)
    assert audio.frames == expected.shape[0]
    np.testing.assert_allclose(audio.samples[:, 0], expected, atol=1 / 32_000)


def test_stereo_keeps_its_channels() -> None:
    buffer = io.BytesIO()
    stereo = np.stack([tone(0.2), -tone(0.2)], axis=1)
    soundfile.write(buffer, stereo, 16_000, format="WAV", subtype="FLOAT")
    buffer.seek(0)
    audio = decode_stream(buffer, "s.wav")
    assert audio.samples.shape == (3_200, 2)
    np.testing.assert_allclose(audio.samples, stereo, atol=1e-6)


def test_long_clips_are_refused_with_a_clear_message() -> None:
    with pytest.raises(AudioDecodeError, match="longer than"):
        decode_stream(io.BytesIO(wav_bytes(3.0)), "long.wav", max_seconds=2.0)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("noise.wav", b"RIFF\x00\x00\x00\x00WAVEjunk" + bytes(100), "cannot decode"),
    # An MP4 without its index (cut off): damaged, no longer "AAC cannot be decoded".
    ("clip.m4a", b"\x00\x00\x00\x20ftypM4A " + bytes(64), "damaged or in a format"),
    ("empty.ogg", b"", "cannot decode"),
])
def test_undecodable_members_raise_one_error(tmp_path: Path, name: str, data: bytes,
                                             message: str) -> None:
    source = write_zip(tmp_path / "e.zip", {name: data})
    with open_export(source) as export, pytest.raises(AudioDecodeError, match=message) as info:
        decode_member(export, name)
    assert "object at 0x" not in str(info.value)  # no Python reprs in a message for a person


def test_missing_member_is_a_decode_error(tmp_path: Path) -> None:
    source = write_zip(tmp_path / "e.zip", {"a.wav": wav_bytes(0.1)})
    with open_export(source) as export, pytest.raises(AudioDecodeError, match="no such file"):
        decode_member(export, "b.wav")


def test_a_voice_sample_file_decodes_in_any_format(tmp_path: Path) -> None:
    from viewer.audio.decode import decode_file

    sample = tmp_path / "me.m4a"  # an iPhone voice memo as a voice sample
    sample.write_bytes(ffmpeg_bytes("m4a", seconds=0.5))
    assert decode_file(sample).sample_rate == 16_000
    with pytest.raises(AudioDecodeError, match="cannot be read"):
        decode_file(tmp_path / "missing.wav")
