"""A keyboard-shortcut sheet laid over the window (F1 or ?), built from the actions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QWidget

from viewer.ui.i18n import tr


class HelpOverlay(QWidget):
    def __init__(self, actions: Sequence[QAction], parent: QWidget) -> None:
        super().__init__(parent)
        self._actions = [action for action in actions if action.shortcuts()]
        self.setAccessibleName(tr("Keyboard shortcuts"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        parent.installEventFilter(self)
        self.hide()

    def rows(self) -> list[tuple[str, str]]:
        """(action, shortcuts) as shown; also what screen readers get as the description."""
        return [(action.text().replace("&", ""), "   ".join(
            shortcut.toString(QKeySequence.SequenceFormat.NativeText)
            for shortcut in action.shortcuts())) for action in self._actions]

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        self._cover_parent()
        self.setAccessibleDescription("; ".join(f"{a}: {k}" for a, k in self.rows()))
        self.show()
        self.raise_()
        self.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._cover_parent()
        return False

    def _cover_parent(self) -> None:
        parent = self.parentWidget()
        assert parent is not None  # made with the window's central widget as its parent
        self.setGeometry(parent.rect())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))
        palette = self.palette()
        rows = self.rows()
        metrics = painter.fontMetrics()
        line = metrics.height() + 8
        width = min(self.width() - 80, 640)
        height = line * (len(rows) + 3)
        box = QRectF((self.width() - width) / 2, max(20, (self.height() - height) / 2),
                     width, height)
        painter.setBrush(palette.window())
        painter.setPen(palette.mid().color())
        painter.drawRoundedRect(box, 12, 12)
        painter.setPen(palette.windowText().color())
        title_font = painter.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        painter.setFont(title_font)
        painter.drawText(box.adjusted(24, 14, -24, 0), Qt.AlignmentFlag.AlignTop,
                         tr("Keyboard shortcuts"))
        painter.setFont(self.font())
        y = box.top() + line * 2
        for name, keys in rows:
            painter.setPen(palette.windowText().color())
            painter.drawText(QRectF(box.left() + 24, y, width / 2, line),
                             Qt.AlignmentFlag.AlignVCenter, name)
            painter.setPen(palette.highlight().color())
            painter.drawText(QRectF(box.left() + width / 2, y, width / 2 - 24, line),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, keys)
            y += line
        painter.setPen(palette.placeholderText().color())
        painter.drawText(QRectF(box.left(), y + 4, width, line), Qt.AlignmentFlag.AlignCenter,
                         tr("Press any key to close"))
