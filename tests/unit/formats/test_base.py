"""The CSV dialect guess every importer reads tables through."""

from __future__ import annotations

import csv

import pytest

from viewer.formats.base import sniff_dialect
from viewer.formats.importers.amazon_tables import TableKind, header_cells, table_kind_of_header


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(text.splitlines(), sniff_dialect(text)))


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_delimiter_exports_use_is_found(delimiter: str) -> None:
    text = delimiter.join(["Date", "Text", "File"]) + "\n" + delimiter.join(
        ["2024-08-21", "alexa stop", "a.wav"]) + "\n"
    assert sniff_dialect(text).delimiter == delimiter
    assert _rows(text)[1] == ["2024-08-21", "alexa stop", "a.wav"]


def test_a_quoted_cell_keeps_the_other_delimiters() -> None:
    text = 'Date;Text\n2024-08-21;"stop, please; now"\n2024-08-22;"play, music"\n'
    assert _rows(text)[1] == ["2024-08-21", "stop, please; now"]


def test_a_sample_that_says_nothing_reads_as_excel() -> None:
    assert sniff_dialect("one column only\nno delimiter here\n") is csv.excel
    assert sniff_dialect("") is csv.excel


def test_only_the_head_is_judged() -> None:
    head = "a;b;c\n1;2;3\n" * 1000
    assert len(head) > 8192
    assert sniff_dialect(head + "x,y,z,w,v,u\n" * 5000).delimiter == ";"


def test_amazon_headers_are_split_by_the_same_guess() -> None:
    semicolons = "Utterance Text;Utterance Creation Date;Device Serial Number"
    assert table_kind_of_header(header_cells(semicolons)) is TableKind.INTENT
    assert header_cells("\ufeffFile Name\tDescription") == ["file name", "description"]
