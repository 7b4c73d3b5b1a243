"""The reminder and the complaint: what they must say (the first report by date and
SHA-256, the requests, the deadline, the evidence, the timeline), and what they must never
say (anything of the other person's recordings)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.report import REQUEST, STRANGER_SERIAL, DemoReport, flagged_transcripts
from tests.unit.cases.conftest import TODAY, WRITTEN
from viewer.cases import Case, CaseError, CaseStore, Comparison
from viewer.cases.authorities import authority_for
from viewer.cases.letters import complaint_text, reminder_text, short_name, timeline
from viewer.report import build_report_data, write_report
from viewer.report.json_report import REQUEST_KEYS
from viewer.report.texts import say

SENT = date(2024, 11, 8)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def overdue(cases: CaseStore, demo_report: DemoReport) -> Case:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    return cases.mark_sent(case.id, SENT)


def test_the_reminder_names_the_first_report_and_repeats_the_requests(overdue: Case) -> None:
    text = reminder_text(overdue, "en", TODAY)
    assert text.startswith(f"To: {overdue.controller}\n")
    assert "report of 6 November 2024" in text
    assert overdue.report_sha256 in text and overdue.export_sha256 in text
    assert "(report.json)" in text  # no PDF was written in these tests: the JSON is the report
    assert "On 8 November 2024 I sent you a report" in text
    assert "Art. 12(3) GDPR" in text and "by 9 December 2024" in text
    assert f"passed {(TODAY - date(2024, 12, 9)).days} days ago" in text
    assert "40 of its 100 recordings are not mine" in text
    for number, key in enumerate(REQUEST_KEYS, start=1):
        assert f"{number}. {say('en', key)}" in text
    assert "Please answer by 15 March 2025" in text and "Art. 77 GDPR" in text
    assert "Max Mustermann\nmax@example.de" in text
    # A case made without a name (from the CLI) still shows where to sign.
    unsigned = reminder_text(replace(overdue, user_name=""), "en", TODAY)
    assert "Kind regards,\n[your name and signature]\nmax@example.de" in unsigned


def test_the_german_reminder_translates_the_requests(overdue: Case) -> None:
    text = reminder_text(overdue, "de", TODAY)
    assert overdue.language == "en"
    assert "Meine Meldung vom 6. November 2024" in text and overdue.report_sha256 in text
    assert "Art. 12 Abs. 3 DSGVO" in text and "bis zum 9. Dezember 2024" in text
    for number, key in enumerate(REQUEST_KEYS, start=1):
        assert f"{number}. {say('de', key)}" in text
    assert "GDPR" not in text


def test_an_extension_is_part_of_the_reminder(cases: CaseStore, overdue: Case) -> None:
    extended = cases.mark_extended(overdue.id, date(2024, 12, 1))
    text = reminder_text(extended, "en", TODAY)
    assert "on 1 December 2024 you extended that by two months, to 10 February 2025" in text


def test_a_reminder_only_when_the_deadline_passed(cases: CaseStore, overdue: Case,
                                                  demo_report: DemoReport) -> None:
    with pytest.raises(CaseError, match=r"has not passed yet.*31 days left"):
        reminder_text(overdue, "en", SENT)
    draft = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    with pytest.raises(CaseError, match="not been sent"):
        reminder_text(draft, "en", TODAY)
    answered = cases.record_answer(overdue.id, date(2025, 1, 5), "")
    with pytest.raises(CaseError, match="is answered"):
        reminder_text(answered, "en", TODAY)
    with pytest.raises(CaseError, match="not “fr”"):
        reminder_text(overdue, "fr", TODAY)


def test_the_complaint_carries_the_report_s_evidence(overdue: Case, fake_authorities: Path,
                                                     demo_report: DemoReport) -> None:
    authority = authority_for("XA")
    text = complaint_text(overdue, authority, "en", TODAY)
    assert text.startswith("To: Test Authority of Xanadu\n1 Example Street\n12345 Example "
                           "City\n")
    assert "Complaint under Art. 77 GDPR against Amazon Europe Core S.à r.l.\n" in text
    assert "against Amazon Europe Core S.à r.l. Its answer" in text  # one full stop
    assert "On 1 October 2024 I asked" in text and "On 5 November 2024 I received" in text
    assert overdue.export_sha256 in text and overdue.report_sha256 in text
    assert "40 of its 100 recordings are not mine" in flat(text)
    assert f"held {demo_report.data.members} files, of them 100 recordings" in flat(text)
    for category in demo_report.data.categories:
        assert f"- {category.label[:1].upper()}{category.label[1:]} ({category.code}): " \
               f"{category.recordings} recordings" in text
    annex = text.split("Annex: files that are not mine")[1]
    for item in demo_report.data.flagged:
        codes = ", ".join(reason.code for reason in item.reasons if reason.weight > 0)
        assert f". {item.path}\n    SHA-256 {item.sha256}\n    {item.size:,} bytes; {codes}\n" \
            in annex
    for number, key in enumerate(REQUEST_KEYS, start=1):
        assert f"{number}. {say('en', key)}" in text
    assert "Art. 58(2)(c)" in text and "Art. 77(2)" in text


def test_the_complaint_tells_the_timeline_in_order(cases: CaseStore, overdue: Case,
                                                  fake_authorities: Path) -> None:
    cases.record_letter(overdue.id, date(2024, 12, 20), "reminder")
    cases.record_answer(overdue.id, date(2025, 1, 10), "They sent a new export.")
    comparison = Comparison(date(2025, 1, 12), "e" * 64, 38, overdue.flagged[:2], 60,
                            ("Alexa/Devices.csv",))
    case = cases.attach_comparison(overdue.id, comparison)
    text = complaint_text(case, authority_for("XA-NO"), "en", TODAY)
    section = text.split("4. Timeline\n")[1].split("\n\n")[0].splitlines()
    company = "Amazon Europe Core S.à r.l."
    assert case.controller.startswith(f"{company}, 38 avenue")  # the guessed name and address
    assert section == [
        f"1 October 2024: I asked {company} for my data (Art. 15 GDPR).",
        "5 November 2024: The export arrived.",
        "6 November 2024: I wrote the report (40 of 100 recordings not mine).",
        f"8 November 2024: I sent the report to {company}",  # its name ends the sentence
        f"20 December 2024: I wrote a reminder to {company}",
        f"10 January 2025: {company} answered. My note: They sent a new export.",
        f"12 January 2025: I checked a corrected export (SHA-256 {'e' * 64}). Files that "
        "are not mine: 38 of 40 gone, 2 still there. My own files: 60 there, 1 missing.",
    ]


def test_an_unanswered_complaint_shows_the_deadline_and_today(overdue: Case,
                                                              fake_authorities: Path) -> None:
    lines = timeline(overdue, "de", TODAY)
    assert lines[-2:] == [
        (date(2024, 12, 9), "Frist für die Antwort (Art. 12 Abs. 3 DSGVO)."),
        (TODAY, f"Heute: keine Antwort, {(TODAY - date(2024, 12, 9)).days} Tage nach Ablauf "
                "der Frist."),
    ]
    text = complaint_text(overdue, authority_for("XA"), "de", TODAY)
    assert "Beschwerde nach Art. 77 DSGVO gegen" in text
    assert "9. Dezember 2024: Frist für die Antwort" in text
    assert "Anlage: Dateien, die nicht von mir stammen" in text
    assert "GDPR" not in text


def test_no_complaint_before_the_report_was_sent(cases: CaseStore, demo_report: DemoReport,
                                                 fake_authorities: Path) -> None:
    draft = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    with pytest.raises(CaseError, match="not been sent"):
        complaint_text(draft, authority_for("XA"), "en", TODAY)


def test_no_complaint_while_the_deadline_has_not_passed(
        cases: CaseStore, demo_report: DemoReport, fake_authorities: Path) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    waiting = cases.mark_sent(case.id, date(2025, 2, 17))
    with pytest.raises(CaseError, match=r"(?s)has not passed yet: .* until 2025-03-17 \(16 days"):
        complaint_text(waiting, authority_for("XA"), "en", TODAY)
    # Answered before the deadline (perhaps poorly): a complaint is possible.
    answered = cases.record_answer(case.id, date(2025, 2, 20), "Not deleted.")
    assert "Complaint under Art. 77 GDPR" in complaint_text(
        answered, authority_for("XA"), "en", TODAY)


def test_no_letter_holds_the_other_person_s_content(
        cases: CaseStore, demo_report: DemoReport, fake_authorities: Path,
        tmp_path: Path) -> None:
    # The report with masked excerpts: the most of the other person that a report carries.
    data = build_report_data(demo_report.result, demo_report.export,
                             replace(REQUEST, include_excerpts=True), created=WRITTEN)
    written = write_report(tmp_path / "out", data, demo_report.export)
    excerpts = [item.excerpt for item in data.flagged if item.excerpt]
    assert excerpts
    case = cases.create_from_report(data, written, demo_report.export)
    case = cases.mark_sent(case.id, SENT)
    letters = [reminder_text(case, language, TODAY) for language in ("en", "de")]
    letters += [complaint_text(case, authority_for("XA"), language, TODAY)
                for language in ("en", "de")]
    secrets = [*flagged_transcripts(demo_report.result), *excerpts]
    assert secrets
    for letter in letters:
        folded = flat(letter).casefold()
        for secret in secrets:
            assert flat(secret).casefold() not in folded
        # Nor a fragment of one: no five words in a row of any transcript.
        for secret in flagged_transcripts(demo_report.result):
            words = secret.split()
            for start in range(max(0, len(words) - 4)):
                assert " ".join(words[start:start + 5]).casefold() not in folded
        assert STRANGER_SERIAL not in letter  # their device: evidence in the report only


def test_a_guessed_controller_is_named_without_its_address() -> None:
    assert short_name("Amazon Europe Core S.à r.l., 38 avenue John F. Kennedy, L-1855 "
                      "Luxembourg") == "Amazon Europe Core S.à r.l."
    assert short_name("Acme, Inc.") == "Acme, Inc."
    assert short_name("3M Deutschland GmbH") == "3M Deutschland GmbH"
