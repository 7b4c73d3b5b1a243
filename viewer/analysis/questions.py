"""The guided first check: the few questions, built from the export itself, that decide the most.

When the profile cannot decide (recordings stay "unsure"), a person can still answer what
no file can: do they use this platform at all, which of these devices are theirs, whose voice
is this, do they know the people named in the transcripts. ``questions_for`` builds those
questions from a check result; the ``answer_*`` functions write an answer into the profile
document (the JSON object ``viewer.analysis.profile`` reads), so the window, the CLI and the
report all see the same answers. Qt-free: the window only draws them.

Questions are ordered by how many recordings an answer can decide: the platform (all of
them), then devices, voices and names, each largest first. Answered questions are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from viewer.analysis.check import CheckResult
from viewer.analysis.detectors.base import VOICE_ASSISTANT_FORMATS, is_mobile_app
from viewer.analysis.detectors.devices import device_identity, profile_device_matches
from viewer.analysis.detectors.names import names_in
from viewer.analysis.findings import Verdict
from viewer.analysis.profile import (
    EMPTY_PROFILE,
    VOICE_ANSWERS,
    OwnershipProfile,
    ProfileDevice,
)
from viewer.model import ExportContents, Recording

#: At most this many names are asked about (the most frequent first).
MAX_NAMES = 8
#: A voice card shows at most this much of one transcript.
SHORT_TRANSCRIPT = 60

#: The platform's assistant and its company, per format.
SERVICES = {"amazon-alexa": ("Alexa", "Amazon"), "google-takeout": ("Google Assistant",
                                                                    "Google")}


@dataclass(frozen=True, slots=True)
class Span:
    first: datetime | None
    last: datetime | None


@dataclass(frozen=True, slots=True)
class PlatformQuestion:
    """“This export holds 36 Alexa recordings. Do you use an Amazon voice assistant?”"""

    service: str
    assistant: str
    company: str
    recordings: int


@dataclass(frozen=True, slots=True)
class DeviceQuestion:
    """“Is this device yours?” with what the export says of it."""

    key: str
    serial: str | None
    name: str | None
    model: str | None
    recordings: int
    span: Span

    def as_profile_device(self) -> ProfileDevice:
        return ProfileDevice(self.serial, self.name, self.model)


@dataclass(frozen=True, slots=True)
class VoiceQuestion:
    """“Whose voice is this?” for one voice the model heard."""

    number: int
    members: tuple[str, ...]
    sha256: tuple[str, ...]
    representative: str
    devices: tuple[str, ...]
    span: Span
    transcript: str | None
    #: Best similarity of its typical recording to the user's voices (None: not yet known).
    similarity_to_you: float | None
    #: What the verdict rule reads from that: "yes", "maybe", "no" (None: not yet known).
    sounds_like_you: str | None = None

    @property
    def recordings(self) -> int:
        return len(self.members)


@dataclass(frozen=True, slots=True)
class NameQuestion:
    """“Do you know Anna?” for a name said in the transcripts."""

    name: str
    recordings: int


@dataclass(frozen=True, slots=True)
class GuidedQuestions:
    platforms: tuple[PlatformQuestion, ...]
    devices: tuple[DeviceQuestion, ...]
    voices: tuple[VoiceQuestion, ...]
    names: tuple[NameQuestion, ...]
    #: Recordings the check left unsure.
    unsure: int
    recordings: int

    @property
    def empty(self) -> bool:
        return not (self.platforms or self.devices or self.voices or self.names)


def needs_guidance(result: CheckResult) -> bool:
    """True when the check left recordings unsure and a question could still help."""
    if result.count(Verdict.UNSURE) == 0:
        return False
    return not questions_for(result).empty


def questions_for(result: CheckResult) -> GuidedQuestions:
    profile = result.profile or EMPTY_PROFILE
    contents = result.contents
    return GuidedQuestions(
        platforms=tuple(_platform_questions(profile, contents)),
        devices=tuple(_device_questions(profile, contents)),
        voices=tuple(_voice_questions(profile, contents, result.voices,
                                      result.member_sha256)),
        names=tuple(_name_questions(profile, contents)),
        unsure=result.count(Verdict.UNSURE),
        recordings=len(result.verdicts),
    )


def _span(recordings: Iterable[Recording]) -> Span:
    times = sorted(r.start for r in recordings if r.start is not None)
    return Span(times[0], times[-1]) if times else Span(None, None)


def _platform_questions(profile: OwnershipProfile, contents: ExportContents,
                        ) -> list[PlatformQuestion]:
    counts = Counter(r.format for r in contents.recordings
                     if r.format in VOICE_ASSISTANT_FORMATS)
    questions = []
    for service, count in counts.most_common():
        if profile.uses_service(service) is not None:
            continue
        assistant, company = SERVICES.get(service, (service, service))
        questions.append(PlatformQuestion(service, assistant, company, count))
    return questions


def _device_questions(profile: OwnershipProfile, contents: ExportContents,
                      ) -> list[DeviceQuestion]:
    if profile.owns_voice_devices is False:
        return []
    groups: dict[str, list[Recording]] = {}
    for recording in contents.recordings:
        if recording.device is not None:
            groups.setdefault(recording.device, []).append(recording)
    questions = []
    for key, recordings in groups.items():
        device = contents.device(key)
        if is_mobile_app(device):
            continue
        serial, name, model = device_identity(recordings[0], device)
        answered = [*profile.devices, *profile.not_my_devices]
        if any(profile_device_matches(owned, serial, name, model) for owned in answered):
            continue
        questions.append(DeviceQuestion(key, serial, name, model, len(recordings),
                                        _span(recordings)))
    return sorted(questions, key=lambda q: (-q.recordings, q.key))


def _voice_questions(profile: OwnershipProfile, contents: ExportContents,
                     voices: Sequence[Mapping[str, Any]], member_sha256: Mapping[str, str],
                     ) -> list[VoiceQuestion]:
    answered = frozenset().union(*(answer.sha256 for answer in profile.voices))
    questions = []
    for number, voice in enumerate(voices, start=1):
        members = tuple(str(path) for path in voice.get("members", ()))
        if not members:
            continue
        digests = tuple(member_sha256[path] for path in members if path in member_sha256)
        if digests and sum(1 for d in digests if d in answered) * 2 >= len(members):
            continue
        recordings = [r for path in members if (r := contents.recording(path)) is not None]
        devices = Counter(_device_label(contents, r) for r in recordings if r.device)
        representative = str(voice.get("representative") or members[0])
        similarity = voice.get("similarity_to_you")
        questions.append(VoiceQuestion(
            number=number, members=members, sha256=digests, representative=representative,
            devices=tuple(label for label, _ in devices.most_common()),
            span=_span(recordings),
            transcript=_short_transcript(contents, representative, members),
            similarity_to_you=float(similarity) if isinstance(similarity, int | float)
            else None,
            sounds_like_you=reading if (reading := voice.get("sounds_like_you")) in
            ("yes", "maybe", "no") else None))
    return questions


def _device_label(contents: ExportContents, recording: Recording) -> str:
    serial, name, model = device_identity(recording, contents.device(recording.device))
    return " · ".join(part for part in (name, model) if part) or serial or "?"


def _short_transcript(contents: ExportContents, representative: str,
                      members: Sequence[str]) -> str | None:
    for path in (representative, *members):
        entry = contents.transcript_for(path)
        if entry is not None and entry.text.strip():
            text = " ".join(entry.text.split())
            return text if len(text) <= SHORT_TRANSCRIPT else \
                text[:SHORT_TRANSCRIPT - 1].rstrip() + "…"
    return None


def _name_questions(profile: OwnershipProfile, contents: ExportContents,
                    ) -> list[NameQuestion]:
    settled = {name.casefold() for name in profile.unknown_people}
    for person in profile.people:
        settled.add(person.casefold())
        settled.update(part.casefold() for part in person.split())
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for recording in contents.recordings:
        entry = contents.transcript_for(recording.path)
        if entry is None:
            continue
        for name in names_in(entry.text):
            folded = name.casefold()
            if folded in settled:
                continue
            counts[folded] += 1
            spelling.setdefault(folded, name[:1].upper() + name[1:])
    return [NameQuestion(spelling[folded], count)
            for folded, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            [:MAX_NAMES]]


# --- answers, written into the profile document -------------------------------------------

def answer_platform(document: Mapping[str, Any], service: str, uses: bool | None,
                    ) -> dict[str, Any]:
    """“Do you use it?”: True, False, or None (not sure: forget the answer)."""
    updated = dict(document)
    services = dict(updated.get("voice_services") or {})
    if uses is None:
        services.pop(service, None)
    else:
        services[service] = uses
    updated["voice_services"] = services
    return updated


def answer_device(document: Mapping[str, Any], question: DeviceQuestion, mine: bool | None,
                  ) -> dict[str, Any]:
    """“Is it yours?”: True adds it to ``devices``, False to ``not_my_devices``, None
    removes it from both."""
    updated = dict(document)
    target = question.as_profile_device()
    entry = {key: value for key, value in (("serial", target.serial), ("name", target.name),
                                          ("model", target.model)) if value}
    for key in ("devices", "not_my_devices"):
        kept = [item for item in updated.get(key) or []
                if not _same_device(item, target)]
        if (key == "devices" and mine is True) or (key == "not_my_devices" and mine is False):
            kept.append(entry)
        updated[key] = kept
    # One answer names one device: the others of the export are not thereby someone else's.
    updated["devices_complete"] = False
    return updated


def _same_device(item: Any, target: ProfileDevice) -> bool:
    if not isinstance(item, Mapping):
        return False
    owned = ProfileDevice(item.get("serial"), item.get("name"), item.get("model"))
    return bool(profile_device_matches(owned, target.serial, target.name, target.model))


def answer_voice(document: Mapping[str, Any], sha256: Iterable[str], answer: str | None,
                 ) -> dict[str, Any]:
    """“Whose voice?”: "me", "household", "not-us", or None (don't know: forget it)."""
    if answer is not None and answer not in VOICE_ANSWERS:
        raise ValueError(f"unknown voice answer {answer!r}")
    digests = sorted(set(sha256))
    updated = dict(document)
    kept = []
    for item in updated.get("voices") or []:
        rest = sorted(set(item.get("sha256", ())) - set(digests))
        if rest:
            kept.append({**item, "sha256": rest})
    if answer is not None and digests:
        kept.append({"answer": answer, "sha256": digests})
    updated["voices"] = kept
    return updated


def answer_name(document: Mapping[str, Any], name: str, known: bool | None,
                ) -> dict[str, Any]:
    """“Do you know them?”: True adds the name to ``people``, False to ``unknown_people``."""
    updated = dict(document)
    folded = name.casefold()
    for key in ("people", "unknown_people"):
        kept = [item for item in updated.get(key) or [] if str(item).casefold() != folded]
        if (key == "people" and known is True) or (key == "unknown_people" and known is False):
            kept.append(name)
        updated[key] = kept
    return updated
