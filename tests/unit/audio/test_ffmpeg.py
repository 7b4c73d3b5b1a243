"""FFmpeg (PyAV) for what libsndfile cannot read: which files go there, its limits, and hostile
input that may only ever raise the one decode (or probe) error."""

from __future__ import annotations

import contextlib
import io
import struct
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.archives import write_zip
from tests.helpers.audio import FFMPEG_KINDS, audio_bytes, ffmpeg_bytes, wav_bytes
from viewer.archive import open_export
from viewer.archive.errors import MemberError
from viewer.audio import decode as decode_module
from viewer.audio import ffmpeg
from viewer.audio.decode import AudioDecodeError, decode_member, decode_stream
from viewer.audio.peaks import compute_peaks
from viewer.audio.probe import AudioProbeError, probe_audio

#: One second of each kind FFmpeg decodes here, made once.
SAMPLES = {kind: ffmpeg_bytes(kind, seconds=1.0) for kind in FFMPEG_KINDS}


@pytest.mark.parametrize("kind", sorted(FFMPEG_KINDS))
def test_formats_libsndfile_cannot_read_are_sent_straight_to_ffmpeg(kind: str) -> None:
    assert ffmpeg.needs_ffmpeg(SAMPLES[kind][:12])


@pytest.mark.parametrize("data", [
    wav_bytes(0.1), audio_bytes(0.1, format="FLAC"),
    audio_bytes(0.1, format="OGG", subtype="VORBIS"), audio_bytes(0.1, format="MP3"),
    b"\xff\xfb\x90\x00", b"\xff\xf3\x00\x00",  # MPEG audio frame sync: not ADTS
])
def test_what_libsndfile_reads_stays_with_libsndfile(data: bytes) -> None:
    assert not ffmpeg.needs_ffmpeg(data[:12])


