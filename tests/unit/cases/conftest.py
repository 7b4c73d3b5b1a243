"""Cases made from real reports of the demo export (checked once per module), over a fresh
review store in the test's own folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.helpers.report import DemoReport, written_demo_report
from viewer.cases import CaseStore
from viewer.review import ReviewStore

#: The demo report is written on this day; "today" in the tests is TODAY.
WRITTEN = datetime(2024, 11, 6, 9, 30, tzinfo=UTC)
TODAY = date(2025, 3, 1)


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoReport]:
    report = written_demo_report(tmp_path_factory.mktemp("report") / "out", WRITTEN)
    yield report
    report.export.close()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "review" / "review.sqlite3"


@pytest.fixture
def review_store(store_path: Path) -> Iterator[ReviewStore]:
    with ReviewStore(store_path) as store:
        yield store


@pytest.fixture
def cases(review_store: ReviewStore) -> CaseStore:
    return CaseStore(review_store, today=lambda: TODAY)


#: A made-up table in the shape of viewer/resources/cases/authorities.json: the tests must
#: not depend on (or invent) real addresses.
FAKE_TABLE = {
    "source": "Test fixture",
    "retrieved": "2026-01-02",
    "note": "Made up for the tests.",
    "authorities": [
        {"country": "XA", "region": "", "name": "Test Authority of Xanadu",
         "local_name": "Testbehörde", "address": "1 Example Street\n12345 Example City",
         "web_form": "https://authority.example/complaint", "email": "complaints@example.org",
         "website": "https://authority.example/", "source": "https://source.example/xa"},
        {"country": "XA", "region": "XA-NO", "region_name": "North",
         "name": "Test Authority of North Xanadu", "address": "2 Example Road\n54321 Northtown",
         "web_form": "", "email": "north@example.org", "website": "https://north.example/",
         "scope": "Companies established in the North",
         "source": "https://source.example/xa-no"},
    ],
}


@pytest.fixture
def fake_authorities(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import json

    from viewer.cases import authorities

    path = tmp_path / "authorities.json"
    path.write_text(json.dumps(FAKE_TABLE), encoding="utf-8")
    monkeypatch.setattr(authorities, "_table", lambda: authorities.read_table(path))
    return path
