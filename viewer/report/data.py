"""What a discrepancy report says, as plain data built from a finished check.

``build_report_data`` turns a ``CheckResult`` (plus the open ``Export`` for member sizes and
hashes, and the user's details in a ``ReportRequest``) into a ``ReportData`` that every
output (PDF, JSON, CSV, letter, cleaned copy) is written from. It is also the one place that
keeps the third party's content out: reasons are carried as codes, labels and the check's
sentences with every quoted passage withheld; transcripts of not-mine recordings appear only
as masked excerpts, and only when the user asks for them. What the cleaned copy removes row
by row (``viewer.report.strangers``) is withheld from the report too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from viewer import __version__
from viewer.analysis.check import CheckResult
from viewer.analysis.findings import Finding, RecordingVerdict, Verdict
from viewer.analysis.verdicts import decide
from viewer.archive import NEST_SEPARATOR, Export, MemberError, SourceFile
from viewer.report.controllers import UNKNOWN_CONTROLLER, guess_controller
from viewer.report.redact import mask_text
from viewer.report.strangers import StrangerRows, find_stranger_rows
from viewer.report.tables import table_format
from viewer.report.texts import LANGUAGES, category_code, category_label, say

#: Codes whose sentences quote what was said; their evidence values are never reported.
CONTENT_CODES = frozenset({"language-mismatch", "unknown-names"})
#: Quoted passages that are the platform's own words, not a person's.
SAFE_QUOTES = frozenset({"From unrecognized speaker"})
WITHHELD = "[withheld]"
_QUOTED = re.compile(r"“([^”]*)”")


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What the user tells the report about themselves and the request."""

    #: Who sent the export; empty: guessed from the export's formats.
    controller: str = ""
    user_name: str = ""
    contact: str = ""
    requested: date | None = None
    received: date | None = None
    language: str = "en"
    include_excerpts: bool = False


@dataclass(frozen=True, slots=True)
class SourceInfo:
    name: str
    kind: str
    size: int
    sha256: str | None


@dataclass(frozen=True, slots=True)
class ReceivedFile:
    """One file as it arrived: the ZIP, each part of a split download, or each file of a
    folder (``folder`` names it; ``name`` is then the path inside it)."""

    name: str
    size: int
    sha256: str | None
    folder: str | None = None

    @property
    def label(self) -> str:
        return f"{self.folder}/{self.name}" if self.folder else self.name


#: How the export's identity (``ReportData.archive_sha256``) is made from what arrived.
IDENTITY_FILE = "file"      # the SHA-256 of the one file
IDENTITY_PARTS = "parts"    # of "export-viewer/parts\n" + the sources' SHA-256, sorted, one a line
IDENTITY_FOLDER = "folder"  # of "export-viewer/folder\n" + "<sha256>  <path>\n" per file


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    weight: float
    #: In the report's language.
    label: str
    #: The check's own sentence (English), with quoted content withheld.
    detail: str
    evidence: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class FlaggedFile:
    """One recording that is not the user's."""

    path: str
    size: int | None
    sha256: str | None
    time: datetime | None
    device: str | None
    verdict: str
    score: float
    user_marked: bool
    reasons: tuple[Reason, ...]
    #: Masked, and only with ``include_excerpts``.
    excerpt: str | None = None


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    label: str
    recordings: int
    weight: float


