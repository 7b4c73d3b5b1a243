"""The table of supervisory authorities a complaint goes to (GDPR Art. 77), as shipped.

viewer/resources/cases/authorities.json is built by scripts/build_authorities.py from the
Datenanfragen.de records; these tests read the shipped file the way the app does (through
importlib.resources), so a rebuild that loses a country, a source or a German Land fails here.
"""

from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources
from typing import Any

import pytest

EU = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
      "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
EEA_EFTA = {"IS", "LI", "NO"}
LAENDER = {"DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV", "DE-NI",
           "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH"}
URL = re.compile(r"^https?://[^\s/]+\.[a-z]{2,}(/\S*)?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


def load_table() -> dict[str, Any]:
    text = (resources.files("viewer.resources") / "cases" / "authorities.json").read_text(
        encoding="utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


@pytest.fixture(scope="module")
def table() -> dict[str, Any]:
    return load_table()


@pytest.fixture(scope="module")
def entries(table: dict[str, Any]) -> list[dict[str, Any]]:
    return list(table["authorities"])


def test_the_table_says_where_it_comes_from_and_when(table: dict[str, Any]) -> None:
    assert "datenanfragen/data" in table["source"]
    assert re.fullmatch(r"[0-9a-f]{40}", table["source_commit"])
    built = date.fromisoformat(table["retrieved"])
    assert date.fromisoformat(table["source_date"]) <= built
    # The user is told to check: addresses and forms change.
    assert "check" in table["note"] and "website" in table["note"]


def test_the_table_describes_every_field_it_uses(
        table: dict[str, Any], entries: list[dict[str, Any]]) -> None:
    for entry in entries:
        assert set(entry) == set(table["fields"]), entry["country"]
    # What viewer/cases/authorities.py reads into an Authority.
    assert {"country", "name", "address", "web_form", "email", "website",
            "source"} <= set(table["fields"])


def test_every_eu_and_eea_country_has_one_national_authority(
        entries: list[dict[str, Any]]) -> None:
    national = [entry["country"] for entry in entries if not entry["region"]]
    assert sorted(national) == sorted(EU | EEA_EFTA)
    assert len(EU) == 27 and len(EEA_EFTA) == 3


def test_every_german_land_has_its_authority(entries: list[dict[str, Any]]) -> None:
    regions = [entry["region"] for entry in entries if entry["region"]]
    assert sorted(regions) == sorted(LAENDER)
    for entry in entries:
        if entry["region"]:
            assert entry["country"] == "DE" and entry["region_name"] and entry["scope"]
            assert "§ 40 BDSG" in entry["scope"] or entry["region"] == "DE-BY"
            assert URL.match(entry["field_sources"]["scope"])
    [federal] = [entry for entry in entries if entry["country"] == "DE" and not entry["region"]]
    assert "Bundesbeauftragte" in federal["local_name"]
    assert "telecommunications" in federal["scope"] and "postal" in federal["scope"]
    [bavaria] = [entry for entry in entries if entry["region"] == "DE-BY"]
    assert "Datenschutzaufsicht" in bavaria["local_name"]  # the BayLDA, for companies


def test_every_entry_can_be_written_to_and_says_where_it_was_read(
        table: dict[str, Any], entries: list[dict[str, Any]]) -> None:
    table_commit = table["source_commit"]
    for entry in entries:
        where = f"{entry['country']} {entry['region']}"
        assert entry["name"].strip() and entry["local_name"].strip(), where
        assert entry["address"].strip() or entry["web_form"], where
        assert URL.match(entry["source"]), where
        assert "datenanfragen/data/blob/" + table_commit in entry["source"], where
        # A field read elsewhere than the record names the page it was read on.
        assert set(entry["field_sources"]) <= set(entry), where
        assert all(URL.match(url) for url in entry["field_sources"].values()), where
        assert entry["cited_sources"], where
        assert all(URL.match(url) for url in entry["cited_sources"]), where
        assert entry["website"] and URL.match(entry["website"]), where
        for page in (entry["web_form"], entry["complaint_page"]):
            if page:
                assert URL.match(page), where
        # A complaint can be sent somehow: a form, an email address, or a page saying how.
        assert entry["web_form"] or entry["email"] or entry["complaint_page"], where
        if entry["email"]:
            assert EMAIL.match(entry["email"]), where


def test_addresses_end_with_their_country(entries: list[dict[str, Any]]) -> None:
    # The records put the country on the last line, which a letter abroad needs.
    for entry in entries:
        lines = entry["address"].splitlines()
        assert len(lines) >= 3, entry["country"]
        assert not any(line != line.strip() or not line for line in lines), entry["country"]


def test_country_codes_are_iso_3166_alpha_2(entries: list[dict[str, Any]]) -> None:
    # Greece is GR in ISO 3166-1 (the EU's own "EL" would not match a user's locale).
    assert all(re.fullmatch(r"[A-Z]{2}", entry["country"]) for entry in entries)
    assert "EL" not in {entry["country"] for entry in entries}
