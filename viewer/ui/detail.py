"""The detail pane: the selected recording's waveform, transcript, facts and findings.

Every fact is shown with where it came from (file and row), because a person must be able
to check each claim against the export before sending it to a company.
"""

from __future__ import annotations

import html
from datetime import UTC

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.analysis.findings import RecordingVerdict
from viewer.model import ExportContents, LinkMethod, Recording
from viewer.ui.i18n import long_local_time, percent, seconds, signed_seconds, tr
from viewer.ui.recordings_model import VERDICT_COLOURS, verdict_label
from viewer.ui.waveform import WaveformWidget


class DetailPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recording: Recording | None = None
        self._contents: ExportContents | None = None
        self._words: list[str] = []
        self._highlighted = -1

        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)

        self.waveform = WaveformWidget()
        self.waveform.setMinimumHeight(90)

        self.transcript = QTextBrowser()
        self.transcript.setOpenLinks(False)
        self.transcript.setAccessibleName(tr("Transcript"))
        self.transcript.setMinimumHeight(70)

        self.facts = QTreeWidget()
        self.facts.setColumnCount(2)
        self.facts.setHeaderLabels([tr("Fact"), tr("Value, and where it comes from")])
        self.facts.setRootIsDecorated(False)
        self.facts.setAlternatingRowColors(True)
        self.facts.setWordWrap(True)
        self.facts.setUniformRowHeights(False)
        self.facts.setAccessibleName(tr("Facts about this recording"))
        header = self.facts.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 150)
        header.setStretchLastSection(True)

        self.findings = QListWidget()
        self.findings.setAccessibleName(tr("Findings"))
        self.findings.setWordWrap(True)
        self.findings.setMinimumHeight(70)

        lower = QSplitter(Qt.Orientation.Vertical)
        lower.addWidget(self._titled(tr("Transcript"), self.transcript))
        lower.addWidget(self._titled(tr("Findings"), self.findings))
        lower.addWidget(self._titled(tr("Facts and where they come from"), self.facts))
        lower.setStretchFactor(0, 2)
        lower.setStretchFactor(1, 3)
        lower.setStretchFactor(2, 3)
        lower.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.waveform)
        layout.addWidget(lower, 1)
        self.show_recording(None, None)

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        label = QLabel(title)
        label.setObjectName("sectionTitle")
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setBuddy(widget)
        layout.addWidget(label)
        layout.addWidget(widget, 1)
        return box

    # -- content --------------------------------------------------------------------------
    def show_recording(self, recording: Recording | None,
                       contents: ExportContents | None) -> None:
        self._recording, self._contents = recording, contents
        self._highlighted = -1
        self.facts.clear()
        self.findings.clear()
        self.waveform.clear()
        if recording is None or contents is None:
            self.title.setText(tr("No recording selected"))
            self.subtitle.setText(tr("Choose a recording in the list or on the timeline."))
            self.transcript.setHtml("")
            self._words = []
            self.findings.addItem(tr("No findings yet."))
            return
        self.title.setText(recording.path.rsplit("/", 1)[-1])
        local = long_local_time(recording.start) if recording.start else tr("time unknown")
        length = seconds(recording.duration_s) if recording.duration_s else "—"
        self.subtitle.setText(f"{local} · {length}")
        if recording.audio_problem:
            self.waveform.set_message(tr("Cannot play: {reason}").format(
                reason=recording.audio_problem))
        else:
            self.waveform.set_message(tr("Loading audio…"))
        entry = contents.transcript_for(recording.path)
        self._words = entry.text.split() if entry else []
        self._render_transcript(-1)
        self._fill_facts(recording, contents)
        self.show_findings(None, checked=False)

    def show_findings(self, verdict: RecordingVerdict | None, *, checked: bool,
                      marked: str | None = None) -> None:
        """The check's verdict and its reasons, strongest first; the user's mark on top."""
        self.findings.clear()
        if marked:
            item = QListWidgetItem(tr("Your mark: {mark}").format(mark=verdict_label(marked)))
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            self.findings.addItem(item)
        if verdict is None:
            self.findings.addItem(tr("Checking…") if not checked else tr(
                "Not checked: this recording has no verdict."))
            return
        head = QListWidgetItem(tr("{verdict} (score {score})").format(
            verdict=verdict_label(verdict.verdict.value), score=percent(verdict.score)))
        head.setForeground(QColor(VERDICT_COLOURS.get(verdict.verdict.value, "#8c8c8c")))
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        self.findings.addItem(head)
        if not verdict.reasons:
            self.findings.addItem(tr("No evidence either way."))
        for finding in verdict.reasons:
            sign = "+" if finding.weight > 0 else "−"
            item = QListWidgetItem(f"{sign}{abs(finding.weight):.1f}  {finding.detail}")
            evidence = "\n".join(
                " · ".join(part for part in (e.path, e.locator, e.value) if part)
                for e in finding.evidence)
            item.setToolTip(f"{finding.code}\n{evidence}" if evidence else finding.code)
            self.findings.addItem(item)

    def set_playback_fraction(self, fraction: float) -> None:
        """Highlight the words spoken so far, assuming an even pace: a reading aid, not a
        word-level alignment (exports carry no word timings)."""
        if not self._words:
            return
        count = min(len(self._words), int(fraction * len(self._words) + 0.5))
        if count != self._highlighted:
            self._render_transcript(count)

    def _render_transcript(self, spoken: int) -> None:
        self._highlighted = spoken
        recording, contents = self._recording, self._contents
        if recording is None or contents is None:
            return
        entry = contents.transcript_for(recording.path)
        link = contents.link_for(recording.path)
        palette = self.palette()
        accent = palette.highlight().color().name()
        accent_text = palette.highlightedText().color().name()
        muted = palette.placeholderText().color().name()
        if entry is None:
            missing = html.escape(tr("No transcript was found for this recording."))
            self.transcript.setHtml(f"<p style='color:{muted}'>{missing}</p>")
            return
        words = [html.escape(word) for word in self._words]
        if spoken >= 0:
            said = " ".join(words[:spoken])
            rest = " ".join(words[spoken:])
            text = (f"<span style='background:{accent}; color:{accent_text}'>{said}</span> {rest}"
                    if said else rest)
        else:
            text = " ".join(words)
        speaker = html.escape(entry.speaker) + ": " if entry.speaker else ""
        parts = [f"<p style='font-size:large'>{speaker}{text}</p>"]
        if entry.reply:
            parts.append(f"<p style='color:{muted}'>→ {html.escape(entry.reply)}</p>")
        how = ""
        if link is not None and link.method is LinkMethod.TIME:
            how = tr("paired by time: {gap}, confidence {confidence}").format(
                gap=signed_seconds(link.gap_s or 0.0), confidence=percent(link.confidence))
        elif link is not None and link.method is LinkMethod.EXPLICIT:
            how = tr("named in the export")
        parts.append(f"<p style='color:{muted}; font-size:small'>{html.escape(str(entry.source))}"
                     f"{' · ' + html.escape(how) if how else ''}</p>")
        self.transcript.setHtml("".join(parts))

    def _fill_facts(self, recording: Recording, contents: ExportContents) -> None:
        def add(name: str, value: object, source: str = "") -> None:
            if value in (None, ""):
                return
            # The source on its own line: the value stays readable, the provenance visible.
            text = f"{value}\n↳ {source}" if source else str(value)
            item = QTreeWidgetItem([name, text])
            item.setToolTip(0, name)
            item.setToolTip(1, text)
            self.facts.addTopLevelItem(item)

        add(tr("File"), recording.path, tr("archive"))
        add(tr("Format"), recording.format)
        if recording.start:
            zone = tr(" (zone assumed UTC)") if recording.time_zone_assumed else ""
            add(tr("Time (UTC)"), recording.start.astimezone(UTC).isoformat(
                timespec="milliseconds").replace("+00:00", "Z") + zone, recording.time_source)
        if recording.time_precision_s:
            add(tr("Time precision"), f"{recording.time_precision_s:g} s")
        add(tr("Duration"), seconds(recording.duration_s, 2) if recording.duration_s else None)
        add(tr("Audio"), ", ".join(str(part) for part in (
            recording.codec, f"{recording.sample_rate} Hz" if recording.sample_rate else None,
            f"{recording.channels} ch" if recording.channels else None) if part))
        add(tr("Audio problem"), recording.audio_problem)
        add(tr("Sender"), recording.sender)
        add(tr("Account"), recording.account)
        device = contents.device(recording.device)
        if device is not None:
            sources = "; ".join(str(source) for source in device.sources[:2])
            add(tr("Device"), device.key, sources)
            add(tr("Device model"), device.model or device.device_type)
            add(tr("Device locale"), device.locale)
            add(tr("Marketplace"), device.marketplace)
            add(tr("In the export's device registration"),
                tr("yes") if device.registered_in_export else tr("no"))
        link = contents.link_for(recording.path)
        if link is not None:
            add(tr("Transcript link"), {
                LinkMethod.EXPLICIT: tr("by name"), LinkMethod.TIME: tr("by time"),
                LinkMethod.NONE: tr("none")}[link.method], link.transcript or "")
        for fact in recording.facts:
            add(fact.key.replace("_", " "), fact.value, str(fact.source))
