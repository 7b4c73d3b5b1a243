"""Every user setting, declared once with its type and default.

Window geometry and splitter state are kept apart (``WindowState``): they describe the
screen, not the user's choices, and are thrown away when they no longer fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "ExportViewer"
APPLICATION = "Export Viewer"
MAX_RECENT = 10


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    kind: type

    def read(self, store: QSettings) -> T:
        value: Any = store.value(self.key, self.default)
        # ``kind`` is T's class at run time, which mypy cannot connect to T: hence the casts.
        if self.kind is list:
            if value is None or value == "":
                return cast(T, list(cast(list[Any], self.default)))
            return cast(T, list(value) if isinstance(value, list | tuple) else [value])
        if self.kind is bool:
            return cast(T, value in (True, "true", "1", 1) if not isinstance(value, bool)
                        else value)
        try:
            return cast(T, self.kind(value))
        except (TypeError, ValueError):
            return self.default

    def write(self, store: QSettings, value: T) -> None:
        store.setValue(self.key, value)


RECENT_EXPORTS: Setting[list[str]] = Setting("files/recent", [], list)
LAST_FOLDER: Setting[str] = Setting("files/last_folder", "", str)
PLAYBACK_SPEED: Setting[float] = Setting("playback/speed", 1.0, float)
PLAYBACK_VOLUME: Setting[float] = Setting("playback/volume", 0.8, float)
PLAY_THROUGH: Setting[bool] = Setting("playback/play_through", False, bool)
TIMELINE_COLOURS: Setting[str] = Setting("timeline/colour_by", "device", str)


def store() -> QSettings:
    """The settings store (INI in the platform's config folder; tests point it elsewhere)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION,
                     APPLICATION)


def remember_recent(path_group: list[str]) -> list[str]:
    """Put an opened export first in Open Recent; returns the new list."""
    settings = store()
    entry = "\n".join(path_group)
    recent = [item for item in RECENT_EXPORTS.read(settings) if item != entry]
    recent.insert(0, entry)
    del recent[MAX_RECENT:]
    RECENT_EXPORTS.write(settings, recent)
    return recent


def forget_recent(path_group: list[str] | None = None) -> list[str]:
    """Take one export (or, with None, every export) out of Open Recent; the new list."""
    settings = store()
    entry = "\n".join(path_group) if path_group is not None else None
    recent = ([] if entry is None else
              [item for item in RECENT_EXPORTS.read(settings) if item != entry])
    RECENT_EXPORTS.write(settings, recent)
    return recent


class WindowState:
    """Geometry and splitter positions, restored only when they still apply."""

    KEY_GEOMETRY = "window/geometry"
    KEY_STATE = "window/state"

    @staticmethod
    def save(name: str, value: QByteArray) -> None:
        store().setValue(f"window/{name}", value)

    @staticmethod
    def load(name: str) -> QByteArray | None:
        value = store().value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None
