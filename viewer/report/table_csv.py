"""CSV members: rows found exactly as ``ExportIndex.read_csv`` numbers them, cut out by line.

The same sniffed dialect, the header as row 1, a row numbered by the line it ends on; the
lines each removed row spans are dropped, and header, delimiter, quoting, line endings, BOM
and encoding of every kept line stay byte for byte.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from viewer.formats.base import sniff_dialect
from viewer.report.table_records import Record, Table, Unclean, iso_times


def csv_rows(text: str) -> tuple[list[str], list[tuple[int, int, int, list[str]]]]:
    """(the text's lines, (row number, first line, end line, cells) per non-blank row) as
    ``ExportIndex.read_csv`` reads them: the header is the first of those rows."""
    body = text.lstrip("\ufeff")
    dialect = sniff_dialect(body)  # the guess read_csv made, so the same rows are found
    lines: list[str] = []

    def feed() -> Iterator[str]:
        for line in io.StringIO(body):
            lines.append(line)
            yield line

    reader = csv.reader(feed(), dialect)
    rows = []
    start = 0
    for cells in reader:
        end = len(lines)
        if any(cell.strip() for cell in cells):
            rows.append((reader.line_num, start, end, cells))
        start = end
    return lines, rows


def csv_table(path: str, text: str, encode: Callable[[str], bytes]) -> Table | None:
    prefix = text[:len(text) - len(text.lstrip("\ufeff"))]
    lines, rows = csv_rows(text)
    if not rows:
        return None
    header, data = rows[0], rows[1:]
    records = []
    for number, _, _, cells in data:
        values = tuple(cell.strip().strip("\u200e\u200f\ufeff").casefold() for cell in cells)
        records.append(Record(f"row {number}", values, iso_times(values)))
    aliases = {record.locator: index for index, record in enumerate(records)}

    def write(drop: set[int]) -> tuple[bytes | None, str | None]:
        cut = {line for index in drop for line in range(data[index][1], data[index][2])}
        new = prefix + "".join(line for number, line in enumerate(lines) if number not in cut)
        # The rewritten table must read as the header and exactly the rows kept.
        try:
            _, again = csv_rows(new)
        except csv.Error:
            return None, Unclean.PARSE
        kept = [cells for index, (_, _, _, cells) in enumerate(data) if index not in drop]
        if not again or again[0][3] != header[3] or [row[3] for row in again[1:]] != kept:
            return None, Unclean.PARSE
        return encode(new), None

    return Table(path, records, aliases, write)
