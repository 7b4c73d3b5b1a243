"""What the user says about themselves: the yardstick the ownership checks measure against.

A profile is a small JSON file the user writes (or the app saves)::

    {"people": ["Max Mustermann", "Erika"],
     "devices": [{"serial": "G090XXXX", "name": "Kitchen Echo", "model": "Echo Dot"}],
     "owns_voice_devices": true, "accounts": ["max@example.de"], "locales": ["de-DE"],
     "timezone": "Europe/Berlin", "voice_samples": ["voice/max1.wav"],
     "confirmed_mine": ["Alexa_1.zip!/Audio and Transcription/0001.wav"],
     "confirmed_not_mine": [], "name": "Max Mustermann", "contact": "max@example.de",
     "voice_services": {"amazon-alexa": false}, "not_my_devices": [{"serial": "G0X1"}],
     "unknown_people": ["Anna"], "voices": [{"answer": "not-us", "sha256": ["9f86…"]}]}

Every key is optional. A missing key, ``null`` or an empty list means "unknown": the checks
that need it stay silent rather than guess. ``owns_voice_devices: false`` is a statement, not
an unknown: it is the strongest signal there is (a whole category the user never had).
``name`` and ``contact`` (an e-mail or postal address) are not evidence: they sign the
discrepancy report. A ``devices`` list written by hand is taken as complete (a device it does
not name counts against a recording) unless ``devices_complete`` is ``false``; the guided
check writes ``false``, as it adds one device per answer.

The last four keys hold the answers of the guided first check (``viewer.analysis.questions``):
``voice_services`` says per platform whether the user uses that voice assistant at all
(``false`` is as strong as ``owns_voice_devices: false``, for that platform only);
``not_my_devices`` lists devices the user said are not theirs; ``unknown_people`` names in
transcripts the user does not know; ``voices`` what the user said about a voice heard in an
export ("me", "household", "not-us"), by the SHA-256 of the recordings that voice spoke, so
an answer follows the same files into another export and names no path.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

#: Profiles larger than this are not profiles (a mistaken path to an export, say).
MAX_PROFILE_BYTES = 4 * 1024 * 1024

_LOCALE = re.compile(r"^(?P<lang>[A-Za-z]{2,3})(?:[-_](?P<region>[A-Za-z]{2}|\d{3}))?$")


class ProfileError(Exception):
    """The profile cannot be used; the message names the file, the key and the problem."""


@dataclass(frozen=True, slots=True)
class ProfileDevice:
    """A device the user owns; any of the three may be unknown (but not all)."""

    serial: str | None = None
    name: str | None = None
    model: str | None = None

    def label(self) -> str:
        return " / ".join(part for part in (self.serial, self.name, self.model) if part)


#: Answers about a voice: the user's own, someone of their household, nobody they know.
VOICE_ANSWERS = ("me", "household", "not-us")


@dataclass(frozen=True, slots=True)
class VoiceAnswer:
    answer: str
    sha256: frozenset[str]

    @property
    def is_ours(self) -> bool:
        return self.answer in ("me", "household")


@dataclass(frozen=True, slots=True)
class OwnershipProfile:
    people: tuple[str, ...] = ()
    devices: tuple[ProfileDevice, ...] = ()
    #: False: ``devices`` holds only the devices confirmed so far (the guided check's
    #: answers), so a device it does not name is unknown rather than someone else's.
    devices_complete: bool = True
    #: False: the user owns no voice-assistant device. None: not stated.
    owns_voice_devices: bool | None = None
    #: Account names or e-mail addresses.
    accounts: tuple[str, ...] = ()
    #: Normalised to ``de-DE`` / ``de`` form.
    locales: tuple[str, ...] = ()
    #: An IANA name such as ``Europe/Berlin``, checked with zoneinfo.
    timezone: str | None = None
    #: Absolute paths (resolved against the profile file's folder).
    voice_samples: tuple[Path, ...] = ()
    #: Member paths the user marked themselves; their mark always wins.
    confirmed_mine: frozenset[str] = frozenset()
    confirmed_not_mine: frozenset[str] = frozenset()
    #: The user's name and contact (e-mail or address), for the report's letter.
    name: str | None = None
    contact: str | None = None
    #: Per platform ("amazon-alexa", "google-takeout"): does the user use that assistant?
    voice_services: tuple[tuple[str, bool], ...] = ()
    #: Devices the user said are not theirs.
    not_my_devices: tuple[ProfileDevice, ...] = ()
    #: Names (from transcripts) the user said they do not know.
    unknown_people: tuple[str, ...] = ()
    #: What the user said about voices: (answer, SHA-256 digests of that voice's recordings).
    voices: tuple[VoiceAnswer, ...] = ()
    #: The file it was read from, when it was read from one.
    source: Path | None = field(default=None, compare=False)

    @property
    def languages(self) -> frozenset[str]:
        """The language parts of the locales: ``de-DE`` -> ``de``."""
        return frozenset(locale.split("-")[0].casefold() for locale in self.locales)

    def uses_service(self, service: str) -> bool | None:
        """What the user said of one platform; ``owns_voice_devices: false`` covers all."""
        if self.owns_voice_devices is False:
            return False
        return dict(self.voice_services).get(service)

    @property
    def zone(self) -> ZoneInfo | None:
        return ZoneInfo(self.timezone) if self.timezone else None

    @property
    def is_empty(self) -> bool:
        return self == OwnershipProfile()


EMPTY_PROFILE = OwnershipProfile()

_KEYS = ("people", "devices", "devices_complete", "owns_voice_devices", "accounts", "locales",
         "timezone", "voice_samples", "confirmed_mine", "confirmed_not_mine", "name", "contact",
         "voice_services", "not_my_devices", "unknown_people", "voices")
_DEVICE_KEYS = ("serial", "name", "model")


def load_profile(path: str | Path) -> OwnershipProfile:
    """Read a profile file; any problem raises ``ProfileError`` naming the file and key."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PROFILE_BYTES:
            raise ProfileError(f"the profile {path} is larger than a profile can be "
                               f"({MAX_PROFILE_BYTES // (1024 * 1024)} MiB); is it the right file?")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as error:
        raise ProfileError(f"the profile {path} does not exist") from error
    except IsADirectoryError as error:
        raise ProfileError(f"the profile {path} is a folder; name the JSON file") from error
    except UnicodeDecodeError as error:
        raise ProfileError(f"the profile {path} is not UTF-8 text; save it as UTF-8 "
                           "JSON") from error
    except OSError as error:
        raise ProfileError(f"the profile {path} cannot be read: "
                           f"{error.strerror or error}") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProfileError(f"the profile {path} is not valid JSON: {error.msg} at line "
                           f"{error.lineno}, column {error.colno}") from error
    try:
        profile = profile_from_dict(data, path.resolve().parent)
    except ProfileError as error:
        raise ProfileError(f"the profile {path}: {error}") from error
    return replace(profile, source=path)


