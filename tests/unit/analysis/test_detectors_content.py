"""Locale, marketplace, language, names, the platform flag and the category signal."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.unit.analysis.builders import (
    NO_CONTEXT,
    SESSIONS,
    contents,
    recording,
    registered,
    seen_only,
    transcribed,
)
from viewer.analysis.detectors import (
    guess_language,
    language_mismatch,
    locale_mismatch,
    marketplace_mismatch,
    no_voice_device,
    platform_unrecognized_speaker,
    unknown_names,
)
from viewer.analysis.detectors.names import names_in
from viewer.analysis.profile import OwnershipProfile
from viewer.model import Fact, SourceRef, TranscriptEntry

GERMAN = OwnershipProfile(locales=("de-DE",))
EMPTY = OwnershipProfile()


def test_locale_mismatch_names_the_value_and_the_row() -> None:
    export = contents([recording(1, locale="en-US"), recording(2, locale="de-DE")])
    (finding,) = locale_mismatch(GERMAN, export, NO_CONTEXT)
    assert finding.code == "locale-mismatch" and finding.weight == 0.6
    assert "en-US" in finding.detail and "de-DE" in finding.detail
    assert finding.evidence[0].path == SESSIONS and finding.evidence[0].value == "en-US"
    assert locale_mismatch(OwnershipProfile(locales=("de",)), contents([recording(
        1, locale="de-AT")]), NO_CONTEXT) == []


def test_locale_against_the_registered_devices_without_a_profile() -> None:
    export = contents([recording(1, device="US", locale="en-US")],
                      (registered("DE"), seen_only("US")))
    (finding,) = locale_mismatch(EMPTY, export, NO_CONTEXT)
    assert finding.weight == 0.4 and "registered devices use de-DE" in finding.detail
    assert locale_mismatch(EMPTY, contents([recording(1, locale="en-US")]), NO_CONTEXT) == []


def test_device_locale_is_used_when_the_recording_has_none() -> None:
    export = contents([recording(1, device="US")], (seen_only("US"),))
    (finding,) = locale_mismatch(GERMAN, export, NO_CONTEXT)
    assert finding.evidence[0].value == "en-US"


def test_marketplace_implied_by_locale_or_account() -> None:
    export = contents([recording(1, marketplace="amazon.com"),
                       recording(2, marketplace="www.amazon.de")])
    (finding,) = marketplace_mismatch(GERMAN, export, NO_CONTEXT)
    assert "amazon.com" in finding.detail and "amazon.de from your locale de-DE" in finding.detail
    by_mail = OwnershipProfile(accounts=("max@example.de",))
    (finding,) = marketplace_mismatch(by_mail, export, NO_CONTEXT)
    assert "account max@example.de" in finding.detail
    ids = contents([recording(1, marketplace="A1PA6795UKMFR9")])
    assert marketplace_mismatch(GERMAN, ids, NO_CONTEXT) == []
    assert marketplace_mismatch(OwnershipProfile(accounts=("x@example.com",)), export,
                                NO_CONTEXT) == []


@pytest.mark.parametrize(("text", "language"), [
    ("alexa what's the weather in boston today", "en"),
    ("alexa wie wird das wetter morgen in berlin", "de"),
    ("alexa quel temps fait-il demain à paris", "fr"),
    ("alexa qué tiempo hace hoy en madrid", "es"),
    ("alexa che tempo fa oggi a roma", "it"),
    ("alexa hoe is het weer vandaag in amsterdam", "nl"),
    ("alexa stop", None),
    ("", None),
])
def test_guess_language(text: str, language: str | None) -> None:
    assert guess_language(text) == language


def test_language_mismatch_says_which_language() -> None:
    recs = [recording(1), recording(2), recording(3)]
    entries, links = transcribed(recs, ["alexa what's the weather tomorrow",
                                        "alexa wie wird das wetter heute", "alexa stop"])
    export = contents(recs, transcripts=entries, links=links)
    (finding,) = language_mismatch(GERMAN, export, NO_CONTEXT)
    assert finding.recording == recs[0].path and "English" in finding.detail
    assert finding.evidence[0].value == "alexa what's the weather tomorrow"
    assert language_mismatch(EMPTY, export, NO_CONTEXT) == []


def test_unknown_names_from_transcripts_and_contacts() -> None:
    recs = [recording(1), recording(2), recording(3)]
    entries, links = transcribed(recs, ["alexa call lisa on her cell", "alexa ruf erika an",
                                        "alexa remind me to call mom"])
    contact = Fact("contact_name", "Bob Smith", SourceRef("intents.csv", "row 9"))
    entries = (entries[0], entries[1], replace(entries[2], facts=(contact,)))
    export = contents(recs, transcripts=entries, links=links)
    profile = OwnershipProfile(people=("Max Mustermann", "Erika"))
    found = {f.recording: f for f in unknown_names(profile, export, NO_CONTEXT)}
    assert set(found) == {recs[0].path, recs[2].path}
    assert "“lisa”" in found[recs[0].path].detail
    assert "“Bob Smith”" in found[recs[2].path].detail
    assert unknown_names(EMPTY, export, NO_CONTEXT) == []


@pytest.mark.parametrize(("text", "names"), [
    ("alexa call lisa", ["lisa"]), ("alexa ruf max auf der arbeit an", ["max"]),
    ("alexa remind tom to pick up the kids", ["tom"]), ("alexa remind me", []),
    ("alexa call mom", []), ("Hey Google, text Anna that I'm late", ["Anna"]),
])
def test_names_in(text: str, names: list[str]) -> None:
    assert names_in(text) == names


def test_platform_flag() -> None:
    flag = Fact("platform_unrecognized_speaker", "yes", SourceRef("MyActivity.json",
                                                                  "record 4"))
    export = contents([recording(1, fmt="google-takeout", extra=(flag,)), recording(2)])
    (finding,) = platform_unrecognized_speaker(EMPTY, export, NO_CONTEXT)
    assert finding.recording == "Audio/utterance_0001.wav"
    assert finding.evidence[0].locator == "record 4"


def test_no_voice_device_flags_every_voice_recording_only() -> None:
    export = contents([recording(1), recording(2, fmt="google-takeout"),
                       recording(3, fmt="whatsapp")])
    findings = no_voice_device(OwnershipProfile(owns_voice_devices=False), export, NO_CONTEXT)
    assert [f.recording for f in findings] == ["Audio/utterance_0001.wav",
                                               "Audio/utterance_0002.wav"]
    assert all(f.weight == 1.0 for f in findings)
    assert "Google Assistant" in findings[1].detail
    assert no_voice_device(OwnershipProfile(owns_voice_devices=None), export, NO_CONTEXT) == []
    assert no_voice_device(OwnershipProfile(owns_voice_devices=True), export, NO_CONTEXT) == []


def test_transcript_entries_are_plain() -> None:  # the builders stay honest
    entries, _ = transcribed([recording(1)], ["x"], fmt="transcript-pdf")
    assert isinstance(entries[0], TranscriptEntry) and entries[0].source.locator.startswith(
        "page")
