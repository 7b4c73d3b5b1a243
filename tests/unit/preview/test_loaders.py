"""The preview loaders: what each reads of a member, where it stops, and what it says it cut.

Plain Python: no QApplication. Members come from real exports (folders or ZIPs written by
fixtures), so reading goes through the archive layer as it does in the app.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import zipcraft
from tests.helpers.archives import Content, write_folder
from tests.helpers.minipdf import pdf_bytes
from viewer.archive import Export, Member, MemberError, open_export
from viewer.preview import (
    HEX_PEEK_BYTES,
    PdfPreview,
    Preview,
    PreviewNote,
    TablePreview,
    TextPreview,
    hex_peek,
    load_hex,
    load_json,
    load_pdf,
    load_table,
    load_text,
    loaders,
    preview_job,
    preview_loader,
)

OpenFiles = Callable[[Mapping[str, Content]], Export]


@pytest.fixture
def export_of(tmp_path: Path) -> Iterator[OpenFiles]:
    """Opens a folder export holding ``files``; closed after the test."""
    opened: list[Export] = []

    def open_files(files: Mapping[str, Content]) -> Export:
        folder = write_folder(tmp_path / f"export-{len(opened)}", files)
        export = open_export(folder, hash_sources=False)
        opened.append(export)
        return export

    yield open_files
    for export in opened:
        export.close()


def _load(export_of: OpenFiles, name: str, content: Content,
          loader: Callable[[Export, Member], Preview]) -> Preview:
    export = export_of({name: content})
    return loader(export, export.member(name))


# -- text -------------------------------------------------------------------------------------
def test_text_is_decoded_and_shown_whole(export_of: OpenFiles) -> None:
    preview = _load(export_of, "notes.txt", "Grüße aus Köln\n".encode("cp1252"), load_text)
    assert preview == TextPreview("Grüße aus Köln\n", monospace=False, wrap=True, notes=())


def test_text_stops_at_its_limit_and_says_how_much_it_showed(
        export_of: OpenFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "MAX_TEXT_BYTES", 5)
    preview = _load(export_of, "notes.txt", b"hello there", load_text)
    assert isinstance(preview, TextPreview)
    assert preview.text == "hello"
    assert preview.notes == (PreviewNote("truncated-bytes", (5, 11)),)


# -- JSON -------------------------------------------------------------------------------------
def test_json_is_pretty_printed(export_of: OpenFiles) -> None:
    preview = _load(export_of, "data.json", b'{"a": [1, 2], "name": "M\xc3\xbcller"}', load_json)
    assert preview == TextPreview(
        json.dumps({"a": [1, 2], "name": "Müller"}, indent=2, ensure_ascii=False),
        monospace=True, wrap=False, notes=())


@pytest.mark.parametrize(("content", "parsed"), [
    ('window.YTD.tweets.part0 = [{"id": 1}];', [{"id": 1}]),  # X/Twitter's JavaScript files
    ('{"n": 1}\n\n{"n": 2}\n', [{"n": 1}, {"n": 2}]),  # JSON Lines
    ('\ufeff{"n": 1}', {"n": 1}),  # a byte order mark
])
def test_json_variants_are_parsed(export_of: OpenFiles, content: str, parsed: object) -> None:
    preview = _load(export_of, "data.json", content, load_json)
    assert isinstance(preview, TextPreview)
    assert json.loads(preview.text) == parsed
    assert preview.notes == ()


def test_invalid_json_is_shown_as_text_with_where_it_broke(export_of: OpenFiles) -> None:
    preview = _load(export_of, "data.json", '{"a": 1,,}', load_json)
    assert isinstance(preview, TextPreview)
    assert preview.text == '{"a": 1,,}'
    [note] = preview.notes
    assert note.code == "invalid-json" and note.args[0].startswith("line 1: ")


def test_invalid_json_over_the_text_limit_is_cut(export_of: OpenFiles,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "MAX_TEXT_BYTES", 4)
    preview = _load(export_of, "data.json", "{bad json}", load_json)
    assert isinstance(preview, TextPreview)
    assert preview.text == "{bad"
    assert [note.code for note in preview.notes] == ["invalid-json", "truncated-bytes"]
    assert preview.notes[1].args == (4, 10)


def test_json_over_the_parse_limit_is_shown_raw(export_of: OpenFiles,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "MAX_JSON_PARSE_BYTES", 10)
    preview = _load(export_of, "data.json", '{"a": [1, 2, 3]}', load_json)
    assert isinstance(preview, TextPreview)
    assert preview.text == '{"a": [1, 2, 3]}'
    assert preview.notes == (PreviewNote("too-large-to-format", (10,)),)


def test_formatted_json_over_the_text_limit_is_cut(export_of: OpenFiles,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "MAX_TEXT_BYTES", 10)
    preview = _load(export_of, "data.json", '{"a": [1, 2, 3]}', load_json)
    assert isinstance(preview, TextPreview)
    assert preview.text == '{\n  "a": [\n'[:10]
    assert preview.notes == (PreviewNote("truncated-formatted", (10,)),)


@given(st.binary(max_size=600))
def test_any_bytes_as_json_give_a_text_preview(
        tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = write_folder(tmp_path_factory.mktemp("json"), {"data.json": data})
    with open_export(folder, hash_sources=False) as export:
        preview = load_json(export, export.member("data.json"))
    assert isinstance(preview, TextPreview)


# -- tables -----------------------------------------------------------------------------------
def test_table_delimiter_is_sniffed_and_blank_rows_skipped(export_of: OpenFiles) -> None:
    preview = _load(export_of, "orders.csv", "Datum; Text\n2024;hallo\n\n;\n2025;welt\n",
                    load_table)
    assert isinstance(preview, TablePreview)
    assert preview.header == ("Datum", "Text")
    assert [row[0] for row in preview.rows] == ["2024", "2025"]
    assert preview.notes == ()


def test_tsv_is_split_on_tabs_only(export_of: OpenFiles) -> None:
    preview = _load(export_of, "prices.tsv", "item\tprice\ntea\t1,50\n", load_table)
    assert preview == TablePreview(("item", "price"), (("tea", "1,50"),), ())


def test_table_stops_at_the_row_limit(export_of: OpenFiles,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "MAX_TABLE_ROWS", 10)
    rows = "".join(f"{n},hello {n}\n" for n in range(30))
    preview = _load(export_of, "intent.csv", "n,text\n" + rows, load_table)
    assert isinstance(preview, TablePreview)
    assert len(preview.rows) == 10 and preview.rows[-1] == ("9", "hello 9")
    assert preview.notes == (PreviewNote("truncated-rows", (10,)),)


def test_table_cut_at_the_byte_limit_drops_the_cut_off_row(
        export_of: OpenFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    content = "n,text\n1,one\n2,two\n3,three\n"
    monkeypatch.setattr(loaders, "MAX_TABLE_BYTES", content.index("three") + 2)
    preview = _load(export_of, "numbers.csv", content, load_table)
    assert isinstance(preview, TablePreview)
    assert preview.rows == (("1", "one"), ("2", "two"))
    assert preview.notes == (PreviewNote("truncated-rows", (2,)),)


def test_malformed_table_raises_value_error_with_the_line(export_of: OpenFiles) -> None:
    content = 'a,b\n1,2\n"' + "x" * 200_000 + '",3\n'  # past the csv module's field limit
    with pytest.raises(ValueError, match="malformed near line"):
        _load(export_of, "big.csv", content, load_table)


@given(st.binary(max_size=600))
def test_any_bytes_as_a_table_give_rows_or_a_value_error(
        tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = write_folder(tmp_path_factory.mktemp("table"), {"data.csv": data})
    with open_export(folder, hash_sources=False) as export:
        try:
            preview = load_table(export, export.member("data.csv"))
        except ValueError:
            return
    assert isinstance(preview, TablePreview)


# -- PDF --------------------------------------------------------------------------------------
def test_pdf_gives_the_text_of_each_page(export_of: OpenFiles) -> None:
    data = pdf_bytes([["alexa what time is it"], ["play some jazz"]])
    preview = _load(export_of, "Transcripts.pdf", data, load_pdf)
    assert isinstance(preview, PdfPreview)
    assert preview.page_count == 2
    assert "alexa what time is it" in preview.pages[0]
    assert "play some jazz" in preview.pages[1]
    assert preview.notes == ()


def test_pdf_text_stops_at_the_text_limit(export_of: OpenFiles,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "MAX_TEXT_BYTES", 5)
    data = pdf_bytes([["the first page"], ["second"], ["third"]])
    preview = _load(export_of, "Transcripts.pdf", data, load_pdf)
    assert isinstance(preview, PdfPreview)
    assert len(preview.pages) == 1
    assert preview.notes == (PreviewNote("pdf-truncated", (1, 3)),)


def test_pdf_without_text_says_so(export_of: OpenFiles) -> None:
    preview = _load(export_of, "scan.pdf", pdf_bytes([[]]), load_pdf)
    assert isinstance(preview, PdfPreview)
    assert preview.notes == (PreviewNote("pdf-no-text"),)


def test_pdf_over_the_limit_is_not_read(export_of: OpenFiles,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "MAX_PDF_BYTES", 100)
    with pytest.raises(ValueError, match="larger than"):
        _load(export_of, "Transcripts.pdf", pdf_bytes([["text"]]), load_pdf)


def test_damaged_pdf_raises_value_error(export_of: OpenFiles) -> None:
    with pytest.raises(ValueError, match="cannot be read"):
        _load(export_of, "broken.pdf", b"%PDF-1.4\nnot really a PDF", load_pdf)


# -- hex --------------------------------------------------------------------------------------
def test_hex_peek_lines() -> None:
    assert hex_peek(b"PK\x03\x04" + b"abcdefghijkl" + b"\x00~") == (
        "00000000  50 4b 03 04 61 62 63 64 65 66 67 68 69 6a 6b 6c  |PK..abcdefghijkl|\n"
        "00000010  00 7e                                            |.~|")
    assert hex_peek(b"") == ""


def test_hex_reads_only_the_first_bytes(export_of: OpenFiles) -> None:
    preview = _load(export_of, "blob.bin", bytes(range(256)) * 4, load_hex)
    assert isinstance(preview, TextPreview)
    lines = preview.text.splitlines()
    assert len(lines) == HEX_PEEK_BYTES // 16
    assert lines[-1].startswith(f"{HEX_PEEK_BYTES - 16:08x}  f0 f1")
    assert preview.monospace and not preview.wrap


# -- which loader -----------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "content", "kind", "monospace", "notes"), [
    ("a.csv", "x,y\n1,2\n", TablePreview, None, ()),
    ("a.json", "[]", TextPreview, True, ()),
    ("a.pdf", pdf_bytes([["text"]]), PdfPreview, None, ()),
    ("a.html", "<p>hi</p>", TextPreview, True, ()),
    ("a.txt", "hi", TextPreview, False, ()),
    ("a.bin", b"\x00\x01", TextPreview, True, ()),
    ("book.xlsx", b"PK\x03\x04", TextPreview, True, (PreviewNote("spreadsheet"),)),
])
def test_the_member_kind_picks_the_loader(export_of: OpenFiles, name: str, content: Content,
                                          kind: type, monospace: bool | None,
                                          notes: tuple[PreviewNote, ...]) -> None:
    export = export_of({name: content})
    member = export.member(name)
    preview = preview_loader(member)(export, member)
    assert type(preview) is kind
    if monospace is not None:
        assert isinstance(preview, TextPreview) and preview.monospace is monospace
    assert preview.notes == notes
    if name.endswith((".bin", ".xlsx")):
        assert isinstance(preview, TextPreview) and preview.text.startswith("00000000  ")


def test_preview_job_yields_a_cancel_point_before_reading(export_of: OpenFiles) -> None:
    export = export_of({"notes.txt": "hello"})
    member = export.member("notes.txt")
    job = preview_job(export, member)
    assert next(job) is None
    with pytest.raises(StopIteration) as stopped:
        next(job)
    assert stopped.value.value == load_text(export, member)


def test_a_damaged_member_raises_member_error(tmp_path: Path) -> None:
    path = zipcraft.write(tmp_path / "export.zip", [
        zipcraft.RawEntry(b"broken.csv", b"\xff\xff\xff\xff garbage", 0, 100, method=8)])
    with open_export(path, hash_sources=False) as export:
        member = export.member("broken.csv")
        with pytest.raises(MemberError, match="damaged"):
            preview_loader(member)(export, member)
