"""The timeline: every recording of an export on one horizontal time axis.

A person going through 1,700 recordings first needs to see *when* they happened: which days,
which hours, which clusters. The widget draws each recording as a coloured mark on a zoomable
axis (years down to seconds), with a density strip that shows where recordings pile up.

Performance is designed in, because an export may hold 10,000 recordings and the current mark
moves with playback (a repaint several times a second):

- items are kept sorted by start in NumPy arrays; a paint finds the visible ones with
  ``searchsorted``;
- marks are collapsed per 2-pixel column and colour with NumPy before any Qt call, so a paint
  draws at most (width / 2) x colours rectangles, in one ``drawRects`` call per colour;
- the density histogram and the axis ticks are cached per view.

When the marks in view are too many to tell apart (a year of a large export: 1,700 marks on
600 columns), the lane shows where they pile up instead: one bar per bin of the density strip,
its height the number of recordings, split into the colours of the marks it stands for (so a
single stranger's recording among a hundred of the owner's still shows). Zoomed in, the marks
come back one by one.

The widget only *asks*: a click on a mark emits ``current_requested``; the caller decides and
calls ``set_current`` (playback does the same as it moves on).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimeZone, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

#: The narrowest view: about five seconds across the whole width.
MIN_SPAN_S = 5.0
#: Room left on each side of the data by ``fit_all``, as a fraction of the data's span.
FIT_MARGIN = 0.03
#: ``fit_all`` on a single recording (or several at one instant) shows at least this much.
MIN_FIT_SPAN_S = 60.0
#: A mark within this many pixels of the pointer is "under" it (hover, tooltip, click).
HIT_TOLERANCE_PX = 4.0
#: Marks whose starts fall into one column of this width are drawn as one (per colour).
COLUMN_PX = 2
#: A clip at least this wide on screen is drawn as a box of its duration, not a bar.
BOX_MIN_PX = 4.0
#: Width of one bin of the density strip (and of the lane's bars when it shows density).
DENSITY_BIN_PX = 3
#: The lane shows density bars instead of marks when the recordings in view average at least
#: this many per occupied bin: the marks would mostly be drawn over each other.
DENSE_MARKS_PER_BIN = 2.0
#: A colour present in a density bar gets at least this height, however few its recordings.
MIN_SEGMENT_PX = 2.0
#: One wheel notch zooms by this factor; the keyboard zooms by two notches' worth.
ZOOM_PER_NOTCH = 0.8
KEY_ZOOM = ZOOM_PER_NOTCH ** 3
#: Left/Right (and one horizontal wheel notch) pan by this fraction of the visible span.
PAN_FRACTION = 0.1
PAD_X = 10.0

_NOTCH = 120.0

# Fine tick steps, smallest first: (unit, count). Months and years are calendar steps.
_STEPS: tuple[tuple[str, int], ...] = (
    ("second", 1), ("second", 2), ("second", 5), ("second", 10), ("second", 15), ("second", 30),
    ("minute", 1), ("minute", 2), ("minute", 5), ("minute", 10), ("minute", 15), ("minute", 30),
    ("hour", 1), ("hour", 2), ("hour", 3), ("hour", 6), ("hour", 12),
    ("day", 1), ("day", 2), ("week", 1),
    ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50),
    ("year", 100),
)
# Nominal (shortest) length of a unit: a month is at least 28 days, so labels never collide.
_UNIT_S = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0,
           "week": 7 * 86400.0, "month": 28 * 86400.0, "year": 365 * 86400.0}
# The coarse row of the axis gives the context of the fine ticks.
_COARSE = {"second": "day", "minute": "day", "hour": "day", "day": "month", "week": "month",
           "month": "year", "year": None}


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One mark: a recording that has a time."""

    #: The recording's path; what ``current_requested`` and ``set_current`` speak of.
    key: str
    #: POSIX seconds, UTC.
    start: float
    duration_s: float
    color: QColor
    #: Tooltip text (time, device, transcript excerpt), built by the caller.
    label: str


def local_timezone() -> tzinfo:
    """The system's zone with its daylight-saving rules when we can name it, else its offset."""
    zone_id = QTimeZone.systemTimeZoneId().data().decode("ascii", "replace")
    try:
        return ZoneInfo(zone_id)
    except (ValueError, OSError):  # unknown id, or no tz database (Windows without tzdata)
        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")


def _offset_s(t: float, tz: tzinfo) -> float:
    offset = datetime.fromtimestamp(t, tz).utcoffset()
    return offset.total_seconds() if offset else 0.0


def _fixed_ticks(t0: float, t1: float, step_s: float, tz: tzinfo) -> list[float]:
    """Ticks every ``step_s`` (at most 12 h) aligned to the wall clock, across DST changes."""
    offset0 = _offset_s(t0, tz)
    first = math.ceil((t0 + offset0) / step_s) * step_s - offset0
    count = min(int((t1 - first) / step_s) + 2, 2000)
    ticks = set()
    for i in range(count):
        tick = first + i * step_s
        # Same wall-clock alignment when the offset differs from the one at t0 (DST).
        tick += offset0 - _offset_s(tick, tz)
        if t0 <= tick <= t1:
            ticks.add(tick)
    return sorted(ticks)


def _calendar_ticks(t0: float, t1: float, unit: str, count: int, tz: tzinfo) -> list[float]:
    """Local midnights of days, Mondays, month or year starts (every ``count``) in [t0, t1]."""
    ticks: list[float] = []
    first = datetime.fromtimestamp(t0, tz)
    try:
        if unit in ("day", "week"):
            day = first.date()
            if unit == "week":
                day -= timedelta(days=day.weekday())
                step = timedelta(days=7)
            else:
                day -= timedelta(days=day.toordinal() % count)
                step = timedelta(days=count)
            while len(ticks) < 2000:
                tick = datetime(day.year, day.month, day.day, tzinfo=tz).timestamp()
                if tick > t1:
                    break
                if tick >= t0:
                    ticks.append(tick)
                day += step
        elif unit == "month":
            year, month = first.year, first.month - (first.month - 1) % count
            while len(ticks) < 2000:
                tick = datetime(year, month, 1, tzinfo=tz).timestamp()
                if tick > t1:
                    break
                if tick >= t0:
                    ticks.append(tick)
                month += count
                if month > 12:
                    year, month = year + 1, month - 12
        elif unit == "year":
            year = first.year - first.year % count
            while len(ticks) < 2000:
                tick = datetime(max(year, 1), 1, 1, tzinfo=tz).timestamp()
                if tick > t1:
                    break
                if tick >= t0:
                    ticks.append(tick)
                year += count
    except (ValueError, OverflowError, OSError):  # beyond year 9999 or the platform's range
        pass
    return ticks


