"""The Amazon Alexa importer on code-built exports of both vintages, through the pipeline."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.archives import Content, write_folder, write_zip
from tests.helpers.audio import wav_bytes
from viewer.archive import open_export
from viewer.formats.importers.amazon_tables import header_cells, table_kind_of_header
from viewer.formats.importers.amazon_times import find_time, parse_loose_time
from viewer.formats.pipeline import import_export
from viewer.model import ExportContents, LinkMethod, SourceRef

WAV = wav_bytes(0.2)


def csv_text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def load_zip(tmp_path: Path, files: Mapping[str, Content]) -> ExportContents:
    with open_export(write_zip(tmp_path / "export.zip", files)) as export:
        return import_export(export)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def problem_places(contents: ExportContents) -> set[tuple[str, str]]:
    return {(problem.source.path, problem.source.locator) for problem in contents.problems}


def linked(contents: ExportContents, path: str) -> tuple[LinkMethod, str | None]:
    link = contents.link_for(path)
    assert link is not None
    return link.method, link.transcript


# --- Older vintage: Transcriptions*.csv naming their WAVs -----------------------------

OLD = "Alexa_1.zip!/Audio and Transcription/"


def older_export() -> dict[str, Content]:
    folder = "Audio and Transcription/"
    return {
        "Alexa_1.zip": {
            folder + "Transcriptions-1.csv": csv_text(
                "Zeitpunkt,Anfrage,Audiodatei,Antwort",
                "2019-05-03 10:00:01,alexa wie spät ist es,req_a1.wav,Es ist zehn Uhr",
                "2019-05-03T10:05:00Z,alexa stopp,req_a2.wav,Not Available"),
            folder + "Transcriptions-2.csv": csv_text(
                "Zeitpunkt,Anfrage,Audiodatei,Antwort",
                "2019-05-04 11:00:00,alexa spiel musik,req_b1.wav,Okay",
                "kaputt",
                "gestern,alexa licht an,req_b2.wav,Okay"),
            folder + "req_a1.wav": WAV,
            folder + "req_a2.wav": WAV,
            folder + "req_b1.wav": WAV,
            folder + "req_b2.wav": WAV,
            folder + "req_orphan.wav": WAV,
        },
        "Retail/OrderHistory.csv": csv_text("Order ID,Order Date", "1,2019-01-01"),
    }


def test_older_vintage_in_nested_zip_links_rows_to_their_wavs(tmp_path: Path) -> None:
    contents = load_zip(tmp_path, older_export())

    assert contents.formats == ("amazon-alexa",)
    assert {r.path for r in contents.recordings} == {
        OLD + name for name in ("req_a1.wav", "req_a2.wav", "req_b1.wav", "req_b2.wav",
                                "req_orphan.wav")}
    assert all(r.format == "amazon-alexa" for r in contents.recordings)
    part1, part2 = OLD + "Transcriptions-1.csv", OLD + "Transcriptions-2.csv"
    assert linked(contents, OLD + "req_a1.wav") == (LinkMethod.EXPLICIT, f"{part1}#row 2")
    assert linked(contents, OLD + "req_a2.wav") == (LinkMethod.EXPLICIT, f"{part1}#row 3")
    assert linked(contents, OLD + "req_b1.wav") == (LinkMethod.EXPLICIT, f"{part2}#row 2")
    # A row with an unreadable time still names its file: kept and linked by name.
    assert linked(contents, OLD + "req_b2.wav") == (LinkMethod.EXPLICIT, f"{part2}#row 4")
    assert linked(contents, OLD + "req_orphan.wav") == (LinkMethod.NONE, None)

    first = contents.transcript(f"{part1}#row 2")
    assert first is not None
    assert (first.text, first.reply, first.audio_name) == (
        "alexa wie spät ist es", "Es ist zehn Uhr", "req_a1.wav")
    assert first.time == utc(2019, 5, 3, 10, 0, 1) and first.time_zone_assumed
    second = contents.transcript(f"{part1}#row 3")
    assert second is not None and second.reply is None and not second.time_zone_assumed

    # Names carry no time, so the recording takes its row's time.
    recording = contents.recording(OLD + "req_a1.wav")
    assert recording is not None
    assert (recording.start, recording.time_source, recording.time_zone_assumed) == (
        utc(2019, 5, 3, 10, 0, 1), "transcript", True)

    assert problem_places(contents) == {(part2, "row 3"), (part2, "row 4")}
    assert {u.path for u in contents.not_understood} == {"Retail/OrderHistory.csv"}


def test_headerless_transcriptions_in_another_column_order(tmp_path: Path) -> None:
    root = write_folder(tmp_path / "export", {
        "Alexa/Transkriptionen.csv": csv_text(
            "rec_1.wav;2019-06-01 08:00:00 UTC;alexa guten morgen;Guten Morgen",
            "rec_2.wav;2019-06-01 08:10:00 UTC;alexa wetter;Sonnig"),
        "Alexa/rec_1.wav": WAV,
        "Alexa/rec_2.wav": WAV,
    })
    with open_export(root) as export:
        contents = import_export(export)

    table = "Alexa/Transkriptionen.csv"
    assert linked(contents, "Alexa/rec_1.wav") == (LinkMethod.EXPLICIT, f"{table}#row 1")
    assert linked(contents, "Alexa/rec_2.wav") == (LinkMethod.EXPLICIT, f"{table}#row 2")
    entry = contents.transcript(f"{table}#row 2")
    assert entry is not None
    assert (entry.text, entry.reply, entry.time) == (
        "alexa wetter", "Sonnig", utc(2019, 6, 1, 8, 10))
    assert contents.problems == ()


def test_a_generic_sidecar_with_file_names_is_not_taken_for_amazon(tmp_path: Path) -> None:
    contents = load_zip(tmp_path, {
        "notes/sidecar.csv": csv_text("when,file,what", "2020-01-01 10:00:00,a.wav,hello"),
        "notes/a.wav": WAV,
    })
    assert "amazon-alexa" not in contents.formats
    assert [r.format for r in contents.recordings] == ["generic"]


# --- Current vintage: raw tables under translated folders -----------------------------

PART = "Alle Datenkategorien.1.zip!/"
EXTRA = "Zusätzliche Daten/Alexa/"
REGISTERED, STRANGER = "G000REG000000001", "G2A0US0000000009"
REG_HEADER = ("Account Name,Amazon Device Model Name,Current Firmware Version,Customer Login Pool,"
              "Customer Type,Device Account Role,Device Model,Device Pairing Details,"
              "Device Serial Number,First Time Registered,IP Address,Last Time Registered,"
              "Local Time Offset,State,Time Deregistered")


def current_export() -> dict[str, Content]:
    return {
        "Alle Datenkategorien.1.zip": {
            EXTRA + "Alexa/NLU/Intent-1-1.csv": csv_text(
                "Currently Playing Song,Screen Contents,Contact Name,Utterance text,"
                "Utterance Creation Date",
                "Not Available,Not Available,Alice,alexa spiel radio zwei,"
                "2024-08-21T13:53:36.929Z",
                "Data Not Available,Not Applicable,Not Available,alexa wie spät,"
                "2024-08-21T15:00:07Z",
                "Not Available,Not Available,Not Available,alexa hallo,gestern"),
            # The older header, split into a second part.
            EXTRA + "Alexa/NLU/Intent-1-2.csv": csv_text(
                "Currently Playing Song,Utterance text,Utterance Creation Date",
                "Bohemian Rhapsody,alexa lauter,2024-08-21T14:00:01Z"),
            EXTRA + "Standort/Geolocation-1-1.csv": csv_text(
                "sourceOfLocation,longitudeInDegrees,coordinatesAccuracyInMeters,"
                "latitudeInDegrees,eventDate,deviceSerialNumber",
                f"DEVICE_ADDRESS,13.40487,25,52.51977,2024-08-21T13:53:37.010Z,{REGISTERED}",
                f"DEVICE_ADDRESS,-71.0589,30,42.3601,2024-08-21T14:00:01.500Z,{STRANGER}",
                f"DEVICE_ADDRESS,13.4,25,52.5,Not Available,{REGISTERED}"),
            "Zusätzliche Daten/Alexa und Echo-Geräte.Sitzungen/Sitzungen-1-1.csv": csv_text(
                "Device Type,Device Application,Device Locale,Marketplace,Event Creation Date",
                "Echo Dot,Alexa,de-DE,amazon.de,2024-08-21T13:53:37.200Z",
                "Echo (4th Gen),Alexa,en-US,amazon.com,2024-08-21T14:00:01.700Z",
                # Just before the owner's request: another event, not the one it made.
                "Fire TV,Alexa,en-GB,amazon.co.uk,2024-08-21T13:53:35.500Z"),
            EXTRA + "Geräte/Mobil/CustomerInteraction_1-1.csv": csv_text(
                "event_name,device_platform_name,device_make,device_model,interaction_date",
                "APP_OPEN,Android,Google,Pixel 7,2024-08-20T10:00:00Z"),
            "Ihre Alexa- und Echo-Geräte/Geräteregistrierung.csv": csv_text(
                REG_HEADER,
                f"Erika Musterfrau,Echo Dot (4th Gen),Not Available,EU,Not Available,"
                f"Not Available,Not Available,Not Available,{REGISTERED},2023-11-02T18:04:11Z,"
                "Not Available,2024-10-29T06:12:45.123Z,+02:00,REGISTERED,Not Available"),
            EXTRA + "Aufnahmen/utterance_20240821T135336Z.wav": WAV,
            EXTRA + "Aufnahmen/utterance_20240821T140000Z.wav": WAV,
            EXTRA + "Sonstiges/utterance_20240821T150000Z.wav": WAV,
            "Ihre Bestellungen/Retail.OrderHistory.1.csv": csv_text(
                "Website,Order ID,Order Date", "Amazon.de,302-1,2024-01-01T10:00:00Z"),
        },
        "FileDescriptions.csv": csv_text(
            "File name,Description",
            "Intent-1-1.csv,Utterances",
            "Aufnahmen,Voice recordings"),
    }


@pytest.fixture(scope="module")
def current(tmp_path_factory: pytest.TempPathFactory) -> ExportContents:
    return load_zip(tmp_path_factory.mktemp("current"), current_export())


INTENT1 = PART + EXTRA + "Alexa/NLU/Intent-1-1.csv"
INTENT2 = PART + EXTRA + "Alexa/NLU/Intent-1-2.csv"
GEO = PART + EXTRA + "Standort/Geolocation-1-1.csv"
SESSIONS = PART + "Zusätzliche Daten/Alexa und Echo-Geräte.Sitzungen/Sitzungen-1-1.csv"
REGISTRATION = PART + "Ihre Alexa- und Echo-Geräte/Geräteregistrierung.csv"
OWN_WAV = PART + EXTRA + "Aufnahmen/utterance_20240821T135336Z.wav"
STRANGER_WAV = PART + EXTRA + "Aufnahmen/utterance_20240821T140000Z.wav"
LONE_WAV = PART + EXTRA + "Sonstiges/utterance_20240821T150000Z.wav"


def test_current_vintage_pairs_by_time_across_header_variants(current: ExportContents) -> None:
    assert current.formats == ("amazon-alexa",)
    assert {r.path for r in current.recordings} == {OWN_WAV, STRANGER_WAV, LONE_WAV}
    assert linked(current, OWN_WAV) == (LinkMethod.TIME, f"{INTENT1}#row 2")
    assert linked(current, STRANGER_WAV) == (LinkMethod.TIME, f"{INTENT2}#row 2")
    # 7 s away is beyond Amazon's 5 s tolerance (the default 10 s would have paired it).
    assert linked(current, LONE_WAV) == (LinkMethod.NONE, None)
    own = current.transcript(f"{INTENT1}#row 2")
    assert own is not None
    assert (own.text, own.time, own.audio_name) == (
        "alexa spiel radio zwei", datetime(2024, 8, 21, 13, 53, 36, 929000, tzinfo=UTC), None)
    assert [(f.key, f.value) for f in own.facts] == [("contact_name", "Alice")]
    empty = current.transcript(f"{INTENT1}#row 3")
    assert empty is not None and empty.facts == () and empty.time == utc(2024, 8, 21, 15, 0, 7)
    older = current.transcript(f"{INTENT2}#row 2")
    assert older is not None
    assert [(f.key, f.value) for f in older.facts] == [
        ("currently_playing_song", "Bohemian Rhapsody")]
    # The row with an unreadable time stays visible, unpaired.
    broken = current.transcript(f"{INTENT1}#row 4")
    assert broken is not None and broken.time is None and broken.text == "alexa hallo"


def test_recordings_take_device_facts_from_activity_rows(current: ExportContents) -> None:
    own = current.recording(OWN_WAV)
    stranger = current.recording(STRANGER_WAV)
    lone = current.recording(LONE_WAV)
    assert own is not None and stranger is not None and lone is not None
    assert (own.device, stranger.device, lone.device) == (REGISTERED, STRANGER, None)
    facts = {fact.key: (fact.value, fact.source) for fact in stranger.facts}
    assert facts["device_serial"] == (STRANGER, SourceRef(GEO, "row 3"))
    assert facts["latitude"] == ("42.3601", SourceRef(GEO, "row 3"))
    assert facts["longitude"] == ("-71.0589", SourceRef(GEO, "row 3"))
    assert facts["device_locale"] == ("en-US", SourceRef(SESSIONS, "row 3"))
    assert facts["marketplace"] == ("amazon.com", SourceRef(SESSIONS, "row 3"))
    assert facts["device_type"] == ("Echo (4th Gen)", SourceRef(SESSIONS, "row 3"))
    assert (own.fact("device_locale"), own.fact("marketplace")) == ("de-DE", "amazon.de")
    assert next(f.source for f in own.facts if f.key == "device_locale") == SourceRef(
        SESSIONS, "row 2")
    assert lone.fact("device_locale") is None


def test_file_descriptions_listing_is_recorded(current: ExportContents) -> None:
    own, lone = current.recording(OWN_WAV), current.recording(LONE_WAV)
    assert own is not None and lone is not None
    listed = next(f for f in own.facts if f.key == "listed_in_file_descriptions")
    assert (listed.value, listed.source) == ("yes", SourceRef("FileDescriptions.csv", "row 3"))
    assert lone.fact("listed_in_file_descriptions") == "no"


def test_devices_registered_and_seen_only_in_activity(current: ExportContents) -> None:
    registered = current.device(REGISTERED)
    assert registered is not None
    assert registered.registered_in_export
    assert (registered.model, registered.account, registered.time_offset) == (
        "Echo Dot (4th Gen)", "Erika Musterfrau", "+02:00")
    assert registered.registered == utc(2023, 11, 2, 18, 4, 11)
    assert registered.last_registered == datetime(2024, 10, 29, 6, 12, 45, 123000, tzinfo=UTC)
    assert registered.deregistered is None
    assert (registered.locale, registered.marketplace) == ("de-DE", "amazon.de")
    assert SourceRef(REGISTRATION, "row 2") in registered.sources

    stranger = current.device(STRANGER)
    assert stranger is not None
    assert not stranger.registered_in_export
    assert (stranger.device_type, stranger.locale, stranger.marketplace) == (
        "Echo (4th Gen)", "en-US", "amazon.com")

    phone = current.device("Google Pixel 7")
    assert phone is not None and not phone.registered_in_export
    assert (phone.model, phone.device_type) == ("Pixel 7", "Android")
    assert {d.key for d in current.devices} == {REGISTERED, STRANGER, "Google Pixel 7"}

    assert [(a.key, a.kind) for a in current.accounts] == [("Erika Musterfrau",
                                                            "amazon-account")]


def test_current_vintage_problems_and_leftovers(current: ExportContents) -> None:
    assert problem_places(current) == {(INTENT1, "row 4"), (GEO, "row 4")}
    assert {u.path for u in current.not_understood} == {
        PART + "Ihre Bestellungen/Retail.OrderHistory.1.csv"}


# --- A saved "Review Voice History" JSON -----------------------------------------------

def _voice_record(stamp: datetime, said: str, status: str, reply: str | None = None) -> dict:
    items = [{"recordItemType": "CUSTOMER_TRANSCRIPT", "transcriptText": said,
              "utteranceId": f"utt-{said[:5]}"}]
    if reply:
        items.append({"recordItemType": "ALEXA_RESPONSE", "transcriptText": reply})
    return {"recordKey": said, "timestamp": int(stamp.timestamp() * 1000),
            "device": {"deviceName": "Küche"}, "utteranceType": "WAKE_WORD",
            "activityStatus": status, "voiceHistoryRecordItems": items}


def test_voice_history_json_and_a_truncated_copy(tmp_path: Path) -> None:
    history = {"customerHistoryRecords": [
        _voice_record(datetime(2024, 8, 21, 13, 53, 36, 929000, tzinfo=UTC),
                      "alexa play radio two", "SUCCESS", "Here is Radio Two."),
        _voice_record(utc(2024, 8, 22, 9, 0), "turn it", "DISCARDED_NON_DEVICE_DIRECTED_INTENT"),
        {"recordKey": "broken", "voiceHistoryRecordItems": []},
    ]}
    contents = load_zip(tmp_path, {
        "voice/history.json": json.dumps(history),
        "voice/history-2.json": '{"customerHistoryRecords": [{"timestamp": 17',
        "voice/utterance_20240821T135336Z.wav": WAV,
    })

    first = contents.transcript("voice/history.json#record 1")
    assert first is not None
    assert (first.text, first.reply) == ("alexa play radio two", "Here is Radio Two.")
    assert first.time == datetime(2024, 8, 21, 13, 53, 36, 929000, tzinfo=UTC)
    facts = {f.key: f.value for f in first.facts}
    assert facts == {"activity_status": "SUCCESS", "device_name": "Küche",
                     "utterance_type": "WAKE_WORD", "utterance_id": "utt-alexa"}
    second = contents.transcript("voice/history.json#record 2")
    assert second is not None and second.reply is None
    assert second.facts[0].value == "DISCARDED_NON_DEVICE_DIRECTED_INTENT"
    assert linked(contents, "voice/utterance_20240821T135336Z.wav") == (
        LinkMethod.TIME, "voice/history.json#record 1")
    assert problem_places(contents) == {("voice/history.json", "record 3"),
                                        ("voice/history-2.json", "")}
    assert {u.path for u in contents.not_understood} == {"voice/history-2.json"}


# --- Times in the shapes exports write ------------------------------------------------

@pytest.mark.parametrize(("text", "expected", "zone_given"), [
    ("2024-08-21T13:53:36.929Z", datetime(2024, 8, 21, 13, 53, 36, 929000, tzinfo=UTC), True),
    ("2024-08-21T13:53:36Z", utc(2024, 8, 21, 13, 53, 36), True),
    ("2024-09-03 06:41:12 UTC", utc(2024, 9, 3, 6, 41, 12), True),
    ("03.09.2024 06:41:12", utc(2024, 9, 3, 6, 41, 12), False),
    ("9/3/2024 6:41:12 PM", utc(2024, 9, 3, 18, 41, 12), False),
    ("25/12/2024 06:41:12", utc(2024, 12, 25, 6, 41, 12), False),
    ("2024/09/03 08:41:12 +02:00", utc(2024, 9, 3, 6, 41, 12), True),
])
def test_loose_times(text: str, expected: datetime, zone_given: bool) -> None:
    stamp = parse_loose_time(text)
    assert stamp is not None
    assert (stamp.moment, stamp.zone_given) == (expected, zone_given)


@pytest.mark.parametrize("text", ["Not Available", "gestern", "2024-13-45 10:00:00", ""])
def test_loose_times_refuse_non_times(text: str) -> None:
    assert parse_loose_time(text) is None


def test_find_time_inside_a_line() -> None:
    found = find_time("alexa stop — 9/3/2024 6:41:12 AM")
    assert found is not None
    assert (found.stamp.moment, found.stamp.zone_assumed, found.stamp.precision_s,
            found.day_month) == (utc(2024, 9, 3, 6, 41, 12), True, 1.0, (9, 3))


@given(st.text(alphabet=st.sampled_from("0123456789-/.: TZAPMUTC+,;\"ab\n"), max_size=40))
def test_time_and_header_parsing_never_raise(text: str) -> None:
    parsed = parse_loose_time(text)
    assert parsed is None or parsed.moment.tzinfo is UTC
    found = find_time(text)
    assert found is None or 0 <= found.start < found.end <= len(text)
    table_kind_of_header(header_cells(text))


# --- Issue 12: day/month order per file, registration times keep their zone flag ----------

def test_day_month_order_is_decided_per_file_not_per_cell(tmp_path: Path) -> None:
    intents = "Additional Data/Alexa/Alexa/NLU/"
    header = "Currently Playing Song,Utterance text,Utterance Creation Date"
    contents = load_zip(tmp_path, {
        # 25/9 can only be day-first, so 3/9 in the same file is the 3rd of September.
        intents + "Intent-1-1.csv": csv_text(
            header, "Not Available,alexa stop,3/9/2024 06:41:12",
            "Not Available,alexa weiter,25/9/2024 06:45:00"),
        # Nothing here decides: read month-first (Amazon's US order), and said so.
        intents + "Intent-2-1.csv": csv_text(
            header, "Not Available,alexa play,3/9/2024 6:41:12 PM",
            "Not Available,alexa pause,4/9/2024 7:00:00 PM"),
    })

    times = {entry.id.rsplit("/", 1)[-1]: entry.time for entry in contents.transcripts}
    assert times == {
        "Intent-1-1.csv#row 2": utc(2024, 9, 3, 6, 41, 12),
        "Intent-1-1.csv#row 3": utc(2024, 9, 25, 6, 45),
        "Intent-2-1.csv#row 2": utc(2024, 3, 9, 18, 41, 12),
        "Intent-2-1.csv#row 3": utc(2024, 4, 9, 19, 0),
    }
    assert [(p.source.path, p.message) for p in contents.problems] == [
        (intents + "Intent-2-1.csv", "the day/month order of this file's dates is uncertain: "
         "read month-first (every date has both fields 12 or less; read month-first, the "
         "order of Amazon's US-style dates)")]


def test_registration_times_without_a_zone_stay_assumed(tmp_path: Path) -> None:
    contents = load_zip(tmp_path, {
        "Your Alexa Devices/Device Registration.csv": csv_text(
            REG_HEADER,
            "Erika,Echo Dot,1,EU,Not Available,Not Available,Not Available,Not Available,"
            "G0000000000000A1,2023-11-02 18:04:11,Not Available,2024-10-29T06:12:45Z,+02:00,"
            "REGISTERED,Not Available",
            "Erika,Echo Show,1,EU,Not Available,Not Available,Not Available,Not Available,"
            "G0000000000000B2,2023-11-02T18:04:11Z,Not Available,2024-10-29T06:12:45Z,+02:00,"
            "REGISTERED,Not Available"),
    })

    devices = {device.key: device for device in contents.devices}
    local, exact = devices["G0000000000000A1"], devices["G0000000000000B2"]
    assert (local.registered, local.registration_zone_assumed) == (
        utc(2023, 11, 2, 18, 4, 11), True)
    assert [f.value for f in local.facts if f.key == "registration_time_zone"] == [
        "no time zone given; read as UTC"]
    assert (exact.registered, exact.registration_zone_assumed) == (
        utc(2023, 11, 2, 18, 4, 11), False)
    assert not any(f.key == "registration_time_zone" for f in exact.facts)
