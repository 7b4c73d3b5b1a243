"""The window's status bar: the export's summary, one progress bar for whatever runs in the
background (the opening, the check, the report), and whether sound plays."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from viewer.archive import OpenProgress
from viewer.ui.i18n import tr


class StatusArea(QObject):
    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self.label = QLabel(tr("No export open"))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setAccessibleName(tr("Opening progress"))
        #: Cancels the opening (the only background work the user waits for).
        self.cancel_button = QPushButton(tr("Cancel"))
        self.progress.hide()
        self.cancel_button.hide()
        # Whether sound plays: a state, not news, so it sits on the right for good and never
        # competes with the messages on the left.
        self.audio = QLabel()
        self.audio.hide()
        bar.addWidget(self.label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.audio)
        # One message area: a passing message stands in for the export summary. Qt hides the
        # summary only if it is visible when the message comes, so a message shown before
        # the window was would be drawn over it.
        bar.messageChanged.connect(lambda message: self.label.setVisible(not message))

    def show_text(self, text: str) -> None:
        """The lasting text on the left (the export's summary, "Opening…")."""
        self.label.setText(text)

    def show_message(self, text: str, timeout_ms: int) -> None:
        """A passing message, in place of the lasting text while it shows."""
        self.bar.showMessage(text, timeout_ms)

    def begin_opening(self, text: str) -> None:
        self.label.setText(text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()

    def show_opening_step(self, step: OpenProgress) -> None:
        if step.total > 1:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * step.done / step.total))
        phase = {"reading": tr("Reading"), "hashing": tr("Hashing"),
                 "importing": tr("Understanding"),
                 "reading audio": tr("Reading audio")}.get(step.phase, step.phase)
        self.progress.setFormat(f"{phase} %p%")

    def show_progress(self, step: OpenProgress, text: str) -> None:
        """A determinate progress bar for background work (``text`` holds ``%p%``)."""
        self.progress.show()
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(1000 * step.done / max(step.total, 1)))
        self.progress.setFormat(text)

    def end_progress(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def show_sound(self, unavailable: str = "", detail: str = "") -> None:
        """``unavailable``: why playback is off (a message for a person); "" when it works."""
        self.audio.setVisible(bool(unavailable))
        if unavailable:
            self.audio.setText(tr("No sound"))
            self.audio.setToolTip(f"{unavailable}\n{detail}" if detail else unavailable)
            self.audio.setAccessibleName(unavailable)
