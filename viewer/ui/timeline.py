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

Where ticks fall and what they say, where marks, bins and bars go and what is under the
pointer is plain Python in ``viewer.timescale`` (tested without Qt); the drawing is
``viewer.ui.timeline_painter`` and the input handling ``viewer.ui.timeline_input``. This
module holds the widget: its state, the view, the words (translated) and tooltips.
Over 600 lines by a few: the translated words must stay in the widget's class (their
translation context), and splitting the view state from them would scatter one small API.

When the marks in view are too many to tell apart (a year of a large export: 1,700 marks on
600 columns), the lane shows where they pile up instead: one bar per bin of the density strip,
its height the number of recordings, split into the colours of the marks it stands for (so a
single stranger's recording among a hundred of the owner's still shows). Zoomed in, the marks
come back one by one.

The widget only *asks*: a click on a mark emits ``current_requested``; the caller decides and
calls ``set_current`` (playback does the same as it moves on).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, QTimeZone, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from viewer.timescale import axis as timescale
from viewer.timescale import marks
from viewer.timescale.axis import Axis, CalendarWords
from viewer.timescale.marks import DENSITY_BIN_PX, HIT_TOLERANCE_PX, View
from viewer.timescale.track import TimelineTrack, TrackEntry
from viewer.ui.timeline_input import TimelineGestures
from viewer.ui.timeline_painter import (
    DensityBars,
    Geometry,
    Selection,
    TimelineScene,
    fine_label_widths,
    layout,
    paint_timeline,
)

