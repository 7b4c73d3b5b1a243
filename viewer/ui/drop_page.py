"""The empty window: an invitation to drop an export, and the ways to open one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from viewer.ui.i18n import tr


class DropPage(QWidget):
    """Draws a dashed drop zone; the window handles the drop itself (anywhere on it)."""

    def __init__(self, open_file: QAction, open_folder: QAction, open_demo: QAction,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Drop an export here"))
        self._highlight = False
        heading = QLabel(tr("Drop your data export here"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        detail = QLabel(tr("A ZIP, a folder, or all the split parts at once. "
                           "It is read in place and never changed; nothing leaves this "
                           "computer."))
        detail.setWordWrap(True)
        detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A wrapped label in a stretching layout is not given its height-for-width: fix the
        # width and ask for the height that width needs (in whatever language is loaded).
        detail.setFixedWidth(560)
        detail.setMinimumHeight(detail.heightForWidth(560))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for action in (open_file, open_folder, open_demo):
            button = QPushButton(action.text().replace("&", ""))
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(heading)
        layout.addWidget(detail, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(18)
        layout.addLayout(buttons)
        layout.addStretch(3)

    def set_highlight(self, on: bool) -> None:
        """Shown while something is dragged over the window."""
        self._highlight = on
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        colour = palette.highlight().color() if self._highlight else palette.mid().color()
        pen = QPen(colour, 3 if self._highlight else 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(self.rect().adjusted(24, 24, -24, -24), 18, 18)
