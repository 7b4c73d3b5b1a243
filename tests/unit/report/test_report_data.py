"""The report's data, files and cleaned copy on the demo export (no Qt)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers.jsonschema_lite import validate
from tests.helpers.report import (
    GEOLOCATION,
    REQUEST,
    SESSIONS,
    TRANSCRIPTS_PDF,
    audio_windows,
    checked_demo,
    flagged_paths,
    flagged_transcripts,
    readable_layers,
)
from viewer.analysis.check import CheckResult
from viewer.archive import Export, open_export
from viewer.report import (
    REPORT_SCHEMA,
    ReportRequest,
    ReportWriteError,
    build_report_data,
    describe_report,
    render_letter,
    with_marks,
    write_report,
)
from viewer.resources import RESOURCES


@pytest.fixture(scope="module")
def demo() -> Iterator[tuple[Export, CheckResult]]:
    export, result = checked_demo()
    yield export, result
    export.close()


@pytest.fixture(scope="module")
def folder(demo: tuple[Export, CheckResult], tmp_path_factory: pytest.TempPathFactory,
           ) -> Path:
    export, result = demo
    target = tmp_path_factory.mktemp("report") / "out"
    write_report(target, build_report_data(result, export, REQUEST), export, clean_copy=True)
    return target


def test_the_folder_holds_the_files(folder: Path) -> None:
    names = sorted(path.name for path in folder.iterdir())
    assert names == ["amazon-demo-export-cleaned.zip", "flagged-files.csv", "letter.txt",
                     "report.json"]  # report.pdf: drawn by Qt, see tests/unit/ui


def test_json_validates_and_is_identical_across_runs_but_for_created(
        demo: tuple[Export, CheckResult]) -> None:
    export, result = demo
    schema = json.loads((RESOURCES / "report-schema.json").read_text(encoding="utf-8"))
    first = describe_report(build_report_data(result, export, REQUEST,
                                              created=datetime(2025, 1, 1, tzinfo=UTC)))
    second = describe_report(build_report_data(result, export, REQUEST))
    validate(first, schema)
    validate(second, schema)
    assert first["schema"] == REPORT_SCHEMA
    assert first["created"] != second["created"]
    first.pop("created")
    second.pop("created")
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)
    assert [item["path"] for item in first["not_mine"]] == flagged_paths(result)
    assert first["recordings"]["by_verdict"] == {"mine": 60, "not-mine": 40, "unsure": 0}
    assert first["controller"]["name"].startswith("Amazon Europe Core S.à r.l.")
    assert first["withheld_members"][0]["path"].endswith("Transcripts.pdf")


def test_csv_lists_every_flagged_file_with_its_hash(folder: Path,
                                                    demo: tuple[Export, CheckResult]) -> None:
    export, result = demo
    lines = (folder / "flagged-files.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "path,size,sha256,time,device,verdict,reasons"
    assert len(lines) == 41
    for path, line in zip(flagged_paths(result), lines[1:], strict=True):
        assert line.startswith(f"{path},{export.member(path).size},"
                               f"{export.member_sha256(path)},")
        assert ",G2A0US9876543210,not-mine,unknown-device" in line


def test_no_transcript_text_or_audio_of_the_stranger_anywhere(
        folder: Path, demo: tuple[Export, CheckResult]) -> None:
    export, result = demo
    # A stranger's "alexa stop" is part of the owner's "alexa stopp": the owner's own words
    # are not a leak.
    own = {entry.text for item in result.verdicts if item.verdict.value != "not-mine"
           if (entry := result.contents.transcript_for(item.path)) is not None}
    texts = [text.lower().encode() for text in flagged_transcripts(result)
             if not any(text in mine for mine in own)]
    windows = audio_windows(export, flagged_paths(result))
    assert len(texts) >= 35 and len(windows) > 300
    for path in folder.iterdir():
        for label, content in readable_layers(path):
            folded = content.lower()
            assert not [text for text in texts if text in folded], label
            assert not any(window in content for window in windows), label


def test_letters_in_english_and_german(demo: tuple[Export, CheckResult]) -> None:
    export, result = demo
    english = render_letter(build_report_data(result, export, REQUEST))
    assert "Article 15 GDPR" in english and "Art. 33 GDPR" in english
    assert "Art. 34 GDPR" in english
    assert "40 of the 100 recordings" in english and export.sha256 in english
    assert "sealed" in english and "until you tell me to delete it" in english
    assert english.rstrip().endswith("report.json") and "Max Mustermann" in english
    german = render_letter(build_report_data(result, export, replace(REQUEST, language="de")))
    assert "Sehr geehrte Damen und Herren," in german
    assert "Datenschutzbeauftragte/r" in german
    assert "Art. 15 DSGVO" in german and "Art. 33 DSGVO" in german and "Art. 34 DSGVO" in german
    assert "am 1. Oktober 2024" in german and "Am 5. November 2024" in german
    assert "Mit freundlichen Grüßen" in german and "GDPR" not in german
    # No name given: the letter still shows where to sign.
    unsigned = render_letter(build_report_data(result, export, replace(
        REQUEST, user_name="", language="de")))
    assert "Mit freundlichen Grüßen\n[Ihr Name und Ihre Unterschrift]" in unsigned


def test_clean_copy_lacks_exactly_the_left_out_and_keeps_the_rest(
        folder: Path, demo: tuple[Export, CheckResult]) -> None:
    export, result = demo
    flagged = set(flagged_paths(result))
    # The demo's activity tables mix both households: they lose the stranger's rows.
    rewritten = {GEOLOCATION, SESSIONS}
    with open_export(folder / "amazon-demo-export-cleaned.zip") as cleaned:
        kept = {member.path for member in cleaned.members}
        original = {member.path for member in export.members}
        assert original - kept == flagged | {TRANSCRIPTS_PDF}
        assert kept - original == {"MANIFEST-export-viewer.txt"}
        for path in original & kept - rewritten:
            assert cleaned.member_sha256(path) == export.member_sha256(path), path
        for path in rewritten:
            lines = export.read_member(path).splitlines(keepends=True)
            assert cleaned.read_member(path) == b"".join(
                line for line in lines if b"G2A0US" not in line and b"en-US" not in line)
        manifest = cleaned.read_member("MANIFEST-export-viewer.txt").decode()
    assert export.sha256 in manifest and "Left out (41 files)" in manifest
    for path in flagged:
        assert f"{path}\t{export.member(path).size}\t{export.member_sha256(path)}\t" in manifest
    assert "Rewritten without the other person's rows (2 files)" in manifest
    assert "Rows removed (80)" in manifest


def test_clean_copy_rebuilds_nested_archives(tmp_path: Path) -> None:
    from tests.helpers.archives import write_zip
    from tests.helpers.audio import wav_bytes
    from viewer.analysis.check import check_export
    from viewer.analysis.profile import profile_from_dict
    from viewer.formats import import_export

    inner = {"Audio/2024-01-01_10-00-00.wav": wav_bytes(0.2, frequency=300),
             "Audio/2024-01-01_11-00-00.wav": wav_bytes(0.2, frequency=500),
             "deeper.zip": {"Audio/2024-01-02_10-00-00.wav": wav_bytes(0.2, frequency=700),
                            "notes.txt": "kept"}}
    source = write_zip(tmp_path / "nested.zip", {"Alexa_1.zip": inner, "readme.txt": "hi"})
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    gone = {"Alexa_1.zip!/Audio/2024-01-01_11-00-00.wav",
            "Alexa_1.zip!/deeper.zip!/Audio/2024-01-02_10-00-00.wav"}
    with open_export(source) as export:
        contents = import_export(export)
        assert gone <= {recording.path for recording in contents.recordings}
        profile = profile_from_dict({"confirmed_not_mine": sorted(gone)}, tmp_path)
        result = check_export(export, contents, profile)
        data = build_report_data(result, export, ReportRequest())
        written = write_report(tmp_path / "out", data, export, clean_copy=True)
        with open_export(written[-1]) as cleaned:
            kept = {member.path for member in cleaned.members}
            assert not gone & kept
            for path in {member.path for member in export.members} - gone:
                if export.member(path).kind.value == "archive":
                    continue  # rebuilt, so its bytes differ; its members are compared
                assert cleaned.member_sha256(path) == export.member_sha256(path), path
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # never modified


def test_marks_made_after_the_check_count(demo: tuple[Export, CheckResult]) -> None:
    export, result = demo
    mine = next(item.path for item in result.verdicts if item.verdict.value == "mine")
    marked = with_marks(result, {mine: "not-mine"})
    data = build_report_data(marked, export, ReportRequest())
    assert data.by_verdict["not-mine"] == 41 and data.user_marked == 1
    entry = next(item for item in data.flagged if item.path == mine)
    assert entry.user_marked and entry.reasons[0].code == "user-mark"


def test_excerpts_are_masked(demo: tuple[Export, CheckResult]) -> None:
    export, result = demo
    data = build_report_data(result, export, replace(REQUEST, include_excerpts=True))
    excerpts = [item.excerpt for item in data.flagged if item.excerpt]
    assert len(excerpts) == 40
    joined = " ".join(excerpts).casefold()
    for secret in ("boston", "harvard", "tom", "lisa", "smith"):
        assert secret not in joined.split(), secret
    assert not any(char.isdigit() for char in joined)
    assert "[…]" in joined
    for text in flagged_transcripts(result):
        assert text not in joined


def test_refuses_a_non_empty_folder_and_an_unwritable_one(
        demo: tuple[Export, CheckResult], tmp_path: Path) -> None:
    export, result = demo
    data = build_report_data(result, export, REQUEST)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep me")
    with pytest.raises(ReportWriteError, match="not empty"):
        write_report(busy, data, export)
    assert sorted(path.name for path in busy.iterdir()) == ["mine.txt"]
    write_report(busy, data, export, overwrite=True)
    assert (busy / "report.json").is_file() and (busy / "mine.txt").is_file()
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(ReportWriteError, match="is a file"):
        write_report(a_file, data, export)
    # Tests may run as root, for whom permissions do not stop writes: a path through a file
    # cannot be created by anyone.
    with pytest.raises(ReportWriteError, match="cannot write to the folder"):
        write_report(a_file / "sub", data, export)