def _ticks(t0: float, t1: float, unit: str, count: int, tz: tzinfo) -> list[float]:
    if unit in ("second", "minute", "hour"):
        return _fixed_ticks(t0, t1, count * _UNIT_S[unit], tz)
    return _calendar_ticks(t0, t1, unit, count, tz)


def _mix(a: QColor, b: QColor, toward_b: float) -> QColor:
    """``a`` moved ``toward_b`` (0..1) toward ``b``: derived colours that suit any theme."""
    keep = 1.0 - toward_b
    return QColor.fromRgbF(a.redF() * keep + b.redF() * toward_b,
                           a.greenF() * keep + b.greenF() * toward_b,
                           a.blueF() * keep + b.blueF() * toward_b)


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Where each band of the widget lies, for the current size and font."""

    plot_left: float
    plot_width: float
    header_baseline: float
    coarse_baseline: float
    fine_baseline: float
    axis_y: float
    lane_top: float
    lane_height: float
    density_top: float
    density_height: float

    @property
    def plot_right(self) -> float:
        return self.plot_left + self.plot_width

    @property
    def lane_bottom(self) -> float:
        return self.lane_top + self.lane_height

    @property
    def density_bottom(self) -> float:
        return self.density_top + self.density_height


@dataclass(frozen=True, slots=True)
class _Axis:
    unit: str
    count: int
    fine: list[float]
    coarse: list[float]
    coarse_unit: str | None
    wide_day_labels: bool


@dataclass(frozen=True, slots=True)
class _Bars:
    """The lane's density bars for one view: per bin, the top of each colour's segment."""

    #: (bins, colours) recordings per bin and colour.
    counts: np.ndarray
    #: (bins, colours) top y and height of each colour's segment (height 0: none).
    tops: np.ndarray
    heights: np.ndarray
    #: Per colour present: its rectangles, ready to draw.
    rects: list[tuple[int, list[QRectF]]]


class TimelineWidget(QWidget):
    """All recordings of an export on one zoomable time axis.

    Mouse: wheel (or pinch) zooms around the pointer; Shift+wheel, horizontal wheel or a
    middle-button drag pans; a click on a mark asks for it (``current_requested``); a left drag
    on empty space selects a time range. Keyboard: +/- zoom, Left/Right pan, Home shows all,
    Escape clears the selection.
    """

    #: A mark was clicked: the caller may make that recording current (``set_current``).
    current_requested = Signal(str)
    #: A time range was selected by dragging: (start, end) in POSIX seconds, start < end.
    range_selected = Signal(float, float)
    #: The selected range was cleared (Escape, a click on empty space, ``clear_selection``).
    range_cleared = Signal()
    #: The visible time range changed (zoom, pan, fit): (start, end) in POSIX seconds.
    visible_range_changed = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(self.tr("Timeline"))
        self.setAccessibleDescription(self.tr(
            "Recordings on a time axis. Wheel or plus and minus keys zoom, arrow keys pan, "
            "Home shows everything, a drag selects a time range, Escape clears it."))
        self.setSizePolicy(self.sizePolicy().horizontalPolicy(),
                           self.sizePolicy().Policy.Preferred)
        self._tz: tzinfo = local_timezone()
        self._keys: list[str] = []
        self._labels: list[str] = []
        self._index_of: dict[str, int] = {}
        self._starts = np.empty(0, dtype=np.float64)
        self._ends = np.empty(0, dtype=np.float64)
        self._color_index = np.empty(0, dtype=np.int64)
        self._colors: list[QColor] = []
        self._max_duration = 0.0
        self._data_lo = 0.0
        self._data_hi = 0.0
        self._legend_title = ""
        self._legend: list[tuple[str, QColor]] = []
        # View: the time at the plot's left edge and the seconds across the plot's width.
        now = datetime.now().timestamp()
        self._view_start = now - 43200.0
        self._view_span = 86400.0
        self._current: int | None = None
        self._hover: int | None = None
        self._selection: tuple[float, float] | None = None
        # Mouse gestures in progress.
        self._press_x: float | None = None
        self._press_index: int | None = None
        self._selecting = False
        self._pan_origin: tuple[float, float] | None = None
        # Caches, dropped when what they depend on changes.
        self._version = 0
        self._density_cache: tuple[tuple[object, ...], tuple[np.ndarray, np.ndarray]] | None = None
        self._bars_cache: tuple[tuple[object, ...], _Bars] | None = None
        self._axis_cache: tuple[tuple[object, ...], _Axis] | None = None
        self._label_widths: dict[str, float] = {}

    # ---------------------------------------------------------------- data in

    def set_items(self, items: Sequence[TimelineItem]) -> None:
        """Replace all marks. The first items are shown whole (``fit_all``); later calls (new
        colours, say) keep the view, the selection and the current mark if it is still there."""
        had_items = bool(self._keys)
        current_key = self.current()
        order = sorted(range(len(items)), key=lambda i: items[i].start)
        seen: set[str] = set()
        keys: list[str] = []
        labels: list[str] = []
        starts: list[float] = []
        durations: list[float] = []
        color_ids: list[int] = []
        color_slot: dict[int, int] = {}
        colors: list[QColor] = []
        for i in order:
            item = items[i]
            if item.key in seen or not math.isfinite(item.start):
                continue
            seen.add(item.key)
            rgba = item.color.rgba()
            if rgba not in color_slot:
                color_slot[rgba] = len(colors)
                colors.append(QColor(item.color))
            keys.append(item.key)
            labels.append(item.label)
            starts.append(item.start)
            duration = item.duration_s
            durations.append(duration if math.isfinite(duration) and duration > 0 else 0.0)
            color_ids.append(color_slot[rgba])
        self._keys, self._labels, self._colors = keys, labels, colors
        self._index_of = {key: i for i, key in enumerate(keys)}
        self._starts = np.asarray(starts, dtype=np.float64)
        self._ends = self._starts + np.asarray(durations, dtype=np.float64)
        self._color_index = np.asarray(color_ids, dtype=np.int64)
        self._order_colours_by_legend()
        self._max_duration = max(durations, default=0.0)
        self._data_lo = float(self._starts[0]) if keys else 0.0
        self._data_hi = float(self._ends.max()) if keys else 0.0
        self._version += 1
        self._hover = None
        self._current = self._index_of.get(current_key) if current_key else None
        if had_items and keys:
            self._set_view(self._view_start, self._view_span)
        else:
            self.fit_all()
        self.update()

    def set_legend(self, title: str, entries: Sequence[tuple[str, QColor]]) -> None:
        """A small legend in the top left, e.g. ("Colour: device", [("Echo Dot", blue)...])."""
        self._legend_title = title
        self._legend = [(name, QColor(color)) for name, color in entries]
        self._order_colours_by_legend()
        self.update()

    def legend(self) -> tuple[str, list[tuple[str, QColor]]]:
        """The legend as shown: its title and (label, colour) entries."""
        return self._legend_title, list(self._legend)

    def _order_colours_by_legend(self) -> None:
        """Number the colours in legend order: stacked marks then read top-down like it."""
        legend = {color.rgba(): i for i, (_, color) in reversed(list(enumerate(self._legend)))}
        order = sorted(range(len(self._colors)),
                       key=lambda slot: (legend.get(self._colors[slot].rgba(), len(legend)), slot))
        if order == list(range(len(self._colors))):
            return
        new_slot = np.empty(len(order), dtype=np.int64)
        new_slot[order] = np.arange(len(order))
        self._colors = [self._colors[slot] for slot in order]
        self._color_index = new_slot[self._color_index]
        self._version += 1

    def set_current(self, key: str | None) -> None:
        """Highlight ``key``'s mark; pan (keeping the zoom) when it is off-screen."""
        index = self._index_of.get(key) if key is not None else None
        if index == self._current:
            return
        self._current = index
        if index is not None:
            start, end = float(self._starts[index]), float(self._ends[index])
            margin = self._view_span * 0.02
            view_end = self._view_start + self._view_span
            if start < self._view_start + margin or end > view_end - margin:
                self._set_view((start + end) / 2 - self._view_span / 2, self._view_span)
        self.update()

    def current(self) -> str | None:
        return self._keys[self._current] if self._current is not None else None

    def set_display_timezone(self, tz: tzinfo) -> None:
        """The zone of the axis labels and tooltips of the density strip (default: local)."""
        self._tz = tz
        self._axis_cache = None
        self.update()

    def display_timezone(self) -> tzinfo:
        return self._tz

    # ---------------------------------------------------------------- view

    def fit_all(self) -> None:
        """Show every mark, with a small margin on both sides."""
        if not self._keys:
            self._set_view(self._view_start, self._view_span)
            return
        span = self._max_span()
        self._set_view((self._data_lo + self._data_hi) / 2 - span / 2, span)

    def visible_range(self) -> tuple[float, float]:
        return self._view_start, self._view_start + self._view_span

    def set_visible_range(self, start: float, end: float) -> None:
        """Show [start, end] across the width (within the zoom limits)."""
        if end > start:
            self._set_view(start, end - start)

    def zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Multiply the visible span by ``factor`` (< 1 zooms in), keeping the time at pixel
        ``anchor_x`` (default: the middle) where it is."""
        geometry = self._geometry()
        if anchor_x is None:
            anchor_x = geometry.plot_left + geometry.plot_width / 2
        anchor_x = min(max(anchor_x, geometry.plot_left), geometry.plot_right)
        anchor_t = self.x_to_time(anchor_x)
        span = self._clamp_span(self._view_span * factor)
        fraction = (anchor_x - geometry.plot_left) / geometry.plot_width
        self._set_view(anchor_t - fraction * span, span)

    def pan_by(self, seconds: float) -> None:
        self._set_view(self._view_start + seconds, self._view_span)

    def zoom_to_selection(self) -> None:
        if self._selection:
            self.set_visible_range(*self._selection)

    def time_to_x(self, t: float) -> float:
        """The widget x coordinate of POSIX time ``t`` in the current view."""
        geometry = self._geometry()
        return geometry.plot_left + (t - self._view_start) * geometry.plot_width / self._view_span

    def x_to_time(self, x: float) -> float:
        geometry = self._geometry()
        return self._view_start + (x - geometry.plot_left) * self._view_span / geometry.plot_width

    def _max_span(self) -> float:
        if not self._keys:
            return 10 * 365 * 86400.0
        return max((self._data_hi - self._data_lo) * (1 + 2 * FIT_MARGIN), MIN_FIT_SPAN_S)

    def _clamp_span(self, span: float) -> float:
        return min(max(span, MIN_SPAN_S), self._max_span())

    def _set_view(self, start: float, span: float) -> None:
        span = self._clamp_span(span)
        if self._keys:
            # The middle of the view stays over the data: one can never get lost in the void.
            center = min(max(start + span / 2, self._data_lo), self._data_hi)
            start = center - span / 2
        if (start, span) == (self._view_start, self._view_span):
            return
        self._view_start, self._view_span = start, span
        self.update()
        self.visible_range_changed.emit(start, start + span)

    # ---------------------------------------------------------------- selection

    def selected_range(self) -> tuple[float, float] | None:
        return self._selection

    def clear_selection(self) -> None:
        if self._selection is None:
            return
        self._selection = None
        self.update()
        self.range_cleared.emit()

    def marks_rect(self) -> QRectF:
        """Where marks are drawn (widget coordinates): the band between axis and density strip."""
        geometry = self._geometry()
        return QRectF(geometry.plot_left, geometry.lane_top, geometry.plot_width,
                      geometry.lane_height)

    # ---------------------------------------------------------------- hit testing

    def item_at(self, pos: QPoint | QPointF) -> str | None:
        """The key of the mark under widget position ``pos`` (within a few pixels), if any."""
        index = self._index_at(pos.x(), pos.y())
        return self._keys[index] if index is not None else None

    def tooltip_at(self, pos: QPoint | QPointF) -> str | None:
        """What the tooltip says at ``pos``: the nearest mark's label, or for the density
        strip, how many recordings that bin holds."""
        geometry = self._geometry()
        x, y = float(pos.x()), float(pos.y())
        index = self._index_at(x, y)
        if index is not None:
            bin_index = self._bin_of(index, geometry) if self._dense(geometry) else None
            if bin_index is not None:  # a density bar: what it stands for
                return self._bin_text(bin_index, geometry, by_colour=True)
            text = self._labels[index]
            others = len(self._column_members(index)) - 1
            if others > 0:
                text += "\n" + self.tr("(%n more at this point: zoom in to separate them)",
                                       "", others)
            return text
        if (geometry.density_top - 2 <= y <= geometry.density_bottom + 2
                and geometry.plot_left <= x <= geometry.plot_right and self._keys):
            bin_index = int((x - geometry.plot_left) // DENSITY_BIN_PX)
            counts = self._density(geometry)
            if 0 <= bin_index < len(counts) and counts[bin_index]:
                return self._bin_text(bin_index, geometry)
        return None

    def _bin_text(self, bin_index: int, geometry: _Geometry, *, by_colour: bool = False) -> str:
        """How many recordings a bin holds and when; with ``by_colour``, per legend entry."""
        by_colour_counts, counts = self._density_by_colour(geometry)
        t0 = self.x_to_time(geometry.plot_left + bin_index * DENSITY_BIN_PX)
        t1 = self.x_to_time(geometry.plot_left + (bin_index + 1) * DENSITY_BIN_PX)
        lines = [self._count_text(int(counts[bin_index])),
                 self.tr("{start} to {end}").format(start=self._format_time(t0),
                                                    end=self._format_time(t1))]
        if by_colour:
            names = {colour.rgba(): name for name, colour in reversed(self._legend)}
            for colour_id in np.flatnonzero(by_colour_counts[bin_index]).tolist():
                name = names.get(self._colors[colour_id].rgba())
                if name:
                    lines.append(f"{name}: {int(by_colour_counts[bin_index, colour_id])}")
            lines.append(self.tr("Zoom in to see each recording."))
        return "\n".join(lines)

    def _bin_of(self, index: int, geometry: _Geometry) -> int | None:
        """The density bin that counts item ``index`` (None: its start is not in view)."""
        start = float(self._starts[index])
        if not self._view_start <= start <= self._view_start + self._view_span:
            return None
        bin_index = int((start - self._view_start)
                        * (geometry.plot_width / self._view_span / DENSITY_BIN_PX))
        bins = max(math.ceil(geometry.plot_width / DENSITY_BIN_PX), 1)
        return bin_index if bin_index < bins else None

    def _drawn_extent(self, indices: slice | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Left and right pixel of marks as drawn: at least a column wide, snapped to columns
        unless wide enough to be a box."""
        geometry = self._geometry()
        scale = geometry.plot_width / self._view_span
        x0 = (self._starts[indices] - self._view_start) * scale + geometry.plot_left
        x1 = (self._ends[indices] - self._view_start) * scale + geometry.plot_left
        column = np.floor((x0 - geometry.plot_left) / COLUMN_PX)
        snapped = geometry.plot_left + column * COLUMN_PX
        is_box = (x1 - x0) >= BOX_MIN_PX
        left = np.where(is_box, x0, snapped)
        right = np.where(is_box, x1, snapped + COLUMN_PX)
        return left, right

    def _index_at(self, x: float, y: float) -> int | None:
        geometry = self._geometry()
        if not self._keys or not (geometry.lane_top - 6 <= y <= geometry.lane_bottom + 6):
            return None
        if not (geometry.plot_left - HIT_TOLERANCE_PX <= x <= geometry.plot_right
                + HIT_TOLERANCE_PX):
            return None
        lo = np.searchsorted(self._starts, self.x_to_time(x - HIT_TOLERANCE_PX - COLUMN_PX)
                             - self._max_duration, "left")
        hi = np.searchsorted(self._starts, self.x_to_time(x + HIT_TOLERANCE_PX), "right")
        if hi <= lo:
            return None
        left, right = self._drawn_extent(slice(lo, hi))
        distance = np.where(x < left, left - x, np.where(x > right, x - right, 0.0))
        near = np.flatnonzero(distance <= HIT_TOLERANCE_PX)
        if near.size == 0:
            return None
        best = near[distance[near] <= distance[near].min() + 0.5]
        candidates = [int(lo + i) for i in best]
        if len(candidates) > 1 and not self._dense(geometry):
            # Several colours stacked in one column: the pointer's height picks the colour.
            members = self._column_members(candidates[0])
            colours = sorted({int(self._color_index[i]) for i in members})
            if len(colours) > 1:
                band = (y - geometry.lane_top) / geometry.lane_height * len(colours)
                wanted = colours[min(max(int(band), 0), len(colours) - 1)]
                of_colour = [i for i in candidates if self._color_index[i] == wanted]
                candidates = of_colour or candidates
        return min(candidates, key=lambda i: abs(self.time_to_x(float(self._starts[i])) - x))

    def _column_members(self, index: int) -> list[int]:
        """The items drawn in the same column as ``index`` (all colours)."""
        geometry = self._geometry()
        x = self.time_to_x(float(self._starts[index]))
        column = math.floor((x - geometry.plot_left) / COLUMN_PX)
        lo = np.searchsorted(self._starts, self.x_to_time(x - 2 * COLUMN_PX), "left")
        hi = np.searchsorted(self._starts, self.x_to_time(x + 2 * COLUMN_PX), "right")
        scale = geometry.plot_width / self._view_span
        columns = np.floor((self._starts[lo:hi] - self._view_start) * scale / COLUMN_PX)
        return [int(lo + i) for i in np.flatnonzero(columns == column)]

    def _segment_rect(self, index: int, geometry: _Geometry) -> QRectF:
        """Where mark ``index`` is drawn: its column, and its colour's band when stacked; when
        the lane shows density, the bar that counts it."""
        bin_index = self._bin_of(index, geometry) if self._dense(geometry) else None
        if bin_index is not None:
            height = float(self._bars(geometry).heights[bin_index].sum())
            return QRectF(geometry.plot_left + bin_index * DENSITY_BIN_PX,
                          geometry.lane_bottom - height, DENSITY_BIN_PX - 1, height)
        left, right = self._drawn_extent(np.array([index]))
        colours = sorted({int(self._color_index[i]) for i in self._column_members(index)})
        rank = colours.index(int(self._color_index[index])) if colours else 0
        height = geometry.lane_height / max(len(colours), 1)
        return QRectF(float(left[0]), geometry.lane_top + rank * height,
                      float(right[0] - left[0]), height)

    # ---------------------------------------------------------------- geometry

    def sizeHint(self) -> QSize:
        return QSize(800, 190)

    def minimumSizeHint(self) -> QSize:
        height = QFontMetricsF(self.font()).height()
        return QSize(240, int(4 * height + 70))

    def _geometry(self) -> _Geometry:
        metrics = QFontMetricsF(self.font())
        line = math.ceil(metrics.height())
        ascent = metrics.ascent()
        width, height = float(self.width()), float(self.height())
        header_top = 5.0
        coarse_top = header_top + line + 4
        fine_top = coarse_top + line
        axis_y = fine_top + line + 3
        density_height = 18.0
        density_top = height - density_height - 7
        lane_top = axis_y + 12
        lane_height = max(density_top - 8 - lane_top, 8.0)
        return _Geometry(
            plot_left=PAD_X, plot_width=max(width - 2 * PAD_X, 1.0),
            header_baseline=header_top + ascent, coarse_baseline=coarse_top + ascent,
            fine_baseline=fine_top + ascent, axis_y=axis_y, lane_top=lane_top,
            lane_height=lane_height, density_top=density_top, density_height=density_height)

    # ---------------------------------------------------------------- axis

    def _label_width(self, unit: str) -> float:
        """Widest fine label of a unit, in the current font (cached per font)."""
        if not self._label_widths:
            metrics = QFontMetricsF(self.font())
            month = max(metrics.horizontalAdvance(self._month_name(m)) for m in range(1, 13))
            day = max(metrics.horizontalAdvance(f"{self._weekday_name(d)} 28")
                      for d in range(1, 8))
            self._label_widths = {
                "second": metrics.horizontalAdvance("00:00:00"),
                "minute": metrics.horizontalAdvance("00:00"),
                "hour": metrics.horizontalAdvance("00:00"),
                "day": metrics.horizontalAdvance("28"), "wide-day": day,
                "week": metrics.horizontalAdvance("28"), "month": month,
                "year": metrics.horizontalAdvance("0000"),
            }
        return self._label_widths[unit]

    def _axis(self, geometry: _Geometry) -> _Axis:
        key = (self._view_start, self._view_span, geometry.plot_width, id(self._tz),
               self.font().key())
        if self._axis_cache and self._axis_cache[0] == key:
            return self._axis_cache[1]
        px_per_s = geometry.plot_width / self._view_span
        unit, count = _STEPS[-1]
        for unit, count in _STEPS:
            if count * _UNIT_S[unit] * px_per_s >= self._label_width(unit) + 14:
                break
        t0 = self._view_start - self._view_span * 0.02
        t1 = self._view_start + self._view_span * 1.02
        fine = _ticks(t0, t1, unit, count, self._tz)
        coarse_unit = _COARSE[unit]
        coarse = _ticks(t0, t1, coarse_unit, 1, self._tz) if coarse_unit else []
        wide = (unit in ("day", "week")
                and count * _UNIT_S[unit] * px_per_s >= self._label_width("wide-day") + 14)
        axis = _Axis(unit, count, fine, coarse, coarse_unit, wide)
        self._axis_cache = (key, axis)
        return axis

    def _month_name(self, month: int, long: bool = False) -> str:
        fmt = self.locale().FormatType.LongFormat if long else self.locale().FormatType.ShortFormat
        return self.locale().standaloneMonthName(month, fmt)

    def _weekday_name(self, iso_weekday: int) -> str:
        return self.locale().dayName(iso_weekday, self.locale().FormatType.ShortFormat)

    def _fine_label(self, t: float, axis: _Axis) -> str:
        moment = datetime.fromtimestamp(t, self._tz)
        if axis.unit == "second":
            return moment.strftime("%H:%M:%S")
        if axis.unit in ("minute", "hour"):
            return moment.strftime("%H:%M")
        if axis.unit in ("day", "week"):
            if axis.wide_day_labels:
                return f"{self._weekday_name(moment.isoweekday())} {moment.day}"
            return str(moment.day)
        if axis.unit == "month":
            return self._month_name(moment.month)
        return str(moment.year)

    def _coarse_labels(self, t: float, unit: str) -> list[str]:
        """Labels of the coarse period that starts at (or contains) ``t``, longest first."""
        moment = datetime.fromtimestamp(t, self._tz)
        month = self._month_name(moment.month)
        if unit == "day":
            weekday = self._weekday_name(moment.isoweekday())
            return [self.tr("{weekday} {day} {month} {year}").format(
                        weekday=weekday, day=moment.day, month=month, year=moment.year),
                    self.tr("{day} {month}").format(day=moment.day, month=month),
                    str(moment.day)]
        if unit == "month":
            return [self.tr("{month} {year}").format(
                        month=self._month_name(moment.month, long=True), year=moment.year),
                    self.tr("{month} {year}").format(month=month, year=moment.year), month]
        return [str(moment.year)]

    def _format_time(self, t: float) -> str:
        moment = datetime.fromtimestamp(t, self._tz)
        return self.tr("{weekday} {day} {month} {year}, {time}").format(
            weekday=self._weekday_name(moment.isoweekday()), day=moment.day,
            month=self._month_name(moment.month), year=moment.year,
            time=moment.strftime("%H:%M:%S"))

    def _count_text(self, count: int) -> str:
        # Spelled out for one: without a loaded English translation "%n" has no plural forms.
        return self.tr("1 recording") if count == 1 else self.tr("%n recordings", "", count)

    def _format_duration(self, seconds: float) -> str:
        if seconds < 60:
            return self.tr("{n} s").format(n=f"{seconds:.1f}" if seconds < 10 else round(seconds))
        minutes = round(seconds / 60)
        if minutes < 60:
            return self.tr("{n} min").format(n=minutes)
        hours, minutes = divmod(minutes, 60)
        if hours < 48:
            return self.tr("{h} h {m} min").format(h=hours, m=minutes)
        days, hours = divmod(hours, 24)
        return self.tr("{d} d {h} h").format(d=days, h=hours)

    def _zone_name(self) -> str:
        moment = datetime.fromtimestamp(self._view_start + self._view_span / 2, self._tz)
        key = getattr(self._tz, "key", None)
        abbreviation = self._tz.tzname(moment) or ""
        if key and abbreviation and abbreviation != key:
            return f"{key} ({abbreviation})"
        return key or abbreviation or str(self._tz)

    # ---------------------------------------------------------------- density

    def _density(self, geometry: _Geometry) -> np.ndarray:
        """Recordings per bin of the density strip, for the current view (cached)."""
        return self._density_by_colour(geometry)[1]

    def _density_by_colour(self, geometry: _Geometry) -> tuple[np.ndarray, np.ndarray]:
        """Recordings per bin and colour ``(bins, colours)``, and per bin (cached per view)."""
        key = (self._view_start, self._view_span, geometry.plot_width, self._version)
        if self._density_cache and self._density_cache[0] == key:
            return self._density_cache[1]
        bins = max(math.ceil(geometry.plot_width / DENSITY_BIN_PX), 1)
        n_colours = max(len(self._colors), 1)
        lo = np.searchsorted(self._starts, self._view_start, "left")
        hi = np.searchsorted(self._starts, self._view_start + self._view_span, "right")
        scale = geometry.plot_width / self._view_span / DENSITY_BIN_PX
        index = ((self._starts[lo:hi] - self._view_start) * scale).astype(np.int64)
        inside = (index >= 0) & (index < bins)
        slot = index[inside] * n_colours + self._color_index[lo:hi][inside]
        by_colour = np.bincount(slot, minlength=bins * n_colours)[:bins * n_colours].reshape(
            bins, n_colours)
        result = (by_colour, by_colour.sum(axis=1))
        self._density_cache = (key, result)
        return result

    def shows_density(self) -> bool:
        """True when the marks in view are too many to tell apart, so that the lane shows
        density bars; False when it shows each recording's mark."""
        return self._dense(self._geometry())

    def _dense(self, geometry: _Geometry) -> bool:
        counts = self._density(geometry)
        occupied = int(np.count_nonzero(counts))
        return occupied > 0 and int(counts.sum()) >= DENSE_MARKS_PER_BIN * occupied

    def _bars(self, geometry: _Geometry) -> _Bars:
        """The lane's density bars for the current view (cached, like the density strip)."""
        key = (self._view_start, self._view_span, geometry.plot_width, self._version,
               geometry.plot_left, geometry.lane_top, geometry.lane_height)
        if self._bars_cache and self._bars_cache[0] == key:
            return self._bars_cache[1]
        by_colour, counts = self._density_by_colour(geometry)
        peak = max(int(counts.max()), 1)
        # Square root, as in the density strip: a lone recording stays visible beside a pile.
        total = np.sqrt(counts / peak) * geometry.lane_height
        share = by_colour * (total / np.maximum(counts, 1))[:, None]
        heights = np.where(by_colour > 0, np.maximum(share, MIN_SEGMENT_PX), 0.0)
        # The minimum heights may overfill the tallest bars: shrink those to fit the lane.
        filled = heights.sum(axis=1)
        heights *= np.minimum(1.0, geometry.lane_height / np.maximum(filled, 1e-9))[:, None]
        # Stacked in legend order from the top, like the bands of stacked marks.
        below = np.cumsum(heights[:, ::-1], axis=1)[:, ::-1] - heights
        tops = geometry.lane_bottom - below - heights
        rects: list[tuple[int, list[QRectF]]] = []
        for colour_id in range(by_colour.shape[1]):
            present = np.flatnonzero(by_colour[:, colour_id])
            if present.size == 0:
                continue
            xs = (geometry.plot_left + present * DENSITY_BIN_PX).tolist()
            rects.append((colour_id, [QRectF(x, y, DENSITY_BIN_PX - 1, h) for x, y, h in zip(
                xs, tops[present, colour_id].tolist(), heights[present, colour_id].tolist(),
                strict=True)]))
        bars = _Bars(by_colour, tops, heights, rects)
        self._bars_cache = (key, bars)
        return bars

    # ---------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        painter.fillRect(self.rect(), base)
        geometry = self._geometry()
        if not self._keys:
            self._paint_empty(painter, text, base)
        else:
            self._paint_header(painter, geometry, text, base)
            axis = self._axis(geometry)
            self._paint_axis(painter, geometry, axis, text, base)
            painter.save()
            painter.setClipRect(QRectF(geometry.plot_left, geometry.axis_y + 1,
                                       geometry.plot_width, self.height() - geometry.axis_y))
            self._paint_density(painter, geometry, text, base)
            self._paint_marks(painter, geometry)
            self._paint_selection(painter, geometry, text, base)
            self._paint_hover_and_current(painter, geometry, text)
            painter.restore()
            self._paint_overview(painter, geometry, text, base)
        frame = _mix(text, base, 0.8)
        if self.hasFocus():
            frame = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(frame, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def _paint_empty(self, painter: QPainter, text: QColor, base: QColor) -> None:
        painter.setPen(_mix(text, base, 0.45))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                         self.tr("No recordings with a time"))

    def _paint_header(self, painter: QPainter, geometry: _Geometry, text: QColor,
                      base: QColor) -> None:
        metrics = QFontMetricsF(self.font())
        secondary = _mix(text, base, 0.4)
        zone = self._zone_name()
        if geometry.plot_width >= 700:
            zone = self.tr("Times in {zone}").format(zone=zone)
        zone_width = metrics.horizontalAdvance(zone)
        zone_x = geometry.plot_right - zone_width
        painter.setPen(secondary)
        painter.drawText(QPointF(zone_x, geometry.header_baseline), zone)
        x = geometry.plot_left
        limit = zone_x - 16
        if self._legend_title:
            painter.drawText(QPointF(x, geometry.header_baseline), self._legend_title)
            x += metrics.horizontalAdvance(self._legend_title) + 10
        swatch = math.floor(metrics.ascent() * 0.75)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for shown, (name, color) in enumerate(self._legend):
            needed = swatch + 5 + metrics.horizontalAdvance(name) + 14
            if x + needed > limit:
                rest = self.tr("+%n more", "", len(self._legend) - shown)
                if x + metrics.horizontalAdvance(rest) <= limit:
                    painter.setPen(secondary)
                    painter.drawText(QPointF(x, geometry.header_baseline), rest)
                break
            top = geometry.header_baseline - swatch
            painter.setPen(QPen(_mix(color, text, 0.3), 1))
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(x + 0.5, top + 0.5, swatch, swatch), 2, 2)
            painter.setPen(text)
            painter.drawText(QPointF(x + swatch + 5, geometry.header_baseline), name)
            x += needed
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_axis(self, painter: QPainter, geometry: _Geometry, axis: _Axis, text: QColor,
                    base: QColor) -> None:
        metrics = QFontMetricsF(self.font())
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        bold_metrics = QFontMetricsF(bold)
        grid = _mix(text, base, 0.9)
        coarse_grid = _mix(text, base, 0.72)
        tick_colour = _mix(text, base, 0.6)
        secondary = _mix(text, base, 0.3)
        left, right = geometry.plot_left, geometry.plot_right
        bottom = geometry.density_bottom
        fine_x = [self.time_to_x(t) for t in axis.fine]
        coarse_x = [self.time_to_x(t) for t in axis.coarse]
        # Grid: faint at fine ticks, stronger where a coarse period begins.
        painter.setPen(QPen(grid, 1))
        coarse_set = {round(x) for x in coarse_x}
        painter.drawLines(self._vertical_lines(
            [x for x in fine_x if left <= x <= right and round(x) not in coarse_set],
            geometry.axis_y, bottom))
        painter.setPen(QPen(coarse_grid, 1))
        painter.drawLines(self._vertical_lines([x for x in coarse_x if left <= x <= right],
                                               geometry.fine_baseline - metrics.ascent(), bottom))
        # Axis base line and tick marks.
        painter.setPen(QPen(tick_colour, 1))
        axis_y = geometry.axis_y + 0.5
        painter.drawLine(QPointF(left, axis_y), QPointF(right, axis_y))
        # Fine labels, left-aligned after their tick; a label that would touch the next is
        # left out rather than overlapped.
        painter.setPen(secondary)
        painter.setClipRect(QRectF(left, 0, geometry.plot_width, geometry.axis_y))
        for i, x in enumerate(fine_x):
            label = self._fine_label(axis.fine[i], axis)
            width = metrics.horizontalAdvance(label)
            next_x = min(fine_x[i + 1] - 6 if i + 1 < len(fine_x) else math.inf, right)
            if round(x) + 4 < left or round(x) + 4 + width > next_x:
                continue
            painter.drawText(QPointF(round(x) + 4, geometry.fine_baseline), label)
        # Coarse labels: one per period, the longest form that fits before the next period
        # (or the edge); the period under the left edge is named at the edge until the next
        # period's label needs the room.
        if axis.coarse_unit:
            painter.setFont(bold)
            painter.setPen(text)
            shown = [(x, t) for x, t in zip(coarse_x, axis.coarse, strict=True)
                     if round(x) + 4 >= left]
            edges = [x for x, _ in shown] + [math.inf]
            if edges[0] > left + 4:
                room = min(edges[0] - 14, right) - left
                for label in self._coarse_labels(self._view_start, axis.coarse_unit):
                    if bold_metrics.horizontalAdvance(label) <= room:
                        painter.drawText(QPointF(left, geometry.coarse_baseline), label)
                        break
            for i, (x, t) in enumerate(shown):
                room = min(edges[i + 1] - 14, right) - (round(x) + 4)
                for label in self._coarse_labels(t, axis.coarse_unit):
                    if bold_metrics.horizontalAdvance(label) <= room:
                        painter.drawText(QPointF(round(x) + 4, geometry.coarse_baseline), label)
                        break
            painter.setFont(self.font())
        painter.setClipping(False)

    @staticmethod
    def _vertical_lines(xs: Sequence[float], top: float, bottom: float) -> list[QPointF]:
        points: list[QPointF] = []
        for x in xs:
            px = round(x) + 0.5
            points += (QPointF(px, top), QPointF(px, bottom))
        return points

    def _paint_selection(self, painter: QPainter, geometry: _Geometry, text: QColor,
                         base: QColor) -> None:
        if self._selection is None:
            return
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        x0 = self.time_to_x(self._selection[0])
        x1 = self.time_to_x(self._selection[1])
        top, bottom = geometry.axis_y + 1, geometry.density_bottom + 3
        shade = QColor(highlight)
        shade.setAlphaF(0.22)
        painter.fillRect(QRectF(x0, top, x1 - x0, bottom - top), shade)
        painter.setPen(QPen(highlight, 1))
        painter.drawLines([QPointF(round(x0) + 0.5, top), QPointF(round(x0) + 0.5, bottom),
                           QPointF(round(x1) - 0.5, top), QPointF(round(x1) - 0.5, bottom)])
        lo = np.searchsorted(self._starts, self._selection[0], "left")
        hi = np.searchsorted(self._starts, self._selection[1], "right")
        caption = self.tr("{duration} · {count}").format(
            duration=self._format_duration(self._selection[1] - self._selection[0]),
            count=self._count_text(int(hi - lo)))
        metrics = QFontMetricsF(self.font())
        width = metrics.horizontalAdvance(caption) + 10
        if width <= x1 - x0 - 4:
            box = QRectF((x0 + x1) / 2 - width / 2, geometry.lane_top + 2, width,
                         metrics.height() + 2)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(highlight, 1))
            back = QColor(base)
            back.setAlphaF(0.9)
            painter.setBrush(back)
            painter.drawRoundedRect(box, 4, 4)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, caption)
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_density(self, painter: QPainter, geometry: _Geometry, text: QColor,
                       base: QColor) -> None:
        counts = self._density(geometry)
        painter.fillRect(QRectF(geometry.plot_left, geometry.density_top, geometry.plot_width,
                                geometry.density_height), _mix(text, base, 0.95))
        peak = int(counts.max()) if counts.size else 0
        if peak == 0:
            return
        # Square root: a single recording stays visible beside a day with hundreds.
        heights = np.sqrt(counts / peak) * (geometry.density_height - 1)
        heights = np.where(counts > 0, np.maximum(heights, 2.0), 0.0)
        rects = [QRectF(geometry.plot_left + i * DENSITY_BIN_PX,
                        geometry.density_bottom - h, DENSITY_BIN_PX - 1, h)
                 for i, h in zip(np.flatnonzero(counts).tolist(),
                                 heights[counts > 0].tolist(), strict=True)]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_mix(text, base, 0.55))
        painter.drawRects(rects)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_bars(self, painter: QPainter, geometry: _Geometry) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for colour_id, rects in self._bars(geometry).rects:
            painter.setBrush(self._colors[colour_id])
            painter.drawRects(rects)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_marks(self, painter: QPainter, geometry: _Geometry) -> None:
        if self._dense(geometry):
            self._paint_bars(painter, geometry)
            return
        view_end = self._view_start + self._view_span
        lo = int(np.searchsorted(self._starts, self._view_start - self._max_duration, "left"))
        hi = int(np.searchsorted(self._starts, view_end, "right"))
        if hi <= lo:
            return
        left, right = self._drawn_extent(slice(lo, hi))
        visible = right >= geometry.plot_left
        colours = self._color_index[lo:hi][visible]
        left, right = left[visible], right[visible]
        if left.size == 0:
            return
        # One rectangle per (column, colour): sort by that pair, keep each group's extent.
        columns = np.floor((left - geometry.plot_left) / COLUMN_PX).astype(np.int64)
        n_colours = len(self._colors)
        group_key = (columns - columns.min()) * n_colours + colours
        order = np.argsort(group_key, kind="stable")
        sorted_key = group_key[order]
        firsts = np.concatenate(([0], np.flatnonzero(np.diff(sorted_key)) + 1))
        g_left = np.minimum.reduceat(left[order], firsts)
        g_right = np.maximum.reduceat(right[order], firsts)
        g_colour = sorted_key[firsts] % n_colours
        g_column = sorted_key[firsts] // n_colours
        # Several colours in one column share its height, one band each (in colour order).
        # g_column is sorted (column is the major key); np.unique would do the same but its
        # first call imports numpy.ma, a 30 ms stall on the first paint after opening.
        col_first = np.flatnonzero(np.concatenate(([True], np.diff(g_column) != 0)))
        col_count = np.diff(np.append(col_first, g_column.size))
        rank = np.arange(g_column.size) - np.repeat(col_first, col_count)
        stack = np.repeat(col_count, col_count)
        band = geometry.lane_height / stack
        top = geometry.lane_top + rank * band
        height = np.where(stack > 1, band - 1, band)
        width = g_right - g_left
        is_box = width >= BOX_MIN_PX
        for colour_id in np.flatnonzero(np.bincount(g_colour, minlength=n_colours)).tolist():
            colour = self._colors[colour_id]
            mine = g_colour == colour_id
            bars = mine & ~is_box
            if bars.any():
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawRects([QRectF(*r) for r in zip(
                    g_left[bars].tolist(), top[bars].tolist(), width[bars].tolist(),
                    height[bars].tolist(), strict=True)])
            boxes = mine & is_box
            if boxes.any():
                fill = QColor(colour)
                fill.setAlphaF(0.45)
                painter.setPen(QPen(colour, 1))
                painter.setBrush(fill)
                painter.drawRects([QRectF(x + 0.5, y + 0.5, w - 1, h - 1) for x, y, w, h in zip(
                    g_left[boxes].tolist(), top[boxes].tolist(), width[boxes].tolist(),
                    height[boxes].tolist(), strict=True)])
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_hover_and_current(self, painter: QPainter, geometry: _Geometry,
                                 text: QColor) -> None:
        highlight = self.palette().color(QPalette.ColorRole.Highlight)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self._hover is not None and self._hover != self._current:
            rect = self._segment_rect(self._hover, geometry).adjusted(-2.5, -2.5, 2.5, 2.5)
            painter.setPen(QPen(highlight, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 3, 3)
        if self._current is not None:
            rect = self._segment_rect(self._current, geometry)
            if rect.right() >= geometry.plot_left - 4 and rect.left() <= geometry.plot_right + 4:
                # Larger than the others: wider, and reaching beyond the lane at both ends.
                grow = max(0.0, 5.0 - rect.width()) / 2
                mark = QRectF(rect.left() - grow, geometry.lane_top - 5,
                              rect.width() + 2 * grow, geometry.lane_height + 10)
                # A soft band behind it finds it again among hundreds of marks.
                glow = QColor(highlight)
                glow.setAlphaF(0.25)
                painter.fillRect(mark.adjusted(-6, 0, 6, geometry.density_bottom
                                               - mark.bottom()), glow)
                painter.setPen(QPen(text, 1.5))
                painter.setBrush(self._colors[int(self._color_index[self._current])])
                painter.drawRoundedRect(mark, 1.5, 1.5)
                middle = mark.center().x()
                arrow = QPolygonF([QPointF(middle - 5, geometry.axis_y + 2),
                                   QPointF(middle + 5, geometry.axis_y + 2),
                                   QPointF(middle, geometry.lane_top - 5)])
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(highlight)
                painter.drawPolygon(arrow)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_overview(self, painter: QPainter, geometry: _Geometry, text: QColor,
                        base: QColor) -> None:
        """When zoomed in, a thin bar along the bottom shows which part of the whole is seen."""
        whole_lo = (self._data_lo + self._data_hi) / 2 - self._max_span() / 2
        whole = self._max_span()
        if self._view_span >= whole * 0.999:
            return
        y = geometry.density_bottom + 3
        scale = geometry.plot_width / whole
        x0 = geometry.plot_left + (self._view_start - whole_lo) * scale
        width = max(self._view_span * scale, 4.0)
        painter.fillRect(QRectF(geometry.plot_left, y, geometry.plot_width, 2),
                         _mix(text, base, 0.9))
        painter.fillRect(QRectF(x0, y, width, 2),
                         self.palette().color(QPalette.ColorRole.Highlight))

    # ---------------------------------------------------------------- input

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if (event.type() == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent)
                and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture):
            # value() is the change of scale since the last event: +0.1 is 10 % closer.
            if 1.0 + event.value() > 0:
                self.zoom_by(1.0 / (1.0 + event.value()), event.position().x())
            event.accept()
            return True
        return super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        angle = event.angleDelta()
        pixels = event.pixelDelta()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        horizontal = angle.x() != 0 and abs(angle.x()) > abs(angle.y())
        if shift or horizontal:
            geometry = self._geometry()
            if not pixels.isNull():  # trackpad: follow the fingers pixel for pixel
                moved = pixels.x() or pixels.y()
                self.pan_by(-moved * self._view_span / geometry.plot_width)
            else:
                notches = (angle.x() or angle.y()) / _NOTCH
                self.pan_by(-notches * PAN_FRACTION * self._view_span)
        elif angle.y():
            self.zoom_by(ZOOM_PER_NOTCH ** (angle.y() / _NOTCH), event.position().x())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        large = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if event.matches(QKeySequence.StandardKey.ZoomIn) or key in (Qt.Key.Key_Plus,
                                                                      Qt.Key.Key_Equal):
            self.zoom_by(KEY_ZOOM)
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or key in (Qt.Key.Key_Minus,
                                                                         Qt.Key.Key_Underscore):
            self.zoom_by(1 / KEY_ZOOM)
        elif key == Qt.Key.Key_Left:
            self.pan_by(-(0.5 if large else PAN_FRACTION) * self._view_span)
        elif key == Qt.Key.Key_Right:
            self.pan_by((0.5 if large else PAN_FRACTION) * self._view_span)
        elif key == Qt.Key.Key_Home:
            self.fit_all()
        elif key == Qt.Key.Key_Escape and self._selection is not None:
            self.clear_selection()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        x = event.position().x()
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_x = x
            self._press_index = self._index_at(x, event.position().y())
            self._selecting = False
        elif event.button() == Qt.MouseButton.MiddleButton:
            self._pan_origin = (x, self._view_start)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        else:
            super().mousePressEvent(event)
            return
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        x, y = event.position().x(), event.position().y()
        geometry = self._geometry()
        if self._pan_origin is not None:
            origin_x, origin_start = self._pan_origin
            self._set_view(origin_start - (x - origin_x) * self._view_span / geometry.plot_width,
                           self._view_span)
        elif self._press_x is not None:
            if not self._selecting and abs(x - self._press_x) >= QApplication.startDragDistance():
                self._selecting = True
                self._set_hover(None)
            if self._selecting:
                clamped = min(max(x, geometry.plot_left), geometry.plot_right)
                a, b = self.x_to_time(self._press_x), self.x_to_time(clamped)
                self._selection = (min(a, b), max(a, b))
                self.update()
        else:
            self._set_hover(self._index_at(x, y))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press_x is not None:
            selecting, pressed = self._selecting, self._press_index
            self._press_x, self._press_index, self._selecting = None, None, False
            if selecting and self._selection is not None:
                self.range_selected.emit(*self._selection)
            elif pressed is not None:
                self.current_requested.emit(self._keys[pressed])
            else:
                self.clear_selection()
        elif event.button() == Qt.MouseButton.MiddleButton and self._pan_origin is not None:
            self._pan_origin = None
            self.unsetCursor()
        else:
            super().mouseReleaseEvent(event)
            return
        self._set_hover(self._index_at(event.position().x(), event.position().y()))
        event.accept()

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hover(None)
        super().leaveEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LocaleChange,
                            QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._label_widths = {}
            self._axis_cache = None
            self.update()
        super().changeEvent(event)

    def _set_hover(self, index: int | None) -> None:
        if index == self._hover:
            return
        self._hover = index
        if index is None:
            self.unsetCursor()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.update()

