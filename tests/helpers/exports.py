"""Whole exports for end-to-end tests, shaped like the cases the product exists for."""

from __future__ import annotations

import functools
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
