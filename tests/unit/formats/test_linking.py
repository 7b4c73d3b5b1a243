"""Pairing recordings with transcripts: explicit names first, then time, one to one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from viewer.formats.linking import link_transcripts
from viewer.model import LinkMethod, Recording, SourceRef, TranscriptEntry

T0 = datetime(2024, 8, 21, 13, 0, 0, tzinfo=UTC)


def rec(path: str, seconds: float | None) -> Recording:
    start = T0 + timedelta(seconds=seconds) if seconds is not None else None
    return Recording(path=path, format="test", start=start)


def entry(key: str, seconds: float | None, audio_name: str | None = None,
          fmt: str = "test") -> TranscriptEntry:
    time = T0 + timedelta(seconds=seconds) if seconds is not None else None
    return TranscriptEntry(id=f"t.csv#{key}", source=SourceRef("t.csv", key), format=fmt,
                           time=time, text=key, audio_name=audio_name)


def by_recording(links: list) -> dict:
    return {link.recording: (link.method, link.transcript) for link in links}


def test_explicit_beats_time_and_time_pairs_nearest_first() -> None:
    recordings = [rec("a/1.wav", 0), rec("a/2.wav", 100), rec("a/3.wav", 200), rec("a/4.wav", None)]
    transcripts = [
        entry("named", 500, audio_name="1.wav"),  # far in time, but it names the file
        entry("near2", 101.0),
        entry("near3a", 203.0),
        entry("near3b", 201.0),  # the closer of two candidates wins
        entry("orphan", 9000),
    ]
    links = by_recording(link_transcripts(recordings, transcripts))
    assert links == {
        "a/1.wav": (LinkMethod.EXPLICIT, "t.csv#named"),
        "a/2.wav": (LinkMethod.TIME, "t.csv#near2"),
        "a/3.wav": (LinkMethod.TIME, "t.csv#near3b"),
        "a/4.wav": (LinkMethod.NONE, None),
    }


def test_one_transcript_never_serves_two_recordings() -> None:
    recordings = [rec("x.wav", 0), rec("y.wav", 1)]
    links = by_recording(link_transcripts(recordings, [entry("only", 0.5)]))
    assert sorted(links.values(), key=str) == sorted(
        [(LinkMethod.TIME, "t.csv#only"), (LinkMethod.NONE, None)], key=str)


def test_tolerance_is_per_format_and_confidence_drops_when_ambiguous() -> None:
    recordings = [rec("a.wav", 0), rec("b.wav", 1000)]
    transcripts = [entry("strict", 3, fmt="strict"), entry("b1", 1002), entry("b2", 1003)]
    links = {link.recording: link for link in
             link_transcripts(recordings, transcripts, tolerance_by_format={"strict": 1.0})}
    assert links["a.wav"].method is LinkMethod.NONE  # 3 s is beyond the strict 1 s
    shaky = links["b.wav"]
    assert shaky.transcript == "t.csv#b1" and shaky.gap_s == 2.0
    clear = link_transcripts([rec("c.wav", 0)], [entry("c", 2)])[0]
    assert shaky.confidence < clear.confidence


def test_explicit_prefers_the_recording_nearest_in_the_tree() -> None:
    recordings = [rec("chat1/voice.opus", None), rec("chat2/voice.opus", None)]
    transcript = TranscriptEntry(id="chat2/_chat.txt#line 3", source=SourceRef("chat2/_chat.txt"),
                                 format="test", audio_name="voice.opus")
    links = by_recording(link_transcripts(recordings, [transcript]))
    assert links["chat2/voice.opus"] == (LinkMethod.EXPLICIT, "chat2/_chat.txt#line 3")
    assert links["chat1/voice.opus"] == (LinkMethod.NONE, None)