@dataclass(frozen=True, slots=True)
class WithheldMember:
    """A member that is not a recording but holds only the third party's data (or, in
    ``ReportData.mixed``, the user's and the third party's, in a form that cannot be cleaned
    row by row)."""

    path: str
    size: int
    sha256: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class ReportData:
    request: ReportRequest
    controller: str
    #: False when the user named the controller; True when it was guessed (or unknown).
    controller_guessed: bool
    created: datetime
    tool_version: str
    archive_sha256: str
    sources: tuple[SourceInfo, ...]
    formats: tuple[str, ...]
    members: int
    bytes_total: int
    #: (kind, files, bytes), largest count first.
    by_kind: tuple[tuple[str, int, int], ...]
    recordings: int
    by_verdict: Mapping[str, int]
    user_marked: int
    categories: tuple[Category, ...]
    flagged: tuple[FlaggedFile, ...]
    withheld: tuple[WithheldMember, ...]
    profile_used: bool
    voice_used: bool
    problems: tuple[str, ...] = ()
    #: The third party's rows in tables that also hold the user's (for the cleaned copy).
    strangers: StrangerRows = field(default_factory=StrangerRows)
    #: Members mixing both in a form that cannot be cleaned row by row (a PDF of
    #: transcripts): the cleaned copy leaves them out; not "only the other person's data".
    mixed: tuple[WithheldMember, ...] = ()
    #: Every file that arrived (split parts, a folder's files), in the order opened; the
    #: evidence that ``archive_sha256`` is made from (see ``identity``).
    received: tuple[ReceivedFile, ...] = ()
    #: IDENTITY_FILE, IDENTITY_PARTS or IDENTITY_FOLDER.
    identity: str = IDENTITY_FILE
    #: The other person's words, for ``scrub`` (None: only quoted passages are withheld).
    secrets: Secrets | None = field(default=None, repr=False, compare=False)

    def scrub(self, text: str) -> str:
        """``text`` (a file name can quote a transcript) with the other person's words
        replaced by [withheld], as the report's sentences are."""
        return withhold_quotes(text) if self.secrets is None else self.secrets.scrub(text)

    @property
    def language(self) -> str:
        return self.request.language

    @property
    def source_names(self) -> str:
        return ", ".join(source.name for source in self.sources)

    def received_names(self, most: int = 4, quote: str = "{}") -> str:
        """The received files by name (each formatted with ``quote``), the first ``most``
        of many followed by how many more; a folder's files after the folder's name."""
        if not self.received:
            return ", ".join(quote.format(source.name) for source in self.sources)
        names = [quote.format(item.label) for item in self.received[:most]]
        if len(self.received) > most:
            names.append(say(self.language, "received_more",
                             count=len(self.received) - most))
        return ", ".join(names)

    @property
    def statement(self) -> str:
        """That the user shared nothing (and, with excerpts, how they were masked)."""
        statement = say(self.language, "statement")
        if self.request.include_excerpts:
            statement += say(self.language, "statement_excerpts")
        return statement

    @property
    def source_bytes(self) -> int:
        """Bytes received: the files that arrived (a folder's size would count a split
        part's merged members again)."""
        if self.received:
            return sum(item.size for item in self.received)
        return sum(source.size for source in self.sources)

    def left_out(self) -> dict[str, str]:
        """Member path -> why the cleaned copy leaves it out (in the report's language)."""
        language = self.language
        gone = {item.path: say(language, "leftout.not_mine", reasons=", ".join(
            reason.code for reason in item.reasons if reason.weight > 0) or "-")
            for item in self.flagged}
        gone.update((item.path, item.reason) for item in self.withheld)
        gone.update((item.path, item.reason) for item in self.mixed)
        return gone


def received_date(path: str | Path) -> date | None:
    """When the export arrived, as far as the disk knows: its file's modification day."""
    try:
        return datetime.fromtimestamp(Path(path).stat().st_mtime).date()
    except OSError:
        return None


def with_marks(result: CheckResult, marks: Mapping[str, str | Verdict]) -> CheckResult:
    """The result with the user's current marks applied (they always win).

    The window keeps marks made since the last check in its review store; a report must
    say what the user sees.
    """
    if not marks:
        return result
    verdicts = []
    for verdict in result.verdicts:
        mark = marks.get(verdict.path)
        if mark is None:
            verdicts.append(verdict)
            continue
        mark = Verdict(mark)
        findings = list(verdict.reasons)
        if mark is Verdict.UNSURE:
            verdicts.append(replace(verdict, verdict=Verdict.UNSURE, user_marked=True))
        else:
            verdicts.append(decide(verdict.path, findings, mark=mark))
    return replace(result, verdicts=tuple(verdicts))


def withhold_quotes(text: str) -> str:
    """Replace every quoted passage (“…”) by [withheld], except the platform's own labels."""
    return _QUOTED.sub(lambda match: match.group(0) if match.group(1) in SAFE_QUOTES
                       else f"“{WITHHELD}”", text)


