"""A My Activity HTML page (Takeout's older variant) split into blocks, and its date lines.

The page is Material Design Lite markup: one ``outer-cell`` per record, with a header cell,
body lines (title, replies, the date) and a caption of "Products:", "Details:" ...
sections. What the lines mean is decided by ``google_takeout``; this module only finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from viewer.archive import NEST_SEPARATOR
from viewer.formats.times import Stamp, stamp_from_local

#: Suffixes of the recordings a page links to.
_AUDIO_SUFFIXES = (".mp3", ".wav", ".ogg", ".opus", ".flac", ".m4a", ".aac", ".amr", ".3gp")


@dataclass(slots=True)
class Line:
    """One ``<br>``-separated line of a cell; a bold one in a caption titles a section."""

    text: str = ""
    bold: bool = False


@dataclass(slots=True)
class Block:
    """One ``outer-cell``: its header, body lines, caption lines, audio and links."""

    header: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    caption: list[Line] = field(default_factory=list)
    audio: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


class ActivityPageParser(HTMLParser):
    """Splits a My Activity page into blocks, each cell into ``<br>``-separated lines.

    Tolerant on purpose: unknown tags are ignored, unclosed blocks are closed at the end,
    and audio is found wherever it is (``<audio src>``, ``<source src>``, ``<a href>``).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._block: Block | None = None
        self._roles: list[str] = []  # one per open <div>
        self._cell: str | None = None
        self._line = Line()

    # The cell a div opens, from its classes.
    @staticmethod
    def _role(classes: list[str]) -> str:
        if "outer-cell" in classes:
            return "outer"
        if "header-cell" in classes:
            return "header"
        if "content-cell" in classes:
            if "mdl-typography--text-right" in classes:
                return "right"
            if "mdl-typography--caption" in classes:
                return "caption"
            return "body"
        return "other"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "div":
            role = self._role(values.get("class", "").split())
            self._roles.append(role)
            if role == "outer":
                self._finish_block()
                self._block = Block()
            elif role in ("header", "body", "caption", "right") and self._block is not None:
                self._flush()
                self._cell = role
            return
        if self._block is None:
            return
        if tag in ("br", "p") or (tag == "li" and self._cell):
            self._flush()
        elif tag in ("b", "strong") and not self._line.text.strip():
            self._line.bold = True
        for name in ("src", "href"):
            if values.get(name):
                self._reference(tag, values[name])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li"):
            self._flush()
        if tag != "div" or not self._roles:
            return
        role = self._roles.pop()
        if role == "outer":
            self._finish_block()
        elif role in ("header", "body", "caption", "right"):
            self._flush()
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._block is not None and self._cell:
            self._line.text += data

    def close(self) -> None:
        super().close()
        self._finish_block()

    def _reference(self, tag: str, target: str) -> None:
        assert self._block is not None
        address = unquote(urlsplit(target).path)
        if address.lower().endswith(_AUDIO_SUFFIXES):
            name = basename(address)
            if name not in self._block.audio:
                self._block.audio.append(name)
        elif tag == "a":
            self._block.links.append(target)

    def _flush(self) -> None:
        if self._block is None or self._cell is None:
            self._line = Line()
            return
        text = squash(self._line.text)
        if text:
            if self._cell == "header":
                self._block.header.append(text)
            elif self._cell == "body":
                self._block.body.append(text)
            elif self._cell == "caption":
                self._block.caption.append(Line(text, self._line.bold))
        self._line = Line()

    def _finish_block(self) -> None:
        if self._block is None:
            return
        self._flush()
        self.blocks.append(self._block)
        self._block = None
        self._cell = None


_MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
        "jan janv jän ene gen", "feb févr fév fevr", "mar mär mrz mars", "apr avr abr",
        "may mai mayo mag", "jun juin giu", "jul juil lug", "aug août aou ago",
        "sep sept set", "oct okt ott", "nov", "dec dez déc dic"), start=1):
    for _name in _names.split():
        _MONTHS[_name] = _number

_CLOCK = (r"(?P<h>\d{1,2})[:.](?P<mi>\d\d)(?:[:.](?P<s>\d\d))?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
          r"\s*(?P<zone>[A-Za-z]{1,5}(?:\s?[+-]\d{1,2}(?::?\d\d)?)?|[+-]\d\d:?\d\d)?\s*$")
_DATE_PATTERNS = (
    # Apr 16, 2018, 1:42:52 PM CEST
    re.compile(r"^(?P<mon>[^\W\d_]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4}),?\s+(?:at\s+)?"
               + _CLOCK, re.IGNORECASE),
    # 16.04.2018, 13:42:52 MESZ ; 16/04/2018 13:42:52 CEST
    re.compile(r"^(?P<d>\d{1,2})[./](?P<mo>\d{1,2})[./](?P<y>\d{4}),?\s+(?:um\s+|à\s+)?"
               + _CLOCK, re.IGNORECASE),
    # 16 Apr 2018, 13:42:52 CEST ; 16 avr. 2018 ; 16 de abr. de 2018
    re.compile(r"^(?P<d>\d{1,2})\.?\s+(?:de\s+)?(?P<mon>[^\W\d_]{3,9})\.?\s+(?:de\s+)?"
               r"(?P<y>\d{4}),?\s+(?:at\s+|um\s+|à\s+|a las\s+)?" + _CLOCK, re.IGNORECASE),
    # 2018-04-16, 13:42:52 UTC
    re.compile(r"^(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d),?\s+" + _CLOCK, re.IGNORECASE),
)

def parse_activity_date(text: str) -> Stamp | None:
    """A My Activity page's date line as a stamp.

    Zones come as abbreviations ("CEST", German "MESZ") or offsets ("GMT+2"). A missing or
    unknown zone is read as UTC, and an abbreviation that names several zones ("IST", "CST")
    as its most common one; both are marked assumed, so no later check trusts them.
    """
    line = squash(text)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(line)
        if match is None:
            continue
        local = _local_time(match)
        if local is None:
            continue
        return stamp_from_local(local, match["zone"], 1.0 if match["s"] else 60.0)
    return None


def _local_time(match: re.Match[str]) -> datetime | None:
    groups = match.groupdict()
    if groups.get("mon"):
        month = _MONTHS.get(groups["mon"].casefold()[:4]) or _MONTHS.get(
            groups["mon"].casefold()[:3])
    else:
        month = int(groups["mo"])
    if not month:
        return None
    hour = int(groups["h"])
    marker = (groups.get("ampm") or "").replace(".", "").replace(" ", "").lower()
    if marker == "pm" and hour < 12:
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    try:
        return datetime(int(groups["y"]), month, int(groups["d"]), hour, int(groups["mi"]),
                        int(groups["s"] or 0))
    except ValueError:
        return None


def basename(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/").rsplit(NEST_SEPARATOR, 1)[-1]).name


def squash(text: str) -> str:
    """Whitespace as one plain space: Takeout uses NBSP, EM SPACE and NARROW NBSP freely."""
    return " ".join(text.replace("\u202f", " ").replace("\u2003", " ").split())
