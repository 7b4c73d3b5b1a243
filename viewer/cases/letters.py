"""The letters a case writes: a reminder to the company when its deadline has passed, and a
complaint to a supervisory authority (Art. 77 GDPR), in English or German.

Both are made only from what a case keeps: dates, hashes, sizes, file paths, reason codes and
counts, the requests of the report and the user's own notes. A case holds no content of the
other person's files, so no letter can quote it.
"""

from __future__ import annotations

from datetime import date, timedelta

from viewer.cases.authorities import Authority
from viewer.cases.errors import CaseError
from viewer.cases.model import Case, CaseEvent, CaseState
from viewer.report.json_report import REQUEST_KEYS
from viewer.report.texts import LANGUAGES, capital, category_label, long_date, number
from viewer.report.texts import say as report_say

#: The company gets this long after a reminder before the user complains.
REMINDER_GRACE_DAYS = 14

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "to": "To",
        "greeting": "Dear Sir or Madam,\ndear Data Protection Officer,",
        "greeting_authority": "Dear Sir or Madam,",
        "closing": "Kind regards,",
        "unsigned": "[your name and signature]",
        "reminder.subject": "Subject: Reminder: my report of {written} (SHA-256 {report_sha}) "
                            "is unanswered – Art. 12(3) GDPR",
        "reminder.sent": "On {sent} I sent you a report showing that the data access export I "
                         "received from you ({export}; SHA-256 {export_sha}) contains another "
                         "person's personal data: {flagged} of its {recordings} recordings are "
                         "not mine.",
        "reminder.report": "The report is dated {written}; the file I sent ({report_name}) has "
                           "the SHA-256 checksum {report_sha}.",
        "reminder.deadline": "Under Art. 12(3) GDPR you had to answer within one month, by "
                             "{deadline}. That deadline passed {days} days ago, and I have "
                             "not received an answer.",
        "reminder.deadline_extended": "Under Art. 12(3) GDPR you had to answer within one "
                                      "month; on {extended} you extended that by two months, "
                                      "to {deadline}. That deadline passed {days} days ago, "
                                      "and I have not received an answer.",
        "reminder.repeat": "I therefore repeat my requests:",
        "reminder.ultimatum": "Please answer by {by}. Otherwise I will lodge a complaint with "
                              "the competent supervisory authority (Art. 77 GDPR).",
        "reminder.statement": "I still have not shared, published or forwarded the content of "
                              "the other person's files.",
        "complaint.subject": "Subject: Complaint under Art. 77 GDPR against {controller}",
        "complaint.intro": "I lodge a complaint under Art. 77 GDPR against {controller}. Its "
                           "answer to my data access request disclosed another person's "
                           "personal data to me, and it has not dealt with my report of that "
                           "as the GDPR requires.",
        "complaint.facts": "1. What happened",
        "complaint.asked": "On {requested} I asked {controller} for a copy of my personal data "
                           "under Art. 15 GDPR.",
        "complaint.received": "On {received} I received the export {export} (SHA-256 "
                              "{export_sha}).",
        "complaint.received_nodate": "I received the export {export} (SHA-256 {export_sha}).",
        "complaint.wrong": "{flagged} of its {recordings} recordings are not mine: the export "
                           "holds another person's personal data (a personal data breach, Art. "
                           "4(12) GDPR), and my own data may have gone to someone else.",
        "complaint.reported": "On {sent} I sent {controller} a report of this (dated {written}; "
                              "{report_name}, SHA-256 {report_sha}).",
        "complaint.evidence": "2. The evidence",
        "complaint.evidence_text": "The report lists every file that is not mine with its size "
                                   "and SHA-256 checksum, so that the controller (and you) can "
                                   "find the very files in the export. The export held "
                                   "{members} files, of them {recordings} recordings: "
                                   "{flagged} not mine, {unsure} unsure, {mine} mine. The "
                                   "evidence by kind (one recording often shows several):",
        "complaint.evidence_item": "- {label} ({code}): {count} recordings",
        "complaint.annex_ref": "The annex lists the files that are not mine.",
        "complaint.requests": "3. What I asked {controller} to do",
        "complaint.timeline": "4. Timeline",
        "complaint.ask": "5. What I ask of you",
        "complaint.ask_text": "Please examine this complaint, establish whether {controller} "
                              "has infringed Art. 12(3), 15, 33 and 34 GDPR, and order it to "
                              "comply with my requests (Art. 58(2)(c) GDPR). Please keep me "
                              "informed of the progress and the outcome (Art. 77(2) GDPR).",
        "complaint.offer": "I can send you the report (PDF and machine-readable), my "
                           "correspondence with {controller}, and the export as I received "
                           "it.",
        "complaint.statement": "I have not shared, published or forwarded the content of the "
                               "other person's files. This complaint contains none of it: "
                               "only file names, sizes, checksums and the kinds of evidence.",
        "complaint.annex": "Annex: files that are not mine (path, SHA-256, size and the "
                           "evidence by the codes of section 2)",
        "complaint.annex_line": "{number}. {path}\n    SHA-256 {sha}\n    {size}; {reasons}",
        "complaint.annex_unknown": "not readable",
        "bytes": "{count} bytes",
        "timeline.requested": "I asked {controller} for my data (Art. 15 GDPR).",
        "timeline.received": "The export arrived.",
        "timeline.report": "I wrote the report ({flagged} of {recordings} recordings not mine).",
        "timeline.sent": "I sent the report to {controller}.",
        "timeline.extended": "{controller} extended the deadline by two months.",
        "timeline.answered": "{controller} answered.",
        "timeline.answered_note": "{controller} answered. My note: {note}",
        "timeline.compared": "I checked a corrected export.",
        "timeline.comparison": "I checked a corrected export (SHA-256 {sha}). Files that are "
                               "not mine: {gone} of {flagged} gone, {still} still there. My "
                               "own files: {kept} there, {missing} missing.",
        "timeline.reminder": "I wrote a reminder to {controller}.",
        "timeline.complaint": "I wrote a complaint.",
        "timeline.closed": "I closed the case.",
        "timeline.deadline": "The deadline to answer (Art. 12(3) GDPR).",
        "timeline.today": "Today: no answer, {days} days after the deadline.",
        "timeline.today_waiting": "Today: no answer yet.",
    },
    "de": {
        "to": "An",
        "greeting": "Sehr geehrte Damen und Herren,\nsehr geehrte/r Datenschutzbeauftragte/r,",
        "greeting_authority": "Sehr geehrte Damen und Herren,",
        "closing": "Mit freundlichen Grüßen",
        "unsigned": "[Ihr Name und Ihre Unterschrift]",
        "reminder.subject": "Betreff: Erinnerung: Meine Meldung vom {written} (SHA-256 "
                            "{report_sha}) ist unbeantwortet – Art. 12 Abs. 3 DSGVO",
        "reminder.sent": "am {sent} habe ich Ihnen gemeldet, dass die Datenauskunft, die ich "
                         "von Ihnen erhalten habe ({export}; SHA-256 {export_sha}), "
                         "personenbezogene Daten einer anderen Person enthält: {flagged} ihrer "
                         "{recordings} Sprachaufnahmen stammen nicht von mir.",
        "reminder.report": "Der Bericht ist vom {written}; die Datei, die ich Ihnen gesandt "
                           "habe ({report_name}), hat die SHA-256-Prüfsumme {report_sha}.",
        "reminder.deadline": "Nach Art. 12 Abs. 3 DSGVO hätten Sie innerhalb eines Monats "
                             "antworten müssen, also bis zum {deadline}. Diese Frist ist seit "
                             "{days} Tagen abgelaufen, und ich habe keine Antwort erhalten.",
        "reminder.deadline_extended": "Nach Art. 12 Abs. 3 DSGVO hätten Sie innerhalb eines "
                                      "Monats antworten müssen; am {extended} haben Sie die "
                                      "Frist um zwei Monate verlängert, bis zum {deadline}. "
                                      "Diese Frist ist seit {days} Tagen abgelaufen, und ich "
                                      "habe keine Antwort erhalten.",
        "reminder.repeat": "Ich wiederhole daher meine Forderungen:",
        "reminder.ultimatum": "Bitte antworten Sie mir bis zum {by}. Andernfalls werde ich "
                              "mich bei der zuständigen Aufsichtsbehörde beschweren (Art. 77 "
                              "DSGVO).",
        "reminder.statement": "Ich habe den Inhalt der Dateien der anderen Person weiterhin "
                              "weder weitergegeben noch veröffentlicht oder weitergeleitet.",
        "complaint.subject": "Betreff: Beschwerde nach Art. 77 DSGVO gegen {controller}",
        "complaint.intro": "hiermit beschwere ich mich nach Art. 77 DSGVO über {controller}. "
                           "Mit der Antwort auf mein Auskunftsersuchen wurden mir "
                           "personenbezogene Daten einer anderen Person offengelegt, und meine "
                           "Meldung darüber wurde nicht so behandelt, wie die DSGVO es "
                           "verlangt.",
        "complaint.facts": "1. Was geschehen ist",
        "complaint.asked": "Am {requested} habe ich von {controller} nach Art. 15 DSGVO eine "
                           "Kopie meiner personenbezogenen Daten verlangt.",
        "complaint.received": "Am {received} habe ich die Datenauskunft {export} (SHA-256 "
                              "{export_sha}) erhalten.",
        "complaint.received_nodate": "Ich habe die Datenauskunft {export} (SHA-256 "
                                     "{export_sha}) erhalten.",
        "complaint.wrong": "{flagged} ihrer {recordings} Sprachaufnahmen stammen nicht von mir: "
                           "Die Datenauskunft enthält personenbezogene Daten einer anderen "
                           "Person (eine Verletzung des Schutzes personenbezogener Daten, Art. 4 "
                           "Nr. 12 DSGVO), und meine eigenen Daten sind möglicherweise an "
                           "andere gelangt.",
        "complaint.reported": "Am {sent} habe ich {controller} das gemeldet (Bericht vom "
                              "{written}; {report_name}, SHA-256 {report_sha}).",
        "complaint.evidence": "2. Die Belege",
        "complaint.evidence_text": "Der Bericht führt jede Datei, die nicht von mir stammt, mit "
                                   "Größe und SHA-256-Prüfsumme auf, sodass der Verantwortliche "
                                   "(und Sie) genau diese Dateien in der Datenauskunft finden "
                                   "können. Die Datenauskunft enthielt {members} Dateien, davon "
                                   "{recordings} Sprachaufnahmen: {flagged} nicht von mir, "
                                   "{unsure} unsicher, {mine} von mir. Die Belege nach Art "
                                   "(eine Aufnahme zeigt oft mehrere):",
        "complaint.evidence_item": "- {label} ({code}): {count} Aufnahmen",
        "complaint.annex_ref": "Die Anlage führt die Dateien auf, die nicht von mir stammen.",
        "complaint.requests": "3. Was ich von {controller} verlangt habe",
        "complaint.timeline": "4. Zeitlicher Ablauf",
        "complaint.ask": "5. Worum ich Sie bitte",
        "complaint.ask_text": "Bitte prüfen Sie diese Beschwerde, stellen Sie fest, ob "
                              "{controller} gegen Art. 12 Abs. 3, Art. 15, 33 und 34 DSGVO "
                              "verstoßen hat, und weisen Sie den Verantwortlichen an, meinen "
                              "Forderungen nachzukommen (Art. 58 Abs. 2 lit. c DSGVO). Bitte "
                              "unterrichten Sie mich über den Stand und das Ergebnis (Art. 77 "
                              "Abs. 2 DSGVO).",
        "complaint.offer": "Ich kann Ihnen den Bericht (als PDF und maschinenlesbar), meinen "
                           "Schriftwechsel mit {controller} und die Datenauskunft, wie ich sie "
                           "erhalten habe, zusenden.",
        "complaint.statement": "Ich habe den Inhalt der Dateien der anderen Person weder "
                               "weitergegeben noch veröffentlicht oder weitergeleitet. Diese "
                               "Beschwerde enthält nichts davon, nur Dateinamen, Größen, "
                               "Prüfsummen und die Art der Belege.",
        "complaint.annex": "Anlage: Dateien, die nicht von mir stammen (Pfad, SHA-256, Größe "
                           "und die Belege mit den Kürzeln aus Abschnitt 2)",
        "complaint.annex_line": "{number}. {path}\n    SHA-256 {sha}\n    {size}; {reasons}",
        "complaint.annex_unknown": "nicht lesbar",
        "bytes": "{count} Bytes",
        "timeline.requested": "Ich habe von {controller} Auskunft verlangt (Art. 15 DSGVO).",
        "timeline.received": "Die Datenauskunft ist eingegangen.",
        "timeline.report": "Ich habe den Bericht erstellt ({flagged} von {recordings} "
                           "Sprachaufnahmen nicht von mir).",
        "timeline.sent": "Ich habe den Bericht an {controller} gesandt.",
        "timeline.extended": "{controller} hat die Frist um zwei Monate verlängert.",
        "timeline.answered": "{controller} hat geantwortet.",
        "timeline.answered_note": "{controller} hat geantwortet. Meine Notiz: {note}",
        "timeline.compared": "Ich habe eine berichtigte Datenauskunft geprüft.",
        "timeline.comparison": "Ich habe eine berichtigte Datenauskunft geprüft (SHA-256 "
                               "{sha}). Dateien, die nicht von mir stammen: {gone} von "
                               "{flagged} entfernt, {still} noch enthalten. Meine eigenen "
                               "Dateien: {kept} enthalten, {missing} fehlen.",
        "timeline.reminder": "Ich habe {controller} erinnert.",
        "timeline.complaint": "Ich habe eine Beschwerde verfasst.",
        "timeline.closed": "Ich habe den Fall abgeschlossen.",
        "timeline.deadline": "Frist für die Antwort (Art. 12 Abs. 3 DSGVO).",
        "timeline.today": "Heute: keine Antwort, {days} Tage nach Ablauf der Frist.",
        "timeline.today_waiting": "Heute: noch keine Antwort.",
    },
}


