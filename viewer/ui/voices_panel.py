"""The voices heard in the export, one card per voice: play a typical sample, say whose.

Each card shows how many recordings the voice spoke, when (a strip over the export's time
span) and on which devices, how close it sounds to the user, and one thing it said. "This Is
Me", "My Household" and "Not Us" are the user's answer about the voice: saved in the profile
(by the recordings' SHA-256, ``viewer.analysis.questions.answer_voice``), they count for all
its recordings in the check, and "Me" or "My Household" teach the voice model what the
household sounds like. "Don't Know" takes the answer back.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.analysis.check import CheckResult
from viewer.analysis.questions import VoiceQuestion, answer_voice
from viewer.ui.i18n import tr
from viewer.ui.voice_card import (
    VoiceCard,
    describe_voices,
    export_span,
    member_times,
    voice_answer,
)

CARD_STYLE = ("#voiceCard { border: 1px solid palette(mid); border-radius: 6px; }"
              "#voiceCard[selected=\"true\"] { border: 2px solid palette(highlight); }")


class VoicesPanel(QWidget):
    # (representative recording path): play this voice's typical sample.
    play_requested = Signal(str)
    # A change to the profile document (``answer_voice`` for one voice) to save.
    answer_given = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._voices: list[VoiceQuestion] = []
        self.cards: list[VoiceCard] = []
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.listing = QListWidget()
        self.listing.setAccessibleName(tr("Voices in this export"))
        self.listing.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.listing.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.listing.setSpacing(3)
        self.listing.setStyleSheet("QListWidget::item:selected { background: transparent; }")
        self.listing.currentRowChanged.connect(self._on_current)
        self.listing.itemActivated.connect(lambda _item: self._play())
        self.listing.viewport().installEventFilter(self)
        self.play = QPushButton(tr("Play a Sample"))
        self.play.clicked.connect(self._play)
        self.me = QPushButton(tr("This Is Me"))
        self.household = QPushButton(tr("My Household"))
        self.stranger = QPushButton(tr("Not Us"))
        self.dont_know = QPushButton(tr("Don't Know"))
        self.dont_know.setToolTip(tr("Take back what you said about this voice"))
        for button, answer in ((self.me, "me"), (self.household, "household"),
                               (self.stranger, "not-us"), (self.dont_know, None)):
            button.clicked.connect(partial(self._answer, answer))
        buttons = QHBoxLayout()
        for button in (self.play, self.me, self.household, self.stranger, self.dont_know):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.listing, 1)
        layout.addLayout(buttons)
        self.show_waiting(listening=False)

    def show_waiting(self, *, listening: bool) -> None:
        """The check runs (``listening``: with the voice model) or has not run. Voices of the
        check before stay, greyed, until the new ones come (no flicker on every answer)."""
        if not listening or not self._voices:
            self._fill([], None, {})
        self.listing.setEnabled(False)
        self._on_current()
        self.explanation.setText(
            tr("Listening to every recording… the voices appear here when that is done.")
            if listening else tr("No voices yet: open an export with recordings."))

    def show_result(self, result: CheckResult | None, *,
                    verdicts: Mapping[str, str] | None = None) -> None:
        """Every voice the check heard; ``verdicts`` (path -> verdict, marks included) give
        each voice's tally."""
        voices = list(describe_voices(result)) if result is not None else []
        self._fill(voices, result, verdicts or {})
        if not voices:
            self.explanation.setText(tr("No voices yet: open an export with recordings."))
            return
        known = any(voice.similarity_to_you is not None for voice in voices)
        text = tr("Recordings that sound alike are grouped into voices. Play a sample of each "
                  "and say whose it is: your answer counts for all its recordings.")
        if not known:
            text += " " + tr("Your voice is not known yet: say “This Is Me” on a voice that "
                             "is yours, or record your voice in About You, and each card "
                             "shows how close it sounds to you.")
        self.explanation.setText(text)

    def _fill(self, voices: list[VoiceQuestion], result: CheckResult | None,
              verdicts: Mapping[str, str]) -> None:
        # The voice selected stays selected when the check runs again (same typical sample).
        selected = self.current_voice()
        row = max(self.listing.currentRow(), 0)
        if selected is not None:
            row = next((index for index, voice in enumerate(voices)
                        if voice.representative == selected.representative), row)
        self._voices = voices
        self.listing.setEnabled(True)
        self.cards = []
        self.listing.clear()
        contents = result.contents if result is not None else None
        span = export_span(contents)
        profile = result.profile if result is not None else None
        for voice in voices:
            card = VoiceCard(voice, times=member_times(contents, voice.members), span=span)
            card.setStyleSheet(CARD_STYLE)
            card.play_requested.connect(self.play_requested)
            not_mine = sum(1 for path in voice.members if verdicts.get(path) == "not-mine")
            mine = sum(1 for path in voice.members if verdicts.get(path) == "mine")
            note = tr("{not_mine} not mine, {mine} mine").format(
                not_mine=not_mine, mine=mine) if not_mine or mine else ""
            card.set_answer(voice_answer(profile, voice.sha256), note=note)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, voice.number - 1)
            self.listing.addItem(item)
            self.listing.setItemWidget(item, card)
            self.cards.append(card)
        self._fit_items()
        if self._voices:
            self.listing.setCurrentRow(min(row, len(self._voices) - 1))
        self._on_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.listing.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_items()
        return super().eventFilter(watched, event)

    def _fit_items(self) -> None:
        """Cards as wide as the list, as tall as their wrapped text needs."""
        width = max(self.listing.viewport().width() - 2 * self.listing.spacing() - 2, 200)
        for index, card in enumerate(self.cards):
            height = card.heightForWidth(width) if card.hasHeightForWidth() else -1
            self.listing.item(index).setSizeHint(
                QSize(width, height if height > 0 else card.sizeHint().height()))

    def current_voice(self) -> VoiceQuestion | None:
        row = self.listing.currentRow()
        return self._voices[row] if 0 <= row < len(self._voices) else None

    def _on_current(self, *_: object) -> None:
        current = self.listing.currentRow()
        for index, card in enumerate(self.cards):
            card.setProperty("selected", index == current)
            card.style().unpolish(card)
            card.style().polish(card)
        enabled = self.current_voice() is not None and self.listing.isEnabled()
        for button in (self.play, self.me, self.household, self.stranger, self.dont_know):
            button.setEnabled(enabled)

    def _play(self) -> None:
        voice = self.current_voice()
        if voice is not None:
            self.play_requested.emit(voice.representative)

    def _answer(self, answer: str | None) -> None:
        voice = self.current_voice()
        if voice is not None:
            self.answer_given.emit(partial(answer_voice, sha256=voice.sha256, answer=answer))
