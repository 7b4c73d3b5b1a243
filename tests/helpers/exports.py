"""Whole exports for end-to-end tests, shaped like the cases the product exists for."""

from __future__ import annotations

import functools
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.helpers.archives import write_zip
from tests.helpers.audio import espeak_wav

AUDIO = "Additional Data/Alexa/Alexa/Audio"
INTENTS = "Additional Data/Alexa/Alexa/NLU/Intent-1-1.csv"
GEOLOCATION = "Additional Data/Alexa/Alexa/Geolocation/Geolocation-1-1.csv"
SERIAL = "G090LF0918270001"
SESSIONS = ("Additional Data/Alexa and Echo Devices.Device_Session_Events/"
            "Device_Session_Events-1-1.csv")
#: The stranger household's commands (German, as in 2018), naming people the user never met.
COMMANDS = ("alexa wie wird das wetter morgen", "alexa ruf anna an", "alexa spiel musik",
            "alexa stell einen wecker auf sieben uhr", "alexa erinnere lukas an den termin",
            "alexa mach das licht aus")
#: Two voices of one household: espeak-ng's German male and female variants.
VOICES = ("de+m3", "de+f2")


@functools.cache
def _clip(text: str, voice: str) -> bytes:
    return espeak_wav(text, voice)


def amazon_2018_like(path: Path, count: int = 36) -> Path:
    """An Amazon export in which every recording is a stranger's (as received in 2018).

    ``count`` recordings of a German household (two voices, one Echo on amazon.de), their
    utterances in the NLU table, sessions naming the device, and no registration table: the
    recipient owns no voice device, so nothing in it is theirs.
    """
    start = datetime(2018, 3, 4, 7, 30, tzinfo=UTC)
    files: dict[str, bytes | str] = {}
    intents = ["Currently Playing Song,Screen Contents,Contact Name,Utterance text,"
               "Utterance Creation Date"]
    sessions = ["Device Type,Device Application,Device Locale,Marketplace,"
                "Event Creation Date"]
    places = ["sourceOfLocation,longitudeInDegrees,coordinatesAccuracyInMeters,"
              "latitudeInDegrees,eventDate,deviceSerialNumber"]
    for number in range(count):
        moment = start + timedelta(days=number // 3, hours=3 * (number % 3), seconds=number)
        # The number makes every clip's audio unique (no byte-identical duplicates).
        text = f"{COMMANDS[number % len(COMMANDS)]} {number + 1}"
        files[f"{AUDIO}/utterance_{moment:%Y%m%dT%H%M%S}Z.wav"] = _clip(
            text, VOICES[number % len(VOICES)])
        stamp = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        intents.append(f"Not Available,Not Available,Not Available,{text},{stamp}")
        session = (moment + timedelta(milliseconds=300)).isoformat(
            timespec="milliseconds").replace("+00:00", "Z")
        sessions.append(f"Echo Dot,Alexa,de-DE,amazon.de,{session}")
        places.append(f"DEVICE_ADDRESS,8.68,25,50.11,{session},{SERIAL}")
    files[INTENTS] = "\n".join(intents) + "\n"
    files[SESSIONS] = "\n".join(sessions) + "\n"
    files[GEOLOCATION] = "\n".join(places) + "\n"
    return write_zip(path, files)


TAKEOUT_ASSISTANT = "Takeout/My Activity/Assistant"
#: A household speaking to its Google speaker, and a guest the platform did not recognise.
#: Whole sentences (3-4 s): the voice model needs more than "good morning" to group a voice.
HOUSEHOLD_COMMANDS = (
    "hey google what will the weather be like today in the city",
    "hey google set a timer for ten minutes for the pasta please",
    "hey google play some quiet jazz music in the living room",
    "hey google turn off all the lights in the kitchen and the hall",
    "hey google what time is my first meeting tomorrow morning",
    "hey google add milk and bread and eggs to my shopping list",
    "hey google how tall is mount everest in metres and in feet",
    "hey google remind me to call the plumber at four this afternoon",
    "hey google good morning, what is on my calendar for today")
GUEST_COMMANDS = (
    "hey google play my road trip playlist from the beginning please",
    "hey google what was the final score of the football game last night",
    "hey google navigate to the airport and avoid the motorway",
    "hey google tell me a joke about cats and dogs and a parrot")


def _mp3(text: str, voice: str) -> bytes:
    import soundfile

    samples, rate = soundfile.read(io.BytesIO(_clip(text, voice)), dtype="float32")
    out = io.BytesIO()
    soundfile.write(out, samples, rate, format="MP3")
    return out.getvalue()


def takeout_with_a_flagged_guest(path: Path) -> tuple[Path, list[str]]:
    """A Google Takeout whose platform marked 4 of 13 recordings "From unrecognized speaker".

    The household speaks with espeak-ng's ``en+m3``, the guest with ``en+f2`` (distinct to
    the voice model). Returns the ZIP and the member paths of the flagged recordings.
    """
    records, files, flagged = [], {}, []
    start = datetime(2023, 5, 1, 8, 0, tzinfo=UTC)
    commands = [(text, "en+m3", False) for text in HOUSEHOLD_COMMANDS]
    commands[2:2] = [(text, "en+f2", True) for text in GUEST_COMMANDS]
    for number, (text, voice, guest) in enumerate(commands):
        moment = start + timedelta(hours=5 * number)
        name = f"{moment:%Y-%m-%d_%H_%M_%S}_000_UTC.mp3"
        files[f"{TAKEOUT_ASSISTANT}/{name}"] = _mp3(text, voice)
        details = [{"name": "Started by hotword"}]
        if guest:
            details.append({"name": "From unrecognized speaker"})
            flagged.append(f"{TAKEOUT_ASSISTANT}/{name}")
        records.append({"header": "Assistant", "title": f"Said {text}",
                        "time": (moment - timedelta(seconds=2)).isoformat().replace(
                            "+00:00", "Z"),
                        "products": ["Assistant"], "audioFiles": [name], "details": details})

    files[f"{TAKEOUT_ASSISTANT}/MyActivity.json"] = json.dumps(records)
    return write_zip(path, files), flagged
