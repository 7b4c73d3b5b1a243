"""The timeline widget: mapping, zoom and pan, clicks, range selection, hover, following."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QNativeGestureEvent, QPalette, QPointingDevice, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from viewer.timescale.track import MIN_SPAN_S
from viewer.ui.timeline import TimelineItem, TimelineWidget

DAY = 86400.0
T0 = 1_527_811_200.0  # 2018-06-01 00:00 UTC
BLUE, ORANGE = QColor("#3574c4"), QColor("#e0802a")


def make_items(count: int = 60, span_days: float = 90.0) -> list[TimelineItem]:
    step = span_days * DAY / max(count - 1, 1)
    return [TimelineItem(key=f"audio/{i:04d}.wav", start=T0 + i * step, duration_s=4.0,
                         color=BLUE if i % 2 else ORANGE, label=f"recording {i}")
            for i in range(count)]


@pytest.fixture
def timeline(qtbot: QtBot) -> TimelineWidget:
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(800, 190)
    widget.set_display_timezone(ZoneInfo("UTC"))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def lane_y(widget: TimelineWidget) -> int:
    return round(widget.marks_rect().center().y())


def wheel(widget: TimelineWidget, x: float, angle: QPoint,
          modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    position = QPointF(x, lane_y(widget))
    event = QWheelEvent(position, widget.mapToGlobal(position), QPoint(), angle,
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_fit_all_shows_every_mark_and_mapping_round_trips(timeline: TimelineWidget) -> None:
    items = make_items()
    timeline.set_items(items)
    for item in items:
        x = timeline.time_to_x(item.start)
        assert 0 < x < timeline.width()
        assert timeline.x_to_time(x) == pytest.approx(item.start, abs=1e-3)
    start, end = timeline.visible_range()
    assert start < items[0].start and end > items[-1].start + items[-1].duration_s
    assert timeline.accessibleName() == "Timeline"
    assert timeline.accessibleDescription()


def test_wheel_zoom_keeps_the_time_under_the_pointer(timeline: TimelineWidget) -> None:
    timeline.set_items(make_items())
    x = 300.0
    under_pointer = timeline.x_to_time(x)
    span_before = timeline.visible_range()[1] - timeline.visible_range()[0]
    wheel(timeline, x, QPoint(0, 240))  # two notches toward the screen: closer
    span_after = timeline.visible_range()[1] - timeline.visible_range()[0]
    assert span_after < span_before * 0.7
    assert timeline.x_to_time(x) == pytest.approx(under_pointer, abs=span_after / 1e6)
    wheel(timeline, x, QPoint(0, -240))
    assert timeline.visible_range()[1] - timeline.visible_range()[0] == pytest.approx(span_before)


def test_shift_wheel_and_horizontal_wheel_pan(timeline: TimelineWidget) -> None:
    timeline.set_items(make_items())
    timeline.set_visible_range(T0 + 30 * DAY, T0 + 31 * DAY)
    start = timeline.visible_range()[0]
    wheel(timeline, 400, QPoint(0, -120), Qt.KeyboardModifier.ShiftModifier)
    assert timeline.visible_range()[0] > start
    later = timeline.visible_range()[0]
    wheel(timeline, 400, QPoint(120, 0))
    assert timeline.visible_range()[0] < later


def test_pinch_gesture_zooms(timeline: TimelineWidget) -> None:
    timeline.set_items(make_items())
    span = timeline.visible_range()[1] - timeline.visible_range()[0]
    position = QPointF(400, lane_y(timeline))
    event = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture,
                                QPointingDevice.primaryPointingDevice(), 2, position, position,
                                timeline.mapToGlobal(position), 0.5, QPointF(), 0)
    QApplication.sendEvent(timeline, event)
    assert timeline.visible_range()[1] - timeline.visible_range()[0] == pytest.approx(span / 1.5)


def test_zoom_limits(timeline: TimelineWidget) -> None:
    timeline.set_items(make_items())
    fit = timeline.visible_range()
    for _ in range(200):
        timeline.zoom_by(0.5)
    start, end = timeline.visible_range()
    assert end - start == pytest.approx(MIN_SPAN_S)
    for _ in range(200):
        timeline.zoom_by(2.0)
    assert timeline.visible_range() == pytest.approx(fit)


def test_keyboard_zoom_pan_and_home(qtbot: QtBot, timeline: TimelineWidget) -> None:
    timeline.set_items(make_items())
    fit = timeline.visible_range()
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Plus)
    qtbot.keyClick(timeline, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    zoomed = timeline.visible_range()
    assert zoomed[1] - zoomed[0] < (fit[1] - fit[0]) / 2
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert timeline.visible_range()[0] > zoomed[0]
    qtbot.keyClick(timeline, Qt.Key.Key_Left)
    qtbot.keyClick(timeline, Qt.Key.Key_Left)
    assert timeline.visible_range()[0] < zoomed[0]
    qtbot.keyClick(timeline, Qt.Key.Key_Minus)
    assert timeline.visible_range()[1] - timeline.visible_range()[0] > zoomed[1] - zoomed[0]
    qtbot.keyClick(timeline, Qt.Key.Key_Home)
    assert timeline.visible_range() == pytest.approx(fit)


def test_click_on_a_mark_asks_for_it(qtbot: QtBot, timeline: TimelineWidget) -> None:
    items = make_items()
    timeline.set_items(items)
    target = items[17]
    x = round(timeline.time_to_x(target.start))
    with qtbot.waitSignal(timeline.current_requested, timeout=1000) as blocker:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x, lane_y(timeline)))
    assert blocker.args == [target.key]
    assert timeline.selected_range() is None


def test_drag_on_empty_space_selects_a_range(qtbot: QtBot, timeline: TimelineWidget) -> None:
    items = make_items(count=3)
    timeline.set_items(items)
    y = lane_y(timeline)
    x0, x1 = 250, 520
    assert timeline.item_at(QPoint(x0, y)) is None
    with qtbot.waitSignal(timeline.range_selected, timeout=1000) as blocker:
        qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x0, y))
        qtbot.mouseMove(timeline, QPoint(x0 + 40, y))
        qtbot.mouseMove(timeline, QPoint(x1, y))
        qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(x1, y))
    start, end = blocker.args
    assert start < end
    assert start == pytest.approx(timeline.x_to_time(x0))
    assert end == pytest.approx(timeline.x_to_time(x1))
    assert timeline.selected_range() == (start, end)


def test_escape_and_a_click_on_empty_space_clear_the_selection(
        qtbot: QtBot, timeline: TimelineWidget) -> None:
    timeline.set_items(make_items(count=3))
    y = lane_y(timeline)
    for clear in ("escape", "click"):
        qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(250, y))
        qtbot.mouseMove(timeline, QPoint(300, y))
        qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(300, y))
        assert timeline.selected_range() is not None
        with qtbot.waitSignal(timeline.range_cleared, timeout=1000):
            if clear == "escape":
                qtbot.keyClick(timeline, Qt.Key.Key_Escape)
            else:
                qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(600, y))
        assert timeline.selected_range() is None


def test_set_current_pans_to_an_off_screen_mark(timeline: TimelineWidget) -> None:
    items = make_items()
    timeline.set_items(items)
    timeline.set_visible_range(items[0].start - 1800, items[0].start + 1800)
    last = items[-1]
    assert timeline.time_to_x(last.start) > timeline.width()
    span = timeline.visible_range()[1] - timeline.visible_range()[0]
    timeline.set_current(last.key)
    assert timeline.current() == last.key
    assert 0 < timeline.time_to_x(last.start) < timeline.width()
    assert timeline.visible_range()[1] - timeline.visible_range()[0] == pytest.approx(span)
    timeline.set_current(None)
    assert timeline.current() is None
    view = timeline.visible_range()
    timeline.set_current(last.key)  # visible now: the view stays put
    assert timeline.visible_range() == view


def test_hover_tooltip_names_the_nearest_mark(timeline: TimelineWidget) -> None:
    items = make_items()
    timeline.set_items(items)
    y = lane_y(timeline)
    x = timeline.time_to_x(items[30].start)
    assert timeline.tooltip_at(QPointF(x + 2, y)) == "recording 30"
    assert timeline.item_at(QPointF(x - 2, y)) == items[30].key
    gap_x = (x + timeline.time_to_x(items[31].start)) / 2
    assert timeline.tooltip_at(QPointF(gap_x, y)) is None
    assert timeline.tooltip_at(QPointF(x, 2)) is None  # the header is not a mark


def test_marks_at_one_pixel_collapse_and_the_tooltip_says_so(timeline: TimelineWidget) -> None:
    items = [*make_items(count=2),
             TimelineItem("a.wav", T0 + 40 * DAY, 3.0, BLUE, "first"),
             TimelineItem("b.wav", T0 + 40 * DAY + 1, 3.0, BLUE, "second")]
    timeline.set_items(items)
    text = timeline.tooltip_at(QPointF(timeline.time_to_x(T0 + 40 * DAY), lane_y(timeline)))
    assert text is not None and text.startswith("first")
    assert "1 more" in text


def test_renders_10000_items_and_the_empty_state(timeline: TimelineWidget) -> None:
    assert not timeline.grab().isNull()  # no items: the empty-state text
    items = make_items(count=10_000, span_days=3 * 365)
    timeline.set_items(items)
    timeline.set_legend("Colour: device", [("Echo Dot", BLUE), ("Echo Show", ORANGE)])
    timeline.set_current(items[5000].key)
    for view in (None, (T0 + 500 * DAY, T0 + 507 * DAY), (T0 + 500 * DAY, T0 + 500 * DAY + 60)):
        if view:
            timeline.set_visible_range(*view)
        image = timeline.grab().toImage()
        assert image.width() >= timeline.width()


def test_set_items_again_keeps_the_view_and_current(timeline: TimelineWidget) -> None:
    items = make_items()
    timeline.set_items(items)
    timeline.set_visible_range(T0 + 10 * DAY, T0 + 12 * DAY)
    timeline.set_current(items[8].key)
    view = timeline.visible_range()
    recoloured = [TimelineItem(i.key, i.start, i.duration_s, ORANGE, i.label) for i in items]
    timeline.set_items(recoloured)
    assert timeline.visible_range() == view
    assert timeline.current() == items[8].key


def lane_column(timeline: TimelineWidget, x: float) -> list[str]:
    """The colours painted down the lane at ``x`` (the most painted of the pixel columns
    around it: density bars have a pixel of space between them)."""
    image = timeline.grab().toImage()
    lane = timeline.marks_rect()
    background = timeline.palette().color(QPalette.ColorRole.Base).name()
    columns = [[image.pixelColor(column, y).name()
                for y in range(round(lane.top()), round(lane.bottom()))]
               for column in (round(x) - 1, round(x), round(x) + 1)]
    return max(columns, key=lambda names: sum(name != background for name in names))


def test_a_crowded_view_shows_density_bars_and_zooming_in_shows_the_marks(
        timeline: TimelineWidget) -> None:
    items = make_items(count=3000, span_days=60)
    timeline.set_items(items)
    timeline.set_legend("Colour: device", [("Echo Dot", BLUE), ("Echo Show", ORANGE)])
    # 3,000 marks on ~390 bins: drawn one by one they would only cover each other.
    assert timeline.shows_density()
    x = timeline.time_to_x(items[1500].start)
    # Every bin holds both colours: one bar, split in legend order (Echo Dot on top).
    lane = timeline.marks_rect()
    column = lane_column(timeline, x)
    painted = [name for name in column if name in (BLUE.name(), ORANGE.name())]
    assert painted[0] == BLUE.name() and painted[-1] == ORANGE.name()
    assert column[-1] == ORANGE.name()  # bars stand on the lane's floor
    # The tooltip of a bar says what it stands for.
    text = timeline.tooltip_at(QPointF(x, lane.bottom() - 2))
    assert text is not None
    assert "Echo Dot: " in text and "Echo Show: " in text and "Zoom in" in text
    timeline.set_visible_range(items[1500].start - DAY / 2, items[1500].start + DAY / 2)
    assert not timeline.shows_density()
    assert timeline.tooltip_at(QPointF(timeline.time_to_x(items[1500].start) + 1,
                                       lane_y(timeline))) == "recording 1500"


def test_one_recording_of_another_colour_stays_visible_among_many(
        timeline: TimelineWidget) -> None:
    items = [TimelineItem(i.key, i.start, i.duration_s, BLUE, i.label)
             for i in make_items(count=3000, span_days=60)]
    stranger = TimelineItem("stranger.wav", items[1200].start + 60, 3.0, ORANGE, "stranger")
    timeline.set_items([*items, stranger])
    timeline.set_legend("Colour: device", [("Echo Dot", BLUE), ("Stranger", ORANGE)])
    assert timeline.shows_density()
    x = timeline.time_to_x(stranger.start)
    assert ORANGE.name() in lane_column(timeline, x)
    text = timeline.tooltip_at(QPointF(x, timeline.marks_rect().bottom() - 1))
    assert text is not None and "Stranger: 1" in text
    # A click on a bar still asks for a recording: the one nearest the pointer.
    assert timeline.item_at(QPointF(x, lane_y(timeline))) is not None
