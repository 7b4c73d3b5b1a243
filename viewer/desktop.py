"""Export Viewer in the desktop's application menu, and "Open with Export Viewer" for ZIP files
and folders: a freedesktop.org desktop entry and icon, installed for one user (Qt-free).

``export-viewer --install-desktop-entry`` writes
``$XDG_DATA_HOME/applications/export-viewer.desktop`` (``~/.local/share`` when XDG_DATA_HOME is
not set) and the icon into ``$XDG_DATA_HOME/icons/hicolor/scalable/apps/``; its Exec line names
the executable that ran the command, so the entry starts the same installation (a virtual
environment, a pipx install or the bundle). ``--remove-desktop-entry`` deletes both again.
The file name matches ``QGuiApplication.setDesktopFileName`` in ``viewer/ui/app.py``, so the
window is grouped under this entry's icon.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from viewer import APP_NAME
from viewer.resources import ICON

log = logging.getLogger("viewer.desktop")

#: The desktop file's id: ``export-viewer.desktop``, the icon ``export-viewer.svg``.
DESKTOP_ID = "export-viewer"
#: What the file manager offers "Open with Export Viewer" for: ZIP files and folders.
MIME_TYPES = ("application/zip", "inode/directory")
EXECUTABLE_NAME = "export-viewer"

# A character outside this set makes the desktop-entry spec require a quoted Exec argument.
_PLAIN_ARGUMENT = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")


class DesktopEntryError(Exception):
    """The entry cannot be installed or removed; the message says why."""


@dataclass(frozen=True, slots=True)
class DesktopFiles:
    """Where the entry and its icon go for one user."""

    entry: Path
    icon: Path

    @classmethod
    def for_user(cls, environ: Mapping[str, str] | None = None) -> DesktopFiles:
        data = data_home(os.environ if environ is None else environ)
        return cls(entry=data / "applications" / f"{DESKTOP_ID}.desktop",
                   icon=data / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg")


def data_home(environ: Mapping[str, str]) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` (the spec ignores a relative value)."""
    value = environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    home = environ.get("HOME") or str(Path.home())
    return Path(home) / ".local" / "share"


def running_executable() -> Path:
    """The ``export-viewer`` executable this process was started as.

    A PyInstaller bundle is its own executable; a pip-installed app runs the console script
    ``sys.argv[0]``. Started another way (``python -m viewer``), the console script beside the
    interpreter, or the one on PATH, stands in.
    """
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve()
    started_as = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started_as is not None and started_as.name == EXECUTABLE_NAME \
            and _is_executable(started_as):
        return started_as.resolve()
    beside_python = Path(sys.executable).parent / EXECUTABLE_NAME
    if _is_executable(beside_python):
        return beside_python.absolute()
    on_path = shutil.which(EXECUTABLE_NAME)
    if on_path:
        return Path(on_path).resolve()
    raise DesktopEntryError(
        "cannot tell where the export-viewer command is installed; run this option through "
        "it (e.g. ~/.venv/bin/export-viewer --install-desktop-entry)")


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def exec_argument(argument: str) -> str:
    """One argument of an Exec line, quoted and escaped as the desktop-entry spec says.

    Inside double quotes ``"``, `````, ``$`` and ``\\`` take a backslash; then the whole value
    is escaped as a string, which doubles every backslash again; ``%`` is written ``%%``.
    """
    argument = argument.replace("%", "%%")
    if _PLAIN_ARGUMENT.fullmatch(argument):
        return argument
    quoted = re.sub(r'(["`$\\])', r"\\\1", argument)
    return '"' + quoted.replace("\\", "\\\\") + '"'


def _string_value(text: str) -> str:
    """A desktop-entry string value: backslash, newline, tab and carriage return escaped."""
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def desktop_entry(executable: str | Path) -> str:
    """The ``.desktop`` file for an app started as ``executable`` (absolute, or on PATH)."""
    program = str(executable)
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",  # of the spec; 1.5 adds nothing used here and older validators refuse it
        f"Name={APP_NAME}",
        "GenericName=GDPR Export Viewer",
        "GenericName[de]=DSGVO-Export-Betrachter",
        "Comment=See, hear and check what a GDPR data export holds; prove what is not yours",
        "Comment[de]=Sehen, hören und prüfen, was ein DSGVO-Datenexport enthält; belegen, "
        "was nicht Ihres ist",
        f"Exec={exec_argument(program)} %F",
        f"TryExec={_string_value(program)}",
        f"Icon={DESKTOP_ID}",
        "Terminal=false",
        "StartupNotify=true",
        "Categories=Utility;Archiving;",
        f"MimeType={';'.join(MIME_TYPES)};",
        "Keywords=GDPR;DSGVO;data export;Alexa;Takeout;privacy;voice;",
        "Keywords[de]=DSGVO;Datenexport;Auskunft;Alexa;Takeout;Datenschutz;Stimme;",
    ]
    return "\n".join(lines) + "\n"


def install_desktop_entry(executable: Path | None = None,
                          files: DesktopFiles | None = None) -> DesktopFiles:
    """Write the entry and icon for this user; returns where they went."""
    executable = executable or running_executable()
    files = files or DesktopFiles.for_user()
    try:
        files.entry.parent.mkdir(parents=True, exist_ok=True)
        files.icon.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ICON, files.icon)
        temporary = files.entry.with_name(files.entry.name + ".part")
        temporary.write_text(desktop_entry(executable), encoding="utf-8")
        temporary.replace(files.entry)  # a desktop watching the folder never sees half a file
    except OSError as error:
        raise DesktopEntryError(f"cannot write the desktop entry: {error}") from error
    _refresh_desktop_database(files.entry.parent)
    return files


def remove_desktop_entry(files: DesktopFiles | None = None) -> list[Path]:
    """Delete this user's entry and icon; returns what was there and is gone now."""
    files = files or DesktopFiles.for_user()
    removed = []
    for path in (files.entry, files.icon):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise DesktopEntryError(f"cannot remove {path}: {error}") from error
        removed.append(path)
    if removed:
        _refresh_desktop_database(files.entry.parent)
    return removed


def _refresh_desktop_database(applications: Path) -> None:
    """Rebuild the MIME cache "Open with" reads, where desktop-file-utils is installed.

    Most desktops watch the folder and do this themselves; it is a courtesy, not a step
    that can fail the install.
    """
    tool = shutil.which("update-desktop-database")
    if tool is None:
        return
    try:
        subprocess.run([tool, "-q", str(applications)], check=False, timeout=30,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as error:
        log.info("update-desktop-database did not run: %s", error)