def build_report_data(result: CheckResult, export: Export, request: ReportRequest, *,
                      created: datetime | None = None) -> ReportData:
    if request.language not in LANGUAGES:
        raise ValueError(f"the report language must be one of {', '.join(LANGUAGES)}, "
                         f"not “{request.language}”")
    language = request.language
    contents = result.contents
    flagged_verdicts = [verdict for verdict in result.verdicts
                        if verdict.verdict is Verdict.NOT_MINE]
    strangers = find_stranger_rows(result)
    secrets = Secrets((*_flagged_texts(result, flagged_verdicts), *strangers.secrets))
    people = result.profile.people if result.profile else ()

    flagged = tuple(_flagged_file(result, export, verdict, request, secrets, people)
                    for verdict in flagged_verdicts)
    kinds: Counter[str] = Counter()
    kind_bytes: Counter[str] = Counter()
    for member in export.members:
        kinds[member.kind.value] += 1
        kind_bytes[member.kind.value] += member.size
    # An opened nested archive's bytes are its members' bytes: count them once. So are a
    # split part's in a folder, whose members are merged into the root (their source).
    paths = {member.path for member in export.members}
    containers = {member.path.rpartition(NEST_SEPARATOR)[0] for member in export.members}
    containers |= {member.source for member in export.members
                   if member.source in paths and not member.path.startswith(member.source)}
    withheld = _withheld_members(result, export, flagged_verdicts, strangers, language)
    controller = request.controller.strip()
    guessed = not controller
    if guessed:
        controller = guess_controller(contents.formats) or UNKNOWN_CONTROLLER[language]
    return ReportData(
        request=request, controller=controller, controller_guessed=guessed,
        created=(created or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0),
        tool_version=__version__,
        archive_sha256=result.archive_sha256,
        sources=tuple(SourceInfo(Path(source.path).name, source.kind, source.size,
                                 source.sha256) for source in result.sources),
        formats=tuple(contents.formats),
        members=len(export.members),
        bytes_total=sum(member.size for member in export.members
                        if member.path not in containers),
        by_kind=tuple((kind, count, kind_bytes[kind]) for kind, count in
                      sorted(kinds.items(), key=lambda item: (-item[1], item[0]))),
        recordings=len(result.verdicts),
        by_verdict={verdict.value: result.count(verdict) for verdict in Verdict},
        user_marked=sum(1 for verdict in result.verdicts if verdict.user_marked),
        categories=_categories(flagged, language),
        flagged=flagged,
        withheld=withheld,
        profile_used=result.profile is not None and not result.profile.is_empty,
        voice_used=bool(result.voices) or any(finding.code.startswith("voice")
                                               for finding in result.findings),
        problems=tuple(secrets.scrub(problem) for problem in result.problems),
        strangers=strangers,
        mixed=_mixed_members(export, strangers, flagged, withheld, language),
        received=received_files(export, result.sources),
        identity=(IDENTITY_PARTS if len(result.sources) > 1 else
                  IDENTITY_FOLDER if result.sources and result.sources[0].kind == "folder"
                  else IDENTITY_FILE),
        secrets=secrets,
    )


def received_files(export: Export, sources: Iterable[SourceFile]) -> tuple[ReceivedFile, ...]:
    """Every file that arrived: each ZIP (or part) as it is, and each file of a folder with
    its content's SHA-256, in the order the folder's identity hashes them. A folder's file
    that was refused (a link, a name that clashes with a split part's member) is listed
    without a SHA-256: it was not read, and is not part of the identity."""
    received: list[ReceivedFile] = []
    for source in sources:
        name = Path(source.path).name
        if source.kind != "folder":
            received.append(ReceivedFile(name, source.size, source.sha256))
            continue
        for member in export.members:
            # The folder's own files: not those of a split part merged into its root, nor
            # of a nested ZIP (their source is the part or the ZIP).
            if member.source != name or NEST_SEPARATOR in member.path:
                continue
            # A refused file's path may be a readable member's too: never look it up.
            sha = member_sha256_or_none(export, member.path) if member.readable else None
            received.append(ReceivedFile(member.path, member.size, sha, folder=name))
    return tuple(received)


# --- the pieces ---------------------------------------------------------------------------

def _flagged_texts(result: CheckResult, flagged: list[RecordingVerdict]) -> tuple[str, ...]:
    """Every transcript text of a not-mine recording: what must never be written."""
    texts: set[str] = set()
    for verdict in flagged:
        entry = result.contents.transcript_for(verdict.path)
        if entry is not None:
            texts.update(text.strip() for text in (entry.text, entry.reply or "")
                         if len(text.strip()) >= 4)
    return tuple(sorted(texts, key=len, reverse=True))


class Secrets:
    """Text that must never be written (the other person's words and values), found in a
    string in one pass over it: secrets are indexed by their first few characters, so a
    report of thousands of recordings does not test every secret against every sentence."""

    HEAD = 4

    def __init__(self, texts: Iterable[str]) -> None:
        unique = {text.strip() for text in texts if len(text.strip()) >= self.HEAD}
        self._by_head: dict[str, list[tuple[str, str]]] = {}
        for text in sorted(unique, key=lambda item: (-len(item), item)):
            folded = text.casefold()
            self._by_head.setdefault(folded[:self.HEAD], []).append((text, folded))

    def scrub(self, text: str) -> str:
        """``text`` with quoted passages and every secret in it replaced by [withheld]."""
        text = withhold_quotes(text)
        folded = text.casefold()
        found: dict[str, None] = {}
        for start in range(len(folded) - self.HEAD + 1):
            for secret, folded_secret in self._by_head.get(folded[start:start + self.HEAD], ()):
                if folded.startswith(folded_secret, start):
                    found[secret] = None
        for secret in sorted(found, key=len, reverse=True):
            text = re.sub(re.escape(secret), WITHHELD, text, flags=re.IGNORECASE)
        return text


