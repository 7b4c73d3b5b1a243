"""The guided first check: the few questions, built from the export, that settle the most.

Shown beside the recordings when a check leaves recordings unsure. The questions come from
``viewer.analysis.questions``; this panel only draws them, shows the answers already given
(read from the profile the check used), and emits each new answer as a change to the profile
document. The window saves it and checks again; the panel shows the new count when that is
done. Answered questions stay, with their answer pressed, so it is plain what was said and
any answer can be changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from viewer.analysis.check import CheckResult
from viewer.analysis.detectors.devices import profile_device_matches
from viewer.analysis.profile import OwnershipProfile
from viewer.analysis.questions import (
    DeviceQuestion,
    GuidedQuestions,
    NameQuestion,
    PlatformQuestion,
    answer_device,
    answer_name,
    answer_platform,
    answer_voice,
    questions_for,
)
from viewer.ui.i18n import tr
from viewer.ui.voice_card import (
    AnswerButtons,
    VoiceCard,
    export_span,
    member_times,
    span_text,
    voice_answer,
    voice_choices,
)

# A change to the profile document: the document in, the answered document out.
ProfileChange = Callable[[dict[str, Any]], dict[str, Any]]
#: An answer as the buttons give it: yes/no/not sure, or a voice's owner ("me", ...).
_Answer = TypeVar("_Answer", bool | None, str | None)


# --- what the profile already says (the answers the panel shows pressed) ---------------------

def platform_answer(profile: OwnershipProfile | None, question: PlatformQuestion,
                    ) -> bool | None:
    return None if profile is None else profile.uses_service(question.service)


def device_answer(profile: OwnershipProfile | None, question: DeviceQuestion) -> bool | None:
    if profile is None:
        return None
    for answer, devices in ((True, profile.devices), (False, profile.not_my_devices)):
        if any(profile_device_matches(device, question.serial, question.name, question.model)
               for device in devices):
            return answer
    return None


def name_answer(profile: OwnershipProfile | None, question: NameQuestion) -> bool | None:
    if profile is None:
        return None
    folded = question.name.casefold()
    known = {person.casefold() for person in profile.people}
    known.update(part.casefold() for person in profile.people for part in person.split())
    if folded in known:
        return True
    if folded in {name.casefold() for name in profile.unknown_people}:
        return False
    return None


def device_title(question: DeviceQuestion) -> str:
    parts = [part for part in (question.model, question.name) if part]
    return " · ".join(parts) or question.serial or question.key


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _row_frame() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(8, 6, 8, 6)
    layout.setSpacing(4)
    return frame, layout


class GuidedPanel(QWidget):
    # A ``ProfileChange`` to save: the user answered a question.
    answer_given = Signal(object)
    # A recording to play (a voice's typical sample).
    play_requested = Signal(str)
    report_requested = Signal()
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Guided Check"))
        # As wide as a voice card's answers need, known before the first card is built (the
        # window makes room for the dock when it is shown, not when its content grows).
        probe = AnswerButtons(voice_choices())
        probe.ensurePolished()
        self.setMinimumWidth(max(340, probe.minimumSizeHint().width() + 80))
        probe.deleteLater()
        # Questions the user answered "not sure" / "don't know" this session: no answer is
        # saved for them, but their button stays pressed.
        self._not_sure: set[tuple[str, str]] = set()
        self._running = False
        self._can_report = False

        title = QLabel(tr("A Few Questions"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        title.setFont(font)
        intro = _hint(tr("Only you can answer these. Each answer checks the export again at "
                         "once, and you can change it at any time."))
        self.count_label = QLabel()
        self.count_label.setObjectName("guidedCount")
        self.count_label.setWordWrap(True)
        self.count_label.setAccessibleName(tr("Result of the check"))
        count_font = self.count_label.font()
        count_font.setBold(True)
        count_font.setPointSizeF(count_font.pointSizeF() * 1.5)
        self.count_label.setFont(count_font)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(8)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(tr("Checking again"))
        self.busy.hide()
        self.report_button = QPushButton(tr("Write the Report…"))
        self.report_button.setToolTip(tr("Write the report to send to the company, with "
                                         "every recording that is not yours"))
        self.report_button.setStyleSheet(
            "QPushButton { font-weight: bold; padding: 6px 14px; }"
            "QPushButton:enabled { background: palette(highlight);"
            " color: palette(highlighted-text); border: 1px solid palette(highlight);"
            " border-radius: 4px; }")
        self.report_button.setDefault(True)
        self.report_button.clicked.connect(self.report_requested)
        self.skip_button = QPushButton(tr("Skip for Now"))
        self.skip_button.setToolTip(tr("Hide the questions. Review ▸ Guided Check… (Ctrl+G) "
                                       "brings them back."))
        self.skip_button.clicked.connect(self.skip_requested)
        actions = QHBoxLayout()
        actions.addWidget(self.report_button)
        actions.addStretch(1)
        actions.addWidget(self.skip_button)

        self.header = QWidget()
        header = QVBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.setSpacing(4)
        header.addWidget(title)
        header.addWidget(intro)
        header.addSpacing(6)
        header.addWidget(self.count_label)
        header.addWidget(self.busy)
        header.addWidget(self.summary_label)
        header.addLayout(actions)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = QWidget()
        self.scroll_area.setWidget(self.content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.header)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.scroll_area, 1)

        self.platform_rows: dict[str, AnswerButtons] = {}
        self.device_rows: dict[str, AnswerButtons] = {}
        self.voice_cards: list[VoiceCard] = []
        self.name_rows: dict[str, AnswerButtons] = {}
        self.questions: GuidedQuestions | None = None
        self.clear()

    # -- state ------------------------------------------------------------------------------
    def clear(self) -> None:
        """A new export: forget the questions and the "not sure" answers of the last one."""
        self._not_sure.clear()
        self._running = False
        self._replace_content(QWidget())
        self.count_label.setText(tr("Checking…"))
        self.summary_label.setText("")
        self.busy.hide()
        self.report_button.setEnabled(False)

    @property
    def running(self) -> bool:
        return self._running

    def show_running(self) -> None:
        """The check runs again: no numbers until it is done (they would be stale)."""
        self._running = True
        self.count_label.setText(tr("Checking again with your answers…"))
        self.count_label.setEnabled(False)
        self.summary_label.setText(tr("Every recording is being looked at again. The new "
                                      "count appears here in a moment."))
        self.busy.show()
        self.report_button.setEnabled(False)

    def show_result(self, result: CheckResult, verdicts: Mapping[str, str], *,
                    can_report: bool = True) -> None:
        """The check is done: its count (``verdicts``: path -> verdict, the user's marks
        included) and the questions, with what the profile already answers."""
        self._running = False
        self.busy.hide()
        self.count_label.setEnabled(True)
        total = len(verdicts)
        not_mine = sum(1 for verdict in verdicts.values() if verdict == "not-mine")
        unsure = sum(1 for verdict in verdicts.values() if verdict == "unsure")
        if not_mine == 0 and unsure:
            self.count_label.setText(tr("{unsure} of {total} recordings are unsure").format(
                unsure=unsure, total=total))
        elif not_mine == 1:
            self.count_label.setText(tr("1 of {total} recordings is not yours").format(
                total=total))
        else:
            self.count_label.setText(tr("{not_mine} of {total} recordings are not yours")
                                     .format(not_mine=not_mine, total=total))
        if unsure and not not_mine:
            summary = tr("Nothing in the export shows yet whose they are. Each answer below "
                         "can settle some.")
        elif unsure:
            summary = tr("%n recording(s) still unsure. Each answer below can settle some.",
                         "", unsure)
        elif not_mine:
            summary = tr("Nothing is left unsure. Next: write the report for the company.")
        else:
            summary = tr("Nothing is left unsure, and nothing is someone else's.")
        self.summary_label.setText(summary)
        self._can_report = can_report and not_mine > 0
        self.report_button.setEnabled(self._can_report)
        self._build(result)

    # -- the questions ----------------------------------------------------------------------
    def _build(self, result: CheckResult) -> None:
        profile = result.profile
        # Every question the export raises, answered or not (questions_for leaves answered
        # ones out: without the profile it keeps them), and those still open.
        every = questions_for(dataclasses.replace(result, profile=None))
        still_open = questions_for(result)
        self.questions = still_open
        self.platform_rows.clear()
        self.device_rows.clear()
        self.voice_cards.clear()
        self.name_rows.clear()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 4, 4, 4)
        layout.setSpacing(6)

        for platform in every.platforms:
            self._add_platform(layout, platform, platform_answer(profile, platform))

        open_devices = {question.key for question in still_open.devices}
        devices = [(question, device_answer(profile, question)) for question in every.devices]
        devices = [(question, answer) for question, answer in devices
                   if question.key in open_devices or answer is not None
                   or ("device", question.key) in self._not_sure]
        if devices:
            layout.addSpacing(8)
            layout.addWidget(_heading(tr("Which of these devices are yours?")))
            for device, mine in devices:
                self._add_device(layout, device, mine)

        voices = every.voices
        if voices:
            layout.addSpacing(8)
            layout.addWidget(_heading(tr("Whose voices are these?")))
            hint = tr("Play each one. Your answer counts for all its recordings, and “Me” "
                      "teaches the check your voice.")
            if all(voice.similarity_to_you is None for voice in voices):
                hint += " " + tr("Once it knows your voice (or you record it in About You), "
                                 "each card shows how close the voice sounds to yours.")
            layout.addWidget(_hint(hint))
            span = export_span(result.contents)
            for voice in voices:
                card = VoiceCard(voice, times=member_times(result.contents, voice.members),
                                 span=span, answerable=True)
                key = ("voice", ",".join(voice.sha256))
                said = voice_answer(profile, voice.sha256)
                card.set_answer(said, pressed=said is not None or key in self._not_sure)
                card.play_requested.connect(self.play_requested)
                card.answered.connect(partial(self._voice_answered, voice.sha256, key))
                self.voice_cards.append(card)
                layout.addWidget(card)

        names = [(question, name_answer(profile, question)) for question in every.names]
        shown = {question.name.casefold() for question, _ in names}
        names += [(question, None) for question in still_open.names
                  if question.name.casefold() not in shown]
        open_names = {question.name.casefold() for question in still_open.names}
        names = [(question, answer) for question, answer in names
                 if question.name.casefold() in open_names or answer is not None]
        if names:
            layout.addSpacing(8)
            listed = ", ".join(question.name for question, _ in names)
            layout.addWidget(_heading(tr("Do you know {names}?").format(names=listed)))
            layout.addWidget(_hint(tr("These names are said in the transcripts. People you "
                                      "do not know point to someone else's recordings.")))
            for name, known in names:
                self._add_name(layout, name, known)

        if every.empty:
            layout.addWidget(_hint(tr("This export raises no questions the check could use. "
                                      "Listen to the recordings and mark what is not yours.")))
        layout.addStretch(1)
        self._replace_content(content)

    def _replace_content(self, content: QWidget) -> None:
        position = self.scroll_area.verticalScrollBar().value()
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()  # it may hold the button whose click led here
        self.content = content
        self.scroll_area.setWidget(content)
        # Never narrower than its widest row (it does not scroll sideways).
        self.scroll_area.setMinimumWidth(content.minimumSizeHint().width()
                                    + self.scroll_area.verticalScrollBar().sizeHint().width() + 4)
        # Where the user was (the question just answered), once the new content has a height.
        QTimer.singleShot(0, self, lambda: self.scroll_area.verticalScrollBar().setValue(position))

    def _add_platform(self, layout: QVBoxLayout, question: PlatformQuestion,
                      answer: bool | None) -> None:
        frame, inner = _row_frame()
        text = QLabel(tr("This export holds %n {assistant} recording(s).", "",
                         question.recordings).format(assistant=question.assistant)
                      + " " + tr("Do you use {assistant}, {company}'s voice assistant?").format(
                          assistant=question.assistant, company=question.company))
        text.setWordWrap(True)
        font = text.font()
        font.setBold(True)
        text.setFont(font)
        inner.addWidget(text)
        inner.addWidget(_hint(tr("If you never used it, none of these recordings can be "
                                 "yours.")))
        key = ("platform", question.service)
        buttons = AnswerButtons([(tr("Yes"), True), (tr("No"), False), (tr("Not sure"), None)],
                                accessible_name=question.assistant)
        buttons.set_value(answer, answered=answer is not None or key in self._not_sure)
        buttons.chosen.connect(partial(self._answered, key, partial(
            self._platform_change, question.service)))
        inner.addWidget(buttons)
        self.platform_rows[question.service] = buttons
        layout.addWidget(frame)

    def _add_device(self, layout: QVBoxLayout, question: DeviceQuestion,
                    answer: bool | None) -> None:
        frame, inner = _row_frame()
        title = QLabel(f"<b>{device_title(question)}</b>")
        details = [tr("%n recording(s)", "", question.recordings), span_text(question.span)]
        if question.serial:
            details.insert(0, tr("serial number {serial}").format(serial=question.serial))
        inner.addWidget(title)
        inner.addWidget(_hint(" · ".join(details)))
        key = ("device", question.key)
        buttons = AnswerButtons([(tr("Mine"), True), (tr("Not mine"), False),
                                 (tr("Don't know"), None)],
                                accessible_name=device_title(question))
        buttons.set_value(answer, answered=answer is not None or key in self._not_sure)
        buttons.chosen.connect(partial(self._answered, key, partial(
            self._device_change, question)))
        inner.addWidget(buttons)
        self.device_rows[question.key] = buttons
        layout.addWidget(frame)

    def _add_name(self, layout: QVBoxLayout, question: NameQuestion,
                  answer: bool | None) -> None:
        row = QHBoxLayout()
        label = QLabel(tr("<b>{name}</b> (in %n recording(s))", "", question.recordings)
                       .format(name=question.name))
        row.addWidget(label, 1)
        buttons = AnswerButtons([(tr("Yes"), True), (tr("No"), False)],
                                accessible_name=question.name)
        buttons.set_value(answer, answered=answer is not None)
        buttons.chosen.connect(partial(self._answered, ("name", question.name.casefold()),
                                       partial(self._name_change, question.name)))
        row.addWidget(buttons)
        self.name_rows[question.name] = buttons
        layout.addLayout(row)

    # -- answers ----------------------------------------------------------------------------
    @staticmethod
    def _platform_change(service: str, value: bool | None) -> ProfileChange:
        return partial(answer_platform, service=service, uses=value)

    @staticmethod
    def _device_change(question: DeviceQuestion, value: bool | None) -> ProfileChange:
        return partial(answer_device, question=question, mine=value)

    @staticmethod
    def _name_change(name: str, value: bool | None) -> ProfileChange:
        return partial(answer_name, name=name, known=value)

    def _answered(self, key: tuple[str, str], change_for: Callable[[_Answer], ProfileChange],
                  value: _Answer) -> None:
        if value is None:
            self._not_sure.add(key)
        else:
            self._not_sure.discard(key)
        self.answer_given.emit(change_for(value))

    def _voice_answered(self, sha256: tuple[str, ...], key: tuple[str, str],
                        answer: str | None) -> None:
        self._answered(key, lambda value: partial(answer_voice, sha256=sha256, answer=value),
                       answer)
