"""The message across the top of the window: why an export could not be opened, what went
wrong with the check or the report. It stays until dismissed or the next opening."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from viewer.ui.i18n import tr


class ErrorBanner(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setObjectName("errorBanner")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(tr("Message"))
        self.label.setStyleSheet("QLabel#errorBanner { background: #fdecea; color: #611a15;"
                                 " border: 1px solid #f5c2c0; border-radius: 4px;"
                                 " padding: 8px; }")
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName(tr("Dismiss message"))
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, message: str) -> None:
        self.label.setText(message)
        self.show()

    def text(self) -> str:
        return self.label.text()