PAD_X = 10.0


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
    zone_id = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    try:
        return ZoneInfo(zone_id)
    except (ValueError, OSError):  # unknown id, or no tz database (Windows without tzdata)
        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")


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
        self._gestures = TimelineGestures(self)  # first: setting attributes sends events
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
        self._track = TimelineTrack()
        #: Per colour slot of the track, the colour; per RGBA value, the QColor given for it.
        self._colors: list[QColor] = []
        self._rgba_colours: dict[int, QColor] = {}
        self._legend_title = ""
        self._legend: list[tuple[str, QColor]] = []
        # View: the time at the plot's left edge and the seconds across the plot's width.
        now = datetime.now().timestamp()
        self._view_start = now - 43200.0
        self._view_span = 86400.0
        self._current: int | None = None
        self._hover: int | None = None
        self._selection: tuple[float, float] | None = None
        # Caches, dropped when what they depend on changes.
        self._version = 0
        self._density_cache: tuple[tuple[object, ...], tuple[np.ndarray, np.ndarray]] | None = None
        self._bars_cache: tuple[tuple[object, ...], DensityBars] | None = None
        self._axis_cache: tuple[tuple[object, ...], Axis] | None = None
        self._label_widths: dict[str, float] = {}

    # ---------------------------------------------------------------- data in

    def set_items(self, items: Sequence[TimelineItem]) -> None:
        """Replace all marks. The first items are shown whole (``fit_all``); later calls (new
        colours, say) keep the view, the selection and the current mark if it is still there."""
        had_items = bool(self._track.keys)
        current_key = self.current()
        self._rgba_colours = {}
        for item in items:  # the first QColor of each RGBA value stands for it
            self._rgba_colours.setdefault(item.color.rgba(), QColor(item.color))
        self._set_track(TimelineTrack.build([
            TrackEntry(item.key, item.start, item.duration_s, item.color.rgba(), item.label)
            for item in items]))
        self._version += 1
        self._hover = None
        self._current = self._track.index_of.get(current_key) if current_key else None
        if had_items and self._track.keys:
            self._set_view(self._view_start, self._view_span)
        else:
            self.fit_all()
        self.update()

    def set_legend(self, title: str, entries: Sequence[tuple[str, QColor]]) -> None:
        """A small legend in the top left, e.g. ("Colour: device", [("Echo Dot", blue)...])."""
        self._legend_title = title
        self._legend = [(name, QColor(color)) for name, color in entries]
        self._set_track(self._track)
        self.update()

    def legend(self) -> tuple[str, list[tuple[str, QColor]]]:
        """The legend as shown: its title and (label, colour) entries."""
        return self._legend_title, list(self._legend)

    def _set_track(self, track: TimelineTrack) -> None:
        """Make ``track`` current, its colour slots numbered in legend order: stacked marks
        then read top-down like the legend."""
        self._track = track.ordered_by(color.rgba() for _, color in self._legend)
        self._colors = [self._rgba_colours[rgba] for rgba in self._track.colours]
        self._version += 1

    def set_current(self, key: str | None) -> None:
        """Highlight ``key``'s mark; pan (keeping the zoom) when it is off-screen."""
        index = self._track.index_of.get(key) if key is not None else None
        if index == self._current:
            return
        self._current = index
        if index is not None:
            start, end = float(self._track.starts[index]), float(self._track.ends[index])
            margin = self._view_span * 0.02
            view_end = self._view_start + self._view_span
            if start < self._view_start + margin or end > view_end - margin:
                self._set_view((start + end) / 2 - self._view_span / 2, self._view_span)
        self.update()

    def keys(self) -> list[str]:
        """The recordings on the timeline, in order of start."""
        return list(self._track.keys)

    def current(self) -> str | None:
        return self._track.keys[self._current] if self._current is not None else None

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
        if not self._track.keys:
            self._set_view(self._view_start, self._view_span)
            return
        span = self._track.whole_span()
        self._set_view((self._track.first_start + self._track.last_end) / 2 - span / 2, span)

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
        span = self._track.clamp_span(self._view_span * factor)
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

    def _set_view(self, start: float, span: float) -> None:
        start, span = self._track.limit_view(start, span)
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
        return self._track.keys[index] if index is not None else None

    def tooltip_at(self, pos: QPoint | QPointF) -> str | None:
        """What the tooltip says at ``pos``: the nearest mark's label, or for the density
        strip, how many recordings that bin holds."""
        geometry = self._geometry()
        x, y = float(pos.x()), float(pos.y())
        index = self._index_at(x, y)
        if index is not None:
            bin_index = self._bar_of(index, geometry)
            if bin_index is not None:  # a density bar: what it stands for
                return self._bin_text(bin_index, geometry, by_colour=True)
            text = self._track.labels[index]
            others = len(marks.column_members(self._track.starts, index,
                                              self._view(geometry))) - 1
            if others > 0:
                text += "\n" + self.tr("(%n more at this point: zoom in to separate them)",
                                       "", others)
            return text
        if (geometry.density_top - 2 <= y <= geometry.density_bottom + 2
                and geometry.plot_left <= x <= geometry.plot_right and self._track.keys):
            bin_index = int((x - geometry.plot_left) // DENSITY_BIN_PX)
            counts = self._density(geometry)
            if 0 <= bin_index < len(counts) and counts[bin_index]:
                return self._bin_text(bin_index, geometry)
        return None

    def _bin_text(self, bin_index: int, geometry: Geometry, *, by_colour: bool = False) -> str:
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

    def _view(self, geometry: Geometry) -> View:
        return View(self._view_start, self._view_span, geometry.plot_left, geometry.plot_width)

    def _bar_of(self, index: int, geometry: Geometry) -> int | None:
        """The density bar that stands for item ``index``; None when the lane shows marks."""
        if not self._dense(geometry):
            return None
        return marks.bin_of(float(self._track.starts[index]), self._view(geometry))

    def _index_at(self, x: float, y: float) -> int | None:
        geometry = self._geometry()
        if not self._track.keys or not (geometry.lane_top - 6 <= y <= geometry.lane_bottom + 6):
            return None
        if not (geometry.plot_left - HIT_TOLERANCE_PX <= x <= geometry.plot_right
                + HIT_TOLERANCE_PX):
            return None
        band = None if self._dense(geometry) else (y - geometry.lane_top) / geometry.lane_height
        track = self._track
        return marks.index_at(track.starts, track.ends, track.colour_index, track.max_duration,
                              self._view(geometry), x, band)

    def _segment_rect(self, index: int, geometry: Geometry) -> QRectF:
        """Where mark ``index`` is drawn: its column, and its colour's band when stacked; when
        the lane shows density, the bar that counts it."""
        bin_index = self._bar_of(index, geometry)
        if bin_index is not None:
            height = float(self._bars(geometry).heights[bin_index].sum())
            return QRectF(geometry.plot_left + bin_index * DENSITY_BIN_PX,
                          geometry.lane_bottom - height, DENSITY_BIN_PX - 1, height)
        track = self._track
        return QRectF(*marks.mark_box(track.starts, track.ends, track.colour_index, index,
                                      self._view(geometry), geometry.lane_top,
                                      geometry.lane_height))

    # ---------------------------------------------------------------- geometry

    def sizeHint(self) -> QSize:
        return QSize(800, 190)

    def minimumSizeHint(self) -> QSize:
        height = QFontMetricsF(self.font()).height()
        return QSize(240, int(4 * height + 70))

    def _geometry(self) -> Geometry:
        return layout(self.font(), float(self.width()), float(self.height()), PAD_X)

    # ---------------------------------------------------------------- axis and words

    def _label_width(self, unit: str) -> float:
        """Widest fine label of a unit, in the current font (cached per font)."""
        if not self._label_widths:
            self._label_widths = fine_label_widths(self.font(), self._calendar_words())
        return self._label_widths[unit]

    def _axis(self, geometry: Geometry) -> Axis:
        key = (self._view_start, self._view_span, geometry.plot_width, id(self._tz),
               self.font().key())
        if self._axis_cache and self._axis_cache[0] == key:
            return self._axis_cache[1]
        axis = timescale.axis_for_view(self._view_start, self._view_span, geometry.plot_width,
                                       self._tz, self._label_width)
        self._axis_cache = (key, axis)
        return axis

    def _month_name(self, month: int, long: bool = False) -> str:
        fmt = self.locale().FormatType.LongFormat if long else self.locale().FormatType.ShortFormat
        return self.locale().standaloneMonthName(month, fmt)

    def _weekday_name(self, iso_weekday: int) -> str:
        return self.locale().dayName(iso_weekday, self.locale().FormatType.ShortFormat)

    def _calendar_words(self) -> CalendarWords:
        """Month and weekday names of the widget's locale, date orders of its translation."""
        return CalendarWords(month_name=self._month_name, weekday_name=self._weekday_name,
                             full_date=self.tr("{weekday} {day} {month} {year}"),
                             day_month=self.tr("{day} {month}"),
                             month_year=self.tr("{month} {year}"))

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

    def _zone_caption(self, geometry: Geometry) -> str:
        zone = timescale.zone_name(self._tz, self._view_start + self._view_span / 2)
        if geometry.plot_width >= 700:
            return self.tr("Times in {zone}").format(zone=zone)
        return zone

    # ---------------------------------------------------------------- density

    def _density(self, geometry: Geometry) -> np.ndarray:
        """Recordings per bin of the density strip, for the current view (cached)."""
        return self._density_by_colour(geometry)[1]

    def _density_by_colour(self, geometry: Geometry) -> tuple[np.ndarray, np.ndarray]:
        """Recordings per bin and colour ``(bins, colours)``, and per bin (cached per view)."""
        key = (self._view_start, self._view_span, geometry.plot_width, self._version)
        if self._density_cache and self._density_cache[0] == key:
            return self._density_cache[1]
        result = marks.density_by_colour(self._track.starts, self._track.colour_index,
                                         len(self._colors), self._view(geometry))
        self._density_cache = (key, result)
        return result

    def shows_density(self) -> bool:
        """True when the marks in view are too many to tell apart, so that the lane shows
        density bars; False when it shows each recording's mark."""
        return self._dense(self._geometry())

    def _dense(self, geometry: Geometry) -> bool:
        return marks.is_dense(self._density(geometry))

    def _bars(self, geometry: Geometry) -> DensityBars:
        """The lane's density bars for the current view (cached, like the density strip)."""
        key = (self._view_start, self._view_span, geometry.plot_width, self._version,
               geometry.plot_left, geometry.lane_top, geometry.lane_height)
        if self._bars_cache and self._bars_cache[0] == key:
            return self._bars_cache[1]
        bars = DensityBars.build(*self._density_by_colour(geometry), geometry)
        self._bars_cache = (key, bars)
        return bars

    # ---------------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_timeline(painter, self._scene())
        painter.end()

    def _scene(self) -> TimelineScene:
        """What this paint shows: the view laid out in pixels, in the user's words."""
        palette = self.palette()
        geometry = self._geometry()
        empty = TimelineScene(
            rect=QRectF(self.rect()), geometry=geometry, font=self.font(),
            base=palette.color(QPalette.ColorRole.Base),
            text=palette.color(QPalette.ColorRole.Text),
            highlight=palette.color(QPalette.ColorRole.Highlight), focused=self.hasFocus(),
            empty_text=self.tr("No recordings with a time"))
        if not self._track.keys:
            return empty
        axis = self._axis(geometry)
        words = self._calendar_words()
        left = geometry.plot_left
        coarse_x = [self.time_to_x(t) for t in axis.coarse]
        coarse: list[tuple[float, list[str]]] = []
        edge_labels: list[str] = []
        if axis.coarse_unit:
            coarse = [(x, timescale.coarse_labels(t, axis.coarse_unit, self._tz, words))
                      for x, t in zip(coarse_x, axis.coarse, strict=True) if round(x) + 4 >= left]
            edge_labels = timescale.coarse_labels(self._view_start, axis.coarse_unit, self._tz,
                                                  words)
        dense = self._dense(geometry)
        selection = None
        if self._selection is not None:
            lo = np.searchsorted(self._track.starts, self._selection[0], "left")
            hi = np.searchsorted(self._track.starts, self._selection[1], "right")
            caption = self.tr("{duration} · {count}").format(
                duration=self._format_duration(self._selection[1] - self._selection[0]),
                count=self._count_text(int(hi - lo)))
            selection = Selection(self.time_to_x(self._selection[0]),
                                  self.time_to_x(self._selection[1]), caption)
        hover = None
        if self._hover is not None and self._hover != self._current:
            hover = self._segment_rect(self._hover, geometry)
        current = None
        if self._current is not None:
            current = (self._segment_rect(self._current, geometry),
                       self._colors[int(self._track.colour_index[self._current])])
        return replace(
            empty, empty_text=None, zone=self._zone_caption(geometry),
            legend_title=self._legend_title, legend=self._legend,
            more_text=lambda count: self.tr("+%n more", "", count),
            fine=[(self.time_to_x(t), timescale.fine_label(t, axis, self._tz, words))
                  for t in axis.fine],
            coarse_x=coarse_x, coarse=coarse, edge_labels=edge_labels,
            density=self._density(geometry), colours=self._colors,
            marks=None if dense else marks.visible_mark_groups(
                self._track.starts, self._track.ends, self._track.colour_index,
                len(self._colors), self._track.max_duration, self._view(geometry),
                geometry.lane_top, geometry.lane_height),
            bars=self._bars(geometry).rects if dense else (),
            selection=selection, hover=hover, current=current,
            overview=self._overview(geometry))

    def _overview(self, geometry: Geometry) -> tuple[float, float] | None:
        """When zoomed in: where the view lies within the whole, as (x, width) of a thin bar."""
        whole = self._track.whole_span()
        if self._view_span >= whole * 0.999:
            return None
        whole_lo = (self._track.first_start + self._track.last_end) / 2 - whole / 2
        scale = geometry.plot_width / whole
        return (geometry.plot_left + (self._view_start - whole_lo) * scale,
                max(self._view_span * scale, 4.0))

    # ---------------------------------------------------------------- input

    def event(self, event: QEvent) -> bool:
        return self._gestures.event(event) or super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._gestures.wheel(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._gestures.key(event):
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self._gestures.press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._gestures.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._gestures.release(event):
            super().mouseReleaseEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.hover_at(None)
        super().leaveEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LocaleChange,
                            QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._label_widths = {}
            self._axis_cache = None
            self.update()
        super().changeEvent(event)

    def scroll_to(self, start: float) -> None:
        """Show the same span from ``start`` (a drag that pans)."""
        self._set_view(start, self._view_span)

    def visible_span(self) -> float:
        """Seconds across the plot's width."""
        return self._view_span

    def preview_selection(self, start: float, end: float) -> None:
        """Show [start, end] as selected while a drag is under way (no signal yet)."""
        self._selection = (start, end)
        self.update()

    def hover_at(self, pos: QPoint | QPointF | None) -> None:
        """Highlight the mark under ``pos`` (None: none) and show a hand over it."""
        index = self._index_at(pos.x(), pos.y()) if pos is not None else None
        if index == self._hover:
            return
        self._hover = index
        if index is None:
            self.unsetCursor()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.update()
