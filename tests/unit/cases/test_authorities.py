"""Finding an authority by country or region in the table (a made-up one here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.cases import CaseError, authorities
from viewer.cases.authorities import authorities as all_authorities
from viewer.cases.authorities import authority_for, read_table


def test_by_country_and_by_region(fake_authorities: Path) -> None:
    country = authority_for("xa")
    assert country.name == "Test Authority of Xanadu" and country.region == ""
    assert country.address.splitlines() == ["1 Example Street", "12345 Example City"]
    assert country.source == "https://source.example/xa"
    region = authority_for("XA-NO")
    assert (region.code, region.scope) == ("XA-NO", "Companies established in the North")
    assert [item.code for item in all_authorities()] == ["XA", "XA-NO"]
    assert authorities.TABLE_SOURCE == "Test fixture"
    assert authorities.TABLE_DATE == "2026-01-02"


def test_unknown_codes_say_what_there_is(fake_authorities: Path) -> None:
    with pytest.raises(CaseError, match="covers XA"):
        authority_for("ZZ")
    with pytest.raises(CaseError, match="one per region: XA-NO"):
        authority_for("XA-SO")


def test_a_missing_or_damaged_table_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match="missing"):
        read_table(tmp_path / "none.json")
    damaged = tmp_path / "damaged.json"
    damaged.write_text(json.dumps({"authorities": [{"country": 3}], "x": 1}), "utf-8")
    assert read_table(damaged).authorities[0].country == "3"  # odd, but readable
    damaged.write_text("{", "utf-8")
    with pytest.raises(CaseError, match="cannot be read"):
        read_table(damaged)
    damaged.write_text("{}", "utf-8")
    with pytest.raises(CaseError, match="cannot be read"):
        read_table(damaged)


def test_the_shipped_table_reads_whole() -> None:
    everything = all_authorities()
    codes = [item.code for item in everything]
    assert len(codes) == len(set(codes)) >= 30
    for item in everything:
        assert authority_for(item.code) == item
        assert item.name and item.source.startswith("https://")
        assert item.address or item.web_form
    assert authority_for("de").region == "" and authority_for("de").scope
    assert authority_for("DE-BY").country == "DE"
    assert authorities.TABLE_DATE and authorities.TABLE_SOURCE
