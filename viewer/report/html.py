"""The report's body as HTML for Qt's rich-text engine (rendered to PDF in viewer/ui).

Kept to the HTML subset ``QTextDocument`` lays out well: tables with ``<thead>`` (whose row
repeats on every page), headings, lists, inline styles. Checksums are set in monospace in
four groups of 16 characters, so they never break in the middle of a group and a reader (or
a PDF text extractor) gets them whole once the spaces are removed.
"""

from __future__ import annotations

import posixpath
import string
from html import escape

from viewer.report.data import IDENTITY_FILE, ReceivedFile, ReportData
from viewer.report.json_report import REQUEST_KEYS
from viewer.report.texts import capital, category_code, long_date, number, say, size

SANS = "DejaVu Sans"
MONO = "DejaVu Sans Mono"
ACCENT = "#1f4e79"
SHADE = "#eef3f8"
#: A paragraph (almost no height) that starts a new page.
PAGE_BREAK = ('<p style="page-break-before: always; font-size: 1pt; margin: 0;">'
              "&nbsp;</p>")
RULE = "#9fb3c8"
ALERT = "#b3261e"
#: Received files listed in the PDF; an unpacked export can be a folder of 100,000 files,
#: which report.json lists in full.
RECEIVED_IN_PDF = 100


def hash_groups(value: str | None, per_line: int = 2) -> str:
    """``0123…`` -> four groups of 16, ``per_line`` groups to a line (HTML)."""
    if not value:
        return "–"
    groups = [value[index:index + 16] for index in range(0, len(value), 16)]
    lines = [" ".join(groups[index:index + per_line])
             for index in range(0, len(groups), per_line)]
    return "<br>".join(escape(line) for line in lines)


def category_keys(data: ReportData) -> dict[str, str]:
    """Letters A, B, C… for the evidence categories, so the long table stays narrow."""
    letters = string.ascii_uppercase
    return {category.code: letters[index] if index < len(letters) else str(index + 1)
            for index, category in enumerate(data.categories)}


def _h(text: str) -> str:
    return escape(text, quote=False)


def _common_folder(paths: list[str]) -> str:
    if len(paths) < 2:
        return ""
    folder = posixpath.commonpath(paths)
    return folder + "/" if folder else ""


