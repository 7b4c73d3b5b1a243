"""ExportContents' lookups by key."""

from __future__ import annotations

from dataclasses import replace

from viewer.model import (
    Device,
    ExportContents,
    Link,
    LinkMethod,
    Recording,
    SourceRef,
    TranscriptEntry,
)


def _contents(path: str) -> ExportContents:
    entry = TranscriptEntry(id=f"t#{path}", source=SourceRef("t.csv", "row 2"), format="x")
    return ExportContents(
        recordings=(Recording(path=path, format="x", device="echo"),),
        transcripts=(entry,),
        links=(Link(path, entry.id, LinkMethod.EXPLICIT),),
        devices=(Device(key="echo"),))


def test_lookups_find_what_the_contents_hold() -> None:
    contents = _contents("a.wav")
    assert contents.recording("a.wav") == contents.recordings[0]
    assert contents.transcript_for("a.wav") == contents.transcripts[0]
    assert contents.device("echo") == contents.devices[0]
    assert contents.device(None) is None and contents.transcript(None) is None
    assert contents.recording("b.wav") is None and contents.link_for("b.wav") is None


def test_a_replaced_copy_has_lookups_of_its_own() -> None:
    original = _contents("a.wav")
    copy = replace(original, recordings=(Recording(path="b.wav", format="x"),))
    assert copy.recording("b.wav") is not None and copy.recording("a.wav") is None
    assert original.recording("a.wav") is not None and original.recording("b.wav") is None