def _reason(finding: Finding, language: str, secrets: Secrets) -> Reason:
    evidence: tuple[tuple[str, str, str], ...] = ()
    if finding.code not in CONTENT_CODES:
        evidence = tuple((item.path, item.locator, secrets.scrub(item.value))
                         for item in finding.evidence)
    else:
        evidence = tuple((item.path, item.locator, "") for item in finding.evidence)
    return Reason(finding.code, finding.weight, category_label(language, finding.code),
                  secrets.scrub(finding.detail), evidence)


def _flagged_file(result: CheckResult, export: Export, verdict: RecordingVerdict,
                  request: ReportRequest, secrets: Secrets,
                  people: tuple[str, ...]) -> FlaggedFile:
    recording = result.contents.recording(verdict.path)
    size = export.member(verdict.path).size if verdict.path in export else None
    sha = member_sha256_or_none(export, verdict.path)
    reasons = tuple(_reason(finding, request.language, secrets)
                    for finding in verdict.reasons)
    if verdict.user_marked:
        reasons = (Reason("user-mark", 1.0, category_label(request.language, "user-mark"),
                          "You marked it as not yours yourself."), *reasons)
    excerpt = None
    if request.include_excerpts:
        entry = result.contents.transcript_for(verdict.path)
        if entry is not None and entry.text.strip():
            names = [*people, *(match for reason in verdict.reasons
                                if reason.code == "unknown-names"
                                for match in _QUOTED.findall(reason.detail))]
            excerpt = mask_text(entry.text, names)
    return FlaggedFile(
        path=verdict.path, size=size, sha256=sha,
        time=recording.start if recording else None,
        device=recording.device if recording else None,
        verdict=verdict.verdict.value, score=verdict.score, user_marked=verdict.user_marked,
        reasons=reasons, excerpt=excerpt)


def _categories(flagged: tuple[FlaggedFile, ...], language: str) -> tuple[Category, ...]:
    counts: Counter[str] = Counter()
    strongest: dict[str, float] = {}
    for item in flagged:
        codes = set()
        for reason in item.reasons:
            if reason.weight <= 0:
                continue
            code = category_code(reason.code)
            codes.add(code)
            strongest[code] = max(strongest.get(code, 0.0), reason.weight)
        counts.update(codes)
    ranked = sorted(counts, key=lambda code: (-strongest[code], -counts[code], code))
    return tuple(Category(code, category_label(language, code), counts[code],
                          strongest[code]) for code in ranked)


def _withheld_members(result: CheckResult, export: Export,
                      flagged: list[RecordingVerdict], strangers: StrangerRows,
                      language: str) -> tuple[WithheldMember, ...]:
    """Members whose every transcript is the other person's (a loose PDF of the stranger's
    commands): not recordings, but nothing in them is the user's. A transcript is theirs
    when it belongs to a not-mine recording or, without a recording, was made at the time
    of one of their requests."""
    not_mine = {verdict.path for verdict in flagged}
    owner_of = {link.transcript: link.recording for link in result.contents.links
                if link.transcript}
    marked = {(mark.path, mark.locator) for mark in strangers.marks}
    by_member: dict[str, list[bool]] = {}
    for entry in result.contents.transcripts:
        theirs = owner_of.get(entry.id) in not_mine or (
            entry.id not in owner_of and (entry.source.path, entry.source.locator) in marked)
        by_member.setdefault(entry.source.path, []).append(theirs)
    withheld = []
    for path, each_theirs in sorted(by_member.items()):
        if path in not_mine or path not in export:
            continue
        if each_theirs and all(each_theirs):
            withheld.append(WithheldMember(path, export.member(path).size,
                                           member_sha256_or_none(export, path),
                                           say(language, "withheld_reason")))
    return tuple(withheld)


def _mixed_members(export: Export, strangers: StrangerRows, flagged: tuple[FlaggedFile, ...],
                   withheld: tuple[WithheldMember, ...], language: str,
                   ) -> tuple[WithheldMember, ...]:
    """Members that hold some of the other person's rows in a form that cannot be cleaned
    row by row (a PDF, a chat text, an HTML page; a transcript that is a whole file)."""
    gone = {item.path for item in flagged} | {item.path for item in withheld}
    whole = {mark.path for mark in strangers.marks if not mark.locator}
    mixed = []
    for path in sorted(strangers.marked_paths() - gone):
        if path not in export:
            continue
        member = export.member(path)
        if table_format(member) is None or path in whole:
            mixed.append(WithheldMember(path, member.size, member_sha256_or_none(export, path),
                                        say(language, "leftout.mixed",
                                            kind=member.kind.value.upper())))
    return tuple(mixed)


def member_sha256_or_none(export: Export, path: str) -> str | None:
    """The member's SHA-256 (the export remembers what the check hashed), or None when the
    file is not in the export or cannot be read."""
    if path not in export:
        return None
    try:
        return export.member_sha256(path)
    except MemberError:
        return None
