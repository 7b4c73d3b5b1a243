#!/usr/bin/env python3
"""Generate the bundled demo export: an Amazon "Request Your Data" ZIP with a stranger mixed in.

The story (modelled on the 2018 Amazon/Alexa incident in Germany): Max Mustermann, an amazon.de
customer in Berlin who shares two Echo devices with Erika, asks Amazon for his data. His export
holds his own orders, device registrations, Alexa utterances and 60 voice recordings - and 40
recordings of a US household (Tom and Lisa Smith, an Echo on amazon.com in Boston), plus a PDF
of that household's transcripts in shuffled order.

Everything is deterministic (one ``random.Random(2018)``, fixed ZIP timestamps, fixed PDF
metadata, no sox dither): two runs give byte-identical output.

Outputs, next to ``--out`` (default ``viewer/resources/demo/amazon-demo-export.zip``):

* the ZIP itself,
* ``demo-truth.json``  - ground truth for every recording (not part of the ZIP),
* ``demo-profile.json`` - the owner's profile as the viewer stores it,
* ``README.md``        - what the demo contains and how to regenerate it.

Needs ``espeak-ng`` and ``sox`` on PATH, PySide6 and pypdf in the Python environment.

Over 600 lines: one script on purpose, so the demo's story, its data tables and the way they
are written are read and changed together, and regenerating the demo needs nothing else.

Usage::

    .venv/bin/python scripts/make_demo_export.py [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "viewer" / "resources" / "demo" / "amazon-demo-export.zip"
SEED = 2018

# --- fixed facts of the story -------------------------------------------------------------------

NA = "Not Available"
ZIP_DATE_TIME = (2024, 11, 5, 8, 0, 0)  # when "Amazon" packed the export
PDF_DATE = "20241105080000"  # PDF /CreationDate and /ModDate (D:YYYYMMDDHHMMSS)

AUDIO_DIR = "Additional Data/Alexa/Alexa/Audio"
INTENT_PATH = "Additional Data/Alexa/Alexa/NLU/Intent-1-1.csv"
GEO_PATH = "Additional Data/Alexa/Alexa/Geolocation/Geolocation-1-1.csv"
SESSION_PATH = (
    "Additional Data/Alexa and Echo Devices.Device_Session_Events/Device_Session_Events-1-1.csv"
)
PDF_PATH = "Additional Data/Alexa/Alexa/Transcripts.pdf"
REGISTRATION_PATH = "Your Alexa & Echo Devices/Device Registration.csv"
ORDERS_PATH = "Your Orders/Retail.OrderHistory.1.csv"
DESCRIPTIONS_PATH = "FileDescriptions.csv"

OWNER_NAME = "Max Mustermann"
OWNER_ADDRESS = "Max Mustermann, Musterstraße 1, 10115 Berlin"
PDF_TITLE = "Alexa voice history"


@dataclass(frozen=True)
class Device:
    """An Echo device: who it belongs to, where it stands, how it reports itself."""

    serial: str
    name: str
    model: str
    session_type: str  # "Device Type" in Device_Session_Events
    locale: str
    marketplace: str
    longitude: float
    latitude: float
    accuracy_m: int


KITCHEN = Device(
    "G090LF1187654321",
    "Küche",
    "Echo Dot (4th Gen)",
    "Echo Dot",
    "de-DE",
    "amazon.de",
    13.40495,
    52.52008,
    25,
)
LIVING_ROOM = Device(
    "G0911W0612345678",
    "Wohnzimmer",
    "Echo Show 8",
    "Echo Show 8",
    "de-DE",
    "amazon.de",
    13.40512,
    52.51994,
    25,
)
STRANGER_ECHO = Device(
    "G2A0US9876543210",
    "Kitchen",
    "Echo (4th Gen)",
    "Echo (4th Gen)",
    "en-US",
    "amazon.com",
    -71.05977,
    42.35843,
    30,
)
OWNER_DEVICES = (KITCHEN, LIVING_ROOM)


@dataclass(frozen=True)
class Speaker:
    """One voice of a household and the espeak-ng voice that plays it."""

    name: str
    owner: bool
    voice: str  # espeak-ng "-v" value, language[+variant]
    count: int  # number of recordings


# espeak-ng voices. Lisa uses the female variant f3 instead of "klatt": on espeak-ng 1.51 "klatt"
# is a male variant with the same pitch (~100 Hz) as plain en-us, so Tom and Lisa would sound
# alike; en-us+f3 sits at ~210 Hz with different formants.
MAX = Speaker("Max", True, "de+m3", 35)
ERIKA = Speaker("Erika", True, "de+f2", 25)
TOM = Speaker("Tom", False, "en-us", 22)
LISA = Speaker("Lisa", False, "en-us+f3", 18)
SPEAKERS = (MAX, ERIKA, TOM, LISA)

# Utterances as an ASR would write them: lowercase, numbers in words. Tuples carry a contact name
# (Intent "Contact Name") or, for "play ..." requests, the "Currently Playing Song" value.
Utterance = tuple[str, str, str]  # (text, contact name, currently playing)

UTTERANCES: dict[str, list[Utterance]] = {
    "Max": [
        ("alexa wie wird das wetter morgen in berlin", NA, NA),
        ("alexa wie wird das wetter heute", NA, NA),
        ("alexa stell einen timer auf zehn minuten", NA, NA),
        ("alexa stell einen timer auf drei minuten", NA, NA),
        ("alexa ruf erika an", "Erika", NA),
        ("alexa spiel deutschlandfunk", NA, "Deutschlandfunk"),
        ("alexa spiel radio eins", NA, "radioeins"),
        ("alexa wie hat hertha gespielt", NA, NA),
        ("alexa wann fährt die nächste s bahn", NA, NA),
        ("alexa setz milch auf die einkaufsliste", NA, NA),
        ("alexa setz kaffee auf die einkaufsliste", NA, NA),
        ("alexa weck mich morgen um sechs uhr dreißig", NA, NA),
        ("alexa weck mich um sieben uhr", NA, NA),
        ("alexa mach das licht in der küche an", NA, NA),
        ("alexa mach das licht in der küche aus", NA, NA),
        ("alexa wie viel uhr ist es", NA, NA),
        ("alexa lauter", NA, NA),
        ("alexa leiser", NA, NA),
        ("alexa was gibt es neues", NA, NA),
        ("alexa erinnere mich morgen an den zahnarzt", NA, NA),
        ("alexa wie steht der dax", NA, NA),
        ("alexa spiel die tagesschau", NA, NA),
        ("alexa stopp", NA, NA),
        ("alexa wie lange brauche ich nach potsdam", NA, NA),
        ("alexa regnet es morgen früh", NA, NA),
        ("alexa spiel jazz im wohnzimmer", NA, "Jazz Radio Berlin"),
        ("alexa wie ist die verkehrslage auf der stadtautobahn", NA, NA),
        ("alexa ruf erika auf dem handy an", "Erika", NA),
        ("alexa wann geht heute die sonne unter", NA, NA),
        ("alexa welcher tag ist heute", NA, NA),
        ("alexa spiel den podcast lage der nation", NA, "Lage der Nation"),
        ("alexa wie warm ist es draußen", NA, NA),
        ("alexa nächster titel", NA, NA),
        ("alexa wann spielt union berlin", NA, NA),
        ("alexa wie wird das wetter übermorgen", NA, NA),
    ],
    "Erika": [
        ("alexa ruf max an", "Max Mustermann", NA),
        ("alexa spiel entspannungsmusik", NA, "Entspannungsmusik"),
        ("alexa setz tomaten auf die einkaufsliste", NA, NA),
        ("alexa setz butter auf die einkaufsliste", NA, NA),
        ("alexa stell einen timer auf fünfundzwanzig minuten", NA, NA),
        ("alexa stell einen timer auf zwölf minuten", NA, NA),
        ("alexa wie wird das wetter am wochenende", NA, NA),
        ("alexa spiel ein hörbuch", NA, NA),
        ("alexa erinnere mich um siebzehn uhr an den elternabend", NA, NA),
        ("alexa wie viel gramm hat ein esslöffel mehl", NA, NA),
        ("alexa regnet es heute in berlin", NA, NA),
        ("alexa schalte das licht im wohnzimmer aus", NA, NA),
        ("alexa wann schließt der supermarkt heute", NA, NA),
        ("alexa spiel radio drei", NA, "rbb radio3"),
        ("alexa was steht heute im kalender", NA, NA),
        ("alexa wie lange kocht ein ei", NA, NA),
        ("alexa spiel musik von herbert grönemeyer", NA, "Herbert Grönemeyer"),
        ("alexa pause", NA, NA),
        ("alexa weiter", NA, NA),
        ("alexa wie wird das wetter in hamburg", NA, NA),
        ("alexa stell einen wecker auf halb sieben", NA, NA),
        ("alexa ruf max auf der arbeit an", "Max Mustermann", NA),
        ("alexa was kann ich heute kochen", NA, NA),
        ("alexa wie spät ist es in new york", NA, NA),
        ("alexa erzähl einen witz", NA, NA),
    ],
    "Tom": [
        ("alexa what's the weather in boston today", NA, NA),
        ("alexa set an alarm for six thirty", NA, NA),
        ("alexa call lisa", "Lisa", NA),
        ("alexa when is the next red line train to harvard", NA, NA),
        ("alexa play the red sox game", NA, NA),
        ("alexa what's the score of the patriots game", NA, NA),
        ("alexa play bruce springsteen on spotify", NA, "Bruce Springsteen"),
        ("alexa how long is my commute to cambridge", NA, NA),
        ("alexa add coffee filters to my shopping list", NA, NA),
        ("alexa turn off the garage lights", NA, NA),
        ("alexa what time does dunkin close", NA, NA),
        ("alexa remind me to call mom at noon", NA, NA),
        ("alexa play npr news", NA, NA),
        ("alexa set a timer for twenty minutes", NA, NA),
        ("alexa call lisa on her cell", "Lisa", NA),
        ("alexa is the red line running on time", NA, NA),
        ("alexa set an alarm for five forty five", NA, NA),
        ("alexa what's the weather in boston this weekend", NA, NA),
        ("alexa play the celtics game on the radio", NA, NA),
        ("alexa turn up the volume", NA, NA),
        ("alexa how cold is it outside", NA, NA),
        ("alexa what's the weather tomorrow", NA, NA),
    ],
    "Lisa": [
        ("alexa call tom", "Tom", NA),
        ("alexa play taylor swift on spotify", NA, "Taylor Swift"),
        ("alexa remind tom to pick up the kids", NA, NA),
        ("alexa add milk and eggs to the shopping list", NA, NA),
        ("alexa what's on my calendar today", NA, NA),
        ("alexa is it going to rain in boston tomorrow", NA, NA),
        ("alexa play my yoga playlist on spotify", NA, "Yoga Flow"),
        ("alexa set a timer for forty five minutes", NA, NA),
        ("alexa order more paper towels", NA, NA),
        ("alexa what's the traffic like on the mass pike", NA, NA),
        ("alexa when does whole foods in somerville close", NA, NA),
        ("alexa turn on the living room lights", NA, NA),
        ("alexa play olivia rodrigo", NA, "Olivia Rodrigo"),
        ("alexa remind me about the dentist on thursday", NA, NA),
        ("alexa call tom at work", "Tom", NA),
        ("alexa how many cups are in a quart", NA, NA),
        ("alexa stop", NA, NA),
        ("alexa what's the weather in salem on saturday", NA, NA),
    ],
}

# Local-time usage windows (start hour, end hour, weight): mornings and evenings dominate.
OWNER_WINDOWS = ((7.0, 9.0, 4), (9.0, 17.0, 2), (17.0, 22.5, 6))
STRANGER_WINDOWS = ((6.0, 9.0, 5), (9.0, 17.0, 2), (17.0, 22.0, 6))
OWNER_DAYS = (date(2024, 8, 1), date(2024, 10, 31))
STRANGER_DAYS = (date(2024, 8, 20), date(2024, 10, 25))
MIN_GAP = timedelta(minutes=10)  # keeps WAV names unique and time pairing unambiguous

# --- data model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recording:
    """One Alexa request: who said what, when, on which device, and how it is synthesised."""

    speaker: Speaker
    text: str
    contact: str
    playing: str
    device: Device
    created: datetime  # "Utterance Creation Date" (UTC, ms precision)
    start: datetime  # when recording began (0.3-1.2 s earlier); names the WAV file
    geo_time: datetime  # Geolocation eventDate (same second as created)
    session_time: datetime  # Device_Session_Events Event Creation Date (same second)
    speed: int  # espeak-ng -s
    pitch: int  # espeak-ng -p

    @property
    def path(self) -> str:
        """ZIP member path of the WAV file."""
        return f"{AUDIO_DIR}/utterance_{self.start:%Y%m%dT%H%M%S}Z.wav"


def iso_ms(moment: datetime) -> str:
    """Format a UTC datetime as ``2024-08-21T13:53:36.929Z``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


