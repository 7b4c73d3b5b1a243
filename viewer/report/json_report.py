"""``report.json``: the report's facts, machine-readable (schema ``export-viewer/report/1``).

Keys are written in a fixed order and lists in the export's order, so two reports of the
same export, check and request are byte-identical except for ``created``. The JSON Schema is
``viewer/resources/report-schema.json``.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

from viewer.report.data import FlaggedFile, ReportData
from viewer.report.texts import say

REPORT_SCHEMA = "export-viewer/report/1"
REQUEST_KEYS = ("request.1", "request.2", "request.3", "request.4", "request.5")
CSV_COLUMNS = ("path", "size", "sha256", "time", "device", "verdict", "reasons")


def iso_time(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def describe_report(data: ReportData) -> dict[str, Any]:
    request = data.request
    language = data.language
    return {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "export-viewer", "version": data.tool_version},
        "created": iso_time(data.created),
        "language": language,
        "controller": {"name": data.controller, "guessed": data.controller_guessed},
        "requester": {"name": request.user_name or None, "contact": request.contact or None},
        "dates": {"requested": request.requested.isoformat() if request.requested else None,
                  "received": request.received.isoformat() if request.received else None},
        "export": {
            "sha256": data.archive_sha256,
            "sources": [{"name": source.name, "kind": source.kind, "size": source.size,
                         "sha256": source.sha256} for source in data.sources],
            # Every file that arrived, then how "sha256" above is made from them.
            "received": [{"name": item.name, "folder": item.folder, "size": item.size,
                          "sha256": item.sha256} for item in data.received],
            "identity": {"sha256": data.archive_sha256, "from": data.identity,
                         "how": say(language, f"identity_how.{data.identity}")},
            "formats": list(data.formats),
            "members": data.members,
            "bytes": data.bytes_total,
            "by_kind": {kind: {"count": count, "bytes": size}
                        for kind, count, size in sorted(data.by_kind)},
        },
        "recordings": {"total": data.recordings,
                       "by_verdict": {key: data.by_verdict.get(key, 0)
                                      for key in ("mine", "not-mine", "unsure")},
                       "user_marked": data.user_marked},
        "evidence": [{"code": item.code, "label": item.label, "recordings": item.recordings,
                      "weight": item.weight} for item in data.categories],
        "not_mine": [_flagged(item) for item in data.flagged],
        "withheld_members": [{"path": item.path, "size": item.size, "sha256": item.sha256,
                              "reason": item.reason} for item in data.withheld],
        "requests": [say(language, key) for key in REQUEST_KEYS],
        "statement": data.statement,
        "method": {"profile": data.profile_used, "voice": data.voice_used,
                   "excerpts": request.include_excerpts, "hash": "sha256"},
        "problems": list(data.problems),
    }


def _flagged(item: FlaggedFile) -> dict[str, Any]:
    return {
        "path": item.path,
        "size": item.size,
        "sha256": item.sha256,
        "time": iso_time(item.time),
        "device": item.device,
        "verdict": item.verdict,
        "score": item.score,
        "user_marked": item.user_marked,
        "reasons": [{"code": reason.code, "label": reason.label, "weight": reason.weight,
                     "detail": reason.detail,
                     "evidence": [{"path": path, "locator": locator, "value": value}
                                  for path, locator, value in reason.evidence]}
                    for reason in item.reasons],
        "excerpt": item.excerpt,
    }


def report_json(data: ReportData) -> str:
    return json.dumps(describe_report(data), ensure_ascii=False, indent=2) + "\n"


def flagged_csv(data: ReportData) -> str:
    """``flagged-files.csv``: one row per not-mine recording; reasons as codes, strongest
    first, joined with "; "."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in data.flagged:
        writer.writerow([item.path, "" if item.size is None else item.size,
                         item.sha256 or "", iso_time(item.time) or "", item.device or "",
                         item.verdict,
                         "; ".join(reason.code for reason in item.reasons
                                   if reason.weight > 0)])
    return buffer.getvalue()
