"""The waveform of the current recording: time ruler, played part, playhead, click to seek.

The widget shows and reports; it decides nothing. Seeking is a request (``seek_requested``)
that the player answers by moving, and the player's position comes back through
``set_position``.

Painting is cheap because everything except the playhead is cached: two pixmaps per size,
peaks and palette (the waveform in its "not yet played" and in its "played" colours, ruler
included), and a paint event copies the left part of one and the right part of the other.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from viewer.audio.peaks import resample_peaks

#: Ruler steps in seconds, finest first; the finest that leaves room for its labels wins.
_STEPS = (0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)
#: Minor ticks per step, so minor ticks fall on round times (15 s: every 5 s).
_MINOR_DIVISIONS = {0.1: 5, 0.2: 2, 0.5: 5, 1: 5, 2: 4, 5: 5, 10: 5, 15: 3, 30: 3, 60: 4,
                    120: 4, 300: 5, 600: 5, 900: 3, 1800: 3, 3600: 4}
#: Seconds moved by Left/Right (Shift: ``_BIG_NUDGE_S``).
NUDGE_S = 1.0
_BIG_NUDGE_S = 5.0


def format_time(seconds: float, step: float = 1.0) -> str:
    """``m:ss`` (``h:mm:ss`` past an hour); tenths when ``step`` is under a second."""
    seconds = max(0.0, seconds)
    if step < 1:
        tenths = round(seconds * 10)
        minutes, rest = divmod(tenths, 600)
        return f"{minutes}:{rest // 10:02d}.{rest % 10}"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _mix(first: QColor, second: QColor, amount: float) -> QColor:
    """``amount`` of ``first`` over ``second``."""
    return QColor.fromRgbF(
        first.redF() * amount + second.redF() * (1 - amount),
        first.greenF() * amount + second.greenF() * (1 - amount),
        first.blueF() * amount + second.blueF() * (1 - amount))


class WaveformWidget(QWidget):
    """Peaks over time with a ruler; emits seek requests from the mouse and the keyboard."""

    #: Seconds the person asked for (click, every move while dragging, arrow keys).
    seek_requested = Signal(float)
    #: Seconds where a click or drag ended.
    scrub_finished = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._peaks: np.ndarray | None = None
        self._duration_s = 0.0
        self._position_s = 0.0
        self._message = ""
        self._dragging = False
        self._last_request: float | None = None
        self._hover_x: float | None = None
        self._cache_key: tuple[object, ...] | None = None
        self._unplayed = QPixmap()
        self._played = QPixmap()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(self.tr("Waveform"))
        self.setAccessibleDescription(self.tr(
            "The recording's sound over time, with a time ruler. Click or drag to move the "
            "playhead; Left and Right arrows move it by one second, Home and End to the start "
            "and the end."))

    # -- public API -------------------------------------------------------------------------
    def set_peaks(self, peaks: np.ndarray | None) -> None:
        """``(n, 2)`` min/max peaks over the whole clip (any n), or None for none."""
        self._peaks = None if peaks is None else np.asarray(peaks, dtype=np.float32)
        if self._peaks is not None:
            self._message = ""
        self._invalidate()

    def set_duration(self, seconds: float) -> None:
        self._duration_s = max(0.0, float(seconds))
        self._position_s = min(self._position_s, self._duration_s)
        self._invalidate()

    def set_position(self, seconds: float) -> None:
        """Move the playhead (ignored while the person drags it)."""
        if self._dragging:
            return
        self._move_playhead(seconds)

    def set_message(self, message: str) -> None:
        """Show ``message`` instead of the waveform ("Decoding…", "Cannot decode: …")."""
        self._message = message
        if message:
            self._peaks = None
        self._invalidate()

    def clear(self) -> None:
        self._peaks = None
        self._duration_s = 0.0
        self._position_s = 0.0
        self._message = ""
        self._dragging = False
        self._invalidate()

    @property
    def position_s(self) -> float:
        return self._position_s

    @property
    def duration_s(self) -> float:
        return self._duration_s

    @property
    def message(self) -> str:
        return self._message

    def time_at(self, x: float) -> float:
        """Seconds under widget x coordinate ``x``."""
        if self._duration_s <= 0 or self.width() <= 0:
            return 0.0
        return min(max(x / self.width(), 0.0), 1.0) * self._duration_s

    def x_at(self, seconds: float) -> float:
        if self._duration_s <= 0:
            return 0.0
        return min(max(seconds / self._duration_s, 0.0), 1.0) * self.width()

    # -- Qt ---------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(480, 96)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, self._ruler_height() + 24)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange,
                            QEvent.Type.FontChange):
            self._invalidate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._cache_key = None
        super().resizeEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._duration_s <= 0:
            super().mousePressEvent(event)
            return
        self._dragging = True
        self._request(self.time_at(event.position().x()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hover_x = event.position().x()
        if self._dragging:
            self._request(self.time_at(event.position().x()))
        self.update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self._dragging:
            super().mouseReleaseEvent(event)
            return
        self._dragging = False
        seconds = self.time_at(event.position().x())
        if seconds != self._last_request:
            self._request(seconds)
        self.scrub_finished.emit(seconds)
        event.accept()

    def leaveEvent(self, event: QEvent) -> None:
        self._hover_x = None
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._duration_s <= 0:
            super().keyPressEvent(event)
            return
        big = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        step = _BIG_NUDGE_S if big else NUDGE_S
        targets = {
            Qt.Key.Key_Left: self._position_s - step,
            Qt.Key.Key_Right: self._position_s + step,
            Qt.Key.Key_Home: 0.0,
            Qt.Key.Key_End: self._duration_s,
        }
        target = targets.get(Qt.Key(event.key()))
        if target is None:
            super().keyPressEvent(event)
            return
        self._request(min(max(target, 0.0), self._duration_s))
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        self._ensure_cache()
        painter = QPainter(self)
        width, height = self.width(), self.height()
        playhead = self.x_at(self._position_s) if self._duration_s > 0 else 0.0
        ratio = self._unplayed.devicePixelRatio() or 1.0
        split = round(playhead * ratio)
        total = self._unplayed.width()
        if split > 0:
            painter.drawPixmap(QRectF(0, 0, split / ratio, height), self._played,
                               QRectF(0, 0, split, self._played.height()))
        if split < total:
            painter.drawPixmap(QRectF(split / ratio, 0, (total - split) / ratio, height),
                               self._unplayed,
                               QRectF(split, 0, total - split, self._unplayed.height()))
        palette = self.palette()
        ruler = self._ruler_height()
        if self._duration_s > 0 and self._hover_x is not None and not self._dragging:
            hover = QColor(palette.color(QPalette.ColorRole.Text))
            hover.setAlphaF(0.25)
            painter.setPen(QPen(hover, 1))
            painter.drawLine(QPointF(self._hover_x + 0.5, ruler),
                             QPointF(self._hover_x + 0.5, height))
        if self._duration_s > 0 and (self._peaks is not None or self._position_s > 0):
            self._paint_playhead(painter, playhead, ruler, height)
        if self.hasFocus():
            focus = QColor(palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(QPen(focus, 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(0.5, 0.5, width - 1, height - 1))
        painter.end()

    # -- internals --------------------------------------------------------------------------
    def _request(self, seconds: float) -> None:
        self._last_request = seconds
        self._move_playhead(seconds)
        self.seek_requested.emit(seconds)

    def _move_playhead(self, seconds: float) -> None:
        seconds = min(max(float(seconds), 0.0), self._duration_s)
        if seconds != self._position_s:
            self._position_s = seconds
            self.update()

    def _invalidate(self) -> None:
        self._cache_key = None
        self.update()

    def _ruler_height(self) -> int:
        return QFontMetrics(self._ruler_font()).height() + 6

    def _ruler_font(self) -> QFont:
        font = self.font()
        size = font.pointSizeF()
        if size > 0:
            font.setPointSizeF(max(7.0, size * 0.85))
        return font

    def _ensure_cache(self) -> None:
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, id(self._peaks), self._duration_s,
               self._message, self.palette().cacheKey(), self.font().key())
        if key == self._cache_key:
            return
        self._cache_key = key
        self._unplayed = self._render(ratio, played=False)
        self._played = self._render(ratio, played=True)

    def _render(self, ratio: float, *, played: bool) -> QPixmap:
        width, height = max(1, self.width()), max(1, self.height())
        pixmap = QPixmap(math.ceil(width * ratio), math.ceil(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        background = _mix(highlight, base, 0.14) if played else base
        pixmap.fill(background)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ruler = self._ruler_height()
        self._paint_ruler(painter, width, ruler, played)
        area = QRectF(0, ruler + 3, width, max(1, height - ruler - 6))
        centre = area.center().y()
        if self._message:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self._message)
        elif self._peaks is not None and self._peaks.shape[0] > 0 and self._duration_s > 0:
            colour = highlight if played else _mix(text, base, 0.5)
            self._paint_peaks(painter, area, ratio, colour)
        else:
            line = _mix(text, base, 0.2)
            painter.setPen(QPen(line, 1))
            painter.drawLine(QPointF(0, centre), QPointF(width, centre))
        painter.end()
        return pixmap

    def _paint_peaks(self, painter: QPainter, area: QRectF, ratio: float,
                     colour: QColor) -> None:
        columns = max(1, int(area.width() * ratio))
        folded = resample_peaks(self._peaks, columns)  # type: ignore[arg-type]
        # Quiet recordings are common (far-field microphones): scale to the loudest peak,
        # but never blow silence up into a wall of noise.
        loudest = max(float(np.abs(folded).max()), 0.1)
        half = area.height() / 2 * 0.92
        centre = area.center().y()
        top = centre - folded[:, 1] / loudest * half
        bottom = centre - folded[:, 0] / loudest * half
        minimum = 1.0 / ratio  # silence still shows as a hairline
        thin = (bottom - top) < minimum
        top[thin] = centre - minimum / 2
        bottom[thin] = centre + minimum / 2
        xs = area.left() + (np.arange(columns) + 0.5) / ratio
        points = [QPointF(x, y) for x, y in zip(xs.tolist(), top.tolist(), strict=True)]
        points += [QPointF(x, y) for x, y in
                   zip(reversed(xs.tolist()), reversed(bottom.tolist()), strict=True)]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF(points))

    def _paint_ruler(self, painter: QPainter, width: int, ruler: int, played: bool) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.Text)
        painter.fillRect(QRectF(0, 0, width, ruler), _mix(window, base, 0.7))
        painter.setPen(QPen(_mix(text, base, 0.25), 1))
        painter.drawLine(QPointF(0, ruler - 0.5), QPointF(width, ruler - 0.5))
        if self._duration_s <= 0:
            return
        font = self._ruler_font()
        painter.setFont(font)
        metrics = QFontMetrics(font)
        per_second = width / self._duration_s
        step: float = _STEPS[-1]
        for candidate in _STEPS:
            label = format_time(self._duration_s, candidate)
            if candidate * per_second >= metrics.horizontalAdvance(label) + 14:
                step = candidate
                break
        minor = step / _MINOR_DIVISIONS[step]
        if minor * per_second < 5:  # too dense to read: majors only
            minor = step
        tick = _mix(text, base, 0.45)
        label_colour = palette.color(QPalette.ColorRole.PlaceholderText)
        if label_colour.alpha() < 255 or label_colour == text:
            label_colour = _mix(text, base, 0.7)
        count = int(self._duration_s / minor + 1e-6)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for index in range(count + 1):
            seconds = index * minor
            x = round(seconds * per_second)
            major = abs(seconds / step - round(seconds / step)) < 1e-6
            painter.setPen(QPen(tick, 1))
            length = 6 if major else 3
            painter.drawLine(x, ruler - length, x, ruler - 1)
            if major:
                label = format_time(seconds, step)
                advance = metrics.horizontalAdvance(label)
                if x + 3 + advance <= width:
                    painter.setPen(label_colour)
                    painter.drawText(QRectF(x + 3, 1, advance + 2, ruler - 4),
                                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                     label)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def _paint_playhead(self, painter: QPainter, x: float, ruler: int, height: int) -> None:
        palette = self.palette()
        colour = palette.color(QPalette.ColorRole.Text)
        x = min(max(x, 1.0), self.width() - 1.0)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 1.5))
        painter.drawLine(QPointF(x, ruler), QPointF(x, height))
        handle = QPolygonF([QPointF(x - 5, ruler - 7), QPointF(x + 5, ruler - 7),
                            QPointF(x, ruler)])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(handle)
