"""The user data folder per platform; tests run with XDG_DATA_HOME in a temp dir (conftest)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from viewer import userdirs


def test_linux_uses_xdg_data_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert userdirs.user_data_dir() == tmp_path / "data" / "export-viewer"


def test_linux_falls_back_to_local_share(monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME")
    assert userdirs.user_data_dir() == tmp_path / ".local" / "share" / "export-viewer"
    # The XDG spec: a relative value is invalid and ignored.
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    assert userdirs.user_data_dir() == tmp_path / ".local" / "share" / "export-viewer"


def test_macos(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path))
    expected = tmp_path / "Library" / "Application Support" / "Export Viewer"
    assert userdirs.user_data_dir() == expected


@pytest.mark.skipif(os.name != "posix", reason="HOME decides Path.home() only on POSIX")
def test_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert userdirs.user_data_dir() == tmp_path / "Local" / "Export Viewer"
    monkeypatch.delenv("LOCALAPPDATA")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert userdirs.user_data_dir() == tmp_path / "AppData" / "Local" / "Export Viewer"


def test_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    userdirs.ensure_private_dir(folder)
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o755


def test_user_data_dir_without_create_has_no_side_effect() -> None:
    assert not userdirs.user_data_dir().exists()
    assert userdirs.user_data_dir(create=True).is_dir()