def profile_from_dict(data: Any, base_dir: str | Path) -> OwnershipProfile:
    """Build a profile from parsed JSON; relative voice sample paths join ``base_dir``."""
    if not isinstance(data, Mapping):
        raise ProfileError(f"the profile must be a JSON object {{...}}, not {_kind(data)}")
    for key in data:
        if key not in _KEYS:
            raise ProfileError(_unknown_key(str(key), _KEYS, ""))
    base = Path(base_dir)
    mine = frozenset(_texts(data, "confirmed_mine"))
    not_mine = frozenset(_texts(data, "confirmed_not_mine"))
    both = sorted(mine & not_mine)
    if both:
        raise ProfileError(f"“{both[0]}” is in both “confirmed_mine” and "
                           "“confirmed_not_mine”; keep it in one of them")
    owns = data.get("owns_voice_devices")
    if owns is not None and not isinstance(owns, bool):
        raise ProfileError(f"“owns_voice_devices” must be true, false or null, not {_kind(owns)}")
    complete = data.get("devices_complete")
    if complete is not None and not isinstance(complete, bool):
        raise ProfileError(f"“devices_complete” must be true, false or null, not "
                           f"{_kind(complete)}")
    return OwnershipProfile(
        people=_texts(data, "people"),
        devices=_devices(data.get("devices")),
        devices_complete=complete is not False,
        owns_voice_devices=owns,
        accounts=_texts(data, "accounts"),
        locales=tuple(_locale(value, f"locales[{i}]")
                      for i, value in enumerate(_texts(data, "locales"))),
        timezone=_timezone(data.get("timezone")),
        voice_samples=tuple((base / sample).resolve() if not Path(sample).is_absolute()
                            else Path(sample) for sample in _texts(data, "voice_samples")),
        confirmed_mine=mine,
        confirmed_not_mine=not_mine,
        name=_text(data, "name"),
        contact=_text(data, "contact"),
        voice_services=_services(data.get("voice_services")),
        not_my_devices=_devices(data.get("not_my_devices"), "not_my_devices"),
        unknown_people=_texts(data, "unknown_people"),
        voices=_voice_answers(data.get("voices")),
    )


