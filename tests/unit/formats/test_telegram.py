"""Telegram Desktop exports (result.json + media), built by code, through the real pipeline."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from tests.helpers.archives import write_folder, write_zip
from tests.helpers.audio import audio_bytes
from viewer.archive import open_export
from viewer.formats.importers.telegram import flatten_text
from viewer.formats.pipeline import import_export
from viewer.model import ExportContents, LinkMethod

NOT_INCLUDED = "(File not included. Change data exporting settings to download.)"


@cache
def ogg() -> bytes:
    return audio_bytes(0.2, format="OGG", subtype="OPUS")


@cache
def mp3() -> bytes:
    return audio_bytes(0.2, format="MP3")


def load(path: Path) -> ExportContents:
    with open_export(path) as export:
        return import_export(export)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def voice(ident: int, sender: str, sender_id: str, date: str, unix: int | None, file: str,
          text: Any = "", **extra: Any) -> dict[str, Any]:
    message: dict[str, Any] = {
        "id": ident, "type": "message", "date": date, "from": sender, "from_id": sender_id,
        "file": file, "media_type": "voice_message", "mime_type": "audio/ogg",
        "duration_seconds": 1, "text": text, "text_entities": []}
    if unix is not None:
        message["date_unixtime"] = str(unix)
    message.update(extra)
    return message


FULL_EXPORT = {
    "about": "Here is the data you requested. Remember: Telegram is ad free...",
    "personal_information": {
        "user_id": 100000001, "first_name": "Anna", "last_name": "Schmidt",
        "phone_number": "+49 170 0000000", "username": "@anna", "bio": ""},
    "chats": {"about": "This page lists all chats from this export.", "list": [
        {"name": "Ben", "type": "personal_chat", "id": 100000002, "messages": [
            {"id": 1, "type": "message", "date": "2023-11-14T22:10:00",
             "date_unixtime": "1699996200", "from": "Ben", "from_id": "user100000002",
             "text": "Hi Anna", "text_entities": [{"type": "plain", "text": "Hi Anna"}]},
            # Local 22:13:20 (CET); date_unixtime says 21:13:20 UTC.
            voice(2, "Anna Schmidt", "user100000001", "2023-11-14T22:13:20", 1699996400,
                  "voice_messages/audio_1@14-11-2023_22-13-20.ogg"),
            voice(3, "Ben", "user100000002", "2023-11-14T22:15:00", 1699996500,
                  "voice_messages/audio_2@14-11-2023_22-15-00.ogg",
                  text=["Listen to ", {"type": "link", "text": "https://example.org"}, "!"]),
        ]},
        {"name": "Family", "type": "private_group", "id": 200, "messages": [
            {"id": 10, "type": "service", "date": "2023-11-14T22:20:00",
             "actor": "Anna Schmidt", "actor_id": "user100000001", "action": "create_group",
             "title": "Family", "members": ["Anna Schmidt", "Carla"], "text": ""},
            voice(11, "Carla", "user100000003", "2023-11-14T22:30:00", 1699997400,
                  NOT_INCLUDED, duration_seconds=4),
            {"id": 12, "type": "message", "date": "2023-11-14T22:40:00",
             "date_unixtime": "1699998000", "from": "Ben", "from_id": "user100000002",
             "file": "files/song.mp3", "media_type": "audio_file", "mime_type": "audio/mpeg",
             "performer": "Band", "title": "Song", "duration_seconds": 1, "text": ""},
            "a message that is not an object",
        ]},
    ]},
}


def test_full_export_with_two_chats(tmp_path: Path) -> None:
    root = "DataExport_2023-11-15"
    folder = write_folder(tmp_path / "Telegram Desktop", {
        f"{root}/result.json": json.dumps(FULL_EXPORT, indent=1),
        f"{root}/voice_messages/audio_1@14-11-2023_22-13-20.ogg": ogg(),
        f"{root}/voice_messages/audio_2@14-11-2023_22-15-00.ogg": ogg(),
        f"{root}/files/song.mp3": mp3(),
        # No message names this one:
        f"{root}/voice_messages/audio_9@15-11-2023_08-00-00.ogg": ogg(),
    })
    contents = load(folder)

    json_path = f"{root}/result.json"
    assert contents.formats == ("telegram",)
    assert [(r.path, r.start, r.sender, r.account, r.time_source, r.time_zone_assumed)
            for r in contents.recordings] == [
        (f"{root}/voice_messages/audio_1@14-11-2023_22-13-20.ogg", utc(2023, 11, 14, 21, 13, 20),
         "Anna Schmidt", "user100000001", "message date_unixtime", False),
        (f"{root}/voice_messages/audio_2@14-11-2023_22-15-00.ogg", utc(2023, 11, 14, 21, 15),
         "Ben", "user100000002", "message date_unixtime", False),
        (f"{root}/files/song.mp3", utc(2023, 11, 14, 21, 40), "Ben", "user100000002",
         "message date_unixtime", False),
        (f"{root}/voice_messages/audio_9@15-11-2023_08-00-00.ogg", utc(2023, 11, 15, 8, 0),
         None, None, "file name", True),
    ]
    assert all(r.format == "telegram" and r.audio_problem is None for r in contents.recordings)
    assert [(link.transcript, link.method) for link in contents.links] == [
        (f"{json_path}#chat 1, message 2", LinkMethod.EXPLICIT),
        (f"{json_path}#chat 1, message 3", LinkMethod.EXPLICIT),
        (f"{json_path}#chat 2, message 12", LinkMethod.EXPLICIT),
        (None, LinkMethod.NONE),
    ]
    first = contents.recording(f"{root}/voice_messages/audio_1@14-11-2023_22-13-20.ogg")
    assert first is not None
    assert (first.fact("duration_seconds_declared"), first.fact("mime_type"),
            first.fact("chat")) == ("1", "audio/ogg", "Ben")
    ben = contents.transcript(f"{json_path}#chat 1, message 3")
    assert ben is not None
    assert (ben.text, ben.speaker, ben.audio_name, ben.time) == (
        "Listen to https://example.org!", "Ben",
        "voice_messages/audio_2@14-11-2023_22-15-00.ogg", utc(2023, 11, 14, 21, 15))
    song = contents.recording(f"{root}/files/song.mp3")
    assert song is not None and (song.fact("performer"), song.fact("media_type")) == (
        "Band", "audio_file")

    missing = contents.transcripts_without_audio()
    assert [(e.id, e.speaker, e.audio_name, e.time) for e in missing] == [
        (f"{json_path}#chat 2, message 11", "Carla", None, utc(2023, 11, 14, 21, 30))]
    assert next(f.value for f in missing[0].facts if f.key == "file_not_included") == \
        NOT_INCLUDED

    assert [(a.key, a.kind, a.name) for a in contents.accounts] == [
        ("user100000001", "telegram-account", "Anna Schmidt"),
        ("user100000002", "chat-participant", "Ben"),
        ("user100000003", "chat-participant", "Carla"),
    ]
    owner = contents.accounts[0]
    assert {f.key: f.value for f in owner.facts} == {
        "user_id": "100000001", "first_name": "Anna", "last_name": "Schmidt",
        "phone_number": "+49 170 0000000", "username": "@anna"}
    assert [(p.source.path, p.source.locator, p.message) for p in contents.problems] == [
        (json_path, "chat 2, record 4", "a message that is not a JSON object")]
    assert contents.not_understood == ()


def test_single_chat_export_in_zip_with_local_dates(tmp_path: Path) -> None:
    chat = {"name": "Carl", "type": "personal_chat", "id": 300, "messages": [
        voice(5, "Carl", "user100000004", "2023-12-01T09:30:15", None,
              "voice_messages/audio_1@01-12-2023_09-30-15.ogg", text="voice"),
    ]}
    contents = load(write_zip(tmp_path / "Telegram-Carl.zip", {
        "ChatExport_2023-12-01/result.json": json.dumps(chat),
        "ChatExport_2023-12-01/voice_messages/audio_1@01-12-2023_09-30-15.ogg": ogg(),
    }))

    path = "ChatExport_2023-12-01/voice_messages/audio_1@01-12-2023_09-30-15.ogg"
    assert [(r.path, r.start, r.time_zone_assumed, r.sender, r.account)
            for r in contents.recordings] == [
        (path, utc(2023, 12, 1, 9, 30, 15), True, "Carl", "user100000004")]
    link = contents.link_for(path)
    assert link is not None and (link.transcript, link.method) == (
        "ChatExport_2023-12-01/result.json#message 5", LinkMethod.EXPLICIT)
    entry = contents.transcript_for(path)
    assert entry is not None and (entry.text, entry.time_zone_assumed) == ("voice", True)
    assert [(a.key, a.kind) for a in contents.accounts] == [
        ("user100000004", "chat-participant")]
    assert contents.problems == ()


def test_broken_result_json_is_a_problem_and_audio_still_imports(tmp_path: Path) -> None:
    text = json.dumps(FULL_EXPORT, indent=1)
    contents = load(write_folder(tmp_path / "export", {
        "result.json": text[: len(text) // 2],
        "voice_messages/audio_3@16-11-2023_10-00-00.ogg": ogg(),
    }))

    assert contents.formats == ("telegram",)
    assert [(p.source.path, p.message.split(" (")[0]) for p in contents.problems] == [
        ("result.json", "result.json: not valid JSON")]
    assert [(r.path, r.format, r.start, r.time_zone_assumed, r.time_source)
            for r in contents.recordings] == [
        ("voice_messages/audio_3@16-11-2023_10-00-00.ogg", "telegram",
         utc(2023, 11, 16, 10, 0), True, "file name")]
    assert contents.accounts == ()
    assert contents.not_understood == ()


def test_other_json_is_not_telegram(tmp_path: Path) -> None:
    contents = load(write_zip(tmp_path / "x.zip", {
        "data/settings.json": json.dumps({"messages": ["hello"], "theme": "dark"}),
    }))
    assert "telegram" not in contents.formats
    assert [u.path for u in contents.not_understood] == ["data/settings.json"]
    assert contents.problems == ()


def test_flatten_text_shapes() -> None:
    assert flatten_text("plain") == "plain"
    assert flatten_text(["a ", {"type": "bold", "text": "b"}, {"type": "x"}, 3, " c"]) == "a b c"
    assert flatten_text(None) == ""


def test_forwarded_and_saved_voice_messages_keep_their_author(tmp_path: Path) -> None:
    """The voice is the original author's; who forwarded or saved it is a fact."""
    export = {
        "personal_information": {"user_id": 100000001, "first_name": "Anna"},
        "chats": {"list": [
            {"name": "Ben", "type": "personal_chat", "id": 100000002, "messages": [
                voice(1, "Anna", "user100000001", "2023-11-14T22:13:20", 1699996400,
                      "voice_messages/audio_1@14-11-2023_22-13-20.ogg",
                      forwarded_from="Stranger Danger"),
                # The author hid their account: no name, and still not the forwarder.
                voice(2, "Ben", "user100000002", "2023-11-14T22:15:00", 1699996500,
                      "voice_messages/audio_2@14-11-2023_22-15-00.ogg", forwarded_from=None),
            ]},
            {"name": "Saved Messages", "type": "saved_messages", "id": 100000001, "messages": [
                voice(3, "Anna", "user100000001", "2023-11-15T08:00:00", 1700035200,
                      "voice_messages/audio_3@15-11-2023_08-00-00.ogg",
                      saved_from="Choir", forwarded_from="Carla",
                      forwarded_from_id="user100000003"),
            ]},
        ]},
    }
    folder = write_folder(tmp_path / "export", {
        "result.json": json.dumps(export),
        "voice_messages/audio_1@14-11-2023_22-13-20.ogg": ogg(),
        "voice_messages/audio_2@14-11-2023_22-15-00.ogg": ogg(),
        "voice_messages/audio_3@15-11-2023_08-00-00.ogg": ogg(),
    })
    contents = load(folder)

    assert [(r.path, r.sender, r.account) for r in contents.recordings] == [
        ("voice_messages/audio_1@14-11-2023_22-13-20.ogg", "Stranger Danger", None),
        ("voice_messages/audio_2@14-11-2023_22-15-00.ogg", None, None),
        ("voice_messages/audio_3@15-11-2023_08-00-00.ogg", "Carla", "user100000003"),
    ]
    first = contents.recording("voice_messages/audio_1@14-11-2023_22-13-20.ogg")
    assert first is not None
    assert (first.fact("forwarded_from"), first.fact("forwarded_by"),
            first.fact("forwarded_by_id")) == ("Stranger Danger", "Anna", "user100000001")
    hidden = contents.transcript("result.json#chat 1, message 2")
    assert hidden is not None and hidden.speaker is None
    assert {f.key: f.value for f in hidden.facts if f.key.startswith("forwarded")} == {
        "forwarded_from": "(hidden or unknown)", "forwarded_by": "Ben",
        "forwarded_by_id": "user100000002"}
    saved = contents.transcript("result.json#chat 2, message 3")
    assert saved is not None and saved.speaker == "Carla"
    assert {f.key: f.value for f in saved.facts
            if f.key.startswith(("forwarded", "saved"))} == {
        "forwarded_from": "Carla", "saved_from": "Choir", "forwarded_by": "Anna",
        "forwarded_by_id": "user100000001"}
    assert [(a.key, a.name) for a in contents.accounts] == [
        ("user100000001", "Anna"), ("user100000002", "Ben"), ("user100000003", "Carla")]
    assert contents.problems == ()


def test_older_exports_with_integer_from_id(tmp_path: Path) -> None:
    chat = {"name": "Dora", "type": "personal_chat", "id": 400, "messages": [
        {"id": 7, "type": "message", "date": "2019-02-01T10:00:00", "from": "Dora",
         "from_id": 100000005, "file": "voice_messages/audio_1@01-02-2019_10-00-00.ogg",
         "media_type": "voice_message", "mime_type": "audio/ogg", "duration_seconds": 2,
         "text": ""},
    ]}
    contents = load(write_zip(tmp_path / "old.zip", {
        "ChatExport_2019-02-01/result.json": json.dumps(chat),
        "ChatExport_2019-02-01/voice_messages/audio_1@01-02-2019_10-00-00.ogg": ogg(),
    }))

    assert [(r.sender, r.account, r.start, r.time_zone_assumed)
            for r in contents.recordings] == [
        ("Dora", "user100000005", utc(2019, 2, 1, 10, 0), True)]
    assert [(a.key, a.kind, a.name) for a in contents.accounts] == [
        ("user100000005", "chat-participant", "Dora")]
    assert contents.problems == ()
