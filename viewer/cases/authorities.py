"""The supervisory authorities a complaint goes to (GDPR Art. 77), from the table the package
ships: ``viewer/resources/cases/authorities.json`` (built by scripts/build_authorities.py
from sources it names; each entry says where it was read).

An authority is found by country (ISO 3166-1 alpha-2, "FR") or, where a country has one per
region, by region ("DE-BY"); a German country code alone names the federal authority, which
supervises telecommunications and postal companies only (its ``scope`` says so).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from viewer.cases.errors import CaseError


@dataclass(frozen=True, slots=True)
class Authority:
    country: str
    #: In English where the authority gives one, else its own name.
    name: str
    #: Postal address, lines separated by "\n".
    address: str
    #: Where complaints are lodged online ("" when there is no such form).
    web_form: str
    email: str
    website: str
    #: Where this entry was read.
    source: str
    #: "DE-BY" for a regional authority; "" for a country's (or a federal) one.
    region: str = ""
    region_name: str = ""
    local_name: str = ""
    #: Whom it supervises, when that is not everyone in the country.
    scope: str = ""
    #: A page that explains how to complain (when it is not the form itself).
    complaint_page: str = ""
    #: The language complaints are expected in, when the authority says ("" otherwise).
    complaint_language: str = ""
    comments: tuple[str, ...] = ()

    @property
    def code(self) -> str:
        """What ``authority_for`` finds it by: the region if any, else the country."""
        return self.region or self.country


@dataclass(frozen=True, slots=True)
class AuthorityTable:
    authorities: tuple[Authority, ...]
    #: What the table was built from, and when it was retrieved (ISO date).
    source: str
    retrieved: str
    note: str


def read_table(source: Traversable | Path) -> AuthorityTable:
    """Read a table file; CaseError when it is missing or damaged."""
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
        entries = tuple(_authority(entry) for entry in document["authorities"])
        return AuthorityTable(entries, str(document.get("source", "")),
                              str(document.get("retrieved", "")), str(document.get("note", "")))
    except FileNotFoundError as error:
        raise CaseError("The table of supervisory authorities is missing from this "
                        "installation (viewer/resources/cases/authorities.json); reinstall "
                        "Export Viewer.") from error
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CaseError(f"The table of supervisory authorities cannot be read ({error}); "
                        "reinstall Export Viewer.") from error


def _authority(entry: dict[str, Any]) -> Authority:
    def text(key: str) -> str:
        value = entry.get(key) or ""
        return str(value).strip()

    return Authority(
        country=text("country").upper(), name=text("name"), address=text("address"),
        web_form=text("web_form"), email=text("email"), website=text("website"),
        source=text("source"), region=text("region").upper(),
        region_name=text("region_name"), local_name=text("local_name"), scope=text("scope"),
        complaint_page=text("complaint_page"),
        complaint_language=text("complaint_language"),
        comments=tuple(str(item) for item in entry.get("comments") or ()))


@functools.cache
def _table() -> AuthorityTable:
    return read_table(resources.files("viewer.resources") / "cases" / "authorities.json")


def authority_table() -> AuthorityTable:
    return _table()


def authorities() -> list[Authority]:
    """Every authority of the table, by country, then region (the country's own first)."""
    return sorted(_table().authorities, key=lambda item: (item.country, item.region))


def authority_for(country: str) -> Authority:
    """The authority for a country ("FR") or region ("DE-BY"), in any letter case."""
    code = country.strip().upper()
    for authority in _table().authorities:
        if authority.code == code:
            return authority
    regions = sorted(item.region for item in _table().authorities
                     if item.region and item.country == code[:2])
    known = sorted({item.country for item in _table().authorities})
    if regions:
        raise CaseError(f"There is no authority for “{country}” in the table; {code[:2]} has "
                        f"one per region: {', '.join(regions)}.")
    raise CaseError(f"There is no authority for “{country}” in the table; it covers "
                    f"{', '.join(known)}.")


def __getattr__(name: str) -> str:
    # TABLE_SOURCE and TABLE_DATE read the table when first asked for, not at import: the
    # app imports this module at start, and the table is needed only for a complaint.
    if name == "TABLE_SOURCE":
        return _table().source
    if name == "TABLE_DATE":
        return _table().retrieved
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