def test_a_voice_note_plays_and_draws_its_waveform_streamed_from_a_nested_member(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Larger members are decoded straight from the member stream (no copy on disk); force
    # that path for a small one, inside a nested ZIP whose member is deflated.
    monkeypatch.setattr(decode_module, "READ_WHOLE_BYTES", 0)
    source = write_zip(tmp_path / "e.zip", {"inner.zip": {"voice/note.m4a": SAMPLES["m4a"]}})
    with open_export(source) as export:
        audio = decode_member(export, "inner.zip!/voice/note.m4a")
    assert audio.sample_rate == 16_000 and audio.channels == 1
    assert audio.samples.flags.c_contiguous and audio.samples.dtype == np.float32
    peaks = compute_peaks(audio.samples, 100)
    # The 0.3-amplitude tone fills the middle of the waveform.
    assert float(peaks[10:90, 1].min()) > 0.25 and float(peaks[10:90, 0].max()) < -0.25


def test_decoding_refuses_what_the_header_says_is_too_long() -> None:
    with pytest.raises(AudioDecodeError, match="longer than"):
        decode_stream(io.BytesIO(ffmpeg_bytes("m4a", seconds=3.0)), "a.m4a", max_seconds=1.0)


def test_decoding_stops_at_the_limit_when_the_header_does_not_say(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A header can understate the length (or, for ADTS, not state it): the frames decoded
    are counted, and decoding stops one frame past the limit, without growing further."""
    monkeypatch.setattr(ffmpeg, "_declared_seconds", lambda *_: None)
    sizes: list[int] = []
    append = ffmpeg._Buffer.append

    def counting(self: ffmpeg._Buffer, chunk: np.ndarray) -> None:
        append(self, chunk)
        sizes.append(self._data.shape[0])

    monkeypatch.setattr(ffmpeg._Buffer, "append", counting)
    data = ffmpeg_bytes("aac", seconds=5.0)
    with pytest.raises(AudioDecodeError, match="longer than 2 seconds"):
        decode_stream(io.BytesIO(data), "a.aac", max_seconds=2.0)
    assert max(sizes) <= 2 * 16_000 + 1


def test_the_sample_limit_holds_whatever_the_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    # MAX_DECODED_SAMPLES bounds frames x channels, so a high rate or many channels cannot
    # stretch the seconds limit into gigabytes.
    monkeypatch.setattr(decode_module, "MAX_DECODED_SAMPLES", 8_000)
    with pytest.raises(AudioDecodeError, match="longer than"):
        decode_stream(io.BytesIO(SAMPLES["webm"]), "a.webm")
    monkeypatch.setattr(ffmpeg, "_declared_seconds", lambda *_: None)
    with pytest.raises(AudioDecodeError, match="more samples"):
        decode_stream(io.BytesIO(SAMPLES["webm"]), "a.webm")


@pytest.mark.parametrize("data", [
    # An HLS playlist, an ffconcat script and an SDP description: FFmpeg would open the files
    # and addresses they name. Only audio demuxers are allowed, so none of them is opened.
    b"#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nhttp://127.0.0.1:9/a.aac\n#EXT-X-ENDLIST\n",
    b"ffconcat version 1.0\nfile /etc/passwd\n",
    b"v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 5004 RTP/AVP 0\n",
])
@pytest.mark.parametrize("name", ["clip.m4a", "clip.ogg"])
def test_playlists_and_stream_descriptions_are_refused_at_once(data: bytes, name: str) -> None:
    started = time.monotonic()
    with pytest.raises(AudioDecodeError, match="cannot decode"):
        decode_stream(io.BytesIO(data), name)
    with pytest.raises(AudioProbeError, match="cannot be decoded"):
        probe_audio(io.BytesIO(data), name)
    assert time.monotonic() - started < 5  # nothing was waited for


def _wav_with_format_tag(tag: int) -> bytes:
    fmt = struct.pack("<HHIIHH", tag, 1, 8_000, 8_000, 1, 8)
    data = bytes(800)
    body = (b"WAVEfmt " + struct.pack("<I", len(fmt)) + fmt + b"data"
            + struct.pack("<I", len(data)) + data)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def test_only_what_ffmpeg_cannot_decode_either_is_called_undecodable() -> None:
    with pytest.raises(AudioDecodeError, match="cannot be decoded by this app") as info:
        decode_stream(io.BytesIO(_wav_with_format_tag(0x1234)), "odd.wav")
    assert "FFmpeg has no decoder" in str(info.value)
    for kind, data in SAMPLES.items():
        decode_stream(io.BytesIO(data), f"x.{kind}")  # every kind FFmpeg reads decodes


def test_a_member_that_fails_while_ffmpeg_reads_it_is_not_played_as_if_whole() -> None:
    data = ffmpeg_bytes("aac", seconds=10.0)  # larger than PyAV's 32 KiB read buffer

    class Damaged(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            if self.tell() > len(data) // 2:
                raise MemberError("a.aac", "its CRC check failed: the data is damaged")
            return super().read(size)

    with pytest.raises(AudioDecodeError, match="cannot be read: its CRC check failed"):
        decode_stream(Damaged(data), "a.aac")
    with pytest.raises(AudioProbeError, match="cannot be read: its CRC check failed"):
        probe_audio(Damaged(data), "a.aac")


def test_a_cut_off_raw_stream_plays_what_arrived() -> None:
    data = ffmpeg_bytes("aac", seconds=2.0)
    audio = decode_stream(io.BytesIO(data[: len(data) // 2]), "cut.aac")
    assert 0.5 < audio.duration_s < 1.5


def test_without_pyav_the_message_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_av(name: str, *args: object, **kwargs: object) -> object:
        if name == "av" or name.startswith("av."):
            raise ImportError("no av here")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_av)
    with pytest.raises(AudioDecodeError, match=r"AAC in MP4 \(m4a\) audio cannot be decoded: "
                                               "PyAV"):
        decode_stream(io.BytesIO(SAMPLES["m4a"]), "a.m4a")


@given(kind=st.sampled_from(sorted(FFMPEG_KINDS)),
       edits=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=12),
       cut=st.integers(0, 12_000))
def test_damaged_voice_notes_raise_only_the_decode_and_probe_errors(
        kind: str, edits: list[tuple[int, int]], cut: int) -> None:
    data = bytearray(SAMPLES[kind][:cut] if cut else SAMPLES[kind])
    for offset, value in edits:
        if data:
            data[offset % len(data)] = value
    try:
        audio = decode_stream(io.BytesIO(bytes(data)), f"x.{kind}", max_seconds=5.0)
    except AudioDecodeError as error:
        assert "object at 0x" not in str(error)
    else:
        assert audio.frames <= 5 * audio.sample_rate
        assert np.isfinite(audio.samples).all() and np.abs(audio.samples).max(initial=0) <= 1
    with contextlib.suppress(AudioProbeError):
        probe_audio(io.BytesIO(bytes(data)), f"x.{kind}")


@given(head=st.sampled_from([b"\x00\x00\x00\x18ftypM4A ", b"\xff\xf1\x50\x80", b"#!AMR\n",
                             b"\x1a\x45\xdf\xa3", b"0&\xb2u\x8ef\xcf\x11"]),
       body=st.binary(max_size=600))
def test_random_bytes_behind_a_voice_note_header_raise_only_the_decode_error(
        head: bytes, body: bytes) -> None:
    with contextlib.suppress(AudioDecodeError):
        decode_stream(io.BytesIO(head + body), "x.m4a", max_seconds=5.0)