def profile_to_dict(profile: OwnershipProfile, base_dir: str | Path | None = None,
                    ) -> dict[str, Any]:
    """The JSON object for saving; voice samples are written relative to ``base_dir``
    when they lie under it, so a profile folder can be moved as a whole."""
    def sample(path: Path) -> str:
        if base_dir is not None:
            try:
                return path.relative_to(Path(base_dir).resolve()).as_posix()
            except ValueError:
                pass
        return str(path)

    return {
        "people": list(profile.people),
        "devices": [{key: value for key in _DEVICE_KEYS
                     if (value := getattr(device, key)) is not None}
                    for device in profile.devices],
        "devices_complete": profile.devices_complete,
        "owns_voice_devices": profile.owns_voice_devices,
        "accounts": list(profile.accounts),
        "locales": list(profile.locales),
        "timezone": profile.timezone,
        "voice_samples": [sample(path) for path in profile.voice_samples],
        "confirmed_mine": sorted(profile.confirmed_mine),
        "confirmed_not_mine": sorted(profile.confirmed_not_mine),
        **{key: value for key in ("name", "contact")
           if (value := getattr(profile, key)) is not None},
        "voice_services": dict(profile.voice_services),
        "not_my_devices": [{key: value for key in _DEVICE_KEYS
                            if (value := getattr(device, key)) is not None}
                           for device in profile.not_my_devices],
        "unknown_people": list(profile.unknown_people),
        "voices": [{"answer": item.answer, "sha256": sorted(item.sha256)}
                   for item in profile.voices],
    }


# --- the pieces ---------------------------------------------------------------------------

def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text (“{value[:40]}”)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _unknown_key(key: str, known: tuple[str, ...], where: str) -> str:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"did you mean “{close[0]}”?" if close else f"known keys: {', '.join(known)}"
    return f"unknown key “{where}{key}”; {hint}"


