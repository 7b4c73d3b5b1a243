"""The headless command line: exit codes, JSON shape, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.archives import write_zip
from tests.helpers.hostile import HOSTILE
from viewer import __version__
from viewer.cli import main

UNOPENABLE = {"garbage", "empty", "tgz", "spanned", "only_header"}


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "inspect" in out and "offline" in out
    assert main(["inspect", "--help"]) == 0
    assert "--json" in capsys.readouterr().out


def test_inspect_json_lists_nested_members(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    source = write_zip(tmp_path / "e.zip", {"Alexa_1.zip": {"Audio/0001.wav": b"RIFF"}})
    assert main(["inspect", "--json", "--files-only", str(source)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["schema"] == "export-viewer/inspect/1"
    assert [m["path"] for m in report["members"]] == ["Alexa_1.zip", "Alexa_1.zip!/Audio/0001.wav"]
    assert report["members"][1]["kind"] == "audio"
    assert report["totals"]["members"] == 2
    assert len(report["sha256"]) == 64


def test_inspect_verify_reports_crc_errors_and_hashes(
    hostile: Callable[[str], Path], capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["inspect", "--json", "--verify", "--files-only", str(hostile("crc_error"))]) == 0
    report = json.loads(capsys.readouterr().out)
    by_path = {m["path"]: m for m in report["members"]}
    assert "CRC" in by_path["damaged.wav"]["problems"][0]
    assert by_path["ok.txt"]["sha256"] == (
        "2689367b205c16ce32ed4200942b8b8b1e262dfc70d9bc9fbc77c49699a4f1df")


@pytest.mark.parametrize("fixture", sorted(HOSTILE))
def test_no_hostile_input_prints_a_traceback(
    hostile: Callable[[str], Path], fixture: str, capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["inspect", str(hostile(fixture))])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    if fixture in UNOPENABLE:
        assert code == 2
        assert captured.err.count("\n") == 1
        assert captured.err.startswith("export-viewer: ")
    else:
        assert code == 0, captured.err


def test_missing_input_exits_2_in_a_real_process(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "viewer", "inspect", str(tmp_path / "nope.zip")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == f"export-viewer: {tmp_path / 'nope.zip'}: no such file or folder"
