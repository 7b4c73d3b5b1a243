"""A cleaned copy of the export: a NEW ZIP without what is not the user's.

Members are streamed from the open export (``Export.open_member``) straight into the new
ZIP: nothing is unpacked to disk and the source is never touched. Recordings that are not
the user's, and files holding only the other person's data, are left out. A table that mixes
the user's rows with the other person's is rewritten without theirs (``viewer.report.tables``:
CSV rows, JSON records, cut out of the original text); a file that mixes both and cannot be
cleaned row by row (a PDF of transcripts, a table that cannot be cut safely) is left out,
never copied whole. A nested archive that holds left-out or rewritten members is rebuilt,
streaming; every other member is copied byte for byte (its content, not its compressed
form: it is compressed again, stored when the original was stored).
``MANIFEST-export-viewer.txt`` at the top lists what was left out and why, with sizes and
SHA-256, which files were rewritten, every row removed (file, row number and why, never
the row's content), and what could not be copied.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from viewer.archive import NEST_SEPARATOR, Export, Member, MemberError, OpenProgress
from viewer.report.data import ReportData, member_sha256_or_none
from viewer.report.strangers import RowWhy
from viewer.report.tables import RemovedRow, TablePlan, Unclean, clean_tables
from viewer.report.texts import say

MANIFEST_NAME = "MANIFEST-export-viewer.txt"
_CHUNK = 1 << 20
_ZIP64_NEAR = int(zipfile.ZIP64_LIMIT * 0.9)
#: Deflate quickly: most of an export is audio, which hardly compresses anyway.
_LEVEL = 1


@dataclass(frozen=True, slots=True)
class CleanCopy:
    path: Path
    manifest_name: str
    #: Member paths left out, in the export's order.
    left_out: tuple[str, ...]
    #: (path, reason) of members that could not be copied (damaged or refused).
    unreadable: tuple[tuple[str, str], ...]
    copied: int
    #: Member paths written without the other person's rows, in the export's order.
    rewritten: tuple[str, ...] = ()
    #: Every row removed from them (file, row, why; never the row's content).
    removed_rows: tuple[RemovedRow, ...] = ()


def clean_copy_name(data: ReportData) -> str:
    stem = Path(data.sources[0].name).stem if data.sources else "export"
    return f"{stem}-cleaned.zip"


def clean_copy_steps(export: Export, data: ReportData, target: Path,
                     ) -> Generator[OpenProgress, None, CleanCopy]:
    left_out = data.left_out()
    plan = yield from clean_tables(export, data.strangers, skip=left_out)
    for path, problem in plan.refused.items():
        left_out[path] = (say(data.language, "leftout.mixed",
                              kind=export.member(path).kind.value.upper())
                          if problem == Unclean.KIND else
                          say(data.language, "leftout.unsafe",
                              problem=say(data.language, problem)))
    children: dict[str, list[Member]] = {}
    for member in export.members:
        container, _, _ = member.path.rpartition(NEST_SEPARATOR)
        children.setdefault(container, []).append(member)
    dirty: set[str] = set()
    for path in (*left_out, *plan.rewritten):
        pieces = path.split(NEST_SEPARATOR)
        dirty.update(NEST_SEPARATOR.join(pieces[:end]) for end in range(1, len(pieces)))
    total = sum(member.size for member in export.members
                if member.path not in left_out and NEST_SEPARATOR not in member.path) or 1
    state = _State(left_out, children, dirty, export, total, plan)
    names = {member.path for member in children.get("", [])}
    manifest_name = MANIFEST_NAME
    number = 1
    while manifest_name in names:
        number += 1
        manifest_name = MANIFEST_NAME.replace(".txt", f"-{number}.txt")
    # The caller writes into a part file and removes it if this fails (write._atomic).
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=_LEVEL) as out:
        yield from state.copy_container(out, "")
        manifest = _manifest(data, state, export)
        out.writestr(manifest_name, manifest.encode("utf-8"))
    rewritten = tuple(state.rewritten)
    return CleanCopy(target, manifest_name, tuple(state.skipped), tuple(state.unreadable),
                     state.copied, rewritten,
                     tuple(row for row in plan.removed if row.path in rewritten))


class _State:
    def __init__(self, left_out: Mapping[str, str], children: dict[str, list[Member]],
                 dirty: set[str], export: Export, total: int, plan: TablePlan) -> None:
        self.left_out = left_out
        self.plan = plan
        self.children = children
        self.dirty = dirty
        self.export = export
        self.total = total
        self.done = 0
        self.copied = 0
        self.skipped: list[str] = []
        self.unreadable: list[tuple[str, str]] = []
        self.rewritten: list[str] = []

    def copy_container(self, out: zipfile.ZipFile, container: str,
                       ) -> Generator[OpenProgress, None, None]:
        prefix = container + NEST_SEPARATOR if container else ""
        for member in self.children.get(container, []):
            name = member.path[len(prefix):]
            if member.path in self.left_out:
                self.skipped.append(member.path)
                continue
            info = zipfile.ZipInfo(name, _date_time(member))
            if member.path in self.dirty:
                info.compress_type = zipfile.ZIP_STORED  # like the exports that nest them
                with out.open(info, "w", force_zip64=member.size > _ZIP64_NEAR) as raw, \
                        zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED,
                                        compresslevel=_LEVEL) as inner:
                    yield from self.copy_container(inner, member.path)
                continue
            if not member.readable:
                self.unreadable.append((member.path, "; ".join(member.problems)))
                continue
            content = self.plan.rewritten.get(member.path)
            if content is not None:
                info.compress_type = zipfile.ZIP_DEFLATED
                info._compresslevel = _LEVEL  # type: ignore[attr-defined]
                out.writestr(info, content)
                self.done += member.size
                self.copied += 1
                self.rewritten.append(member.path)
                continue
            stored = member.compressed_size >= member.size
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            if not stored:
                info._compresslevel = _LEVEL  # type: ignore[attr-defined]
            try:
                with self.export.open_member(member.path) as source, \
                        out.open(info, "w", force_zip64=member.size > _ZIP64_NEAR) as sink:
                    _copy(source, sink, self._advance)
            except MemberError as error:
                self.unreadable.append((member.path, error.reason))
                continue
            self.copied += 1
            if not container:
                yield OpenProgress("writing the cleaned copy", min(self.done, self.total),
                                   self.total, member.path)

    def _advance(self, count: int) -> None:
        self.done += count


def _copy(source: io.RawIOBase, sink: IO[bytes], advance: Callable[[int], None]) -> None:
    while chunk := source.read(_CHUNK):
        sink.write(chunk)
        advance(len(chunk))


def _date_time(member: Member) -> tuple[int, int, int, int, int, int]:
    moment = member.modified
    if moment is None or moment.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute,
            moment.second)


def _manifest(data: ReportData, state: _State, export: Export) -> str:
    language = data.language
    lines = [say(language, "manifest.title", version=data.tool_version),
             say(language, "manifest.source", files=data.source_names,
                 sha256=data.archive_sha256), "",
             say(language, "manifest.left_out", count=len(state.skipped))]
    sha_of = {item.path: item.sha256 for item in data.flagged}
    sha_of.update((item.path, item.sha256) for item in (*data.withheld, *data.mixed))
    for path in state.skipped:
        member = export.member(path)
        sha = sha_of.get(path) or member_sha256_or_none(export, path)
        lines.append(f"{path}\t{member.size}\t{sha or '-'}\t"
                     f"{state.left_out[path]}")
    if state.rewritten:
        lines += ["", say(language, "manifest.rewritten", count=len(state.rewritten))]
        for path in state.rewritten:
            content = state.plan.rewritten[path]
            original = export.member(path)
            lines.append(f"{path}\t{len(content)}\t{hashlib.sha256(content).hexdigest()}\t"
                         f"{original.size}\t{member_sha256_or_none(export, path) or '-'}")
        written = set(state.rewritten)
        rows = [row for row in state.plan.removed if row.path in written]
        lines += ["", say(language, "manifest.rows", count=len(rows))]
        lines += [f"{row.path}\t{row.locator}\t{_row_reason(row, language)}" for row in rows]
    if state.unreadable:
        lines += ["", say(language, "manifest.unreadable", count=len(state.unreadable))]
        lines += [f"{path}\t{reason}" for path, reason in state.unreadable]
    lines += ["", say(language, "manifest.kept")]
    return "\n".join(lines) + "\n"


def _row_reason(row: RemovedRow, language: str) -> str:
    """Why a row went: the recording it belongs to is named by its file name only."""
    if row.why in (RowWhy.TRANSCRIPT, RowWhy.EVENT):
        if row.recording is None:
            return say(language, "row.event_any")
        name = row.recording.rsplit(NEST_SEPARATOR, 1)[-1].rsplit("/", 1)[-1]
        return say(language, f"row.{row.why}", recording=name)
    return say(language, f"row.{row.why}")
