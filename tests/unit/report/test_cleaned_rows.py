"""The cleaned copy removes a stranger's rows from tables that also hold the user's (issue 13).

Variants of the demo export are written in the test: one stranger row added to
``Intent-1-1.csv`` (their utterance at its time), with the loose transcript PDF either mixed
(the stranger's lines plus one of the owner's) or dropped (then the row is the stranger
recording's only transcript), and one with a saved voice-history JSON that mixes both. Then
Takeout and Telegram JSON, where the user's own mark makes one voice message not theirs.
"""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.archives import write_zip
from tests.helpers.audio import audio_bytes
from tests.helpers.minipdf import pdf_bytes
from tests.helpers.report import (
    DEMO_EXPORT,
    GEOLOCATION,
    INTENT,
    REQUEST,
    SESSIONS,
    STRANGER_SERIAL,
    TRANSCRIPTS_PDF,
    checked,
    demo_truth,
    demo_variant,
    member_bytes,
    readable_layers,
)
from viewer.analysis.check import check_export
from viewer.analysis.profile import profile_from_dict
from viewer.archive import open_export
from viewer.formats import import_export
from viewer.report import ReportRequest, build_report_data, write_report

CLEANED = "amazon-demo-export-cleaned.zip"
MANIFEST = "MANIFEST-export-viewer.txt"
VOICE_HISTORY = "Additional Data/Alexa/Alexa/Voice History/voice-history.json"


def _stranger() -> dict[str, Any]:
    """A stranger's request whose words are not part of any of the owner's."""
    truth = demo_truth()
    own = [item["utterance"] for item in truth if item["owner"]]
    return next(item for item in truth
                if not item["owner"] and not any(item["utterance"] in mine for mine in own))


def _pdf_line(item: dict[str, Any]) -> str:
    moment = datetime.fromisoformat(item["utterance_time"].replace("Z", "+00:00"))
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC  {item['utterance']}"


def _stranger_row(item: dict[str, Any]) -> bytes:
    return (f"Not Available,Not Available,Not Available,{item['utterance']},"
            f"{item['utterance_time']}\n").encode()


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _stranger_geolocation_rows() -> list[bytes]:
    rows = [line for line in _lines(member_bytes(DEMO_EXPORT, GEOLOCATION))
            if STRANGER_SERIAL.encode() in line]
    assert len(rows) == 40
    return rows


def _stranger_session_rows() -> list[bytes]:
    rows = [line for line in _lines(member_bytes(DEMO_EXPORT, SESSIONS))
            if line.startswith(b"Echo (4th Gen),Alexa,en-US,amazon.com,")]
    assert len(rows) == 40
    return rows


def _report(variant: Path, folder: Path) -> Path:
    export, result = checked(variant)
    with export:
        write_report(folder, build_report_data(result, export, REQUEST), export,
                     clean_copy=True)
    return folder


_BUILT: dict[str, Path] = {}


def _variant_folder(which: str, factory: pytest.TempPathFactory) -> Path:
    """The report folder (with the cleaned copy) of one variant, built once per session."""
    if which in _BUILT:
        return _BUILT[which]
    root = factory.mktemp(which)
    stranger = _stranger()
    intent = member_bytes(DEMO_EXPORT, INTENT) + _stranger_row(stranger)
    pdf: bytes | None = None
    if which == "mixed-pdf":
        truth = demo_truth()
        lines = [_pdf_line(item) for item in truth if not item["owner"]]
        lines.insert(17, _pdf_line(next(item for item in truth if item["owner"])))
        pdf = pdf_bytes([["Alexa voice history", *lines[:25]], lines[25:]])
    path = demo_variant(root / "amazon-demo-export.zip", {INTENT: intent, TRANSCRIPTS_PDF: pdf})
    _BUILT[which] = _report(path, root / "out")
    return _BUILT[which]


@pytest.fixture(params=["mixed-pdf", "no-pdf"])
def variant(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            ) -> tuple[str, Path]:
    """(which variant, its report folder): the stranger row beside a PDF that mixes the
    stranger's lines with one of the owner's, or with no PDF at all."""
    return request.param, _variant_folder(request.param, tmp_path_factory)


@pytest.fixture
def mixed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _variant_folder("mixed-pdf", tmp_path_factory)