def say(language: str, key: str, **values: object) -> str:
    text = TEXTS[language][key]
    if not values:
        return text
    text = text.format(**values)
    controller = str(values.get("controller", ""))
    if controller.endswith("."):  # "... S.à r.l." at the end of a sentence: one full stop
        text = text.replace(f"{controller}.", controller)
    return text


def reminder_text(case: Case, language: str, today: date) -> str:
    """The reminder for a case whose deadline has passed without an answer."""
    _check_language(language)
    state = case.state(today)
    if state is not CaseState.OVERDUE or case.sent_on is None or case.deadline is None:
        raise CaseError(_not_overdue(case, state, today))
    deadline = case.deadline
    values = _values(case, language)
    days = number((today - deadline).days, language)
    if case.extended_on is not None:
        late = say(language, "reminder.deadline_extended", days=days,
                   extended=_day(case.extended_on, language), deadline=_day(deadline, language))
    else:
        late = say(language, "reminder.deadline", days=days, deadline=_day(deadline, language))
    paragraphs = [
        f"{say(language, 'to')}: {case.controller}",
        say(language, "reminder.subject", **values),
        say(language, "greeting"),
        say(language, "reminder.sent", sent=_day(case.sent_on, language), **values) + " " +
        say(language, "reminder.report", **values),
        late,
        say(language, "reminder.repeat") + "\n" + _numbered(requests_in(case, language)),
        say(language, "reminder.ultimatum",
            by=_day(today + timedelta(days=REMINDER_GRACE_DAYS), language)),
        say(language, "reminder.statement"),
        _signed(case, language),
    ]
    return "\n\n".join(paragraphs) + "\n"


