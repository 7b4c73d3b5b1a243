"""One voice of the export drawn as a card: how many recordings, when, on which devices, how
close it sounds to the user, one thing it said, and a strip showing when it spoke.

The Voices tab lists every voice as a card; the guided check asks "whose voice is this?" on
the same card, with its answer buttons. ``AnswerButtons`` is the row of choices every guided
question uses (Yes / No / Not sure, Mine / Not mine / Don't know, ...).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from viewer.analysis.check import CheckResult
from viewer.analysis.profile import OwnershipProfile
from viewer.analysis.questions import Span, VoiceQuestion, questions_for
from viewer.model import ExportContents
from viewer.ui.i18n import local_date_time, tr
from viewer.ui.timeline_colours import OTHER_VOICES_COLOUR, VOICE_COLOURS
from viewer.voice.analysis import THRESHOLD_DEFAULT

# Without the rule's reading (older cached results): the voice model's default threshold
# for "one of your voices" (``viewer.voice.analysis``).
LIKE_YOU = THRESHOLD_DEFAULT


def voice_colour(number: int) -> QColor:
    """The voice's colour, the same as the timeline's "Colour by Voice" gives it."""
    return QColor(VOICE_COLOURS[number - 1] if 1 <= number <= len(VOICE_COLOURS)
                  else OTHER_VOICES_COLOUR)


def describe_voices(result: CheckResult) -> tuple[VoiceQuestion, ...]:
    """Every voice the check heard, answered or not, as the guided check describes it."""
    # questions_for leaves out what the profile answered; without the profile it keeps all.
    return questions_for(dataclasses.replace(result, profile=None)).voices


def voice_answer(profile: OwnershipProfile | None, sha256: Sequence[str]) -> str | None:
    """What the user said of a voice: the answer at least half its recordings were given
    (as the check reads it, ``viewer.analysis.voice_groups``)."""
    if profile is None or not sha256:
        return None
    best, best_count = None, 0
    for answer in profile.voices:
        count = sum(1 for digest in sha256 if digest in answer.sha256)
        if count > best_count:
            best, best_count = answer.answer, count
    return best if best_count * 2 >= len(sha256) else None


def export_span(contents: ExportContents | None) -> Span:
    times = [r.start for r in contents.recordings if r.start is not None] if contents else []
    return Span(min(times), max(times)) if times else Span(None, None)


def member_times(contents: ExportContents | None, members: Sequence[str]) -> list[datetime]:
    if contents is None:
        return []
    return [recording.start for path in members
            if (recording := contents.recording(path)) is not None
            and recording.start is not None]


def local_date(moment: datetime) -> str:
    """A short date in the computer's zone, month named in its language: "4 Mar 2018"."""
    local = local_date_time(moment)
    return QLocale().toString(local.date(), tr("d MMM yyyy", "Qt date format: 4 Mar 2018"))


def span_text(span: Span) -> str:
    if span.first is None or span.last is None:
        return tr("no dates")
    first, last = local_date(span.first), local_date(span.last)
    return first if first == last else tr("{first} to {last}").format(first=first, last=last)


def similarity_text(similarity: float | None, reading: str | None = None) -> str:
    """How close the voice sounds to the user's, in words, with the model's number.

    ``reading`` is the verdict rule's ("yes", "maybe", "no": ``viewer.analysis.verdicts``),
    so the words agree with the verdicts; without it the default threshold decides.
    """
    if similarity is None:
        return tr("Likeness to your voice: not known yet")
    number = QLocale().toString(float(similarity), "f", 2)
    if reading is None:
        reading = "maybe" if similarity >= LIKE_YOU else "no"
    if reading == "yes":
        return tr("Sounds like you (likeness {number} of 1)").format(number=number)
    if reading == "maybe":
        return tr("Might be you; the model is not sure (likeness {number} of 1)").format(
            number=number)
    return tr("Does not sound like you (likeness {number} of 1)").format(number=number)


