"""Where the app keeps the user's own data, per platform, without a dependency.

The review (``viewer.review``) and the voice samples the user records (``viewer.audio``) both
live here; neither owns the folder. Review marks and notes are the user's work, not a cache
that may be thrown away, so they live in the platform's *data* folder (not the cache
folder): ``$XDG_DATA_HOME`` or ``~/.local/share`` on Linux and other Unix systems,
``~/Library/Application Support`` on macOS, ``%LOCALAPPDATA%`` on Windows. The folder holds
notes about other people's voices and recordings of the user's, so it is created readable by
the user alone (0700), as the XDG spec asks. Tests point ``XDG_DATA_HOME`` at a fresh folder
(tests/conftest.py), never the user's.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: Folder name on macOS and Windows, where application folders are spelled for people.
APP_FOLDER = "Export Viewer"
#: Folder name on Linux and other Unix systems, where data folders are lower-case words.
UNIX_FOLDER = "export-viewer"


def _absolute_env(name: str) -> Path | None:
    """``$name`` as a path, or None when unset, empty or relative.

    The XDG spec says relative values are invalid and must be ignored; honouring one would
    put the user's data wherever the app happened to be started.
    """
    value = os.environ.get(name, "")
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else None


def user_data_dir(*, create: bool = False) -> Path:
    """The app's folder for the user's data on this platform; with ``create``, make it (0700).

    Read at call time (not import time), so tests that point ``XDG_DATA_HOME`` elsewhere
    are honoured.
    """
    if sys.platform.startswith("win"):
        base = _absolute_env("LOCALAPPDATA") or Path.home() / "AppData" / "Local"
        folder = base / APP_FOLDER
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Application Support" / APP_FOLDER
    else:
        base = _absolute_env("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        folder = base / UNIX_FOLDER
    if create:
        ensure_private_dir(folder)
    return folder


def ensure_private_dir(folder: Path) -> Path:
    """Create ``folder`` (and parents) if missing; a folder we create is 0700.

    An existing folder keeps its mode: the user (or an administrator) may have chosen it.
    Parents get the default mode, as any program creating ``~/.local/share`` would.
    """
    if not folder.is_dir():
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass  # Another instance created it between the check and here.
        else:
            if os.name == "posix":
                # mkdir's mode is filtered by the umask; a umask can only remove bits, but
                # chmod makes the intent explicit and independent of it.
                folder.chmod(0o700)
    return folder