def complaint_text(case: Case, authority: Authority, language: str, today: date) -> str:
    """The complaint to ``authority`` about a case that is overdue, answered or closed
    (CaseError before the report was sent or while its deadline has not passed)."""
    _check_language(language)
    if case.sent_on is None:
        raise CaseError(f"Case {case.id} has not been sent yet: a complaint says that the "
                        "company did not deal with your report, so send the report first "
                        f"(export-viewer case sent {case.id} --on YYYY-MM-DD).")
    if case.state(today) is CaseState.SENT:
        # The letter says the company did not deal with the report as the GDPR requires;
        # before the deadline it still may. An answer (even a poor one) allows a complaint.
        raise CaseError(f"The deadline of case {case.id} has not passed yet: "
                        f"{case.controller} has until {case.deadline} "
                        f"({case.days_left(today)} days left) to answer. A complaint is "
                        "possible once it has passed or the company has answered.")
    values = _values(case, language)
    facts = []
    if case.requested_on is not None:
        facts.append(say(language, "complaint.asked",
                         requested=_day(case.requested_on, language), **values))
    if case.received_on is not None:
        facts.append(say(language, "complaint.received",
                         received=_day(case.received_on, language), **values))
    else:
        facts.append(say(language, "complaint.received_nodate", **values))
    facts.append(say(language, "complaint.wrong", **values))
    facts.append(say(language, "complaint.reported", sent=_day(case.sent_on, language),
                     **values))
    categories = "\n".join(
        say(language, "complaint.evidence_item", label=capital(category_label(language, code)),
            code=code, count=number(count, language))
        for code, count in case.categories())
    evidence = say(language, "complaint.evidence_text", **values)
    if categories:
        evidence += "\n" + categories
    evidence += "\n" + say(language, "complaint.annex_ref")
    recipient = "\n".join(part for part in (authority.name, authority.address) if part)
    paragraphs = [
        f"{say(language, 'to')}: {recipient}",
        say(language, "complaint.subject", **values),
        say(language, "greeting_authority"),
        say(language, "complaint.intro", **values),
        say(language, "complaint.facts") + "\n" + " ".join(facts),
        say(language, "complaint.evidence") + "\n" + evidence,
        say(language, "complaint.requests", **values) + "\n"
        + _numbered(requests_in(case, language)),
        say(language, "complaint.timeline") + "\n" + "\n".join(
            f"{_day(day, language)}: {text}" for day, text in timeline(case, language, today)),
        say(language, "complaint.ask") + "\n" + say(language, "complaint.ask_text", **values),
        say(language, "complaint.offer", **values),
        say(language, "complaint.statement"),
        _signed(case, language),
        say(language, "complaint.annex") + "\n" + _annex(case, language),
    ]
    return "\n\n".join(paragraphs) + "\n"


