"""The guided first check: questions built from the export, answers that decide (Qt-free)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.exports import SERIAL, amazon_2018_like
from viewer.analysis.check import CheckResult, check_export
from viewer.analysis.findings import Verdict
from viewer.analysis.profile import ProfileError, load_profile, profile_from_dict
from viewer.analysis.questions import (
    answer_device,
    answer_name,
    answer_platform,
    answer_voice,
    needs_guidance,
    questions_for,
)
from viewer.archive import open_export
from viewer.cli import main
from viewer.formats import import_export


@pytest.fixture(scope="module")
def alexa_2018(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return amazon_2018_like(tmp_path_factory.mktemp("export") / "alexa-2018.zip")


def check(path: Path, document: dict[str, object] | None) -> CheckResult:
    profile = profile_from_dict(document, path.parent) if document is not None else None
    with open_export(path) as export:
        return check_export(export, import_export(export), profile)


def test_with_no_profile_the_2018_case_stays_unsure_and_asks(alexa_2018: Path) -> None:
    result = check(alexa_2018, None)
    assert result.count(Verdict.UNSURE) == 36
    assert needs_guidance(result)
    questions = questions_for(result)
    (platform,) = questions.platforms
    assert (platform.service, platform.assistant, platform.company, platform.recordings) == \
        ("amazon-alexa", "Alexa", "Amazon", 36)
    (device,) = questions.devices
    assert device.serial == SERIAL and device.recordings == 36
    assert device.span.first is not None and device.span.last > device.span.first
    assert [name.name for name in questions.names] == ["Anna", "Lukas"]
    assert questions.voices == ()  # voice off: no voices heard


def test_one_answer_no_i_dont_use_one_makes_every_recording_not_mine(
        alexa_2018: Path) -> None:
    document = answer_platform({}, "amazon-alexa", False)
    result = check(alexa_2018, document)
    assert result.count(Verdict.NOT_MINE) == 36
    reason = result.verdicts[0].reasons[0]
    assert reason.code == "no-voice-device" and "You said you do not use Alexa" in reason.detail
    # Answered: the platform is not asked again, and nothing is left to decide.
    assert questions_for(result).platforms == ()
    assert not needs_guidance(result)
    # "Not sure" takes the answer back.
    assert answer_platform(document, "amazon-alexa", None)["voice_services"] == {}


def test_device_answers_decide_its_recordings(alexa_2018: Path) -> None:
    question = questions_for(check(alexa_2018, None)).devices[0]
    theirs = answer_device({}, question, False)
    assert theirs["not_my_devices"] == [{"serial": SERIAL, "model": "Echo Dot"}] or \
        theirs["not_my_devices"][0]["serial"] == SERIAL
    result = check(alexa_2018, theirs)
    assert result.count(Verdict.NOT_MINE) == 36
    assert "You said device" in result.verdicts[0].reasons[0].detail
    ours = answer_device(theirs, question, True)
    assert ours["not_my_devices"] == [] and ours["devices"][0]["serial"] == SERIAL
    assert check(alexa_2018, ours).count(Verdict.MINE) == 36
    assert answer_device(ours, question, None) == {
        "devices": [], "not_my_devices": [], "devices_complete": False}


def test_names_the_user_does_not_know_are_a_firmer_hint(alexa_2018: Path) -> None:
    document = answer_name(answer_name({}, "Anna", False), "Lukas", True)
    assert document == {"people": ["Lukas"], "unknown_people": ["Anna"]}
    result = check(alexa_2018, document)
    naming_anna = [v for v in result.verdicts
                   if any(r.code == "unknown-names" and "anna" in r.detail.casefold()
                          for r in v.reasons)]
    assert len(naming_anna) == 6
    assert {r.weight for v in naming_anna for r in v.reasons if r.code == "unknown-names"} \
        == {0.6}
    assert questions_for(result).names == ()


def test_voice_answers_are_kept_by_sha256_and_replace_each_other() -> None:
    a, b = "a" * 64, "b" * 64
    document = answer_voice({}, [a, b], "not-us")
    document = answer_voice(document, [b], "me")
    assert document["voices"] == [{"answer": "not-us", "sha256": [a]},
                                  {"answer": "me", "sha256": [b]}]
    profile = profile_from_dict(document, ".")
    assert [(v.answer, v.is_ours) for v in profile.voices] == [("not-us", False), ("me", True)]
    assert answer_voice(document, [a, b], None)["voices"] == []
    with pytest.raises(ValueError):
        answer_voice({}, [a], "maybe")


@pytest.mark.parametrize(("document", "message"), [
    ({"voice_services": ["amazon-alexa"]}, "voice_services"),
    ({"voice_services": {"amazon-alexa": "no"}}, "voice_services.amazon-alexa"),
    ({"voices": [{"answer": "maybe", "sha256": []}]}, "voices[0].answer"),
    ({"voices": [{"answer": "me", "sha256": ["xyz"]}]}, "voices[0].sha256"),
    ({"voices": [{"answer": "me", "sha256": [], "path": "x"}]}, "voices[0].path"),
    ({"not_my_devices": ["G0"]}, "not_my_devices[0]"),
])
def test_bad_answers_in_a_profile_are_named(document: dict[str, object], message: str) -> None:
    with pytest.raises(ProfileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        profile_from_dict(document, ".")


def test_the_cli_reads_the_same_answers_from_the_profile_file(
        alexa_2018: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(answer_platform({}, "amazon-alexa", False)), encoding="utf-8")
    assert load_profile(profile).uses_service("amazon-alexa") is False
    assert main(["check", str(alexa_2018), "--profile", str(profile), "--json",
                 "--no-voice"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["by_verdict"] == {"mine": 0, "not-mine": 36, "unsure": 0}
    assert report["profile"]["voice_services"] == {"amazon-alexa": False}