# --- time generation ----------------------------------------------------------------------------


def utc_offset_hours(zone: str, local: datetime) -> int:
    """UTC offset of a 2024 local time in Berlin or New York (hard-coded DST rules, no tzdata).

    Europe/Berlin: CEST (+2) until 2024-10-27 03:00 local, then CET (+1).
    America/New_York: EDT (-4) until 2024-11-03 02:00 local, then EST (-5).
    """
    if zone == "Europe/Berlin":
        return 2 if local < datetime(2024, 10, 27, 3, 0) else 1
    if zone == "America/New_York":
        return -4 if local < datetime(2024, 11, 3, 2, 0) else -5
    raise ValueError(f"unknown zone {zone}")


def random_local_time(
    rng: random.Random, day: date, windows: Sequence[tuple[float, float, int]]
) -> datetime:
    """Pick a local wall-clock moment (ms precision) on ``day`` inside a usage window."""
    start_h, end_h, _ = rng.choices(windows, weights=[w[2] for w in windows])[0]
    ms = rng.randint(int(start_h * 3600 * 1000), int(end_h * 3600 * 1000) - 1)
    return datetime(day.year, day.month, day.day) + timedelta(milliseconds=ms)


def pick_times(
    rng: random.Random,
    count: int,
    zone: str,
    days: tuple[date, date],
    windows: Sequence[tuple[float, float, int]],
    taken: list[datetime],
) -> list[datetime]:
    """Draw ``count`` UTC creation times at least ``MIN_GAP`` away from each other and ``taken``.

    The day range is cut into ``count`` equal strata with one recording each, so the recordings
    spread over the whole range (first and last weeks included).
    """
    n_days = (days[1] - days[0]).days + 1
    result: list[datetime] = []
    for index in range(count):
        first = index * n_days // count
        last = max(first, (index + 1) * n_days // count - 1)
        while True:
            day = days[0] + timedelta(days=rng.randint(first, last))
            local = random_local_time(rng, day, windows)
            moment = (local - timedelta(hours=utc_offset_hours(zone, local))).replace(tzinfo=UTC)
            if all(abs(moment - other) >= MIN_GAP for other in taken):
                break
        taken.append(moment)
        result.append(moment)
    return result


def same_second(rng: random.Random, moment: datetime) -> datetime:
    """A moment in the same UTC second as ``moment`` with other (random) milliseconds."""
    return moment.replace(microsecond=rng.randint(0, 999) * 1000)


# --- building the recordings --------------------------------------------------------------------


def build_recordings(rng: random.Random) -> list[Recording]:
    """Create all recordings (owner and stranger), sorted by creation time."""
    taken: list[datetime] = []
    recordings: list[Recording] = []
    for speaker in SPEAKERS:
        pool = UTTERANCES[speaker.name]
        if len(pool) < speaker.count:
            raise ValueError(f"not enough utterances for {speaker.name}")
        lines = rng.sample(pool, speaker.count)
        if speaker.owner:
            times = pick_times(
                rng, speaker.count, "Europe/Berlin", OWNER_DAYS, OWNER_WINDOWS, taken
            )
        else:
            times = pick_times(
                rng, speaker.count, "America/New_York", STRANGER_DAYS, STRANGER_WINDOWS, taken
            )
        for (text, contact, playing), created in zip(lines, times, strict=True):
            device = rng.choice(OWNER_DEVICES) if speaker.owner else STRANGER_ECHO
            lead = timedelta(milliseconds=rng.randint(300, 1200))
            recordings.append(
                Recording(
                    speaker=speaker,
                    text=text,
                    contact=contact,
                    playing=playing,
                    device=device,
                    created=created,
                    start=created - lead,
                    geo_time=same_second(rng, created),
                    session_time=same_second(rng, created),
                    speed=rng.randint(145, 160),
                    pitch=rng.randint(44, 56),
                )
            )
    recordings.sort(key=lambda r: r.created)
    paths = [r.path for r in recordings]
    if len(set(paths)) != len(paths):
        raise RuntimeError("duplicate WAV file names")
    return recordings


# --- audio --------------------------------------------------------------------------------------


def require_tools() -> None:
    """Exit with a clear message when espeak-ng or sox is missing."""
    missing = [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]
    if missing:
        sys.exit(
            f"error: {', '.join(missing)} not found on PATH. Install them, e.g. "
            "`sudo apt-get install espeak-ng sox`, and run again."
        )


def available_voices() -> tuple[set[str], set[str]]:
    """Languages and variant names that this espeak-ng installation provides."""
    languages: set[str] = set()
    variants: set[str] = set()
    for arg, target in (("--voices", languages), ("--voices=variant", variants)):
        out = subprocess.run(["espeak-ng", arg], check=True, capture_output=True, text=True).stdout
        for line in out.splitlines()[1:]:
            fields = line.split()
            if len(fields) < 5:
                continue
            if target is languages:
                target.add(fields[1])
            else:
                target.add(fields[4].removeprefix("!v/"))
    return languages, variants


def require_voices(speakers: Iterable[Speaker]) -> None:
    """Exit when a voice is missing (espeak-ng silently falls back for unknown variants)."""
    languages, variants = available_voices()
    for speaker in speakers:
        language, _, variant = speaker.voice.partition("+")
        if language not in languages or (variant and variant not in variants):
            sys.exit(f"error: espeak-ng voice {speaker.voice!r} ({speaker.name}) is not installed")


def synthesise(rec: Recording, workdir: Path) -> bytes:
    """Speak the utterance with espeak-ng; return a 16 kHz mono 16-bit WAV with 0.2 s padding."""
    raw = workdir / "raw.wav"
    final = workdir / "final.wav"
    subprocess.run(
        [
            "espeak-ng",
            "-b",
            "1",
            "-v",
            rec.speaker.voice,
            "-s",
            str(rec.speed),
            "-p",
            str(rec.pitch),
            "-w",
            str(raw),
            rec.text,
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            "sox",
            "-D",
            "-V1",
            str(raw),
            "-r",
            "16000",
            "-c",
            "1",
            "-b",
            "16",
            "-e",
            "signed-integer",
            str(final),
            "pad",
            "0.2",
            "0.2",
        ],
        check=True,
        capture_output=True,
    )
    return final.read_bytes()


def wav_seconds(data: bytes) -> float:
    """Duration of a canonical 16 kHz mono 16-bit WAV (44-byte header)."""
    return (len(data) - 44) / (16000 * 2)


# --- CSV files ----------------------------------------------------------------------------------


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Render a UTF-8 CSV with ``\\n`` line endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def file_descriptions() -> bytes:
    """``FileDescriptions.csv``: the owner's categories only (Transcripts.pdf is not listed)."""
    rows = [
        (
            "Retail.OrderHistory.1.csv",
            "Your orders on Amazon, with order date, product, price, status and shipping address.",
        ),
        (
            "Device Registration.csv",
            "Alexa and Echo devices registered to your account, with serial number, model, "
            "registration dates and state.",
        ),
        (
            "Intent-1-1.csv",
            "Utterances Alexa understood from your requests, with the time each was created, "
            "contact names and what was playing.",
        ),
        (
            "Geolocation-1-1.csv",
            "Location of your devices when a request was made, with coordinates, accuracy, "
            "time and device serial number.",
        ),
        (
            "Device_Session_Events-1-1.csv",
            "Sessions on your Alexa devices, with device type, application, locale, marketplace "
            "and time.",
        ),
        ("Audio files (*.wav)", "Voice recordings of your Alexa requests"),
    ]
    return csv_bytes(("File name", "Description"), rows)


def order_history() -> bytes:
    """``Retail.OrderHistory.1.csv``: ten plausible amazon.de orders of Max."""
    header = (
        "Website",
        "Order ID",
        "Order Date",
        "Purchase Order Number",
        "Currency",
        "Unit Price",
        "Total Owed",
        "Shipment Status",
        "Product Name",
        "Quantity",
        "Shipping Address",
    )
    orders = [
        (
            "302-4417852-1938241",
            "2023-10-28T09:14:52Z",
            "Echo Dot (4. Generation), Anthrazit",
            "29.99",
            1,
        ),
        (
            "302-8830114-5521907",
            "2023-12-03T17:41:09Z",
            "Tchibo Caffè Crema Kaffeebohnen 1 kg",
            "12.99",
            2,
        ),
        (
            "028-1126648-7730312",
            "2024-01-12T20:05:33Z",
            "Echo Show 8 (2. Generation), Anthrazit",
            "89.99",
            1,
        ),
        (
            "302-5561290-4408736",
            "2024-02-19T08:22:47Z",
            "Anker USB-C Ladekabel 2 m, 2er-Pack",
            "11.99",
            1,
        ),
        (
            "303-9912045-2267150",
            "2024-04-07T11:38:16Z",
            "Der Zauberberg - Thomas Mann (Taschenbuch)",
            "14.00",
            1,
        ),
        (
            "302-2204871-6613492",
            "2024-05-22T19:57:03Z",
            "Brita Marella Wasserfilter, weiß",
            "22.49",
            1,
        ),
        (
            "028-6657320-1184529",
            "2024-06-30T15:10:28Z",
            "Philips Hue White E27 Lampe, 2er-Pack",
            "24.99",
            1,
        ),
        (
            "302-7345518-9902166",
            "2024-08-14T21:03:55Z",
            "Fahrradschloss ABUS Bordo 6000/90",
            "69.95",
            1,
        ),
        (
            "303-3081149-5529374",
            "2024-09-09T07:46:12Z",
            "Reisepass-Hülle aus Leder, schwarz",
            "9.99",
            1,
        ),
        ("302-6620937-3316058", "2024-10-18T18:29:40Z", "Hertha BSC Schal Blau-Weiß", "19.95", 1),
    ]
    rows = []
    for order_id, when, product, price, qty in orders:
        total = f"{float(price) * qty:.2f}"
        rows.append(
            (
                "Amazon.de",
                order_id,
                when,
                "Not Applicable",
                "EUR",
                price,
                total,
                "Shipped",
                product,
                qty,
                OWNER_ADDRESS,
            )
        )
    return csv_bytes(header, rows)


def device_registration() -> bytes:
    """``Device Registration.csv``: Max's two Echo devices (the stranger's device is absent)."""
    header = (
        "Account Name",
        "Amazon Device Model Name",
        "Current Firmware Version",
        "Customer Login Pool",
        "Customer Type",
        "Device Account Role",
        "Device Model",
        "Device Pairing Details",
        "Device Serial Number",
        "First Time Registered",
        "IP Address",
        "Last Time Registered",
        "Local Time Offset",
        "State",
        "Time Deregistered",
    )
    registered = {
        KITCHEN.serial: ("2023-11-02T18:04:11Z", "2024-10-29T06:12:45Z"),
        LIVING_ROOM.serial: ("2024-01-15T10:30:00Z", "2024-10-22T19:02:33Z"),
    }
    rows = []
    for device in OWNER_DEVICES:
        first, last = registered[device.serial]
        rows.append(
            (
                OWNER_NAME,
                device.model,
                NA,
                "EU",
                NA,
                NA,
                NA,
                NA,
                device.serial,
                first,
                NA,
                last,
                "+01:00",
                "REGISTERED",
                NA,
            )
        )
    return csv_bytes(header, rows)


def intents(recordings: Sequence[Recording]) -> bytes:
    """``Intent-1-1.csv``: one row per owner recording (the stranger's are only in the PDF)."""
    header = (
        "Currently Playing Song",
        "Screen Contents",
        "Contact Name",
        "Utterance text",
        "Utterance Creation Date",
    )
    rows = [
        (r.playing, NA, r.contact, r.text, iso_ms(r.created)) for r in recordings if r.speaker.owner
    ]
    return csv_bytes(header, rows)


def geolocation(rng: random.Random, recordings: Sequence[Recording]) -> bytes:
    """``Geolocation-1-1.csv``: one row per recording, owner and stranger alike."""
    header = (
        "sourceOfLocation",
        "longitudeInDegrees",
        "coordinatesAccuracyInMeters",
        "latitudeInDegrees",
        "eventDate",
        "deviceSerialNumber",
    )
    rows = []
    for r in sorted(recordings, key=lambda rec: rec.geo_time):
        d = r.device
        lon = d.longitude + rng.randint(-30, 30) / 100000
        lat = d.latitude + rng.randint(-30, 30) / 100000
        rows.append(
            (
                "DEVICE_ADDRESS",
                f"{lon:.5f}",
                d.accuracy_m,
                f"{lat:.5f}",
                iso_ms(r.geo_time),
                d.serial,
            )
        )
    return csv_bytes(header, rows)


def session_events(recordings: Sequence[Recording]) -> bytes:
    """``Device_Session_Events-1-1.csv``: one row per recording, owner and stranger alike."""
    header = (
        "Device Type",
        "Device Application",
        "Device Locale",
        "Marketplace",
        "Event Creation Date",
    )
    rows = [
        (
            r.device.session_type,
            "Alexa",
            r.device.locale,
            r.device.marketplace,
            iso_ms(r.session_time),
        )
        for r in sorted(recordings, key=lambda rec: rec.session_time)
    ]
    return csv_bytes(header, rows)


# --- PDF ----------------------------------------------------------------------------------------


def transcript_lines(rng: random.Random, recordings: Sequence[Recording]) -> list[str]:
    """The stranger's transcript lines, ``<date> <time> UTC  <utterance>``, shuffled."""
    lines = [
        f"{r.created:%Y-%m-%d %H:%M:%S} UTC  {r.text}" for r in recordings if not r.speaker.owner
    ]
    rng.shuffle(lines)
    return lines


@contextmanager
def utc_timezone() -> Iterator[None]:
    """Run with TZ=UTC so Qt writes PDF dates as ``D:...Z`` whatever the machine's zone."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


def render_pdf(title: str, lines: Sequence[str], path: Path) -> None:
    """Draw the title and lines onto A4 pages with QPdfWriter, one drawText call per line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, QUuid
    from PySide6.QtGui import QFont, QGuiApplication, QPageSize, QPainter, QPdfWriter

    _app = QGuiApplication.instance() or QGuiApplication([])
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("Export Viewer demo generator")
    # Fixed document id and XMP packet: Qt would otherwise embed a random UUID and "now".
    writer.setDocumentId(QUuid("{0d3e1f1c-2018-4a1e-9c0d-000000002018}"))
    writer.setDocumentXmpMetadata(
        QByteArray(
            b"<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>"
            b"<x:xmpmeta xmlns:x='adobe:ns:meta/'></x:xmpmeta><?xpacket end='w'?>"
        )
    )
    painter = QPainter(writer)
    try:
        font = QFont("DejaVu Sans", 11)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        for tag in ("liga", "clig", "dlig"):  # "traffic" must not come back as "tra\ufb03c"
            font.setFeature(QFont.Tag(tag), 0)
        # One face only (title = same face, larger): with two faces Qt writes the font objects
        # in QHash order, which changes from run to run.
        heading = QFont(font)
        heading.setPointSize(16)
        margin = 300  # 1 inch at 300 dpi
        bottom = writer.height() - margin
        painter.setFont(heading)
        y = margin + painter.fontMetrics().ascent()
        painter.drawText(margin, y, title)
        y += 2 * painter.fontMetrics().lineSpacing()
        painter.setFont(font)
        step = int(painter.fontMetrics().lineSpacing() * 1.9)
        for line in lines:
            if y > bottom:
                writer.newPage()
                y = margin + painter.fontMetrics().ascent()
            painter.drawText(margin, y, line)
            y += step
    finally:
        painter.end()
    pin_pdf_dates(path)


def pin_pdf_dates(path: Path) -> None:
    """Overwrite the /CreationDate and /ModDate digits in place (same length: xref stays valid)."""
    data = path.read_bytes()
    data, count = re.subn(
        rb"(/(?:Creation|Mod)Date \(D:)\d{14}", rb"\g<1>" + PDF_DATE.encode(), data
    )
    if count == 0:
        raise RuntimeError("PDF date fields not found; cannot make the PDF deterministic")
    path.write_bytes(data)


def verify_pdf(path: Path, title: str, lines: Sequence[str]) -> int:
    """Check with pypdf that every line comes back out of the PDF; return the page count."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    flat = " ".join(text.split())
    for expected in (title, *lines):
        if " ".join(expected.split()) not in flat:
            raise RuntimeError(f"pypdf cannot read back PDF line: {expected!r}")
    return len(reader.pages)


# --- ZIP and sidecars ---------------------------------------------------------------------------


def write_zip(members: dict[str, bytes], out: Path) -> None:
    """Write members in sorted order, deflated, with fixed timestamps and permissions."""
    with zipfile.ZipFile(out, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, members[name], compresslevel=9)


def truth(recordings: Sequence[Recording]) -> list[dict[str, object]]:
    """Ground truth for every recording, sorted by member path."""
    return [
        {
            "path": r.path,
            "owner": r.speaker.owner,
            "speaker": r.speaker.name,
            "utterance": r.text,
            "utterance_time": iso_ms(r.created),
            "device_serial": r.device.serial,
            "voice": r.speaker.voice,
        }
        for r in sorted(recordings, key=lambda rec: rec.path)
    ]


def profile() -> dict[str, object]:
    """The owner's profile in the viewer's shape."""
    return {
        "people": [OWNER_NAME, "Erika"],
        "devices": [{"serial": d.serial, "name": d.name, "model": d.model} for d in OWNER_DEVICES],
        "owns_voice_devices": True,
        "accounts": [OWNER_NAME],
        "locales": ["de-DE"],
        "timezone": "Europe/Berlin",
        "voice_samples": [],
        "confirmed_mine": [],
        "confirmed_not_mine": [],
    }


def json_bytes(value: object) -> bytes:
    """Pretty, stable UTF-8 JSON with a trailing newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def readme(recordings: Sequence[Recording], zip_name: str, pdf_pages: int) -> str:
    """The sidecar README describing the demo export."""

    def count(name: str) -> int:
        return sum(1 for r in recordings if r.speaker.name == name)

    owner = sum(1 for r in recordings if r.speaker.owner)
    stranger = len(recordings) - owner
    return f"""# Demo export: `{zip_name}`

A synthetic Amazon "Request Your Data" export, modelled on the 2018 case in which a German
Amazon customer received about 1,700 Alexa recordings of a stranger plus a PDF of unsorted
transcripts. Every person, address, serial number and recording here is made up; the voices
are espeak-ng.

Generated by `scripts/make_demo_export.py` (deterministic: the same bytes every run).
Regenerate from the repository root with:

    .venv/bin/python scripts/make_demo_export.py

## The owner (whose export this is)

- Account: **{OWNER_NAME}**, amazon.de; shipping address "{OWNER_ADDRESS}"
- People in the household: {OWNER_NAME}, Erika
- Devices: Echo Dot (4th Gen) `{KITCHEN.serial}` ("{KITCHEN.name}"),
  Echo Show 8 `{LIVING_ROOM.serial}` ("{LIVING_ROOM.name}")
- Locale `de-DE`, marketplace `amazon.de`, time zone Europe/Berlin
- Recordings: **{owner}** ({count("Max")} Max, voice `{MAX.voice}`; {count("Erika")} Erika,
  voice `{ERIKA.voice}`), German, 2024-08-01 to 2024-10-31, 07:00-22:30 Berlin time.
  Each has a row in `Intent-1-1.csv`.

The same facts as a viewer profile: `demo-profile.json`.

## The stranger (mixed in by mistake)

- The Smith household, Boston (US): Tom and Lisa, one Echo (4th Gen) `{STRANGER_ECHO.serial}`
  on amazon.com, locale `en-US`, not in `Device Registration.csv`.
- Recordings: **{stranger}** ({count("Tom")} Tom, voice `{TOM.voice}`; {count("Lisa")} Lisa,
  voice `{LISA.voice}`), English, 2024-08-20 to 2024-10-25, 06:00-22:00 US Eastern time
  (10:00-02:00 UTC: their evenings fall into the Berlin night, a time-zone signal).
- Their transcripts are not in `Intent-1-1.csv`; they are only in `Transcripts.pdf`
  ({pdf_pages} pages, one line per recording, shuffled), which `FileDescriptions.csv` does not
  mention. They do appear in the Geolocation (Boston coordinates) and Device_Session_Events
  (`Echo (4th Gen)`, `en-US`, `amazon.com`) files.

## Layout

| member | content |
|---|---|
| `{DESCRIPTIONS_PATH}` | `File name,Description` for the owner's categories |
| `{ORDERS_PATH}` | 10 amazon.de orders (EUR) |
| `{REGISTRATION_PATH}` | the owner's 2 devices |
| `{INTENT_PATH}` | {owner} rows, owner utterances only |
| `{GEO_PATH}` | {len(recordings)} rows, owner and stranger |
| `{SESSION_PATH}` | {len(recordings)} rows, owner and stranger |
| `{AUDIO_DIR}/utterance_<YYYYMMDD>T<HHMMSS>Z.wav` | {len(recordings)} WAVs, 16 kHz mono 16-bit |
| `{PDF_PATH}` | the stranger's {stranger} transcript lines |

A WAV's file-name time (whole seconds, UTC) is when recording started: 0.3-1.2 s before the
`Utterance Creation Date` of its transcript (pair by time). Geolocation and session events share
the utterance's second.

## Ground truth

`demo-truth.json` (not in the ZIP) lists every WAV with `path`, `owner`, `speaker`,
`utterance`, `utterance_time`, `device_serial` and `voice`.
"""


# --- main ---------------------------------------------------------------------------------------


def build(out: Path) -> None:
    """Generate the ZIP and its sidecar files next to ``out``."""
    require_tools()
    require_voices(SPEAKERS)
    rng = random.Random(SEED)
    recordings = build_recordings(rng)
    members: dict[str, bytes] = {}
    durations: list[float] = []
    with tempfile.TemporaryDirectory(prefix="demo-export-") as tmp:
        workdir = Path(tmp)
        for rec in recordings:
            wav = synthesise(rec, workdir)
            durations.append(wav_seconds(wav))
            members[rec.path] = wav
        lines = transcript_lines(rng, recordings)
        pdf = workdir / "Transcripts.pdf"
        with utc_timezone():
            render_pdf(PDF_TITLE, lines, pdf)
        pages = verify_pdf(pdf, PDF_TITLE, lines)
        members[PDF_PATH] = pdf.read_bytes()
        members[DESCRIPTIONS_PATH] = file_descriptions()
        members[ORDERS_PATH] = order_history()
        members[REGISTRATION_PATH] = device_registration()
        members[INTENT_PATH] = intents(recordings)
        members[GEO_PATH] = geolocation(rng, recordings)
        members[SESSION_PATH] = session_events(recordings)
        staged = workdir / out.name
        write_zip(members, staged)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(staged, out)
    (out.parent / "demo-truth.json").write_bytes(json_bytes(truth(recordings)))
    (out.parent / "demo-profile.json").write_bytes(json_bytes(profile()))
    (out.parent / "README.md").write_text(readme(recordings, out.name, pages), encoding="utf-8")
    owner = sum(1 for r in recordings if r.speaker.owner)
    print(
        f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB): {len(recordings)} recordings "
        f"({owner} owner, {len(recordings) - owner} stranger), WAV {min(durations):.2f}-"
        f"{max(durations):.2f} s, PDF {pages} pages"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="ZIP to write; sidecar files go next to it (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    build(args.out.resolve())
    print(f"done in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