def timeline(case: Case, language: str, today: date) -> list[tuple[date, str]]:
    """The case's history, in order, in ``language``: the request, the export's arrival,
    every recorded step, the deadline, and today while the answer is missing."""
    _check_language(language)
    values = _values(case, language)
    lines: list[tuple[date, str]] = []
    if case.requested_on is not None:
        lines.append((case.requested_on, say(language, "timeline.requested", **values)))
    if case.received_on is not None:
        lines.append((case.received_on, say(language, "timeline.received")))
    compared = [index for index, event in enumerate(case.events) if event.kind == "compared"]
    for index, event in enumerate(case.events):
        latest = bool(compared) and index == compared[-1]
        lines.append((event.when, _event_text(case, event, language, values, latest)))
    state = case.state(today)
    deadline = case.deadline
    if deadline is not None and case.answered_on is None:
        lines.append((deadline, say(language, "timeline.deadline")))
        if state is CaseState.OVERDUE:
            lines.append((today, say(language, "timeline.today",
                                     days=number((today - deadline).days, language))))
        elif state is CaseState.SENT:
            lines.append((today, say(language, "timeline.today_waiting")))
    # Stable: on one day, the order things were recorded in.
    return sorted(lines, key=lambda line: line[0])


def requests_in(case: Case, language: str) -> list[str]:
    """The report's requests, in ``language``: as the report said them when that is the
    case's language, else the same requests translated (when they are the report's own)."""
    if language == case.language:
        return list(case.requests)
    own = [report_say(case.language, key) for key in REQUEST_KEYS]
    if list(case.requests) == own:
        return [report_say(language, key) for key in REQUEST_KEYS]
    return list(case.requests)


