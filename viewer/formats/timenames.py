"""Times hidden in file names, in the patterns real exports use.

Each pattern knows its precision and whether the name carries a zone; names without a zone
are read as UTC and flagged, so a later check can say "this time was assumed".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

_SEP = r"[-_.:]?"


@dataclass(frozen=True, slots=True)
class NameTime:
    time: datetime  # aware, UTC
    precision_s: float
    zone_given: bool


# Order matters: the most specific pattern first.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Takeout: 2018-04-16_11_42_55_659_UTC ; Amazon-like: 2024-08-21T13-53-36.929Z
    (re.compile(
        r"(?P<y>(?:19|20)\d\d)-(?P<mo>\d\d)-(?P<d>\d\d)[T _](?P<h>\d\d)[-_:](?P<mi>\d\d)[-_:]"
        r"(?P<s>\d\d)(?:[._](?P<ms>\d{1,6}))?(?P<z>_?UTC|Z)?", re.IGNORECASE), "ymdhms"),
    # Compact: 20240821T135337Z, 20240821_135337, IMG_20240101_120000
    (re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<mo>[01]\d)(?P<d>[0-3]\d)[T_-]?(?P<h>[0-2]\d)(?P<mi>[0-5]\d)"
        r"(?P<s>[0-5]\d)(?:[._](?P<ms>\d{3}))?(?P<z>Z|UTC)?(?!\d)", re.IGNORECASE), "ymdhms"),
    # WhatsApp iOS: 00000038-AUDIO-2022-03-27-21-44-47
    (re.compile(
        r"(?P<y>(?:19|20)\d\d)-(?P<mo>\d\d)-(?P<d>\d\d)-(?P<h>\d\d)-(?P<mi>\d\d)-(?P<s>\d\d)"),
     "ymdhms"),
    # Telegram: audio_1@14-11-2023_22-13-20
    (re.compile(
        r"(?P<d>[0-3]\d)-(?P<mo>[01]\d)-(?P<y>(?:19|20)\d\d)_(?P<h>[0-2]\d)-(?P<mi>[0-5]\d)-"
        r"(?P<s>[0-5]\d)"), "ymdhms"),
    # Epoch milliseconds: 1692625936929
    (re.compile(r"(?<!\d)(?P<epoch_ms>1[0-9]{12})(?!\d)"), "epoch_ms"),
    # WhatsApp Android: PTT-20220323-WA0000 (a day only)
    (re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<mo>[01]\d)(?P<d>[0-3]\d)(?!\d)"), "ymd"),
    (re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?!\d)"), "ymd"),
)


def time_from_name(name: str) -> NameTime | None:
    """The time a file name states, or None. Only the last path component is read."""
    base = name.rsplit("/", 1)[-1]
    for pattern, shape in _PATTERNS:
        match = pattern.search(base)
        if not match:
            continue
        parsed = _build(match, shape)
        if parsed is not None:
            return parsed
    return None


def _build(match: re.Match[str], shape: str) -> NameTime | None:
    try:
        if shape == "epoch_ms":
            moment = datetime.fromtimestamp(int(match["epoch_ms"]) / 1000, tz=UTC)
            return NameTime(moment, 0.001, True)
        year, month, day = int(match["y"]), int(match["mo"]), int(match["d"])
        if shape == "ymd":
            return NameTime(datetime(year, month, day, tzinfo=UTC), 86_400.0, False)
        fraction = match.groupdict().get("ms") or ""
        microsecond = int(fraction.ljust(6, "0")[:6]) if fraction else 0
        moment = datetime(year, month, day, int(match["h"]), int(match["mi"]), int(match["s"]),
                          microsecond, tzinfo=UTC)
        precision = 10.0 ** -len(fraction) if fraction else 1.0
        return NameTime(moment, precision, bool(match.groupdict().get("z")))
    except (ValueError, OverflowError, OSError):
        return None
