"""Voice notes in AAC, end to end: `inspect` shows their length, `check` hears their voice.

Messenger clips are AAC in MP4, iOS voice notes M4A, Android ones ADTS AAC; before FFmpeg they
were all "cannot be decoded by this app", with no duration and no voice evidence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.archives import write_zip
from tests.helpers.audio import espeak_ffmpeg, espeak_wav
from viewer.cli import main

M4A = "Voice Memos/20240301 101500.m4a"
WAV = "Voice Memos/20240302 111500.wav"
AAC = "Voice Memos/AUD-20240303-WA0001.aac"


@pytest.fixture(scope="module")
def voice_notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One speaker (espeak-ng's English male) as M4A and WAV; another (female) as ADTS AAC."""
    return write_zip(tmp_path_factory.mktemp("notes") / "notes.zip", {
        M4A: espeak_ffmpeg("m4a", "please remind me to call the garage tomorrow morning"),
        WAV: espeak_wav("what is the weather going to be like this weekend"),
        AAC: espeak_ffmpeg("aac", "turn off the lights in the kitchen please", "en+f3"),
    })


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    main(list(args))
    return json.loads(capsys.readouterr().out)


def test_inspect_shows_the_length_of_aac_voice_notes(
        voice_notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = _run(capsys, "inspect", str(voice_notes), "--json")
    recordings = {item["path"]: item for item in report["recordings"]}
    for path, codec in ((M4A, "AAC LC in M4A"), (AAC, "AAC LC in ADTS")):
        assert recordings[path]["audio_problem"] is None
        assert recordings[path]["codec"] == codec
        assert recordings[path]["sample_rate"] == 16_000 and recordings[path]["channels"] == 1
        assert 1.5 < recordings[path]["duration_s"] < 5


def test_check_hears_the_voice_of_an_m4a_voice_note(
        voice_notes: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({"confirmed_mine": [WAV]}), encoding="utf-8")
    report = _run(capsys, "check", str(voice_notes), "--json", "--profile", str(profile))
    assert not [problem for problem in report["problems"] if "decode" in problem]
    members = {path: voice["id"] for voice in report["voices"] for path in voice["members"]}
    assert set(members) == {M4A, WAV, AAC}  # each was embedded
    assert members[M4A] == members[WAV] != members[AAC]  # same speaker, other speaker
    reasons = {item["path"]: [reason["code"] for reason in item["reasons"]]
               for item in report["recordings"]}
    assert reasons[M4A] == ["voice-matches-owner"]
    assert reasons[AAC] == ["voice-unknown"]


def test_a_messenger_audioclip_plays_in_the_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    thread = "messages/inbox/annaschmidt_12345"
    clip = f"{thread}/audio/audioclip17000000000001234_5678.mp4"
    messages = [{"sender_name": "Anna Schmidt", "timestamp_ms": 1_700_000_000_000,
                 "audio_files": [{"uri": clip, "creation_timestamp": 1_699_999_999}]}]
    source = write_zip(tmp_path / "facebook.zip", {
        f"{thread}/message_1.json": json.dumps({
            "participants": [{"name": "Anna Schmidt"}, {"name": "Max Muster"}],
            "messages": messages, "title": "Anna Schmidt"}),
        clip: espeak_ffmpeg("mp4", "are you coming to dinner tonight", "de"),
    })
    inspected = _run(capsys, "inspect", str(source), "--json")
    (recording,) = inspected["recordings"]
    assert recording["path"] == clip and recording["format"] == "facebook"
    assert recording["codec"] == "AAC LC in MP4" and recording["audio_problem"] is None
    checked = _run(capsys, "check", str(source), "--json")
    assert checked["problems"] == []
    assert [voice["members"] for voice in checked["voices"]] == [[clip]]