# -- pieces ---------------------------------------------------------------------------------

def _values(case: Case, language: str) -> dict[str, str]:
    files = dict(case.report_files)
    report_name = next((name for name in ("report.pdf", "report.json") if name in files),
                       case.report_files[0][0] if case.report_files else "")
    counts = case.counts
    return {
        "controller": short_name(case.controller),
        "export": case.export_name,
        "export_sha": case.export_sha256,
        "report_sha": case.report_sha256,
        "report_name": report_name,
        "written": _day(case.report_written, language),
        "flagged": number(len(case.flagged), language),
        "recordings": number(counts.get("recordings", 0), language),
        "members": number(counts.get("members", 0), language),
        "mine": number(counts.get("mine", 0), language),
        "unsure": number(counts.get("unsure", 0), language),
    }


def _event_text(case: Case, event: CaseEvent, language: str, values: dict[str, str],
                latest_comparison: bool) -> str:
    kind = event.kind
    if kind == "answered":
        if event.detail:
            return say(language, "timeline.answered_note", note=event.detail, **values)
        return say(language, "timeline.answered", **values)
    if kind == "compared" and latest_comparison and case.comparison is not None:
        comparison = case.comparison
        return say(language, "timeline.comparison", sha=comparison.corrected_sha256,
                   gone=number(comparison.flagged_gone, language),
                   flagged=values["flagged"],
                   still=number(len(comparison.flagged_still_there), language),
                   kept=number(comparison.own_kept, language),
                   missing=number(len(comparison.own_missing), language))
    key = f"timeline.{kind}"
    if key in TEXTS[language]:
        return say(language, key, **values)
    return event.detail


