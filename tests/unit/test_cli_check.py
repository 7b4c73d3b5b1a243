"""`export-viewer check`: exit codes 0/1/2, the JSON shape, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.archives import write_zip
from viewer.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "viewer/resources/demo"
DEMO_ZIP = str(DEMO / "amazon-demo-export.zip")
PROFILE = str(DEMO / "demo-profile.json")


def test_demo_with_its_profile_finds_the_stranger_and_exits_1(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", DEMO_ZIP, "--profile", PROFILE, "--json", "--no-voice"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "export-viewer/check/1"
    assert report["archive"]["sources"][0]["path"].endswith("amazon-demo-export.zip")
    assert report["profile"]["timezone"] == "Europe/Berlin"
    assert report["voices"] == []
    truth = {row["path"]: row["owner"]
             for row in json.loads((DEMO / "demo-truth.json").read_text(encoding="utf-8"))}
    for item in report["recordings"]:
        assert item["verdict"] == ("mine" if truth[item["path"]] else "not-mine")
    assert report["summary"]["by_verdict"] == {"mine": 60, "not-mine": 40, "unsure": 0}
    assert report["summary"]["strongest_reasons"][0]["code"] == "unknown-device"


def test_without_a_profile_it_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--demo", "--json", "--no-voice"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["profile"] is None
    assert report["summary"]["by_verdict"]["not-mine"] == 40


def test_text_output_is_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--demo", "--no-voice"]) == 1
    out = capsys.readouterr().out
    assert "No profile given" in out
    assert "not-mine" in out and "Unknown device G2A0US9876543210" in out
    assert "100 recordings: 40 not yours, 60 unsure, 0 yours" in out


def test_nothing_foreign_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_zip(tmp_path / "e.zip", {"Audio/0001.wav": b"RIFF"})
    assert main(["check", str(source), "--no-voice"]) == 0
    assert "0 not yours" in capsys.readouterr().out


def test_unreadable_input_and_bad_profiles_exit_2(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "missing.zip")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    bad = tmp_path / "profile.json"
    bad.write_text('{"timezone": "Europe/Berln"}', encoding="utf-8")
    assert main(["check", DEMO_ZIP, "--profile", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "did you mean “Europe/Berlin”" in err and err.count("\n") == 1
    assert main(["check", DEMO_ZIP, "--profile", str(tmp_path / "nope.json")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["check"]) == 2


def test_the_installed_command_has_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "profile.json"
    bad.write_text("[1]", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "viewer", "check", DEMO_ZIP, "--profile",
                           str(bad)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "JSON object" in done.stderr


def test_a_damaged_voice_model_is_one_line_and_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import numpy as np

    from viewer.voice import encoder

    with np.load(encoder.WEIGHTS_PATH) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["linear_bias"][0] += 0.001
    np.savez(tmp_path / "model.npz", **arrays)
    monkeypatch.setattr(encoder, "WEIGHTS_PATH", tmp_path / "model.npz")
    monkeypatch.setattr(encoder.SpeakerEncoder, "_shared", None)
    assert main(["check", DEMO_ZIP]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "SHA-256" in err and "--no-voice" in err
