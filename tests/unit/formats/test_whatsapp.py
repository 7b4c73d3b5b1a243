"""WhatsApp chat exports, built by code, run through the real pipeline."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

from tests.helpers.archives import write_folder, write_zip
from tests.helpers.audio import audio_bytes
from viewer.archive import open_export
from viewer.formats.importers.whatsapp import decide_date_order, parse_chat
from viewer.formats.pipeline import import_export
from viewer.model import ExportContents, LinkMethod

LRM = "\u200e"
NNBSP = "\u202f"


@cache
def opus() -> bytes:
    return audio_bytes(0.2, format="OGG", subtype="OPUS")


def load(path: Path) -> ExportContents:
    with open_export(path) as export:
        return import_export(export)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def fact(entry: object, key: str) -> str | None:
    return next((f.value for f in entry.facts if f.key == key), None)  # type: ignore[attr-defined]


IOS_CHAT = "\n".join([
    f"{LRM}[3/27/22, 21:40:01] Alice: Hi Bob",
    "[3/27/22, 21:41:10] Bob: Hello",
    "there, second line",
    f"[3/27/22, 21:44:47] Alice: {LRM}<attached: 00000038-AUDIO-2022-03-27-21-44-47.opus>",
    f"[3/27/22, 21:45:00] Bob: Nice {LRM}",
    f"[3/27/22, 21:46:30] Bob: {LRM}<attached: 00000039-AUDIO-2022-03-27-21-46-30.opus>",
    f"[3/28/22, 08:00:00] Alice: {LRM}<attached: 00000040-AUDIO-2022-03-28-08-00-00.opus>",
    f"[3/28/22, 08:01:00] Alice: {LRM}<attached: 00000041-PHOTO-2022-03-28-08-01-00.jpg>",
]) + "\n"


def test_ios_english_zip(tmp_path: Path) -> None:
    contents = load(write_zip(tmp_path / "WhatsApp Chat - Bob.zip", {
        "_chat.txt": IOS_CHAT,
        "00000038-AUDIO-2022-03-27-21-44-47.opus": opus(),
        "00000039-AUDIO-2022-03-27-21-46-30.opus": opus(),
        "00000041-PHOTO-2022-03-28-08-01-00.jpg": b"\xff\xd8\xff\xe0 not really a photo",
        # Not named by any chat line:
        "00000042-AUDIO-2022-03-28-09-15-00.opus": opus(),
        # 00000040 is named by the chat but missing.
    }))

    assert contents.formats == ("whatsapp",)
    assert [(r.path, r.start, r.sender, r.account, r.time_source, r.time_precision_s,
             r.time_zone_assumed) for r in contents.recordings] == [
        ("00000038-AUDIO-2022-03-27-21-44-47.opus", utc(2022, 3, 27, 21, 44, 47), "Alice",
         "Alice", "chat line", 1.0, True),
        ("00000039-AUDIO-2022-03-27-21-46-30.opus", utc(2022, 3, 27, 21, 46, 30), "Bob",
         "Bob", "chat line", 1.0, True),
        ("00000042-AUDIO-2022-03-28-09-15-00.opus", utc(2022, 3, 28, 9, 15), None, None,
         "file name", 1.0, True),
    ]
    assert all(r.audio_problem is None and r.codec for r in contents.recordings)
    assert [(link.recording, link.transcript, link.method) for link in contents.links] == [
        ("00000038-AUDIO-2022-03-27-21-44-47.opus", "_chat.txt#line 4", LinkMethod.EXPLICIT),
        ("00000039-AUDIO-2022-03-27-21-46-30.opus", "_chat.txt#line 6", LinkMethod.EXPLICIT),
        ("00000042-AUDIO-2022-03-28-09-15-00.opus", None, LinkMethod.NONE),
    ]
    first = contents.transcript("_chat.txt#line 4")
    assert first is not None
    assert first.text == ("Alice: Hi Bob\nBob: Hello\nthere, second line\n"
                          "Alice: <attached: 00000038-AUDIO-2022-03-27-21-44-47.opus>\n"
                          "Bob: Nice\n"
                          "Bob: <attached: 00000039-AUDIO-2022-03-27-21-46-30.opus>")
    assert (first.speaker, first.time, first.time_zone_assumed) == (
        "Alice", utc(2022, 3, 27, 21, 44, 47), True)
    assert fact(first, "date_order") == "month-first"
    assert fact(first, "file_not_included") is None

    missing = contents.transcripts_without_audio()
    assert [entry.id for entry in missing] == ["_chat.txt#line 7"]
    assert fact(missing[0], "file_not_included") == "00000040-AUDIO-2022-03-28-08-00-00.opus"
    assert missing[0].audio_name == "00000040-AUDIO-2022-03-28-08-00-00.opus"

    unnamed = contents.recording("00000042-AUDIO-2022-03-28-09-15-00.opus")
    assert unnamed is not None and unnamed.format == "whatsapp"
    assert unnamed.fact("named_in_chat") == "no"
    assert contents.recording("00000038-AUDIO-2022-03-27-21-44-47.opus").fact(  # type: ignore
        "file_name_time") == "2022-03-27T21:44:47+00:00"

    assert [(a.key, a.kind, a.name, str(a.sources[0])) for a in contents.accounts] == [
        ("Alice", "chat-participant", "Alice", "_chat.txt (line 1)"),
        ("Bob", "chat-participant", "Bob", "_chat.txt (line 2)"),
    ]
    # The photo is chat media, not audio: it stays visible as not understood.
    assert [u.path for u in contents.not_understood] == ["00000041-PHOTO-2022-03-28-08-01-00.jpg"]
    assert contents.problems == ()


def test_android_english_folder_day_first(tmp_path: Path) -> None:
    chat = "\n".join([
        "18/03/2022, 15:10 - Messages and calls are end-to-end encrypted. No one outside of "
        "this chat can read them.",
        "18/03/2022, 15:11 - Carol: Listen to this",
        f"18/03/2022, 15:12 - Carol: {LRM}PTT-20220318-WA0000.opus (file attached)",
        "18/03/2022, 15:20 - Dan: PTT-20220318-WA0001.opus (file attached)",
        "19/03/2022, 09:00 - Dan: ok",
        "31/02/2022, 11:00 - Carol: a line with an impossible date",
    ]) + "\n"
    folder = write_folder(tmp_path / "export", {
        "WhatsApp Chat with Carol/WhatsApp Chat with Carol.txt": chat,
        "WhatsApp Chat with Carol/PTT-20220318-WA0000.opus": opus(),
        "WhatsApp Chat with Carol/PTT-20220318-WA0001.opus": opus(),
    })
    contents = load(folder)

    chat_path = "WhatsApp Chat with Carol/WhatsApp Chat with Carol.txt"
    assert [(r.path, r.start, r.sender, r.time_precision_s) for r in contents.recordings] == [
        ("WhatsApp Chat with Carol/PTT-20220318-WA0000.opus", utc(2022, 3, 18, 15, 12),
         "Carol", 60.0),
        ("WhatsApp Chat with Carol/PTT-20220318-WA0001.opus", utc(2022, 3, 18, 15, 20),
         "Dan", 60.0),
    ]
    assert [(link.transcript, link.method) for link in contents.links] == [
        (f"{chat_path}#line 3", LinkMethod.EXPLICIT),
        (f"{chat_path}#line 4", LinkMethod.EXPLICIT),
    ]
    entry = contents.transcript(f"{chat_path}#line 3")
    assert entry is not None
    assert entry.text == (
        "Messages and calls are end-to-end encrypted. No one outside of this chat can read "
        "them.\nCarol: Listen to this\nCarol: PTT-20220318-WA0000.opus (file attached)\n"
        "Dan: PTT-20220318-WA0001.opus (file attached)\nDan: ok")
    assert fact(entry, "date_order") == "day-first"
    assert fact(entry, "date_order_evidence") == "a first date field above 12 (line 1)"
    assert [a.key for a in contents.accounts] == ["Carol", "Dan"]
    assert [(p.source.locator, p.message) for p in contents.problems] == [
        ("line 6", "impossible date or time in this line (read day-first)")]
    assert contents.not_understood == ()


def test_android_german_zip_in_folder(tmp_path: Path) -> None:
    chat = "\n".join([
        "23.03.22, 09:05 - Dieter: Hör mal",
        "23.03.22, 09:06 - Dieter: PTT-20220323-WA0001.opus (Datei angehängt)",
        "25.03.22, 18:30 - Eva: Danke!",
        "mit zwei Zeilen",
    ]) + "\n"
    folder = write_folder(tmp_path / "download", {
        "WhatsApp Chat - Dieter.zip": {
            "WhatsApp-Chat mit Dieter.txt": chat,
            "PTT-20220323-WA0001.opus": opus(),
        },
    })
    contents = load(folder)

    path = "WhatsApp Chat - Dieter.zip!/PTT-20220323-WA0001.opus"
    chat_path = "WhatsApp Chat - Dieter.zip!/WhatsApp-Chat mit Dieter.txt"
    assert [(r.path, r.start, r.sender) for r in contents.recordings] == [
        (path, utc(2022, 3, 23, 9, 6), "Dieter")]
    link = contents.link_for(path)
    assert link is not None and (link.transcript, link.method) == (
        f"{chat_path}#line 2", LinkMethod.EXPLICIT)
    assert contents.transcript_for(path).text == (  # type: ignore[union-attr]
        "Dieter: Hör mal\nDieter: PTT-20220323-WA0001.opus (Datei angehängt)\n"
        "Eva: Danke!\nmit zwei Zeilen")
    assert [a.key for a in contents.accounts] == ["Dieter", "Eva"]
    assert contents.problems == ()


def test_us_twelve_hour_clock_and_spanish_pm(tmp_path: Path) -> None:
    ios = "\n".join([
        f"[3/27/22, 9:44:47{NNBSP}PM] Erin: {LRM}<attached: 00000012-AUDIO-2022-03-27-21-44-47"
        ".opus>",
        f"[3/28/22, 12:05:10{NNBSP}AM] Frank: {LRM}<attached: 00000013-AUDIO-2022-03-28-00-05-"
        "10.opus>",
    ]) + "\n"
    spanish = "27/3/22, 9:44 p. m. - Frank: PTT-20220327-WA0002.opus (archivo adjunto)\n"
    folder = write_folder(tmp_path / "chats", {
        "us/_chat.txt": ios,
        "us/00000012-AUDIO-2022-03-27-21-44-47.opus": opus(),
        "us/00000013-AUDIO-2022-03-28-00-05-10.opus": opus(),
        "es/Chat de WhatsApp con Frank.txt": spanish,
        "es/PTT-20220327-WA0002.opus": opus(),
    })
    contents = load(folder)

    assert [(r.path, r.start, r.sender) for r in contents.recordings] == [
        ("es/PTT-20220327-WA0002.opus", utc(2022, 3, 27, 21, 44), "Frank"),
        ("us/00000012-AUDIO-2022-03-27-21-44-47.opus", utc(2022, 3, 27, 21, 44, 47), "Erin"),
        ("us/00000013-AUDIO-2022-03-28-00-05-10.opus", utc(2022, 3, 28, 0, 5, 10), "Frank"),
    ]
    assert [link.transcript for link in contents.links] == [
        "es/Chat de WhatsApp con Frank.txt#line 1", "us/_chat.txt#line 1", "us/_chat.txt#line 2"]
    assert {a.key for a in contents.accounts} == {"Erin", "Frank"}
    assert contents.problems == ()


def test_ambiguous_dates_resolved_by_monotonic_order(tmp_path: Path) -> None:
    chat = "\n".join([
        "11/02/2022, 10:00 - Gina: hi",
        "12/02/2022, 10:00 - Hank: hey",
        "01/03/2022, 10:00 - Gina: AUD-WA0003.opus (file attached)",
        "02/03/2022, 10:00 - Hank: bye",
    ]) + "\n"
    contents = load(write_zip(tmp_path / "chat.zip", {
        "chat.txt": chat, "AUD-WA0003.opus": opus()}))

    assert [(r.path, r.start) for r in contents.recordings] == [
        ("AUD-WA0003.opus", utc(2022, 3, 1, 10, 0))]
    entry = contents.transcript_for("AUD-WA0003.opus")
    assert entry is not None and fact(entry, "date_order") == "day-first"
    assert "keeps the dates in sequence" in (fact(entry, "date_order_evidence") or "")
    assert contents.problems == ()


def test_ambiguous_single_day_uses_file_name_then_flags_a_guess(tmp_path: Path) -> None:
    by_name = "05/06/2022, 10:00 - Ivy: PTT-20220506-WA0000.opus (file attached)\n"
    contents = load(write_zip(tmp_path / "a.zip", {
        "chat.txt": by_name, "PTT-20220506-WA0000.opus": opus()}))
    assert [(r.path, r.start) for r in contents.recordings] == [
        ("PTT-20220506-WA0000.opus", utc(2022, 5, 6, 10, 0))]
    assert contents.problems == ()

    guessed = load(write_zip(tmp_path / "b.zip", {"chat.txt": "05/06/2022, 10:00 - Ivy: hi\n"}))
    assert guessed.formats == ("whatsapp",)
    assert [(p.source.path, p.message) for p in guessed.problems] == [
        ("chat.txt", "the date order is uncertain: read as day-first (ambiguous dates (all "
                     "fields 12 or less); guessed as the most common order)")]
    assert [a.key for a in guessed.accounts] == ["Ivy"]


def test_text_that_is_not_a_chat_is_left_alone(tmp_path: Path) -> None:
    contents = load(write_zip(tmp_path / "x.zip", {
        "notes.txt": "Shopping list\n3/27/22, 21:44 - Ann: not at the start\n",
        "log.txt": "2022-03-18 15:12:00 - alexa what time is it\n",
        "PTT-20220318-WA0000.opus": opus(),
    }))
    assert "whatsapp" not in contents.formats
    assert [(r.path, r.format) for r in contents.recordings] == [
        ("PTT-20220318-WA0000.opus", "generic")]
    # The generic importer reads the "time - text" log as a sidecar instead.
    assert [(t.id, t.text) for t in contents.transcripts] == [
        ("log.txt#line 1", "alexa what time is it")]


@pytest.mark.parametrize(("line", "expected"), [
    ("[27.03.22, 21:44:47] Name: <Anhang: 00000038-AUDIO-2022-03-27-21-44-47.opus>",
     "00000038-AUDIO-2022-03-27-21-44-47.opus"),
    ("27/03/2022 à 21:44 - Léa: AUD-20220327-WA0001.mp3 (fichier joint)",
     "AUD-20220327-WA0001.mp3"),
    ("27/03/22, 21:44 - Lia: PTT-20220327-WA0001.opus (file allegato)",
     "PTT-20220327-WA0001.opus"),
])
def test_translated_attachment_shapes(line: str, expected: str) -> None:
    from viewer.formats.importers.whatsapp import attachment_name

    messages, stray = parse_chat(LRM + line + "\n")
    assert stray == []
    assert [attachment_name(m) for m in messages] == [expected]
    assert decide_date_order(messages).order == "day-first"
