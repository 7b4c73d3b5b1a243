"""WhatsApp chat exports, built by code, run through the real pipeline."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.archives import write_folder, write_zip
from tests.helpers.audio import audio_bytes
from viewer.archive import open_export
from viewer.formats.importers.whatsapp import (
    attachment_name,
    decide_date_order,
    message_time,
    omitted_media,
    parse_chat,
)
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
    messages, stray = parse_chat(LRM + line + "\n")
    assert stray == []
    assert [attachment_name(m) for m in messages] == [expected]
    assert decide_date_order(messages).order == "day-first"


# --- Issue 12: drift seen in chat exports published with public parsers -------------------

RLM = "\u200f"
ALM = "\u061c"
NBSP = "\u00a0"


def test_ios_right_to_left_locales(tmp_path: Path) -> None:
    """Arabic comma after the date, marks inside it, localised attachment words."""
    chat = "\n".join([
        f"{RLM}[27{RLM}/3{RLM}/2022، 21:40:01] سارة: مرحبا",
        f"[27{RLM}/3{RLM}/2022، 21:44:47] سارة: {RLM}<المرفق: 00000038-AUDIO-2022-03-27-21-44-47"
        ".opus>",
        f"[27/3/2022،{NBSP}21:45:10] رضا: {LRM}<پیوست: 00000039-AUDIO-2022-03-27-21-45-10.opus>",
        f"[{ALM}27/3/2022, 21:46:00] דנה: {RLM}<קובץ מצורף: 00000040-AUDIO-2022-03-27-21-46-00"
        ".opus>",
        "\u202b[27/3/2022، 21:47:30]\u202c عمران: \u2067<منسلک: "
        "00000041-AUDIO-2022-03-27-21-47-30.opus>\u2069",
    ]) + "\n"
    names = ["00000038-AUDIO-2022-03-27-21-44-47.opus", "00000039-AUDIO-2022-03-27-21-45-10.opus",
             "00000040-AUDIO-2022-03-27-21-46-00.opus", "00000041-AUDIO-2022-03-27-21-47-30.opus"]
    contents = load(write_zip(tmp_path / "WhatsApp Chat - سارة.zip", {
        "_chat.txt": chat, **{name: opus() for name in names}}))

    assert contents.formats == ("whatsapp",)
    assert [(r.path, r.start, r.sender, r.time_source) for r in contents.recordings] == [
        (names[0], utc(2022, 3, 27, 21, 44, 47), "سارة", "chat line"),
        (names[1], utc(2022, 3, 27, 21, 45, 10), "رضا", "chat line"),
        (names[2], utc(2022, 3, 27, 21, 46), "דנה", "chat line"),
        (names[3], utc(2022, 3, 27, 21, 47, 30), "عمران", "chat line"),
    ]
    assert [(link.transcript, link.method) for link in contents.links] == [
        (f"_chat.txt#line {n}", LinkMethod.EXPLICIT) for n in (2, 3, 4, 5)]
    assert fact(contents.transcript("_chat.txt#line 2"), "date_order") == "day-first"
    assert [a.key for a in contents.accounts] == ["سارة", "رضا", "דנה", "عمران"]
    assert contents.not_understood == ()
    assert contents.problems == ()


def test_android_arabic_twelve_hour_clock_and_translated_note(tmp_path: Path) -> None:
    chat = "\n".join([
        f"27{RLM}/3{RLM}/2022، 9:40 م - أحمد: اسمع",
        f"27{RLM}/3{RLM}/2022، 9:44 م - أحمد: {RLM}PTT-20220327-WA0001.opus (ملف مرفق)",
        f"28{RLM}/3{RLM}/2022، 8:05 ص - ليلى: PTT-20220328-WA0002.opus (ملف مرفق)",
    ]) + "\n"
    contents = load(write_zip(tmp_path / "chat.zip", {
        "محادثة واتساب مع أحمد.txt": chat,
        "PTT-20220327-WA0001.opus": opus(), "PTT-20220328-WA0002.opus": opus()}))

    assert [(r.path, r.start, r.sender) for r in contents.recordings] == [
        ("PTT-20220327-WA0001.opus", utc(2022, 3, 27, 21, 44), "أحمد"),
        ("PTT-20220328-WA0002.opus", utc(2022, 3, 28, 8, 5), "ليلى"),
    ]
    assert all(link.method is LinkMethod.EXPLICIT for link in contents.links)
    assert contents.problems == ()


def test_ios_thai_buddhist_and_japanese_era_dates_are_converted(tmp_path: Path) -> None:
    thai = "\n".join([
        "[3/27/2565 BE, 21:40:00] Somchai: hello",
        f"[3/27/2565 BE, 21:44:47] Somchai: {LRM}<attached: 00000038-AUDIO-2022-03-27-21-44-47"
        ".opus>",
    ]) + "\n"
    japanese = "\n".join([
        "[4/30/H31, 09:00:00] Hiro: last day of Heisei",
        "[3/27/R4, 21:44:47] Hiro: <attached: 00000012-AUDIO-2022-03-27-21-44-47.opus>",
    ]) + "\n"
    contents = load(write_folder(tmp_path / "chats", {
        "th/_chat.txt": thai, "th/00000038-AUDIO-2022-03-27-21-44-47.opus": opus(),
        "ja/_chat.txt": japanese, "ja/00000012-AUDIO-2022-03-27-21-44-47.opus": opus(),
    }))

    assert [(r.path, r.start, r.sender) for r in contents.recordings] == [
        ("ja/00000012-AUDIO-2022-03-27-21-44-47.opus", utc(2022, 3, 27, 21, 44, 47), "Hiro"),
        ("th/00000038-AUDIO-2022-03-27-21-44-47.opus", utc(2022, 3, 27, 21, 44, 47),
         "Somchai"),
    ]
    thai_entry = contents.transcript("th/_chat.txt#line 2")
    assert thai_entry is not None and thai_entry.time == utc(2022, 3, 27, 21, 44, 47)
    assert fact(thai_entry, "calendar") == "Thai Buddhist era (year − 543)"
    japanese_entry = contents.transcript("ja/_chat.txt#line 2")
    assert japanese_entry is not None
    assert [f.value for f in japanese_entry.facts if f.key == "calendar"] == [
        "Japanese era Heisei (year + 1988)", "Japanese era Reiwa (year + 2018)"]
    assert contents.problems == ()


def test_unknown_calendars_are_a_problem_not_a_guess(tmp_path: Path) -> None:
    hijri = "\n".join([
        "[3/27/1443 AH, 21:40:00] Ali: hello",
        "[3/27/1443 AH, 21:44:47] Ali: <attached: 00000038-AUDIO-2022-03-27-21-44-47.opus>",
    ]) + "\n"
    # Persian phones write Solar Hijri years without a marker: 1401 cannot be Gregorian.
    persian = "1401/1/7, 21:44 - رضا: PTT-20220327-WA0001.opus (فایل پیوست)\n"
    # No marker, but 2565 can only be the Buddhist era: converted, and said.
    thai = "27/3/2565 21:44 - Somchai: PTT-20220327-WA0002.opus (file attached)\n"
    contents = load(write_folder(tmp_path / "chats", {
        "ar/_chat.txt": hijri, "ar/00000038-AUDIO-2022-03-27-21-44-47.opus": opus(),
        "fa/chat.txt": persian, "fa/PTT-20220327-WA0001.opus": opus(),
        "th/chat.txt": thai, "th/PTT-20220327-WA0002.opus": opus(),
    }))

    assert [(p.source.path, p.source.locator, p.message) for p in contents.problems] == [
        ("ar/_chat.txt", "line 1", "2 line(s) are dated in a calendar this app does not "
         "convert (“AH”); their times were left empty rather than guessed"),
        ("fa/chat.txt", "line 1", "1 line(s) are dated in a calendar this app does not "
         "convert (years such as 1401 with no calendar named); their times were left empty "
         "rather than guessed"),
        ("th/chat.txt", "line 1", "1 line(s) have years such as 2565 with no calendar named; "
         "read as the Thai Buddhist era (year − 543)"),
    ]
    entry = contents.transcript("ar/_chat.txt#line 2")
    assert entry is not None and entry.time is None and entry.speaker == "Ali"
    # The recording keeps its sender; its time comes from its own (Gregorian) file name.
    assert [(r.path, r.start, r.time_source, r.sender) for r in contents.recordings] == [
        ("fa/PTT-20220327-WA0001.opus", utc(2022, 3, 27), "file name", "رضا"),
        ("th/PTT-20220327-WA0002.opus", utc(2022, 3, 27, 21, 44), "chat line", "Somchai"),
        ("ar/00000038-AUDIO-2022-03-27-21-44-47.opus", utc(2022, 3, 27, 21, 44, 47),
         "file name", "Ali"),
    ]


def test_a_chat_exported_without_media_keeps_its_voice_notes_visible(tmp_path: Path) -> None:
    ios = "\n".join([
        "[27.03.22, 21:40:00] Anna: Hör mal",
        f"[27.03.22, 21:44:47] Anna: {LRM}Audio weggelassen",
        f"[27.03.22, 21:45:00] Ben: {LRM}Bild weggelassen",
        f"[27.03.22, 21:46:00] Ben: {LRM}audio omitted",
    ]) + "\n"
    android = "\n".join([
        "27/03/2022, 21:50 - Carla: <Media omitted>",
        "27/03/2022, 21:51 - Dan: audio omitido",
        "27/03/2022, 21:52 - Dan: audio omis",
        "27/03/2022, 21:53 - Dan: audio omesso",
        "27/03/2022, 21:54 - Dan: áudio ocultado",
        "27/03/2022, 21:55 - Dan: audio weggelaten",
        "27/03/2022, 21:56 - Dan: <Medien ausgeschlossen>",
        "27/03/2022, 21:57 - Dan: the audio omitted part was funny",
    ]) + "\n"
    contents = load(write_folder(tmp_path / "chats", {
        "ios/_chat.txt": ios,
        "android/WhatsApp Chat with Carla.txt": android,
        # Audio beside the chat at the very minute of a line: a chat line never pairs by time.
        "android/PTT-20220327-WA0009.opus": opus(),
    }))

    missing = contents.transcripts_without_audio()
    android_path = "android/WhatsApp Chat with Carla.txt"
    assert [(e.id, e.speaker, e.time, e.audio_name) for e in missing] == [
        (f"{android_path}#line 1", "Carla", utc(2022, 3, 27, 21, 50), None),
        *((f"{android_path}#line {n}", "Dan", utc(2022, 3, 27, 21, 49 + n), None)
          for n in range(2, 8)),
        ("ios/_chat.txt#line 2", "Anna", utc(2022, 3, 27, 21, 44, 47), None),
        ("ios/_chat.txt#line 4", "Ben", utc(2022, 3, 27, 21, 46), None),
    ]
    assert [fact(e, "voice_note_not_included") for e in missing] == [
        None, "audio omitido", "audio omis", "audio omesso", "áudio ocultado",
        "audio weggelaten", None, "Audio weggelassen", "audio omitted"]
    assert fact(missing[0], "media_not_included") == (
        "<Media omitted> (the kind is not stated: it may have been a voice note)")
    assert fact(missing[6], "media_not_included") == (
        "<Medien ausgeschlossen> (the kind is not stated: it may have been a voice note)")
    assert missing[7].text.startswith("Anna: Hör mal\nAnna: Audio weggelassen")
    assert all(e.time_zone_assumed for e in missing)
    assert [(link.recording, link.method) for link in contents.links] == [
        ("android/PTT-20220327-WA0009.opus", LinkMethod.NONE)]
    assert contents.problems == ()


def test_an_attachment_with_a_bare_dot_pairs_with_its_file(tmp_path: Path) -> None:
    chat = "\n".join([
        "10/11/2020, 18:01 - Ema: listen",
        f"10/11/2020, 18:02 - Ema: {LRM}AUD-20201110-WA0043. (file attached)",
        "10/11/2020, 18:03 - Ema: PTT-20201110-WA0044. (file attached)",
        "13/11/2020, 09:00 - Ema: IMG-20201113-WA0001. (file attached)",
    ]) + "\n"
    contents = load(write_zip(tmp_path / "chat.zip", {
        "WhatsApp Chat with Ema.txt": chat,
        "AUD-20201110-WA0043.opus": opus(),
        "IMG-20201113-WA0001.jpg": b"\xff\xd8\xff\xe0 not really a photo",
        # PTT-20201110-WA0044 is not in the export.
    }))

    assert [(r.path, r.start, r.sender, r.time_source) for r in contents.recordings] == [
        ("AUD-20201110-WA0043.opus", utc(2020, 11, 10, 18, 2), "Ema", "chat line")]
    recording = contents.recordings[0]
    assert recording.fact("named_in_chat") is None  # named, not an orphan
    assert recording.fact("name_in_chat") == "AUD-20201110-WA0043."
    link = contents.link_for("AUD-20201110-WA0043.opus")
    assert link is not None and (link.transcript, link.method) == (
        "WhatsApp Chat with Ema.txt#line 2", LinkMethod.EXPLICIT)
    entry = contents.transcript("WhatsApp Chat with Ema.txt#line 2")
    assert entry is not None and entry.audio_name == "AUD-20201110-WA0043.opus"
    missing = contents.transcripts_without_audio()
    assert [(e.id, e.audio_name, fact(e, "file_not_included")) for e in missing] == [
        ("WhatsApp Chat with Ema.txt#line 3", "PTT-20201110-WA0044.",
         "PTT-20201110-WA0044.")]
    assert [u.path for u in contents.not_understood] == ["IMG-20201113-WA0001.jpg"]
    assert contents.problems == ()


@given(st.text(alphabet=st.sampled_from(
    "[]0123456789/.,-: \n<>()RHBEAPaptm\u060c\u200e\u200f\u061c\u202f\u0662\u0665ص"
    "مهـ.ظقب"), max_size=80))
def test_chat_parsing_never_raises(text: str) -> None:
    messages, _ = parse_chat(text)
    order = decide_date_order(messages)
    for message in messages:
        attachment_name(message)
        omitted_media(message)
        moment = message_time(message, order.order)
        assert moment is None or moment.tzinfo is UTC
