"""`export-viewer report`: the folder, and exit codes 0 / 2 with one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "viewer/resources/demo"
DEMO_ZIP = str(DEMO / "amazon-demo-export.zip")
PROFILE = str(DEMO / "demo-profile.json")


def test_report_writes_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["report", DEMO_ZIP, "--out", str(out), "--profile", PROFILE, "--lang", "de",
                 "--no-voice", "--name", "Max Mustermann", "--requested", "2024-10-01",
                 "--clean-copy"]) == 0
    assert "40 of 100 recordings are not yours" in capsys.readouterr().out
    assert sorted(path.name for path in out.iterdir()) == [
        "amazon-demo-export-cleaned.zip", "flagged-files.csv", "letter.txt", "report.json",
        "report.pdf"]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["requester"]["name"] == "Max Mustermann"
    assert report["dates"]["requested"] == "2024-10-01" and report["dates"]["received"]
    assert report["controller"]["guessed"] is True
    assert main(["report", DEMO_ZIP, "--out", str(tmp_path / "b"), "--no-voice",
                 "--controller", "Amazon EU"]) == 0
    again = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert again["controller"] == {"name": "Amazon EU", "guessed": False}
    assert not (tmp_path / "b" / "amazon-demo-export-cleaned.zip").exists()  # opt-in


def test_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["report", DEMO_ZIP, "--out", str(blocker / "out"), "--no-voice"]) == 2
    err = capsys.readouterr().err
    assert "cannot write to the folder" in err and err.count("\n") == 1
    assert main(["report", str(tmp_path / "missing.zip"), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "missing.zip" in err and err.count("\n") == 1
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "x").write_text("x")
    assert main(["report", DEMO_ZIP, "--out", str(busy), "--no-voice"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert main(["report", DEMO_ZIP, "--out", str(busy), "--no-voice", "--overwrite"]) == 0
