"""`export-viewer case ...`: the case a report starts, its steps, its letters (text and PDF,
read back) and the check of a corrected export; exit 2 with one line for what cannot be."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.helpers.report import demo_variant, flagged_transcripts
from tests.unit.cases.conftest import FAKE_TABLE
from viewer.cases import authorities, commands
from viewer.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "viewer/resources/demo"
DEMO_ZIP = str(DEMO / "amazon-demo-export.zip")
PROFILE = str(DEMO / "demo-profile.json")

#: The report is written today (the command uses the clock); the case's "today" is later.
WRITTEN = date.today()
SENT = WRITTEN + timedelta(days=1)
LATER = WRITTEN + timedelta(days=70)
#: In the demo export: only the other person's transcripts; a table with some of their rows.
TRANSCRIPTS_PDF = "Additional Data/Alexa/Alexa/Transcripts.pdf"
GEOLOCATION = "Additional Data/Alexa/Alexa/Geolocation/Geolocation-1-1.csv"


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(commands, "clock", lambda: LATER)
    return LATER


@pytest.fixture
def fake_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "authorities.json"
    path.write_text(json.dumps(FAKE_TABLE), encoding="utf-8")
    monkeypatch.setattr(authorities, "_table", lambda: authorities.read_table(path))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def write_report(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code, out, err = run(capsys, "report", DEMO_ZIP, "--out", str(tmp_path / "out"),
                         "--profile", PROFILE, "--no-voice", "--requested", "2024-10-01",
                         "--name", "Max Mustermann", *extra)
    assert code == 0, err
    return out


def pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text)


def test_a_report_starts_a_case_and_the_steps_are_recorded(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], later: date) -> None:
    out = write_report(tmp_path, capsys)
    assert "Case 1 started" in out and "export-viewer case sent 1 --on" in out
    listed = run_json(capsys, "case", "list")["cases"]
    assert [(item["id"], item["state"]) for item in listed] == [(1, "draft")]
    case = listed[0]
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert case["export"]["sha256"] == report["export"]["sha256"]
    assert [file["name"] for file in case["report"]["files"]] == [
        "report.pdf", "report.json", "flagged-files.csv", "letter.txt"]
    pdf = (tmp_path / "out" / "report.pdf").read_bytes()
    assert case["report"]["sha256"] == hashlib.sha256(pdf).hexdigest()  # the PDF's
    assert len(case["flagged"]) == 40 and case["counts"]["recordings"] == 100
    assert {item["path"] for item in case["flagged"]} == {
        item["path"] for item in report["not_mine"]}

    sent = run_json(capsys, "case", "sent", "1", "--on", SENT.isoformat())
    assert sent["state"] == "overdue" and sent["sent"] == SENT.isoformat()
    code, out, _err = run(capsys, "case", "list")
    assert code == 0 and "overdue" in out and "1 overdue" in out
    extended = run_json(capsys, "case", "extended", "1", "--on", SENT.isoformat())
    assert extended["state"] == "sent" and extended["days_left"] > 0
    code, out, _err = run(capsys, "case", "answered", "1", "--on", LATER.isoformat(),
                          "--note", "Sorry, a new export follows.")
    assert code == 0
    assert "Answered:" in out and "Sorry, a new export follows." in out
    shown = run_json(capsys, "case", "show", "1")
    assert [event["kind"] for event in shown["events"]] == [
        "report", "sent", "extended", "answered"]
    closed = run_json(capsys, "case", "close", "1")
    assert closed["state"] == "closed" and closed["closed"] == LATER.isoformat()
    assert run_json(capsys, "case", "delete", "1") == {"deleted": 1}
    assert run_json(capsys, "case", "list") == {"cases": []}


def test_impossible_steps_exit_2_with_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], later: date) -> None:
    write_report(tmp_path, capsys)
    for args, message in [
            (("case", "show", "9"), "There is no case 9"),
            (("case", "answered", "1", "--on", SENT.isoformat()), "not been sent"),
            (("case", "sent", "1", "--on", (LATER + timedelta(days=1)).isoformat()),
             "in the future"),
            (("case", "reminder", "1", "--out", str(tmp_path / "r.txt")), "not been sent")]:
        code, _out, err = run(capsys, *args)
        assert code == 2, args
        assert message in err and err.count("\n") == 1, err
    assert not (tmp_path / "r.txt").exists()
    code, _out, err = run(capsys, "case", "sent", "1", "--on", "yesterday")  # argparse's own
    assert code == 2 and "not a date like 2024-11-05" in err


def test_no_case_means_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = write_report(tmp_path, capsys, "--no-case")
    assert "Case" not in out
    code, out, _err = run(capsys, "case", "list")
    assert code == 0 and "No cases yet" in out


def test_letters_as_text_and_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 later: date, fake_table: None) -> None:
    write_report(tmp_path, capsys, "--lang", "de")
    run_json(capsys, "case", "sent", "1", "--on", SENT.isoformat())
    report_sha = run_json(capsys, "case", "show", "1")["report"]["sha256"]
    export_sha = run_json(capsys, "case", "show", "1")["export"]["sha256"]

    code, out, err = run(capsys, "case", "reminder", "1", "--out", str(tmp_path / "r.txt"))
    assert code == 0, err
    reminder = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert "Erinnerung" in reminder and report_sha in reminder  # the report's language
    code, out, err = run(capsys, "case", "reminder", "1", "--out", str(tmp_path / "r.pdf"),
                         "--language", "en")
    assert code == 0, err
    text = pdf_text(tmp_path / "r.pdf")
    assert "Reminder: my report of" in text
    assert not re.search("[\ufb00-\ufb06]", text)  # no ligatures: "ff" reads back as typed
    assert "files" in text and "Officer" in text
    assert report_sha in text.replace(" ", "") and "Art. 12(3) GDPR" in text
    assert "1 / 1" in text or "1 / 2" in text

    code, out, err = run(capsys, "case", "complaint", "1", "--country", "xa-no",
                         "--out", str(tmp_path / "complaint.pdf"))
    assert code == 0, err
    assert "Test Authority of North Xanadu" in out and "2026-01-02" in out
    assert "https://source.example/xa-no" in out and "Companies established" in out
    text = pdf_text(tmp_path / "complaint.pdf")
    squeezed = text.replace(" ", "")
    assert "Beschwerde nach Art. 77 DSGVO" in text and "Test Authority of North Xanadu" in text
    assert export_sha in squeezed and report_sha in squeezed
    assert PdfReader(tmp_path / "complaint.pdf").metadata.title.startswith("Beschwerde")
    for secret in flagged_transcripts_of_demo():
        assert re.sub(r"\s+", " ", secret) not in text
    shown = run_json(capsys, "case", "show", "1")
    assert [event["kind"] for event in shown["events"]][-3:] == [
        "reminder", "reminder", "complaint"]
    code, _out, err = run(capsys, "case", "complaint", "1", "--country", "ZZ",
                          "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "covers XA" in err


def flagged_transcripts_of_demo() -> list[str]:
    from tests.helpers.report import checked_demo

    export, result = checked_demo()
    with export:
        return flagged_transcripts(result)


def test_a_corrected_export_is_checked_with_the_answer(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], later: date) -> None:
    write_report(tmp_path, capsys)
    shown = run_json(capsys, "case", "sent", "1", "--on", SENT.isoformat())
    assert [item["path"] for item in shown["withheld"]] == [TRANSCRIPTS_PDF]
    # Only the recordings dropped: the PDF of the other person's transcripts is still
    # there, and the tables with their rows cannot be verified from hashes.
    recordings_only = demo_variant(
        tmp_path / "recordings-only.zip",
        dict.fromkeys((item["path"] for item in shown["flagged"]), None))
    code, out, err = run(capsys, "case", "answered", "1", "--on", LATER.isoformat(),
                         "--corrected", str(recordings_only))
    assert code == 1, err
    assert "40 of 40 flagged files gone, 0 of 1 withheld files gone" in out
    assert f"withheld, still there: {TRANSCRIPTS_PDF}" in out
    assert "not verified: check that these no longer hold the other person's rows" in out
    assert GEOLOCATION in out
    fixed = demo_variant(tmp_path / "fixed.zip", dict.fromkeys(
        [*(item["path"] for item in shown["flagged"]), TRANSCRIPTS_PDF], None))
    code, out, err = run(capsys, "case", "answered", "1", "--on", LATER.isoformat(),
                         "--corrected", str(fixed))
    assert code == 0, err
    assert "40 of 40 flagged files gone, 1 of 1 withheld files gone" in out
    comparison = run_json(capsys, "case", "show", "1")["comparison"]
    assert comparison["corrected"] is True and comparison["own_missing"] == []
    assert comparison["withheld_still_there"] == []
    assert GEOLOCATION in comparison["not_verified"]
    # The same export again: nothing corrected, exit 1.
    code, out, err = run(capsys, "case", "answered", "1", "--on", LATER.isoformat(),
                         "--corrected", DEMO_ZIP)
    assert code == 1, err
    assert "0 of 40 flagged files gone, 40 still there" in out
    code, _out, err = run(capsys, "case", "answered", "1", "--on", LATER.isoformat(),
                          "--corrected", str(tmp_path / "missing.zip"))
    assert code == 2 and "cannot be read" in err and err.count("\n") == 1


def test_an_unreadable_corrected_export_records_no_answer(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], later: date) -> None:
    write_report(tmp_path, capsys)
    run_json(capsys, "case", "sent", "1", "--on", SENT.isoformat())
    code, _out, err = run(capsys, "case", "answered", "1", "--on", LATER.isoformat(),
                          "--note", "They sent a new export.",
                          "--corrected", str(tmp_path / "missing.zip"))
    assert code == 2 and "nothing was recorded" in err and err.count("\n") == 1, err
    shown = run_json(capsys, "case", "show", "1")
    assert shown["state"] == "overdue" and shown["answered"] is None
    assert [event["kind"] for event in shown["events"]] == ["report", "sent"]


@pytest.mark.parametrize("number", ["99999999999999999999", str(2 ** 63), "0", "-1", "one"])
def test_a_case_number_out_of_range_is_a_usage_error(
        capsys: pytest.CaptureFixture[str], number: str) -> None:
    code, _out, err = run(capsys, "case", "show", *(["--"] if number.startswith("-") else []),
                          number)
    assert code == 2
    assert f"“{number}” is not a case number" in err and "internal error" not in err
