"""Values as every table of the review file holds them: checked keys, marks, member paths,
timestamps, JSON, and the export row the others hang from.

A bad key or mark is a caller's bug (a path passed as a digest, say), so these raise
``ValueError`` before anything is written.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from viewer.analysis.findings import Verdict

#: Parameters per ``IN (...)`` query; below SQLite's oldest default limit of 999.
CHUNK = 500

_SHA256 = re.compile(r"[0-9a-f]{64}")


def timestamp() -> str:
    """The current time as stored: ISO 8601 UTC with microseconds (sorts as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def sha(value: str, what: str) -> str:
    """A SHA-256 hex digest, lower-cased; anything else is a caller's bug (a path, say)."""
    if not isinstance(value, str) or not _SHA256.fullmatch(value.lower()):
        raise ValueError(f"{what} must be a SHA-256 hex digest, got {value!r}")
    return value.lower()


def mark(value: str | Verdict | None) -> Verdict | None:
    if value is None:
        return None
    try:
        return Verdict(value)
    except ValueError:
        choices = ", ".join(repr(str(item)) for item in Verdict)
        raise ValueError(f"a mark is one of {choices} or None, got {value!r}") from None


def member_path(value: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"a member path must be a non-empty string, got {value!r}")
    return value


def dump(value: Any) -> str:
    # allow_nan=False: NaN is not JSON, and another reader of the file would choke on it.
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def ensure_export(db: sqlite3.Connection, export: str) -> None:
    # A mark must never be lost because remember_export was not called first; the name
    # is only a label and the next remember_export fills it in.
    moment = timestamp()
    db.execute("INSERT OR IGNORE INTO exports (sha256, display_name, first_opened, "
               "last_opened) VALUES (?, '', ?, ?)", (export, moment, moment))