def _cleaned_members(folder: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(folder / CLEANED) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_strangers_row_and_their_devices_rows_are_in_no_member(
        variant: tuple[str, Path]) -> None:
    _, folder = variant
    text = _stranger()["utterance"].encode()
    rows = (*_stranger_geolocation_rows(), *_stranger_session_rows())
    probes = [text, STRANGER_SERIAL.encode(), *(row.rstrip() for row in rows)]
    for label, content in readable_layers(folder / CLEANED):
        assert not [probe for probe in probes if probe in content], label


def test_the_users_rows_stay_byte_for_byte(variant: tuple[str, Path]) -> None:
    _, folder = variant
    members = _cleaned_members(folder)
    # The demo's own Intent table is the owner's alone: what the stranger row was added to.
    assert members[INTENT] == member_bytes(DEMO_EXPORT, INTENT)
    for path, theirs in ((GEOLOCATION, _stranger_geolocation_rows()),
                         (SESSIONS, _stranger_session_rows())):
        original = _lines(member_bytes(DEMO_EXPORT, path))
        assert members[path] == b"".join(line for line in original if line not in theirs)
        assert len(_lines(members[path])) == 61  # the header and the owner's 60 rows
    for path in ("FileDescriptions.csv", "Your Alexa & Echo Devices/Device Registration.csv",
                 "Your Orders/Retail.OrderHistory.1.csv"):
        assert members[path] == member_bytes(DEMO_EXPORT, path)  # no stranger row: untouched


def test_the_manifest_lists_every_removed_row_by_file_and_number(
        variant: tuple[str, Path]) -> None:
    which, folder = variant
    manifest = _cleaned_members(folder)[MANIFEST].decode()
    rows = [line.split("\t") for line in manifest.splitlines()
            if line.count("\t") == 2 and "\trow " in line]
    by_file: dict[str, list[int]] = {}
    for path, locator, _why in rows:
        by_file.setdefault(path, []).append(int(locator.removeprefix("row ")))
    geolocation = _lines(member_bytes(DEMO_EXPORT, GEOLOCATION))
    sessions = _lines(member_bytes(DEMO_EXPORT, SESSIONS))
    assert by_file == {
        INTENT: [62],  # header = row 1, the owner's 60 rows, then the stranger's
        GEOLOCATION: [number for number, line in enumerate(geolocation, start=1)
                      if line in _stranger_geolocation_rows()],
        SESSIONS: [number for number, line in enumerate(sessions, start=1)
                   if line in _stranger_session_rows()],
    }
    assert "Rows removed (81)" in manifest
    why = next(line for line in manifest.splitlines() if line.startswith(f"{INTENT}\trow 62\t"))
    if which == "no-pdf":  # the row is the stranger recording's transcript
        assert why.endswith("transcript of utterance_20240820T174448Z.wav, which is not mine")
    else:  # the PDF line is: the row is tied by its time
        assert why.endswith("made at the moment of a request that is not mine")
    assert f"{INTENT}\t6090\t" in manifest  # rewritten: new size, then the hashes


def test_a_pdf_mixing_both_is_left_out(mixed_pdf: Path) -> None:
    members = _cleaned_members(mixed_pdf)
    assert TRANSCRIPTS_PDF not in members
    left_out = [line for line in members[MANIFEST].decode().splitlines()
                if line.startswith(TRANSCRIPTS_PDF + "\t")]
    assert len(left_out) == 1 and "cannot be cleaned row by row" in left_out[0]
    report = json.loads((mixed_pdf / "report.json").read_text(encoding="utf-8"))
    # Not "only the other person's data": the owner's line is in it too.
    assert TRANSCRIPTS_PDF not in [item["path"] for item in report["withheld_members"]]


def test_no_trace_of_the_removed_rows_in_anything_written(variant: tuple[str, Path]) -> None:
    _, folder = variant
    text = _stranger()["utterance"].lower().encode()
    rows = [row.rstrip() for row in (*_stranger_geolocation_rows(), *_stranger_session_rows())]
    coordinates = {cell for row in _stranger_geolocation_rows()
                   for cell in row.decode().split(",")[1:4:2]}
    assert len(coordinates) > 40
    assert sorted(path.name for path in folder.iterdir()) == [
        CLEANED, "flagged-files.csv", "letter.txt", "report.json"]
    for path in folder.iterdir():
        for label, content in readable_layers(path):
            assert text not in content.lower(), label
            assert not [row for row in rows if row in content], label
            assert not [value for value in coordinates if value.encode() in content], label


# --- a saved voice history (JSON) mixing both --------------------------------------------

def _history_record(item: dict[str, Any], serial: str, reply: str) -> dict[str, Any]:
    moment = datetime.fromisoformat(item["utterance_time"].replace("Z", "+00:00"))
    return {"timestamp": int(moment.timestamp() * 1000),
            "device": {"deviceName": "Echo", "serialNumber": serial},
            "utteranceType": "WAKE_WORD", "activityStatus": "SUCCESS",
            "voiceHistoryRecordItems": [
                {"recordItemType": "CUSTOMER_TRANSCRIPT", "transcriptText": item["utterance"],
                 "utteranceId": f"id-{item['utterance_time']}"},
                {"recordItemType": "ALEXA_RESPONSE", "transcriptText": reply}]}


def test_a_voice_history_json_loses_exactly_the_strangers_record(tmp_path: Path) -> None:
    truth = demo_truth()
    mine = [item for item in truth if item["owner"]][:2]
    stranger = _stranger()
    reply = "The next Red Line train to Harvard leaves Park Street in four minutes."
    records = [_history_record(mine[0], mine[0]["device_serial"], "Nudeln mit Pesto."),
               _history_record(stranger, STRANGER_SERIAL, reply),
               _history_record(mine[1], mine[1]["device_serial"], "Morgen wird es sonnig.")]
    document = {"customerHistoryRecords": records, "total": 3}
    original = json.dumps(document, ensure_ascii=False, indent=2).encode()
    variant = demo_variant(tmp_path / "amazon-demo-export.zip", {VOICE_HISTORY: original})
    folder = _report(variant, tmp_path / "out")

    members = _cleaned_members(folder)
    cleaned = members[VOICE_HISTORY]
    kept = {"customerHistoryRecords": [records[0], records[2]], "total": 3}
    assert json.loads(cleaned) == kept  # valid, the same shape, one record fewer
    # Cut out of the text as written: everything else keeps its layout byte for byte.
    assert cleaned == json.dumps(kept, ensure_ascii=False, indent=2).encode()
    manifest = members[MANIFEST].decode()
    assert f"{VOICE_HISTORY}\trecord 2\t" in manifest
    assert f"{VOICE_HISTORY}\trecord 1\t" not in manifest
    assert f"{VOICE_HISTORY}\trecord 3\t" not in manifest
    for path in folder.iterdir():
        for label, content in readable_layers(path):
            assert reply.lower().encode() not in content.lower(), label
            assert stranger["utterance"].encode() not in content, label


# --- other formats: the user's own mark makes a recording not-mine -------------------------

def _takeout() -> tuple[dict[str, bytes], str, str, bytes]:
    """(files, the marked recording, the JSON member, that member as it must be cleaned)."""
    folder = "Takeout/My Activity/Assistant"
    records = [{"header": "Assistant", "title": f"Said {text}",
                "time": f"2023-05-01T{hour:02d}:00:00.000Z", "products": ["Assistant"],
                "audioFiles": [f"2023-05-01_{hour:02d}_00_01_000_UTC.mp3"],
                "details": [{"name": "Started by hotword"}]}
               for hour, text in ((8, "turn on the lights"), (9, "call aunt hilda now"),
                                  (10, "what time is it"))]
    files = {f"{folder}/MyActivity.json": json.dumps(records, indent=2).encode()}
    for number, record in enumerate(records):
        files[f"{folder}/{record['audioFiles'][0]}"] = audio_bytes(
            0.3 + number / 10, format="MP3", subtype="MPEG_LAYER_III")
    return (files, f"{folder}/{records[1]['audioFiles'][0]}", f"{folder}/MyActivity.json",
            json.dumps([records[0], records[2]], indent=2).encode())


def _telegram() -> tuple[dict[str, bytes], str, str, bytes]:
    messages = [{"id": 100 + number, "type": "message", "date": f"2023-11-14T2{number}:13:20",
                 "date_unixtime": str(1_700_000_000 + 3600 * number), "from": sender,
                 "from_id": f"user{number}", "media_type": "voice_message",
                 "file": f"voice_messages/audio_{number}@14-11-2023_2{number}-13-20.ogg",
                 "mime_type": "audio/ogg", "duration_seconds": 1, "text": ""}
                for number, sender in enumerate(("Max", "Fremder Gast", "Max"))]
    other_chat = {"name": "Erika", "type": "personal_chat", "id": 5, "messages": [
        {"id": 1, "type": "message", "date": "2023-11-14T20:00:00", "from": "Max",
         "date_unixtime": "1699990000", "from_id": "user0", "text": "hallo"}]}
    document = {"personal_information": {"user_id": 1, "first_name": "Max"},
                "chats": {"about": "…", "list": [other_chat, {
                    "name": "Gruppe", "type": "private_group", "id": 6,
                    "messages": messages}]}}
    files = {"Telegram/result.json": json.dumps(document, indent=1, ensure_ascii=False).encode()}
    for number, message in enumerate(messages):
        files[f"Telegram/{message['file']}"] = audio_bytes(
            0.3 + number / 10, format="OGG", subtype="VORBIS")
    del messages[1]
    return (files, "Telegram/voice_messages/audio_1@14-11-2023_21-13-20.ogg",
            "Telegram/result.json", json.dumps(document, indent=1, ensure_ascii=False).encode())


@pytest.mark.parametrize("make", [_takeout, _telegram], ids=["takeout", "telegram"])
def test_json_records_of_other_formats_are_cut_out(make: Any, tmp_path: Path) -> None:
    files, marked, member, expected = make()
    source = write_zip(tmp_path / "export.zip", files)
    with open_export(source) as export:
        profile = profile_from_dict({"confirmed_not_mine": [marked]}, tmp_path)
        result = check_export(export, import_export(export), profile)
        data = build_report_data(result, export, ReportRequest())
        written = write_report(tmp_path / "out", data, export, clean_copy=True)
    with zipfile.ZipFile(written[-1]) as cleaned:
        assert cleaned.read(member) == expected
        assert marked not in cleaned.namelist()
        manifest = cleaned.read(MANIFEST).decode()
    removed = [line.split("\t")[1] for line in manifest.splitlines()
               if line.startswith(member + "\t") and line.count("\t") == 2]
    assert removed == ["record 2" if "Takeout" in member else "chat 2, message 101"]
