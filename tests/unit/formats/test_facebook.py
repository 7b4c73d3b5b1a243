"""Facebook / Messenger / Instagram voice messages: layouts of 2020, 2024 and 2025."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.archives import write_folder, write_zip
from tests.helpers.audio import audio_bytes
from viewer.archive import open_export
from viewer.formats import import_export
from viewer.formats.importers.facebook import fix_mojibake
from viewer.model import ExportContents, Fact, LinkMethod, SourceRef

THREAD = "messages/inbox/jorgmuller_abc123"
CLIP_JORG = "audioclip16180000040001234_1111.mp4"
CLIP_ERIKA = "audioclip16180001000005678_2222.mp4"
CLIP_MISSING = "audioclip16180002000009999_3333.mp4"
CLIP_ORPHAN = "audioclip1618000300000_4444.mp4"
#: The first bytes of an MP4 (AAC) file: recognised as a voice message, not decodable.
FAKE_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(64)


@pytest.fixture(scope="module")
def clip() -> bytes:
    return audio_bytes(0.2, format="MP3")


def _mojibake(text: str) -> str:
    """How Facebook writes text: each UTF-8 byte as a Latin-1 character."""
    return text.encode("utf-8").decode("latin-1")


def _thread(participants: list[str], messages: list[dict[str, Any]],
            title: str = "Jörg Müller") -> str:
    return json.dumps({
        "participants": [{"name": _mojibake(name)} for name in participants],
        "messages": messages, "title": _mojibake(title), "is_still_participant": True,
        "thread_path": "inbox/jorgmuller_abc123",
    })


def _voice(sender: str, ms: int, uri: str, content: str | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {
        "sender_name": _mojibake(sender), "timestamp_ms": ms,
        "audio_files": [{"uri": uri, "creation_timestamp": ms // 1000 - 1}],
        "is_geoblocked_for_viewer": False,
    }
    if content is not None:
        message["content"] = _mojibake(content)
    return message


def _import(path: Path) -> ExportContents:
    with open_export(path) as export:
        return import_export(export)


def _at(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def test_classic_layout_with_mojibake_names_and_a_missing_clip(
        tmp_path: Path, clip: bytes) -> None:
    thread_file = f"{THREAD}/message_1.json"
    messages = [
        _voice("Erika Müster", 1618000200000, f"{THREAD}/audio/{CLIP_MISSING}"),
        {"sender_name": _mojibake("Erika Müster"), "timestamp_ms": 1618000150000,
         "content": _mojibake("Schön, dass du anrufst")},
        _voice("Erika Müster", 1618000100000, f"{THREAD}/audio/{CLIP_ERIKA}"),
        _voice("Jörg Müller", 1618000005000, f"{THREAD}/audio/{CLIP_JORG}", "Hör mal"),
    ]
    profile = {"profile_v2": {"name": {"full_name": _mojibake("Erika Müster")},
                              "emails": {"emails": ["erika@example.org"]},
                              "username": "erika.muster"}}
    contents = _import(write_zip(tmp_path / "facebook-erika.zip", {
        thread_file: _thread(["Jörg Müller", "Erika Müster"], messages),
        f"{THREAD}/audio/{CLIP_JORG}": FAKE_MP4,
        f"{THREAD}/audio/{CLIP_ERIKA}": clip,
        f"{THREAD}/audio/{CLIP_ORPHAN}": clip,
        "personal_information/profile_information/profile_information.json":
            json.dumps(profile),
    }))

    assert contents.formats == ("facebook",)
    assert [(r.path, r.format, r.start, r.time_source, r.sender)
            for r in contents.recordings] == [
        (f"{THREAD}/audio/{CLIP_JORG}", "facebook", _at(1618000005000), "message time",
         "Jörg Müller"),
        (f"{THREAD}/audio/{CLIP_ERIKA}", "facebook", _at(1618000100000), "message time",
         "Erika Müster"),
        (f"{THREAD}/audio/{CLIP_ORPHAN}", "facebook", _at(1618000300000), "file name", None),
    ]
    jorg = contents.recording(f"{THREAD}/audio/{CLIP_JORG}")
    assert jorg.audio_problem is not None  # an MP4 is kept, even though it cannot be played
    assert contents.recording(f"{THREAD}/audio/{CLIP_ERIKA}").audio_problem is None
    source = SourceRef(thread_file, "message 4")
    assert jorg.facts == (
        Fact("thread", "Jörg Müller", source),
        Fact("creation_timestamp", "2021-04-09T20:26:44+00:00", source),
        Fact("sender_is_account_owner", "no", source),
    )
    assert [(link.recording, link.transcript, link.method) for link in contents.links] == [
        (f"{THREAD}/audio/{CLIP_JORG}", f"{thread_file}#message 4", LinkMethod.EXPLICIT),
        (f"{THREAD}/audio/{CLIP_ERIKA}", f"{thread_file}#message 3", LinkMethod.EXPLICIT),
        (f"{THREAD}/audio/{CLIP_ORPHAN}", None, LinkMethod.NONE),
    ]
    assert [(e.id, e.text, e.speaker, e.time, e.audio_name) for e in contents.transcripts] == [
        (f"{thread_file}#message 1", "", "Erika Müster", _at(1618000200000), CLIP_MISSING),
        (f"{thread_file}#message 3", "", "Erika Müster", _at(1618000100000), CLIP_ERIKA),
        (f"{thread_file}#message 4", "Hör mal", "Jörg Müller", _at(1618000005000), CLIP_JORG),
    ]
    assert [t.id for t in contents.transcripts_without_audio()] == [
        f"{thread_file}#message 1"]
    assert [(p.source, p.message) for p in contents.problems] == [
        (SourceRef(thread_file, "message 1"),
         f"the voice message names {THREAD}/audio/{CLIP_MISSING}, which is not in the export")]
    assert [(a.key, a.kind, a.name) for a in contents.accounts] == [
        ("facebook:erika.muster", "facebook-account", "Erika Müster"),
        ("participant:Jörg Müller", "chat-participant", "Jörg Müller"),
        ("participant:Erika Müster", "chat-participant", "Erika Müster"),
    ]
    assert contents.not_understood == ()


def test_2024_layout_inside_a_named_root_resolves_both_uri_styles(
        tmp_path: Path, clip: bytes) -> None:
    root = "facebook-erika-2024-05-01"
    thread = f"{root}/your_facebook_activity/messages/inbox/anna_42"
    contents = _import(write_zip(tmp_path / "facebook-erika-2024-05-01.zip", {
        f"{thread}/message_1.json": _thread(["Anna", "Erika Müster"], [
            _voice("Anna", 1700000100000,
                   "your_facebook_activity/messages/inbox/anna_42/audio/clip_b.mp4"),
            # An older uri style inside the new layout.
            _voice("Anna", 1700000000000, "messages/inbox/anna_42/audio/clip_a.mp4", "hi"),
        ], title="Anna"),
        f"{thread}/audio/clip_a.mp4": clip,
        f"{thread}/audio/clip_b.mp4": clip,
    }))

    assert [(link.recording, link.transcript, link.method) for link in contents.links] == [
        (f"{thread}/audio/clip_a.mp4", f"{thread}/message_1.json#message 2",
         LinkMethod.EXPLICIT),
        (f"{thread}/audio/clip_b.mp4", f"{thread}/message_1.json#message 1",
         LinkMethod.EXPLICIT),
    ]
    assert [r.sender for r in contents.recordings] == ["Anna", "Anna"]
    assert contents.problems == ()
    assert contents.not_understood == ()


def test_instagram_2025_layout_and_a_broken_thread(tmp_path: Path, clip: bytes) -> None:
    thread = "your_instagram_activity/messages/inbox/anna_17841400000000000"
    broken = f"{thread}/message_2.json"
    profile = {"profile_user": [{"title": "", "string_map_data": {
        "Name": {"href": "", "value": _mojibake("Zoë"), "timestamp": 0},
        "Username": {"href": "", "value": "zoe_x", "timestamp": 0}}}]}
    root = write_folder(tmp_path / "instagram-zoe_x-2025-01-01", {
        f"{thread}/message_1.json": _thread(["Anna", "Zoë"], [
            _voice("Zoë", 1735700000000, f"{thread}/audio/900.mp4", "😀")], title="anna"),
        broken: _thread(["Anna", "Zoë"], [_voice("Anna", 1735600000000,
                                                 f"{thread}/audio/800.mp4")])[:80],
        f"{thread}/audio/900.mp4": clip,
        "personal_information/personal_information/personal_information.json":
            json.dumps(profile),
    })
    contents = _import(root)

    assert [(link.recording, link.transcript) for link in contents.links] == [
        (f"{thread}/audio/900.mp4", f"{thread}/message_1.json#message 1")]
    assert contents.transcripts[0].text == "😀"
    assert contents.recordings[0].fact("sender_is_account_owner") == "yes"
    assert [(p.source.path, p.message.split(" (")[0]) for p in contents.problems] == [
        (broken, f"{broken}: not valid JSON")]
    assert [item.path for item in contents.not_understood] == [broken]
    assert [(a.key, a.kind, a.name) for a in contents.accounts] == [
        ("instagram:zoe_x", "instagram-account", "Zoë"),
        ("participant:Anna", "chat-participant", "Anna"),
        ("participant:Zoë", "chat-participant", "Zoë"),
    ]


def test_thread_recognised_by_shape_under_an_unknown_name(tmp_path: Path, clip: bytes) -> None:
    contents = _import(write_zip(tmp_path / "export.zip", {
        "Nachrichten/Posteingang/anna/verlauf.json": _thread(["Anna"], [
            _voice("Anna", 1700000000000, "Nachrichten/Posteingang/anna/audio/a.mp4")]),
        "Nachrichten/Posteingang/anna/audio/a.mp4": clip,
    }))
    assert [(r.path, r.format) for r in contents.recordings] == [
        ("Nachrichten/Posteingang/anna/audio/a.mp4", "facebook")]
    assert contents.links[0].method is LinkMethod.EXPLICIT


@pytest.mark.parametrize(("raw", "fixed"), [
    (_mojibake("Jörg Müller"), "Jörg Müller"),
    (_mojibake("😀 ok"), "😀 ok"),
    ("plain ascii", "plain ascii"),
    ("Zoë", "Zoë"),  # already correct: é alone is not valid UTF-8, kept
    ("Ж", "Ж"),  # not Latin-1 at all, kept
])
def test_fix_mojibake(raw: str, fixed: str) -> None:
    assert fix_mojibake(raw) == fixed