def _annex(case: Case, language: str) -> str:
    unknown = say(language, "complaint.annex_unknown")
    lines = []
    for index, item in enumerate(case.flagged, start=1):
        size = (say(language, "bytes", count=number(item.size, language)) if item.size >= 0
                else unknown)
        reasons = ", ".join(item.reasons) or "-"
        lines.append(say(language, "complaint.annex_line", number=index, path=item.path,
                         size=size, sha=item.sha256 or unknown, reasons=reasons))
    return "\n".join(lines) or "-"


def short_name(controller: str) -> str:
    """The controller's name without the address a guessed name carries ("Amazon Europe Core
    S.à r.l., 38 avenue John F. Kennedy, L-1855 Luxembourg"): the parts before the first
    one with a digit. The address still heads the letter ("To: ...")."""
    parts = controller.split(", ")
    kept: list[str] = []
    for part in parts:
        if kept and any(char.isdigit() for char in part):
            break
        kept.append(part)
    return ", ".join(kept)


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{index}. {item}" for index, item in enumerate(items, start=1))


def _signed(case: Case, language: str) -> str:
    # Without a name the letter still shows where to sign: an unsigned complaint is not
    # one an authority can act on.
    signature = "\n".join(part for part in (case.user_name or say(language, "unsigned"),
                                            case.contact) if part)
    return say(language, "closing") + "\n" + signature


def _day(value: date, language: str) -> str:
    return long_date(value, language) or ""


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise CaseError(f"Letters are written in {' or '.join(LANGUAGES)}, not “{language}”.")


def _not_overdue(case: Case, state: CaseState, today: date) -> str:
    if state is CaseState.DRAFT:
        return (f"Case {case.id} has not been sent yet; a reminder follows a report that was "
                f"sent (export-viewer case sent {case.id} --on YYYY-MM-DD).")
    if state is CaseState.SENT:
        return (f"The deadline of case {case.id} has not passed yet: {case.controller} has "
                f"until {case.deadline} ({case.days_left(today)} days left).")
    return (f"Case {case.id} is {state.value}; a reminder is for a case whose deadline "
            "passed without an answer.")