def report_html(data: ReportData, *, breaks: frozenset[int] = frozenset()) -> str:
    """The report as HTML; ``breaks``: indices (0-based) of rows of the table of not-mine
    files that must start a new page (the PDF renderer finds them, so no row is split)."""
    lang = data.language
    req = data.request
    not_mine = data.by_verdict.get("not-mine", 0)
    parts: list[str] = [
        f'<html><body style="font-family: \'{SANS}\'; font-size: 9pt;">',
        f'<h1 style="font-size: 15pt; color: {ACCENT}; margin-bottom: 4pt;">'
        f'{_h(say(lang, "title"))}</h1>',
        '<table cellspacing="0" cellpadding="1" style="margin-bottom: 8pt;">',
        _meta_row(say(lang, "to"), data.controller),
        _meta_row(say(lang, "from"), ", ".join(part for part in (req.user_name, req.contact)
                                               if part) or say(lang, "not_given")),
        _meta_row(say(lang, "created"), long_date(data.created.date(), lang) or ""),
        "</table>",
    ]

    # -- the one-minute summary ----------------------------------------------------------
    requested = long_date(req.requested, lang)
    received = long_date(req.received, lang)
    files = data.received_names()
    asked = (say(lang, "asked_text", requested=requested, controller=data.controller)
             if requested else say(lang, "asked_text_nodate", controller=data.controller))
    arrived_values = {"files": files, "size": size(data.source_bytes, lang).split(" (")[0],
                      "members": number(data.members, lang),
                      "recordings": number(data.recordings, lang)}
    arrived = (say(lang, "arrived_text", received=received, **arrived_values) if received
               else say(lang, "arrived_text_nodate", **arrived_values))
    if not_mine:
        top = "; ".join(f"{category.label} ({number(category.recordings, lang)})"
                        for category in data.categories[:3])
        wrong = say(lang, "wrong_text", not_mine=number(not_mine, lang),
                    recordings=number(data.recordings, lang),
                    evidence=say(lang, "wrong_evidence", items=top))
    else:
        wrong = say(lang, "wrong_none")
    parts += [
        f'<table width="100%" cellspacing="0" cellpadding="8" '
        f'style="background-color: {SHADE}; border: 1px solid {RULE};"><tr><td>',
        f'<p style="font-size: 11pt; font-weight: bold; color: {ACCENT}; margin: 0;">'
        f'{_h(say(lang, "summary"))}</p>',
    ]
    if not_mine:
        headline = say(lang, "headline", not_mine=number(not_mine, lang),
                       recordings=number(data.recordings, lang))
        parts.append(f'<p style="font-size: 13pt; font-weight: bold; color: {ALERT}; '
                     f'margin-top: 4pt; margin-bottom: 2pt;">{_h(headline)}</p>')
    for label, text in (("asked", asked), ("arrived", arrived), ("wrong", wrong),
                        ("ask", say(lang, "ask_text"))):
        parts.append(f'<p style="margin-top: 5pt; margin-bottom: 0;"><b>{_h(say(lang, label))}'
                     f':</b> {_h(text)}</p>')
    parts.append("</td></tr></table>")

    # -- 1. the source ---------------------------------------------------------------------
    parts.append(_heading(say(lang, "source")))
    parts += _received(data)

    # -- 2. counts ------------------------------------------------------------------------
    parts.append(_heading(say(lang, "contents")))
    parts.append('<table width="100%" cellspacing="0" cellpadding="0"><tr>'
                 '<td width="48%" valign="top">')
    parts.append(_small_heading(say(lang, "by_kind")))
    parts.append(_table_start([(say(lang, "kind"), 40), (say(lang, "count"), 25),
                               (say(lang, "size"), 35)]))
    for kind, count, total in data.by_kind:
        parts.append(_row([_h(say(lang, f"kind.{kind}")), number(count, lang),
                           _h(size(total, lang).split(" (")[0])], align=["", "right", "right"]))
    parts.append(_row([f"<b>{_h(say(lang, 'count'))}</b>", f"<b>{number(data.members, lang)}"
                       "</b>", f"<b>{_h(size(data.bytes_total, lang).split(' (')[0])}</b>"],
                      align=["", "right", "right"]))
    parts.append('</table></td><td width="4%"></td><td width="48%" valign="top">')
    parts.append(_small_heading(say(lang, "by_verdict")))
    parts.append(_table_start([(say(lang, "verdict"), 60), (say(lang, "recordings"), 40)]))
    for key in ("not-mine", "unsure", "mine"):
        label = _h(say(lang, f"verdict.{key}"))
        shown = number(data.by_verdict.get(key, 0), lang)
        if key == "not-mine":
            label, shown = f"<b>{label}</b>", f"<b>{shown}</b>"
        parts.append(_row([label, shown], align=["", "right"]))
    parts.append(_row([_h(say(lang, "recordings")), number(data.recordings, lang)],
                      align=["", "right"]))
    parts.append("</table>")
    if data.user_marked:
        parts.append(f'<p style="font-size: 8pt;">{number(data.user_marked, lang)} '
                     f'{_h(say(lang, "marked_by_me"))}</p>')
    parts.append("</td></tr></table>")

    # -- 3. evidence ----------------------------------------------------------------------
    keys = category_keys(data)
    parts.append(_heading(say(lang, "evidence")))
    if data.categories:
        parts.append(_table_start([("", 5), (say(lang, "category"), 65),
                                   (say(lang, "recordings"), 15), (say(lang, "strength"), 15)]))
        for category in data.categories:
            label = capital(category.label)
            parts.append(_row([f"<b>{keys[category.code]}</b>", _h(label),
                               number(category.recordings, lang),
                               number(category.weight, lang, 1)],
                              align=["", "", "right", "right"]))
        parts.append("</table>")
        parts.append(f'<p style="font-size: 8pt; color: #444444;">'
                     f'{_h(say(lang, "evidence_note"))}</p>')
    else:
        parts.append(f"<p>{_h(say(lang, 'flagged_none'))}</p>")

    # -- 4. every not-mine file -------------------------------------------------------------
    parts.append(_heading(say(lang, "flagged")))
    paths = [item.path for item in data.flagged]
    folder = _common_folder(paths)
    if not data.flagged:
        parts.append(f"<p>{_h(say(lang, 'flagged_none'))}</p>")
    else:
        if folder:
            parts.append(f"<p>{_h(say(lang, 'flagged_folder', folder=folder))}</p>")
        columns = [("#", 4), (say(lang, "path"), 26), (say(lang, "size"), 7),
                   (say(lang, "sha256"), 30), (say(lang, "time"), 9),
                   (say(lang, "device"), 15), (say(lang, "reasons"), 9)]
        if 0 in breaks:
            parts.append(PAGE_BREAK)
        parts.append(_table_start(columns, size="7pt"))
        for index, item in enumerate(data.flagged, start=1):
            if index - 1 in breaks and index > 1:
                parts += ["</table>", PAGE_BREAK, _table_start(columns, size="7pt")]
            name = _h(item.path[len(folder):])
            if item.excerpt:
                name += (f'<br><span style="color: #555555;"><i>{_h(say(lang, "excerpt"))}: '
                         f'{_h(item.excerpt)}</i></span>')
            letters = " ".join(dict.fromkeys(
                keys[code] for reason in item.reasons if reason.weight > 0
                for code in [category_code(reason.code)]
                if code in keys))
            time = (item.time.strftime("%Y-%m-%d") + "<br>" + item.time.strftime("%H:%M:%S")
                    if item.time else "–")
            parts.append(_row([str(index), name,
                               number(item.size, lang) if item.size is not None else "–",
                               _mono(hash_groups(item.sha256)), time, _mono(_h(item.device or "–")),
                               letters], align=["right", "", "right", "", "", "", ""]))
        parts.append("</table>")
        if data.withheld:
            parts.append(_small_heading(say(lang, "withheld")))
            parts.append(_table_start([(say(lang, "path"), 45), (say(lang, "size"), 15),
                                       (say(lang, "sha256"), 40)], size="7.5pt"))
            for member in data.withheld:
                parts.append(_row([_h(member.path) + "<br><i>" + _h(member.reason) + "</i>",
                                   number(member.size, lang),
                                   _mono(hash_groups(member.sha256))], align=["", "right", ""]))
            parts.append("</table>")

    # -- 5. requests, 6. statement ----------------------------------------------------------
    parts.append(_heading(say(lang, "requests")))
    parts.append("<ol>" + "".join(f'<li style="margin-bottom: 3pt;">{_h(say(lang, key))}</li>'
                                  for key in REQUEST_KEYS) + "</ol>")
    parts.append(_heading(say(lang, "statement_title")))
    parts.append(f"<p>{_h(data.statement)}</p>")
    if req.user_name:
        parts.append(f'<p style="margin-top: 18pt;">______________________________<br>'
                     f'{_h(req.user_name)}</p>')

    # -- appendix -------------------------------------------------------------------------
    parts.append(_heading(say(lang, "appendix")))
    checks = say(lang, "method.checks")
    if not data.profile_used:
        checks += say(lang, "method.checks_noprofile")
    for text in (say(lang, "method.hashing"), checks,
                 say(lang, "method.voice" if data.voice_used else "method.novoice"),
                 say(lang, "method.tool", version=data.tool_version,
                     created=data.created.strftime("%Y-%m-%d %H:%M UTC"))):
        parts.append(f'<p style="font-size: 8pt;">{_h(text)}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)


def _received(data: ReportData) -> list[str]:
    """Every file that arrived (each part, each file of a folder) with its size and SHA-256,
    then the identity of the whole export and how it is made from them."""
    lang = data.language
    received = data.received or tuple(ReceivedFile(source.name, source.size, source.sha256)
                                      for source in data.sources)
    several = len(received) > 1 or data.identity != IDENTITY_FILE
    parts = []
    if several:
        parts.append(f"<p>{_h(say(lang, 'received_intro', count=number(len(received), lang)))}"
                     "</p>")
    folders = list(dict.fromkeys(item.folder for item in received if item.folder))
    if folders:
        parts.append(f"<p>{_h(say(lang, 'received_folder'))}: "
                     f"<b>{_h(', '.join(folders))}</b></p>")
    parts.append(_table_start([(say(lang, "file"), 40), (say(lang, "size"), 25),
                               (say(lang, "sha256"), 35)]))
    for item in received[:RECEIVED_IN_PDF]:
        name = item.name if len(folders) == 1 else item.label
        parts.append(_row([_h(name), _h(size(item.size, lang)),
                           _mono(hash_groups(item.sha256))]))
    if len(received) > RECEIVED_IN_PDF:
        rest = number(len(received) - RECEIVED_IN_PDF, lang)
        parts.append(_row([f"<i>{_h(say(lang, 'received_cut', count=rest))}</i>", "", ""]))
    if several:
        parts.append(_row([f"<b>{_h(say(lang, f'identity.{data.identity}'))}</b>",
                           _h(size(data.source_bytes, lang)),
                           f"<b>{_mono(hash_groups(data.archive_sha256))}</b>"]))
    parts.append("</table>")
    if several:
        parts.append(f'<p style="font-size: 8pt; color: #444444;">'
                     f'{_h(say(lang, f"identity_how.{data.identity}"))}</p>')
    return parts


def _meta_row(label: str, value: str) -> str:
    return (f'<tr><td style="color: #555555; padding-right: 8pt;">{_h(label)}:</td>'
            f"<td>{_h(value)}</td></tr>")


def _heading(text: str) -> str:
    # The spacer: Qt drops a heading's top margin right after a table.
    return (f'<p style="font-size: 6pt; margin: 0;">&nbsp;</p>'
            f'<h2 style="font-size: 12pt; color: {ACCENT}; margin-top: 8pt; '
            f'margin-bottom: 4pt;">{_h(text)}</h2>')


def _small_heading(text: str) -> str:
    return (f'<p style="font-size: 4pt; margin: 0;">&nbsp;</p>'
            f'<p style="font-weight: bold; margin-top: 4pt; margin-bottom: 2pt;">{_h(text)}</p>')


def _mono(html: str, size: str = "6.5pt") -> str:
    return f"<span style=\"font-family: '{MONO}'; font-size: {size};\">{html}</span>"


def _table_start(columns: list[tuple[str, int]], size: str = "8.5pt") -> str:
    head = "".join(f'<th width="{width}%" align="left" style="background-color: {SHADE};">'
                   f"{_h(label)}</th>" for label, width in columns)
    return (f'<table width="100%" border="1" cellspacing="0" cellpadding="3" '
            f'style="border-color: {RULE}; border-style: solid; font-size: {size};">'
            f"<thead><tr>{head}</tr></thead>")


def _row(cells: list[str], align: list[str] | None = None) -> str:
    align = align or [""] * len(cells)
    return "<tr>" + "".join(
        f'<td valign="top"{f" align={chr(34)}{how}{chr(34)}" if how else ""}>{cell}</td>'
        for cell, how in zip(cells, align, strict=True)) + "</tr>"