def _texts(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        raise ProfileError(f"“{key}” must be a list of text, e.g. [“{value}”], not a single "
                           "text")
    if not isinstance(value, list):
        raise ProfileError(f"“{key}” must be a list of text, not {_kind(value)}")
    texts = []
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise ProfileError(f"“{key}[{index}]” must be text, not {_kind(item)}")
        if item.strip():
            texts.append(item.strip())
    return tuple(dict.fromkeys(texts))


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ProfileError(f"“{key}” must be text, not {_kind(value)}")
    return value.strip() or None


def _objects(value: Any, key: str, like: str,
             like_text: Callable[[str], str] | None = None,
             ) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The objects of the list under ``key``, each with where it stands (“devices[2]”); null
    is an empty list. Checked one by one, so the first mistake in the file is the one named.
    ``like_text`` shows how an item written as text should have been written."""
    if value is None:
        return
    if not isinstance(value, list):
        raise ProfileError(f"“{key}” must be a list of objects like {like}, not {_kind(value)}")
    for index, item in enumerate(value):
        where = f"{key}[{index}]"
        if isinstance(item, str) and like_text is not None:
            raise ProfileError(f"“{where}” must be an object like {like_text(item)}, "
                               "not a text")
        if not isinstance(item, Mapping):
            raise ProfileError(f"“{where}” must be an object, not {_kind(item)}")
        yield where, item


def _devices(value: Any, key: str = "devices") -> tuple[ProfileDevice, ...]:
    devices = []
    for where, item in _objects(value, key, "{“serial”: …, “name”: …, “model”: …}",
                                lambda text: f"{{“serial”: “{text}”}}"):
        fields_: dict[str, str | None] = {}
        for key, field_value in item.items():
            if key not in _DEVICE_KEYS:
                raise ProfileError(_unknown_key(str(key), _DEVICE_KEYS, f"{where}."))
            if field_value is not None and not isinstance(field_value, str):
                raise ProfileError(f"“{where}.{key}” must be text, not {_kind(field_value)}")
            fields_[key] = field_value.strip() or None if field_value is not None else None
        if not any(fields_.values()):
            raise ProfileError(f"“{where}” names no serial, name or model")
        devices.append(ProfileDevice(**fields_))
    return tuple(devices)


def _locale(value: str, where: str) -> str:
    match = _LOCALE.match(value)
    if match is None:
        raise ProfileError(f"“{where}” is “{value}”, which is not a locale such as “de-DE” or "
                           "“en”")
    region = match["region"]
    return f"{match['lang'].lower()}-{region.upper()}" if region else match["lang"].lower()


def _timezone(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ProfileError(f"“timezone” must be an IANA name such as “Europe/Berlin”, not "
                           f"{_kind(value)}")
    name = value.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        close = difflib.get_close_matches(name, sorted(available_timezones()), n=1, cutoff=0.6)
        hint = f"did you mean “{close[0]}”?" if close else "use a name such as “Europe/Berlin”"
        raise ProfileError(f"“timezone” is “{name}”, which is not a known time zone; "
                           f"{hint}") from error
    return name


def _services(value: Any) -> tuple[tuple[str, bool], ...]:
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise ProfileError("“voice_services” must be an object like {“amazon-alexa”: false}, "
                           f"not {_kind(value)}")
    services = []
    for service, uses in value.items():
        if uses is None:
            continue
        if not isinstance(uses, bool):
            raise ProfileError(f"“voice_services.{service}” must be true, false or null, not "
                               f"{_kind(uses)}")
        services.append((str(service), uses))
    return tuple(sorted(services))


_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _voice_answers(value: Any) -> tuple[VoiceAnswer, ...]:
    answers = []
    for where, item in _objects(value, "voices", "{“answer”: “not-us”, “sha256”: […]}"):
        for key in item:
            if key not in ("answer", "sha256"):
                raise ProfileError(_unknown_key(str(key), ("answer", "sha256"), f"{where}."))
        answer = item.get("answer")
        if answer not in VOICE_ANSWERS:
            raise ProfileError(f"“{where}.answer” must be one of {', '.join(VOICE_ANSWERS)}, "
                               f"not {_kind(answer)}")
        digests = item.get("sha256")
        if not isinstance(digests, list) or not all(
                isinstance(d, str) and _SHA256.match(d.lower()) for d in digests):
            raise ProfileError(f"“{where}.sha256” must be a list of SHA-256 digests (64 hex "
                               "digits)")
        answers.append(VoiceAnswer(answer, frozenset(d.lower() for d in digests)))
    return tuple(answers)
