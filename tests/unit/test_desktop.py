"""The desktop entry: installed per user, its Exec line starts this installation, removable.

A menu cannot be screenshotted headless, so the tests read the installed ``.desktop`` file
the way a desktop does and run its Exec line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from viewer import __version__
from viewer.desktop import (
    DesktopFiles,
    data_home,
    desktop_entry,
    exec_argument,
    install_desktop_entry,
    remove_desktop_entry,
)
from viewer.resources import DEMO_EXPORT, ICON


def read_desktop_entry(path: Path) -> dict[str, str]:
    """The ``[Desktop Entry]`` group's keys, values as written."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def exec_words(value: str) -> list[str]:
    """Split an Exec value as the desktop-entry spec says: string escapes first, then
    double-quoted arguments whose ``"`$\\`` carry a backslash; ``%%`` is ``%``."""
    value = re.sub(r"\\([sntr\\])",
                   lambda m: {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[m[1]],
                   value)
    words: list[str] = []
    word: list[str] | None = None
    characters = iter(value)
    for character in characters:
        if character == " ":
            if word is not None:
                words.append("".join(word))
            word = None
        elif character == '"':
            word = word or []
            for inside in characters:
                if inside == '"':
                    break
                if inside == "\\":
                    escaped = next(characters)
                    assert escaped in '"`$\\', f"a stray backslash before {escaped!r}"
                    inside = escaped
                word.append(inside)
            else:
                raise AssertionError(f"an unclosed quote in {value!r}")
        else:
            word = (word or []) + [character]
    if word is not None:
        words.append("".join(word))
    return [w.replace("%%", "%") if w != "%F" else w for w in words]


def console_script() -> Path:
    found = Path(sys.executable).parent / "export-viewer"
    if not found.is_file():
        pytest.fail("the export-viewer command is not installed beside this Python: "
                    "run scripts/setup")
    return found


def test_the_installed_entry_opens_zips_and_folders_and_its_exec_line_runs(
        tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([console_script(), "--install-desktop-entry"], env=env,
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    entry_file = tmp_path / "data/applications/export-viewer.desktop"
    icon_file = tmp_path / "data/icons/hicolor/scalable/apps/export-viewer.svg"
    assert str(entry_file) in done.stdout
    assert icon_file.read_bytes() == ICON.read_bytes()

    entry = read_desktop_entry(entry_file)
    assert entry["Type"] == "Application" and entry["Name"] == "Export Viewer"
    assert entry["Icon"] == "export-viewer"  # found in the icon theme by name
    assert set(entry["MimeType"].rstrip(";").split(";")) == {"application/zip",
                                                             "inode/directory"}
    program, *arguments = exec_words(entry["Exec"])
    assert arguments == ["%F"]
    assert Path(program).is_absolute() and Path(program) == console_script().resolve()
    assert entry["TryExec"] == program

    # What the desktop runs: %F becomes the chosen files (here: a command and the demo).
    version = subprocess.run([program, "--version"], capture_output=True, text=True,
                             timeout=60, env=env, cwd="/")
    assert version.returncode == 0 and version.stdout.strip() == f"export-viewer {__version__}"
    inspect = subprocess.run([program, "inspect", "--files-only", str(DEMO_EXPORT)], env=env,
                             capture_output=True, text=True, timeout=120, cwd="/")
    assert inspect.returncode == 0, inspect.stderr
    assert "107 files" in inspect.stdout

    removed = subprocess.run([console_script(), "--remove-desktop-entry"], env=env,
                             capture_output=True, text=True, timeout=60)
    assert removed.returncode == 0, removed.stderr
    assert not entry_file.exists() and not icon_file.exists()
    assert (tmp_path / "data/applications").is_dir()  # only our files go, not the folders


def test_the_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate is missing (scripts/install-system-deps installs "
                    "desktop-file-utils)")
    files = DesktopFiles(entry=tmp_path / "export-viewer.desktop", icon=tmp_path / "icon.svg")
    install_desktop_entry(Path("/opt/Export Viewer/export-viewer"), files)
    done = subprocess.run([validate, str(files.entry)], capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0 and done.stdout + done.stderr == ""


@pytest.mark.parametrize("path", [
    "/usr/bin/export-viewer",
    "/home/erika/My Apps/export-viewer",
    '/opt/odd "quoted" $HOME `tick` back\\slash 100%/export-viewer',
])
def test_exec_survives_any_install_path(tmp_path: Path, path: str) -> None:
    files = DesktopFiles(entry=tmp_path / "a/export-viewer.desktop", icon=tmp_path / "i/x.svg")
    install_desktop_entry(Path(path), files)
    assert exec_words(read_desktop_entry(files.entry)["Exec"]) == [path, "%F"]


def test_install_replaces_an_old_entry_and_remove_is_idempotent(tmp_path: Path) -> None:
    files = DesktopFiles(entry=tmp_path / "apps/export-viewer.desktop",
                         icon=tmp_path / "icons/export-viewer.svg")
    files.entry.parent.mkdir()
    files.entry.write_text("[Desktop Entry]\nExec=/old/place %F\n", encoding="utf-8")
    install_desktop_entry(Path("/new/export-viewer"), files)
    assert files.entry.read_text(encoding="utf-8") == desktop_entry("/new/export-viewer")
    assert remove_desktop_entry(files) == [files.entry, files.icon]
    assert remove_desktop_entry(files) == []


def test_data_home_honours_xdg_data_home_and_falls_back_to_home() -> None:
    assert data_home({"XDG_DATA_HOME": "/x/share", "HOME": "/home/e"}) == Path("/x/share")
    assert data_home({"XDG_DATA_HOME": "relative", "HOME": "/home/e"}) \
        == Path("/home/e/.local/share")  # the spec says to ignore a relative path
    assert data_home({"HOME": "/home/e"}) == Path("/home/e/.local/share")
    files = DesktopFiles.for_user({"XDG_DATA_HOME": "/d"})
    assert files.entry == Path("/d/applications/export-viewer.desktop")
    assert files.icon == Path("/d/icons/hicolor/scalable/apps/export-viewer.svg")


def test_exec_argument_quotes_only_what_needs_it() -> None:
    assert exec_argument("/usr/bin/export-viewer") == "/usr/bin/export-viewer"
    assert exec_argument("/a b/x") == '"/a b/x"'
    assert exec_argument("/100%/x") == "/100%%/x"
