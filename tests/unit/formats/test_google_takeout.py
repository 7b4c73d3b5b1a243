"""Google Takeout My Activity (Assistant, Voice and Audio): JSON, HTML, translated, split."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers.archives import write_folder, write_zip
from tests.helpers.audio import audio_bytes
from viewer.archive import open_export
from viewer.formats import import_export
from viewer.formats.importers.google_activity_page import parse_activity_date
from viewer.formats.importers.google_takeout import transcript_text
from viewer.model import ExportContents, Fact, Link, LinkMethod, SourceRef

ASSISTANT = "Takeout/My Activity/Assistant"
MP3_A = "2018-04-16_11_42_55_659_UTC.mp3"
MP3_B = "2018-04-17_08_00_03_120_UTC.mp3"
MP3_ORPHAN = "2018-04-18_20_15_00_000_UTC.mp3"
MP3_MISSING = "2018-04-19_07_30_10_500_UTC.mp3"


@pytest.fixture(scope="module")
def mp3() -> bytes:
    return audio_bytes(0.2, format="MP3")


def _record(title: str, time: str, audio: list[str] | None = None,
            details: tuple[str, ...] = (), reply: str | None = None) -> dict[str, object]:
    record: dict[str, object] = {"header": "Assistant", "title": title, "time": time,
                                 "products": ["Assistant"]}
    if audio is not None:
        record["audioFiles"] = audio
    if details:
        record["details"] = [{"name": name} for name in details]
    if reply:
        record["subtitles"] = [{"name": reply}]
    return record


def _english_records() -> list[dict[str, object]]:
    stranger = _record("Said say I love you", "2018-04-16T11:42:52.739Z", [MP3_A],
                       ("Started by hotword", "From unrecognized speaker"), "I love you too")
    stranger["locationInfos"] = [{
        "name": "At this place",
        "url": "https://www.google.com/maps/search/?api=1&query=41.70,-88.31",
        "source": "From your device"}]
    return [
        stranger,
        _record("Said what's the weather", "2018-04-17T08:00:01Z", [MP3_B],
                ("Started by hotword",), "It's sunny"),
        _record("Said call mum", "2018-04-19T07:30:07Z", [MP3_MISSING]),
    ]


def _import(paths: Path | list[Path]) -> ExportContents:
    with open_export(paths) as export:
        return import_export(export)


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_english_json_links_by_name_and_flags_the_unrecognized_speaker(
        tmp_path: Path, mp3: bytes) -> None:
    json_path = f"{ASSISTANT}/MyActivity.json"
    profile = {"displayName": "Erika Muster", "emails": [
        {"value": "erika.muster@gmail.com", "type": "account", "primary": True}]}
    contents = _import(write_zip(tmp_path / "takeout.zip", {
        json_path: json.dumps(_english_records()),
        f"{ASSISTANT}/{MP3_A}": mp3,
        f"{ASSISTANT}/{MP3_B}": mp3,
        f"{ASSISTANT}/{MP3_ORPHAN}": mp3,
        "Takeout/Profile/Profile.json": json.dumps(profile),
    }))

    assert contents.formats == ("google-takeout",)
    assert [(r.path, r.format, r.start, r.time_source, r.account)
            for r in contents.recordings] == [
        (f"{ASSISTANT}/{MP3_A}", "google-takeout", _at(2018, 4, 16, 11, 42, 55, 659000),
         "file name", "erika.muster@gmail.com"),
        (f"{ASSISTANT}/{MP3_B}", "google-takeout", _at(2018, 4, 17, 8, 0, 3, 120000),
         "file name", "erika.muster@gmail.com"),
        (f"{ASSISTANT}/{MP3_ORPHAN}", "google-takeout", _at(2018, 4, 18, 20, 15),
         "file name", "erika.muster@gmail.com"),
    ]
    first = f"{json_path}#record 1"
    assert contents.links == (
        Link(f"{ASSISTANT}/{MP3_A}", first, LinkMethod.EXPLICIT, -2.92, 1.0),
        Link(f"{ASSISTANT}/{MP3_B}", f"{json_path}#record 2", LinkMethod.EXPLICIT, -2.12, 1.0),
        Link(f"{ASSISTANT}/{MP3_ORPHAN}", None, LinkMethod.NONE),
    )
    # Google's own voice-match flag sits on exactly the stranger's recording.
    flagged = [r.path for r in contents.recordings
               if r.fact("platform_unrecognized_speaker") == "yes"]
    assert flagged == [f"{ASSISTANT}/{MP3_A}"]
    assert contents.recording(f"{ASSISTANT}/{MP3_A}").facts == (
        Fact("platform_unrecognized_speaker", "yes", SourceRef(json_path, "record 1")),)

    entry = contents.transcript(first)
    assert (entry.text, entry.reply, entry.time, entry.audio_name) == (
        "say I love you", "I love you too", _at(2018, 4, 16, 11, 42, 52, 739000), MP3_A)
    source = SourceRef(json_path, "record 1")
    assert entry.facts == (
        Fact("title", "Said say I love you", source),
        Fact("activity_header", "Assistant", source),
        Fact("product", "Assistant", source),
        Fact("detail", "Started by hotword", source),
        Fact("detail", "From unrecognized speaker", source),
        Fact("location", "At this place", source),
        Fact("location_url", "https://www.google.com/maps/search/?api=1&query=41.70,-88.31",
             source),
        Fact("location_source", "From your device", source),
        Fact("platform_unrecognized_speaker", "yes", source),
    )
    # The record naming a missing MP3 keeps its transcript, without audio, and says so.
    missing = contents.transcript(f"{json_path}#record 3")
    assert missing in contents.transcripts_without_audio()
    assert missing.facts[-1] == Fact("audio_file_missing", MP3_MISSING,
                                     SourceRef(json_path, "record 3"))
    assert [(p.source, p.message) for p in contents.problems] == [
        (SourceRef(json_path, "record 3"),
         f"names the recording {MP3_MISSING}, which is not in the export (is a part of a "
         "split download missing?)"),
    ]
    assert [(a.key, a.kind, a.name) for a in contents.accounts] == [
        ("erika.muster@gmail.com", "google-account", "Erika Muster")]
    assert contents.not_understood == ()


def test_translated_folders_are_recognised_by_shape(tmp_path: Path, mp3: bytes) -> None:
    german = "Takeout/Meine Aktivitäten/Google Assistant"
    french = "Takeout/Mon activité/Assistant Google"
    contents = _import(write_zip(tmp_path / "takeout.zip", {
        f"{german}/MeineAktivitäten.json": json.dumps([
            _record("Gesagt: Wie wird das Wetter morgen", "2018-04-16T11:42:52Z", [MP3_A],
                    ("Von nicht erkanntem Sprecher",), "Morgen wird es sonnig")]),
        f"{german}/{MP3_A}": mp3,
        # A name no list knows: only the JSON shape says what it is.
        f"{french}/Historique-vocal.json": json.dumps([
            _record("Vous avez dit quelle heure est-il", "2018-04-17T08:00:01Z", [MP3_B])]),
        f"{french}/{MP3_B}": mp3,
    }))

    texts = {entry.id: entry.text for entry in contents.transcripts}
    assert texts == {
        f"{german}/MeineAktivitäten.json#record 1": "Wie wird das Wetter morgen",
        f"{french}/Historique-vocal.json#record 1": "quelle heure est-il",
    }
    assert [(link.recording, link.transcript, link.method) for link in contents.links] == [
        (f"{german}/{MP3_A}", f"{german}/MeineAktivitäten.json#record 1", LinkMethod.EXPLICIT),
        (f"{french}/{MP3_B}", f"{french}/Historique-vocal.json#record 1", LinkMethod.EXPLICIT),
    ]
    assert [r.path for r in contents.recordings
            if r.fact("platform_unrecognized_speaker") == "yes"] == [f"{german}/{MP3_A}"]
    assert contents.problems == ()
    assert contents.not_understood == ()


def _html_block(title: str, date: str, audio: str | None, details: tuple[str, ...] = (),
                reply: str | None = None, audio_as_link: bool = False) -> str:
    if audio is None:
        media = ""
    elif audio_as_link:
        media = f'<br><a href="{audio}">{audio}</a>'
    else:
        media = f'<br><audio controls><source src="{audio}"></audio>'
    said = title.split(" ", 1)
    reply_line = f"{reply}<br>" if reply else ""
    caption = "<b>Products:</b><br>&emsp;Assistant<br>"
    if details:
        caption += "<b>Details:</b><br>" + "".join(f"&emsp;{d}<br>" for d in details)
    return (
        '<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp"><div class="mdl-grid">'
        '<div class="header-cell mdl-cell mdl-cell--12-col">'
        '<p class="mdl-typography--title">Assistant<br></p></div>'
        '<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1">'
        f'{said[0]}&nbsp;<a href="https://www.google.com/search?q=x">{said[1]}</a><br>'
        f"{reply_line}{date}{media}</div>"
        '<div class="content-cell mdl-cell mdl-cell--6-col mdl-typography--body-1 '
        'mdl-typography--text-right"></div>'
        '<div class="content-cell mdl-cell mdl-cell--12-col mdl-typography--caption">'
        f"{caption}</div></div></div>")


def _html_page(*blocks: str) -> str:
    style = "<style>" + ".mdl-cell{margin:8px}" * 200 + "</style>"
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'>{style}</head><body>"
            f"<div class='mdl-grid'>{''.join(blocks)}</div></body></html>")


def test_split_html_pages(tmp_path: Path, mp3: bytes) -> None:
    first, second = f"{ASSISTANT}/MyActivity-1.html", f"{ASSISTANT}/MyActivity-2.html"
    contents = _import(write_zip(tmp_path / "takeout.zip", {
        first: _html_page(
            _html_block("Said say I love you", "Apr 16, 2018, 1:42:52 PM CEST", MP3_A,
                        ("Started by hotword", "From unrecognized speaker"), "I love you too"),
            _html_block("Said what's the weather", "17.04.2018, 10:00:01 MESZ", MP3_B,
                        audio_as_link=True)),
        second: _html_page(
            _html_block("Said set an alarm", "Apr 18, 2018, 8:15:00\u202fPM XYZT", None),
            # Truncated: the last block is never closed.
            _html_block("Said call mum", "Apr 19, 2018, 7:30:07 AM GMT+2", MP3_MISSING)[:-12]),
        f"{ASSISTANT}/{MP3_A}": mp3,
        f"{ASSISTANT}/{MP3_B}": mp3,
    }))

    rows = [(e.id, e.text, e.reply, e.time, e.time_zone_assumed, e.audio_name)
            for e in contents.transcripts]
    assert rows == [
        (f"{first}#record 1", "say I love you", "I love you too",
         _at(2018, 4, 16, 11, 42, 52), False, MP3_A),
        (f"{first}#record 2", "what's the weather", None, _at(2018, 4, 17, 8, 0, 1), False,
         MP3_B),
        (f"{second}#record 1", "set an alarm", None, _at(2018, 4, 18, 20, 15), True, None),
        (f"{second}#record 2", "call mum", None, _at(2018, 4, 19, 5, 30, 7), False,
         MP3_MISSING),
    ]
    assert [(link.recording, link.transcript, link.method) for link in contents.links] == [
        (f"{ASSISTANT}/{MP3_A}", f"{first}#record 1", LinkMethod.EXPLICIT),
        (f"{ASSISTANT}/{MP3_B}", f"{first}#record 2", LinkMethod.EXPLICIT),
    ]
    assert [r.path for r in contents.recordings
            if r.fact("platform_unrecognized_speaker") == "yes"] == [f"{ASSISTANT}/{MP3_A}"]
    details = [f.value for f in contents.transcript(f"{first}#record 1").facts
               if f.key == "detail"]
    assert details == ["Started by hotword", "From unrecognized speaker"]
    assert [p.source for p in contents.problems] == [SourceRef(second, "record 2")]
    assert contents.not_understood == ()


@pytest.mark.parametrize("as_folder", [False, True])
def test_split_download_links_activity_in_part_one_to_mp3_in_part_two(
        tmp_path: Path, mp3: bytes, as_folder: bool) -> None:
    parts = tmp_path / "download"
    one = write_zip(parts / "takeout-20240101T101010Z-001.zip", {
        f"{ASSISTANT}/MyActivity.json": json.dumps(_english_records()[:1]),
        "Takeout/archive_browser.html":
            "<html><body><h1>Your archive</h1><p>erika.muster@gmail.com</p></body></html>",
    })
    two = write_zip(parts / "takeout-20240101T101010Z-002.zip", {f"{ASSISTANT}/{MP3_A}": mp3})

    contents = _import(parts if as_folder else [one, two])

    assert contents.links == (Link(f"{ASSISTANT}/{MP3_A}",
                                   f"{ASSISTANT}/MyActivity.json#record 1",
                                   LinkMethod.EXPLICIT, -2.92, 1.0),)
    assert contents.recordings[0].fact("platform_unrecognized_speaker") == "yes"
    assert [(a.key, a.kind) for a in contents.accounts] == [
        ("erika.muster@gmail.com", "google-account")]
    assert contents.problems == ()
    assert contents.not_understood == ()


def test_broken_json_is_a_problem_and_the_rest_imports(tmp_path: Path, mp3: bytes) -> None:
    voice = "Takeout/My Activity/Voice and Audio/MyActivity.json"
    broken = json.dumps(_english_records())[:300]
    search = [{"header": "Search", "title": "Searched for weather", "time": "2018-04-16T11:42:50Z",
               "products": ["Search"]}]
    contents = _import(write_zip(tmp_path / "takeout.zip", {
        voice: broken,
        f"{ASSISTANT}/MyActivity.json": json.dumps(_english_records()[1:2]),
        f"{ASSISTANT}/{MP3_B}": mp3,
        "Takeout/My Activity/Search/MyActivity.json": json.dumps(search),
    }))

    assert [(p.source.path, p.message.split(" (")[0]) for p in contents.problems] == [
        (voice, f"{voice}: not valid JSON")]
    assert [(link.recording, link.transcript) for link in contents.links] == [
        (f"{ASSISTANT}/{MP3_B}", f"{ASSISTANT}/MyActivity.json#record 1")]
    # Search activity is recognised but is not voice: no transcripts that could pair by time,
    # and the file is listed as not understood with the reason.
    assert [entry.id for entry in contents.transcripts] == [
        f"{ASSISTANT}/MyActivity.json#record 1"]
    assert [(item.path, item.reason) for item in contents.not_understood] == [
        (voice, "no importer recognised this file"),
        ("Takeout/My Activity/Search/MyActivity.json",
         "Google My Activity of another product (Search): 1 record(s), none of them voice; "
         "not imported")]


def test_unpacked_german_html_page_under_an_unknown_name(tmp_path: Path, mp3: bytes) -> None:
    root = write_folder(tmp_path / "Takeout", {
        # No known file name: the page's outer-cell blocks say what it is.
        "Meine Aktivitäten/Assistant/Verlauf.html": _html_page(
            _html_block("Gesagt: Licht an", "16.04.2018, 13:42:52 MESZ", MP3_A,
                        ("Von nicht erkanntem Sprecher",))),
        f"Meine Aktivitäten/Assistant/{MP3_A}": mp3,
    })
    contents = _import(root)
    assert [entry.id for entry in contents.transcripts] == [
        "Meine Aktivitäten/Assistant/Verlauf.html#record 1"]
    entry = contents.transcripts[0]
    assert (entry.text, entry.time) == ("Licht an", _at(2018, 4, 16, 11, 42, 52))
    assert contents.link_for(f"Meine Aktivitäten/Assistant/{MP3_A}").method is \
        LinkMethod.EXPLICIT
    assert contents.recordings[0].fact("platform_unrecognized_speaker") == "yes"


@pytest.mark.parametrize(("line", "expected", "assumed"), [
    ("Apr 16, 2018, 1:42:52 PM CEST", _at(2018, 4, 16, 11, 42, 52), False),
    ("Apr 16, 2018, 1:42:52\u202fAM PDT", _at(2018, 4, 16, 8, 42, 52), False),
    ("Dec 1, 2019, 12:05:00 AM EST", _at(2019, 12, 1, 5, 5), False),
    ("16.04.2018, 13:42:52 MESZ", _at(2018, 4, 16, 11, 42, 52), False),
    ("16.01.2018, 13:42:52 MEZ", _at(2018, 1, 16, 12, 42, 52), False),
    ("16 avr. 2018, 13:42:52 UTC+2", _at(2018, 4, 16, 11, 42, 52), False),
    ("16 abr 2018, 13:42:52 GMT-03:00", _at(2018, 4, 16, 16, 42, 52), False),
    ("Jun 23, 2015, 2:43:45 PM", _at(2015, 6, 23, 14, 43, 45), True),
    ("Jun 23, 2015, 2:43:45 PM QQQ", _at(2015, 6, 23, 14, 43, 45), True),
])
def test_html_dates(line: str, expected: datetime, assumed: bool) -> None:
    stamp = parse_activity_date(line)
    assert stamp is not None
    assert (stamp.moment, stamp.zone_assumed) == (expected, assumed)


@pytest.mark.parametrize("line", ["Said hello", "Products:", "Foo 16, 2018, 1:00 PM",
                                  "31.02.2018, 10:00:00 UTC"])
def test_lines_that_are_not_dates(line: str) -> None:
    assert parse_activity_date(line) is None


@pytest.mark.parametrize(("title", "text"), [
    ("Said say I love you", "say I love you"),
    ("Gesagt: Wie spät ist es", "Wie spät ist es"),
    ("Du hast gesagt: „Licht aus“", "Licht aus"),
    ("„Licht aus“ gesagt", "Licht aus"),
    ("Dijiste pon música", "pon música"),
    ("Used an Assistant feature", "Used an Assistant feature"),
])
def test_transcript_text_strips_the_verb(title: str, text: str) -> None:
    assert transcript_text(title) == text


def test_an_ambiguous_zone_abbreviation_is_read_but_marked_assumed(tmp_path: Path,
                                                                   mp3: bytes) -> None:
    page = f"{ASSISTANT}/MyActivity.html"
    contents = _import(write_zip(tmp_path / "takeout.zip", {
        page: _html_page(
            _html_block("Said play the news", "Apr 16, 2018, 5:12:55 PM IST", MP3_A),
            _html_block("Said what's the weather", "Apr 17, 2018, 1:30:03 PM CEST", MP3_B)),
        f"{ASSISTANT}/{MP3_A}": mp3,
        f"{ASSISTANT}/{MP3_B}": mp3,
    }))

    first, second = contents.transcripts
    # India is the reading; Ireland and Israel are named, and the time is not trusted.
    assert (first.time, first.time_zone_assumed) == (_at(2018, 4, 16, 11, 42, 55), True)
    note = next(f.value for f in first.facts if f.key == "time_zone_note")
    assert note.startswith("“IST” read as India Standard Time (+05:30)")
    assert "Irish" in note and "Israel" in note
    assert (second.time, second.time_zone_assumed) == (_at(2018, 4, 17, 11, 30, 3), False)
    assert not any(f.key == "time_zone_note" for f in second.facts)


def test_activity_pages_of_other_products_are_listed_not_swallowed(tmp_path: Path,
                                                                   mp3: bytes) -> None:
    search_html = _html_page(_html_block("Searched weather", "Apr 16, 2018, 1:00:00 PM CEST",
                                         None).replace("Assistant", "Search"))
    contents = _import(write_zip(tmp_path / "takeout.zip", {
        f"{ASSISTANT}/MyActivity.json": json.dumps(_english_records()[:1]),
        f"{ASSISTANT}/{MP3_A}": mp3,
        "Takeout/My Activity/Search/MyActivity.html": search_html,
        "Takeout/My Activity/YouTube/MyActivity.json": json.dumps([
            {"header": "YouTube", "title": "Watched a video", "time": "2018-04-16T11:42:53Z",
             "products": ["YouTube"]}]),
        "Takeout/My Activity/Maps/MyActivity.json": "[]",
    }))

    # Nothing of theirs became a transcript that could pair with the recording by time ...
    assert [entry.id for entry in contents.transcripts] == [
        f"{ASSISTANT}/MyActivity.json#record 1"]
    # ... and none of them vanished: each is listed with what it is.
    assert sorted((item.path, item.kind, item.reason) for item in contents.not_understood) == [
        ("Takeout/My Activity/Maps/MyActivity.json", "json",
         "a Google My Activity file with no records; nothing to import"),
        ("Takeout/My Activity/Search/MyActivity.html", "html",
         "Google My Activity of another product (Search): 1 record(s), none of them voice; "
         "not imported"),
        ("Takeout/My Activity/YouTube/MyActivity.json", "json",
         "Google My Activity of another product (YouTube): 1 record(s), none of them voice; "
         "not imported"),
    ]
    assert contents.problems == ()
