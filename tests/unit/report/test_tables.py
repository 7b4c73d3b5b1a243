"""Cutting rows out of CSV and JSON members: the rest stays as written (no check, no Qt)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.archives import write_zip
from viewer.archive import open_export
from viewer.formats.base import ExportIndex, parse_iso_time
from viewer.report.strangers import RowMark, StrangerRows, TimeWindows
from viewer.report.tables import TablePlan, Unclean, clean_tables
from viewer.steps import run_to_end

TABLE = "data/table.csv"
#: A BOM, ";" between cells, CRLF line ends, quoted cells with a delimiter, a doubled quote
#: and a line break inside, a blank line, and no line end after the last row.
CSV = ("\ufeffName;Text;Time\r\n"
       "Max;\"hallo; welt\";2024-08-01T10:00:00Z\r\n"
       "Tom;\"the stranger's words\r\nover two lines\";2024-08-01T11:00:00Z\r\n"
       "Erika;\"sag \"\"hallo\"\"\";2024-08-01T12:00:00Z\r\n"
       "\r\n"
       "Lisa;\"Echo ABCDEFGH12, kitchen\";2024-08-01T13:00:00Z\r\n"
       "Max;späť;2024-08-01T14:00:01Z").encode("utf-8")


def _plan(tmp_path: Path, files: dict[str, bytes], strangers: StrangerRows) -> TablePlan:
    with open_export(write_zip(tmp_path / "export.zip", files)) as export:
        return run_to_end(clean_tables(export, strangers))


def _stamp(text: str) -> float:
    parsed = parse_iso_time(text)
    assert parsed is not None
    return parsed[0].timestamp()


def _row_numbers(tmp_path: Path) -> dict[str, int]:
    """Row numbers as the importers count them (``ExportIndex.read_csv``), by first cell."""
    with open_export(write_zip(tmp_path / "numbers.zip", {TABLE: CSV})) as export:
        table = ExportIndex(export).read_csv(TABLE)
    return {f"{row[0]}@{number}": number for number, row in
            zip(table.row_numbers, table.rows, strict=True)}


def test_csv_rows_are_cut_out_and_every_other_byte_stays(tmp_path: Path) -> None:
    numbers = _row_numbers(tmp_path)
    assert sorted(numbers.values()) == [2, 4, 5, 7, 8]  # Tom's row ends on line 4
    two_pm = _stamp("2024-08-01T14:00:00Z")
    strangers = StrangerRows(
        marks=(RowMark(TABLE, "row 4", "transcript", "audio/tom.wav",
                       ("the stranger's words over two lines",), "generic"),),
        serials=("abcdefgh12",),
        # A request of theirs at 14:00:00: the row stamped a second later is theirs too...
        stranger_times=TimeWindows([(two_pm - 2, two_pm + 2)]),
        # ... but Erika's, at a moment of theirs and of the user's, is protected.
        protected=frozenset({(TABLE, "row 5")}),
        activity_paths=frozenset({TABLE}))
    plan = _plan(tmp_path, {TABLE: CSV}, strangers)
    assert plan.refused == {}
    lines = CSV.splitlines(keepends=True)
    assert plan.rewritten[TABLE] == b"".join(lines[:2] + lines[4:6])
    assert plan.rewritten[TABLE].startswith(b"\xef\xbb\xbfName;Text;Time\r\n")
    assert [(row.locator, row.why, row.recording) for row in plan.removed] == [
        ("row 4", "transcript", "audio/tom.wav"), ("row 7", "device", None),
        ("row 8", "same-time", None)]


def test_a_row_that_does_not_hold_what_the_check_read_leaves_the_file_out(
        tmp_path: Path) -> None:
    """If the numbering disagreed with the importer's, the wrong row would go and the
    stranger's stay: the member is left out instead."""
    wrong = StrangerRows(marks=(RowMark(TABLE, "row 2", "transcript", "a.wav",
                                        ("the stranger's words",), "generic"),))
    plan = _plan(tmp_path, {TABLE: CSV}, wrong)
    assert plan.refused == {TABLE: Unclean.MISMATCH} and not plan.rewritten
    missing = StrangerRows(marks=(RowMark(TABLE, "row 3", "event", "a.wav"),))
    assert _plan(tmp_path, {TABLE: CSV}, missing).refused == {TABLE: Unclean.LOCATOR}


def test_a_table_without_their_rows_is_not_touched(tmp_path: Path) -> None:
    other = "data/other.csv"
    strangers = StrangerRows(marks=(RowMark(TABLE, "row 4", "transcript", "a.wav"),),
                             serials=("abcdefgh12",))
    plan = _plan(tmp_path, {TABLE: CSV, other: b"a,b\r\n1,2\r\n"}, strangers)
    assert set(plan.rewritten) == {TABLE}
    assert other not in plan.refused


def test_json_records_are_cut_out_of_the_text_as_written(tmp_path: Path) -> None:
    path = "data/voice.json"
    items = [{"time": "2024-08-01T10:00:00Z", "text": "mine", "n": 1.5},
             {"time": "2024-08-01T11:00:00Z", "text": "their words", "n": 2},
             {"time": "2024-08-01T12:00:00Z", "text": "also mine", "n": 3}]

    def written(records: list[dict[str, object]]) -> str:
        # An X/Twitter-style wrapper and a layout json.dumps would not produce.
        body = ",\n".join("  " + json.dumps(item, separators=(", ", ":")) for item in records)
        return f"window.YTD.voice.part0 = [\n{body}\n];\n".replace('"n":1.5}', '"n":1.50}')

    strangers = StrangerRows(marks=(RowMark(path, "record 2", "transcript", "b.wav",
                                            ("their words",), "generic"),))
    plan = _plan(tmp_path, {path: written(items).encode()}, strangers)
    cleaned = plan.rewritten[path].decode()
    assert cleaned == written([items[0], items[2]])
    assert "1.50" in cleaned  # numbers as written, not as Python would write them
    assert [(row.path, row.locator) for row in plan.removed] == [(path, "record 2")]