def similarity_help() -> str:
    return tr("How alike this voice's typical recording and your voice sound to the voice "
              "model, from 0 (nothing alike) to 1 (the same voice). Your own recordings "
              "usually reach 0.75 or more. Relatives and similar voices can score high too: "
              "listen before you answer.")


class TimeStrip(QWidget):
    """A thin bar for the export's whole time span, with a tick where each recording falls."""

    def __init__(self, colour: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colour = colour
        self._times: list[float] = []
        self._span: tuple[float, float] | None = None
        self.setMinimumHeight(16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(200, 16)

    def set_times(self, times: Sequence[datetime], span: Span) -> None:
        self._times = sorted(moment.timestamp() for moment in times)
        self._span = ((span.first.timestamp(), span.last.timestamp())
                      if span.first is not None and span.last is not None else None)
        self.update()

    def fraction(self, stamp: float) -> float:
        if self._span is None:
            return 0.5
        first, last = self._span
        return 0.5 if last <= first else min(1.0, max(0.0, (stamp - first) / (last - first)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bar = QRectF(self.rect()).adjusted(1, 3, -1, -3)
        groove = self.palette().color(QPalette.ColorRole.Mid)
        groove.setAlpha(70)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(groove)
        painter.drawRoundedRect(bar, 3, 3)
        if not self._times:
            return
        inner = bar.adjusted(2, 0, -2, 0)
        band = QColor(self._colour)
        band.setAlpha(60)
        left = inner.left() + inner.width() * self.fraction(self._times[0])
        right = inner.left() + inner.width() * self.fraction(self._times[-1])
        painter.setBrush(band)
        painter.drawRect(QRectF(left, bar.top(), max(2.0, right - left), bar.height()))
        painter.setPen(QPen(self._colour, 2))
        for stamp in self._times:
            x = inner.left() + inner.width() * self.fraction(stamp)
            painter.drawLine(QPointF(x, bar.top() + 1), QPointF(x, bar.bottom() - 1))


# Buttons drawn flat, the chosen one filled: which answer is given must show at a glance.
ANSWER_STYLE = (
    "QPushButton { border: 1px solid palette(mid); border-radius: 4px; padding: 3px 10px;"
    " background: palette(button); }"
    "QPushButton:hover { border-color: palette(highlight); }"
    "QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " border-color: palette(highlight); font-weight: bold; }")


class AnswerButtons(QWidget):
    """One answer out of a few, as a row of buttons; the chosen one stays pressed."""

    # The value of the button clicked (True, False, None, "me", ...).
    chosen = Signal(object)

    def __init__(self, choices: Sequence[tuple[str, object]], *, accessible_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[object] = []
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for label, value in choices:
            button = QPushButton(label)
            button.setCheckable(True)
            button.setStyleSheet(ANSWER_STYLE)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            if accessible_name:
                button.setAccessibleName(f"{accessible_name}: {label}")
            self.group.addButton(button, len(self._values))
            self._values.append(value)
            layout.addWidget(button)
        layout.addStretch(1)
        self.group.idClicked.connect(lambda index: self.chosen.emit(self._values[index]))

    def button(self, value: object) -> QPushButton:
        button = self.group.button(self._values.index(value))
        assert isinstance(button, QPushButton)
        return button

    def buttons(self) -> list[QAbstractButton]:
        return self.group.buttons()

    def set_value(self, value: object, *, answered: bool = True) -> None:
        """Press the button of ``value``; ``answered=False`` presses none."""
        self.group.setExclusive(False)  # an exclusive group cannot uncheck its last button
        for index, button in enumerate(self.group.buttons()):
            button.setChecked(answered and self._values[index] == value
                              and type(self._values[index]) is type(value))
        self.group.setExclusive(True)

    def value(self) -> object:
        index = self.group.checkedId()
        return self._values[index] if index >= 0 else None


def voice_choices() -> list[tuple[str, object]]:
    """The answers a voice can be given, in button order; None forgets the answer."""
    return [(tr("Me"), "me"), (tr("My household"), "household"), (tr("Not us"), "not-us"),
            (tr("Don't know"), None)]


def answer_label(answer: str | None) -> str:
    return {"me": tr("You said: this is you"),
            "household": tr("You said: someone of your household"),
            "not-us": tr("You said: nobody you know")}.get(answer or "", "")


class VoiceCard(QFrame):
    """One voice. ``answerable`` adds its answer buttons (the guided check); without, the
    card only shows the answer given (the Voices tab answers with its own buttons)."""

    # The representative recording's path: play this voice's typical sample.
    play_requested = Signal(str)
    # The answer chosen: "me", "household", "not-us" or None (don't know).
    answered = Signal(object)

    def __init__(self, voice: VoiceQuestion, *, times: Sequence[datetime], span: Span,
                 answer: str | None = None, answerable: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.voice = voice
        self.setObjectName("voiceCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(tr("Voice {number}").format(number=voice.number))
        colour = voice_colour(voice.number)

        swatch = QLabel()
        swatch.setFixedSize(12, 12)
        swatch.setStyleSheet(f"background: {colour.name()}; border-radius: 6px;")
        self.title = QLabel(tr("<b>Voice {number}</b> · %n recording(s)", "",
                               voice.recordings).format(number=voice.number))
        self.play = QPushButton(tr("▶ Play"))
        self.play.setToolTip(tr("Play this voice's typical recording"))
        self.play.setAccessibleName(tr("Play a sample of voice {number}").format(
            number=voice.number))
        self.play.clicked.connect(lambda: self.play_requested.emit(voice.representative))
        heading = QHBoxLayout()
        heading.addWidget(swatch)
        heading.addWidget(self.title, 1)
        heading.addWidget(self.play)

        where = ", ".join(voice.devices) if voice.devices else tr("unknown device")
        self.details = QLabel(f"{span_text(voice.span)} · {where}")
        self.details.setWordWrap(True)
        self.similarity = QLabel(similarity_text(voice.similarity_to_you,
                                                voice.sounds_like_you))
        self.similarity.setWordWrap(True)
        self.similarity.setToolTip(similarity_help())
        if voice.similarity_to_you is None:
            self.similarity.setStyleSheet("color: palette(placeholder-text);")
        self.transcript = QLabel(f"“{voice.transcript}”" if voice.transcript
                                 else tr("(no transcript)"))
        self.transcript.setWordWrap(True)
        self.transcript.setStyleSheet("font-style: italic;")
        self.strip = TimeStrip(colour)
        self.strip.set_times(times, span)
        self.strip.setToolTip(tr("When this voice spoke, on the export's whole time span "
                                 "({span})").format(span=span_text(span)))
        self.strip.setAccessibleName(tr("When voice {number} spoke").format(
            number=voice.number))
        self.status = QLabel()
        self.status.setStyleSheet("font-weight: bold;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addLayout(heading)
        for widget in (self.details, self.similarity, self.transcript, self.strip):
            layout.addWidget(widget)
        self.buttons: AnswerButtons | None = None
        if answerable:
            self.buttons = AnswerButtons(voice_choices(), accessible_name=tr(
                "Voice {number}").format(number=voice.number))
            self.buttons.chosen.connect(self.answered)
            layout.addWidget(self.buttons)
        layout.addWidget(self.status)
        self.set_answer(answer)

    def set_answer(self, answer: str | None, *, pressed: bool | None = None,
                   note: str = "") -> None:
        """Show the answer given; ``pressed`` (default: an answer was given) presses its
        button, so "Don't know" can stay pressed; ``note`` adds a line of status."""
        if self.buttons is not None:
            self.buttons.set_value(answer, answered=answer is not None if pressed is None
                                   else pressed)
            text = note
        else:
            text = " · ".join(part for part in (answer_label(answer), note) if part)
        self.status.setText(text)
        self.status.setVisible(bool(text))
