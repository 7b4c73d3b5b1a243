"""Temporary copies of compressed nested archives: nameless, gone after a crash, capped."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from tests.helpers.archives import zip_bytes
from viewer.archive import Limits, open_export
from viewer.archive import spool as spool_module


def _export_with_deflated_nested(path: Path, count: int = 1) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(count):
            inner = zip_bytes({"a/b.bin": random.Random(number).randbytes(10_000)},
                              compression=zipfile.ZIP_STORED)
            archive.writestr(f"inner{number}.zip", inner, compress_type=zipfile.ZIP_DEFLATED)
    return path


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder the copies go to, private to this test."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def _target(fd: str) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except FileNotFoundError:  # the descriptor that listed the folder, closed since
        return ""


def test_a_copy_has_no_name_while_it_is_read_and_closing_frees_it(
    tmp_path: Path, temp_folder: Path,
) -> None:
    source = _export_with_deflated_nested(tmp_path / "export.zip")
    before = _open_fds()
    export = open_export(source)
    assert len(export.read_member("inner0.zip!/a/b.bin")) == 10_000
    assert list(temp_folder.iterdir()) == []  # nothing to find, nothing to leave behind
    copies = [_target(fd) for fd in _open_fds() - before]
    assert any(link.startswith(str(temp_folder)) and link.endswith("(deleted)")
               for link in copies), copies
    export.close()
    assert _open_fds() <= before


def test_a_killed_process_leaves_no_copy_behind(tmp_path: Path) -> None:
    source = _export_with_deflated_nested(tmp_path / "export.zip")
    folder = tmp_path / "tmp"
    folder.mkdir()
    script = (
        "import os, signal, sys\n"
        "from viewer.archive import open_export\n"
        "export = open_export(sys.argv[1])\n"
        "assert len(export.read_member('inner0.zip!/a/b.bin')) == 10_000\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(source)], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "TMPDIR": str(folder)},
                          cwd=Path(__file__).resolve().parents[3])
    assert done.returncode == -9, done.stderr
    assert list(folder.iterdir()) == []


def test_all_copies_together_are_capped(tmp_path: Path, temp_folder: Path) -> None:
    source = _export_with_deflated_nested(tmp_path / "export.zip", count=3)
    one_copy = zipfile.ZipFile(source).getinfo("inner0.zip").file_size
    limits = Limits(max_spool_total_bytes=2 * one_copy + 100)
    with open_export(source, limits) as export:
        assert len(export.read_member("inner0.zip!/a/b.bin")) == 10_000
        assert len(export.read_member("inner1.zip!/a/b.bin")) == 10_000
        third = export.member("inner2.zip")
        assert "inner2.zip!/a/b.bin" not in export
        assert "past the" in third.problems[0] and "temporary copies" in third.problems[0]
    with open_export(source, Limits(max_spool_bytes=one_copy - 1)) as export:
        assert "allowed for a temporary copy" in export.member("inner0.zip").problems[0]


def test_a_copy_that_would_fill_the_temporary_folder_is_not_made(
    tmp_path: Path, temp_folder: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = _export_with_deflated_nested(tmp_path / "export.zip")

    class Full:
        f_bavail, f_frsize = 2, 4096  # 8 KiB free

    monkeypatch.setattr(spool_module.os, "fstatvfs", lambda fd: Full())
    with open_export(source) as export:
        problem = export.member("inner0.zip").problems[0]
        assert "only 8.2 KB is free" in problem, problem
        assert "inner0.zip!/a/b.bin" not in export
