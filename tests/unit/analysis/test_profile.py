from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.analysis.profile import (
    OwnershipProfile,
    ProfileDevice,
    ProfileError,
    load_profile,
    profile_from_dict,
    profile_to_dict,
)

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = {
    "people": ["Max Mustermann", "Erika"],
    "devices": [{"serial": "G090XXXX", "name": "Kitchen Echo", "model": "Echo Dot"}],
    "owns_voice_devices": True, "accounts": ["max@example.de"], "locales": ["de-DE"],
    "timezone": "Europe/Berlin", "voice_samples": ["voice/max1.wav"],
    "confirmed_mine": ["Alexa_1.zip!/Audio and Transcription/0001.wav"],
    "confirmed_not_mine": [],
}


def test_the_documented_example_parses(tmp_path: Path) -> None:
    profile = profile_from_dict(EXAMPLE, tmp_path)
    assert profile.people == ("Max Mustermann", "Erika")
    assert profile.devices == (ProfileDevice("G090XXXX", "Kitchen Echo", "Echo Dot"),)
    assert profile.owns_voice_devices is True
    assert profile.timezone == "Europe/Berlin"
    assert profile.voice_samples == ((tmp_path / "voice" / "max1.wav").resolve(),)
    assert "Alexa_1.zip!/Audio and Transcription/0001.wav" in profile.confirmed_mine
    assert profile.languages == {"de"}


def test_every_key_is_optional() -> None:
    profile = profile_from_dict({}, ".")
    assert profile == OwnershipProfile()
    assert profile.is_empty
    assert profile.owns_voice_devices is None


def test_round_trip_through_the_saved_form(tmp_path: Path) -> None:
    profile = profile_from_dict(EXAMPLE, tmp_path)
    saved = profile_to_dict(profile, tmp_path)
    assert saved["voice_samples"] == ["voice/max1.wav"]
    assert profile_from_dict(json.loads(json.dumps(saved)), tmp_path) == profile


def test_locales_are_normalised() -> None:
    assert profile_from_dict({"locales": ["de_de", "EN"]}, ".").locales == ("de-DE", "en")


def test_the_demo_profile_loads() -> None:
    profile = load_profile(ROOT / "viewer/resources/demo/demo-profile.json")
    assert len(profile.devices) == 2
    assert profile.source == ROOT / "viewer/resources/demo/demo-profile.json"


@pytest.mark.parametrize(("data", "words"), [
    ({"peple": []}, ["“peple”", "did you mean “people”"]),
    ({"colour": 1}, ["“colour”", "known keys"]),
    ({"people": "Max"}, ["“people”", "list of text"]),
    ({"people": ["Max", 3]}, ["“people[1]”", "number"]),
    ({"devices": ["G090"]}, ["“devices[0]”", "object"]),
    ({"devices": [{"serial": 5}]}, ["“devices[0].serial”", "text"]),
    ({"devices": [{"serail": "x"}]}, ["devices[0].serail", "did you mean “serial”"]),
    ({"devices": [{}]}, ["“devices[0]”", "no serial, name or model"]),
    ({"owns_voice_devices": "no"}, ["“owns_voice_devices”", "true, false or null"]),
    ({"timezone": "Europe/Berln"}, ["“Europe/Berln”", "did you mean “Europe/Berlin”"]),
    ({"timezone": "UTC+1"}, ["not a known time zone"]),
    ({"timezone": 1}, ["“timezone”", "IANA"]),
    ({"locales": ["German"]}, ["“locales[0]”", "not a locale"]),
    ({"confirmed_mine": ["a.wav"], "confirmed_not_mine": ["a.wav"]}, ["a.wav", "both"]),
    ([1, 2], ["JSON object"]),
])
def test_bad_input_names_the_key_and_the_problem(data: object, words: list[str]) -> None:
    with pytest.raises(ProfileError) as caught:
        profile_from_dict(data, ".")
    for word in words:
        assert word in str(caught.value)


def test_file_problems_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="does not exist"):
        load_profile(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"people": [', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"broken\.json is not valid JSON: .* line 1"):
        load_profile(broken)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"timezone": "Mars/Base"}', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"wrong\.json: “timezone”"):
        load_profile(wrong)
    with pytest.raises(ProfileError, match="is a folder"):
        load_profile(tmp_path)


def test_name_and_contact_are_optional_text_and_round_trip(tmp_path: Path) -> None:
    profile = profile_from_dict({"name": " Max Mustermann ", "contact": "max@example.de"},
                                tmp_path)
    assert (profile.name, profile.contact) == ("Max Mustermann", "max@example.de")
    saved = profile_to_dict(profile)
    assert saved["name"] == "Max Mustermann" and saved["contact"] == "max@example.de"
    assert "name" not in profile_to_dict(profile_from_dict({}, tmp_path))
    with pytest.raises(ProfileError, match="“contact” must be text"):
        profile_from_dict({"contact": ["a"]}, tmp_path)


def test_a_devices_list_is_complete_unless_it_says_otherwise(tmp_path: Path) -> None:
    assert profile_from_dict({"devices": [{"serial": "G0"}]}, tmp_path).devices_complete
    answers = profile_from_dict({"devices": [{"serial": "G0"}], "devices_complete": False},
                                tmp_path)
    assert answers.devices_complete is False
    assert profile_to_dict(answers)["devices_complete"] is False
    with pytest.raises(ProfileError, match="“devices_complete” must be true, false or null"):
        profile_from_dict({"devices_complete": "no"}, tmp_path)
