"""What the mouse, wheel, pinch and keys do to the timeline.

``TimelineGestures`` turns input events into the widget's own calls (zoom, pan, select, ask
for a recording); it holds only the state of a gesture in progress (a press, a drag).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QNativeGestureEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip

if TYPE_CHECKING:
    from viewer.ui.timeline import TimelineWidget

#: One wheel notch zooms by this factor; the keyboard zooms by two notches' worth.
ZOOM_PER_NOTCH = 0.8
KEY_ZOOM = ZOOM_PER_NOTCH ** 3
#: Left/Right (and one horizontal wheel notch) pan by this fraction of the visible span.
PAN_FRACTION = 0.1
#: Wheel delta of one notch (Qt's eighths of a degree).
_NOTCH = 120.0


class TimelineGestures:
    """Input handling of one ``TimelineWidget``; its event handlers delegate here."""

    def __init__(self, widget: TimelineWidget) -> None:
        self._widget = widget
        # A left press: where, and the mark under it; whether it has become a drag.
        self._press_x: float | None = None
        self._press_key: str | None = None
        self._selecting = False
        # A middle-button pan: where it started, and the view's start then.
        self._pan_origin: tuple[float, float] | None = None

    def event(self, event: QEvent) -> bool:
        """Tooltips and pinch zoom; True when handled."""
        widget = self._widget
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = widget.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, widget)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if (event.type() == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent)
                and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture):
            # value() is the change of scale since the last event: +0.1 is 10 % closer.
            if 1.0 + event.value() > 0:
                widget.zoom_by(1.0 / (1.0 + event.value()), event.position().x())
            event.accept()
            return True
        return False

    def wheel(self, event: QWheelEvent) -> None:
        widget = self._widget
        span = widget.visible_span()
        angle = event.angleDelta()
        pixels = event.pixelDelta()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        horizontal = angle.x() != 0 and abs(angle.x()) > abs(angle.y())
        if shift or horizontal:
            if not pixels.isNull():  # trackpad: follow the fingers pixel for pixel
                moved = pixels.x() or pixels.y()
                widget.pan_by(-moved * span / widget.marks_rect().width())
            else:
                notches = (angle.x() or angle.y()) / _NOTCH
                widget.pan_by(-notches * PAN_FRACTION * span)
        elif angle.y():
            widget.zoom_by(ZOOM_PER_NOTCH ** (angle.y() / _NOTCH), event.position().x())
        event.accept()

    def key(self, event: QKeyEvent) -> bool:
        """+/- zoom, Left/Right pan (Shift: half a view), Home fits all, Escape clears the
        selection; True when handled."""
        widget = self._widget
        span = widget.visible_span()
        key = event.key()
        large = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if event.matches(QKeySequence.StandardKey.ZoomIn) or key in (Qt.Key.Key_Plus,
                                                                      Qt.Key.Key_Equal):
            widget.zoom_by(KEY_ZOOM)
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or key in (Qt.Key.Key_Minus,
                                                                         Qt.Key.Key_Underscore):
            widget.zoom_by(1 / KEY_ZOOM)
        elif key == Qt.Key.Key_Left:
            widget.pan_by(-(0.5 if large else PAN_FRACTION) * span)
        elif key == Qt.Key.Key_Right:
            widget.pan_by((0.5 if large else PAN_FRACTION) * span)
        elif key == Qt.Key.Key_Home:
            widget.fit_all()
        elif key == Qt.Key.Key_Escape and widget.selected_range() is not None:
            widget.clear_selection()
        else:
            return False
        event.accept()
        return True

    def press(self, event: QMouseEvent) -> bool:
        widget = self._widget
        x = event.position().x()
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_x = x
            self._press_key = widget.item_at(event.position())
            self._selecting = False
        elif event.button() == Qt.MouseButton.MiddleButton:
            self._pan_origin = (x, widget.visible_range()[0])
            widget.setCursor(Qt.CursorShape.ClosedHandCursor)
        else:
            return False
        event.accept()
        return True

    def move(self, event: QMouseEvent) -> None:
        widget = self._widget
        x = event.position().x()
        plot = widget.marks_rect()
        if self._pan_origin is not None:
            origin_x, origin_start = self._pan_origin
            widget.scroll_to(origin_start - (x - origin_x) * widget.visible_span() / plot.width())
        elif self._press_x is not None:
            if not self._selecting and abs(x - self._press_x) >= QApplication.startDragDistance():
                self._selecting = True
                widget.hover_at(None)
            if self._selecting:
                clamped = min(max(x, plot.left()), plot.right())
                a, b = widget.x_to_time(self._press_x), widget.x_to_time(clamped)
                widget.preview_selection(min(a, b), max(a, b))
        else:
            widget.hover_at(event.position())
        event.accept()

    def release(self, event: QMouseEvent) -> bool:
        widget = self._widget
        if event.button() == Qt.MouseButton.LeftButton and self._press_x is not None:
            selecting, pressed = self._selecting, self._press_key
            self._press_x, self._press_key, self._selecting = None, None, False
            selection = widget.selected_range()
            if selecting and selection is not None:
                widget.range_selected.emit(*selection)
            elif pressed is not None:
                widget.current_requested.emit(pressed)
            else:
                widget.clear_selection()
        elif event.button() == Qt.MouseButton.MiddleButton and self._pan_origin is not None:
            self._pan_origin = None
            widget.unsetCursor()
        else:
            return False
        widget.hover_at(event.position())
        event.accept()
        return True
