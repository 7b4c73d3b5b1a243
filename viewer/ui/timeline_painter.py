"""Drawing the timeline: a ``TimelineScene`` (what to show, in pixels and words) onto a painter.

The widget (``viewer.ui.timeline``) decides what is shown, with the Qt-free layout of
``viewer.timescale``; this module only draws. It holds no translatable text: every word it
draws arrives in the scene, already in the user's language.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from viewer.timescale.axis import CalendarWords
from viewer.timescale.marks import DENSITY_BIN_PX, MarkGroups, bar_segments, strip_heights


def mix(a: QColor, b: QColor, toward_b: float) -> QColor:
    """``a`` moved ``toward_b`` (0..1) toward ``b``: derived colours that suit any theme."""
    keep = 1.0 - toward_b
    return QColor.fromRgbF(a.redF() * keep + b.redF() * toward_b,
                           a.greenF() * keep + b.greenF() * toward_b,
                           a.blueF() * keep + b.blueF() * toward_b)


@dataclass(frozen=True, slots=True)
class Geometry:
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


def layout(font: QFont, width: float, height: float, pad_x: float) -> Geometry:
    """The bands of a widget of this size: header, coarse and fine labels, axis, lane, strip."""
    metrics = QFontMetricsF(font)
    line = math.ceil(metrics.height())
    ascent = metrics.ascent()
    header_top = 5.0
    coarse_top = header_top + line + 4
    fine_top = coarse_top + line
    axis_y = fine_top + line + 3
    density_height = 18.0
    density_top = height - density_height - 7
    lane_top = axis_y + 12
    lane_height = max(density_top - 8 - lane_top, 8.0)
    return Geometry(
        plot_left=pad_x, plot_width=max(width - 2 * pad_x, 1.0),
        header_baseline=header_top + ascent, coarse_baseline=coarse_top + ascent,
        fine_baseline=fine_top + ascent, axis_y=axis_y, lane_top=lane_top,
        lane_height=lane_height, density_top=density_top, density_height=density_height)


def fine_label_widths(font: QFont, words: CalendarWords) -> dict[str, float]:
    """The widest fine label of each unit in ``font`` ("wide-day": a day with its weekday),
    for ``axis_for_view`` to pick a step whose labels fit."""
    metrics = QFontMetricsF(font)
    month = max(metrics.horizontalAdvance(words.month_name(m, False)) for m in range(1, 13))
    day = max(metrics.horizontalAdvance(f"{words.weekday_name(d)} 28") for d in range(1, 8))
    return {
        "second": metrics.horizontalAdvance("00:00:00"),
        "minute": metrics.horizontalAdvance("00:00"),
        "hour": metrics.horizontalAdvance("00:00"),
        "day": metrics.horizontalAdvance("28"), "wide-day": day,
        "week": metrics.horizontalAdvance("28"), "month": month,
        "year": metrics.horizontalAdvance("0000"),
    }


@dataclass(frozen=True, slots=True)
class DensityBars:
    """The lane's density bars for one view, when marks are too many to tell apart."""

    #: (bins, colours) top y and height of each colour's segment (height 0: none).
    tops: np.ndarray
    heights: np.ndarray
    #: Per colour present: its rectangles, ready to draw.
    rects: list[tuple[int, list[QRectF]]]

    @classmethod
    def build(cls, by_colour: np.ndarray, counts: np.ndarray, geometry: Geometry) -> DensityBars:
        """From recordings per bin and colour, and per bin (``marks.density_by_colour``)."""
        tops, heights = bar_segments(by_colour, counts, geometry.lane_bottom,
                                     geometry.lane_height)
        rects: list[tuple[int, list[QRectF]]] = []
        for colour_id in range(by_colour.shape[1]):
            present = np.flatnonzero(by_colour[:, colour_id])
            if present.size == 0:
                continue
            xs = (geometry.plot_left + present * DENSITY_BIN_PX).tolist()
            rects.append((colour_id, [QRectF(x, y, DENSITY_BIN_PX - 1, h) for x, y, h in zip(
                xs, tops[present, colour_id].tolist(), heights[present, colour_id].tolist(),
                strict=True)]))
        return cls(tops, heights, rects)


@dataclass(frozen=True, slots=True)
class Selection:
    """The selected time range on screen and its caption ("3 min · 12 recordings")."""

    x0: float
    x1: float
    caption: str


@dataclass(frozen=True, slots=True)
class TimelineScene:
    """Everything one paint shows. Words are translated; positions are widget pixels."""

    rect: QRectF
    geometry: Geometry
    font: QFont
    base: QColor
    text: QColor
    highlight: QColor
    focused: bool
    #: Shown alone when there is nothing to draw; None when there are marks.
    empty_text: str | None
    #: The header: the zone caption on the right, the legend on the left.
    zone: str = ""
    legend_title: str = ""
    legend: Sequence[tuple[str, QColor]] = ()
    #: ``more_text(n)``: "+n more" for legend entries without room.
    more_text: Callable[[int], str] = str
    #: The axis: grid and labels of fine ticks, grid of coarse ones, and for each coarse
    #: period its labels, longest first (the first pair: the period under the left edge).
    fine: Sequence[tuple[float, str]] = ()
    coarse_x: Sequence[float] = ()
    coarse: Sequence[tuple[float, Sequence[str]]] = ()
    edge_labels: Sequence[str] = ()
    #: Recordings per bin of the density strip.
    density: np.ndarray | None = None
    #: The lane: marks by (column, colour), or, when too dense, bars per colour.
    colours: Sequence[QColor] = ()
    marks: MarkGroups | None = None
    bars: Sequence[tuple[int, list[QRectF]]] = ()
    selection: Selection | None = None
    hover: QRectF | None = None
    #: The current recording's mark and its colour.
    current: tuple[QRectF, QColor] | None = None
    #: Where the view lies in the whole, when zoomed in: (x, width) of the thin bar.
    overview: tuple[float, float] | None = None


def paint_timeline(painter: QPainter, scene: TimelineScene) -> None:
    text, base = scene.text, scene.base
    painter.fillRect(scene.rect, base)
    geometry = scene.geometry
    if scene.empty_text is not None:
        painter.setPen(mix(text, base, 0.45))
        painter.drawText(scene.rect, Qt.AlignmentFlag.AlignCenter, scene.empty_text)
    else:
        _paint_header(painter, scene)
        _paint_axis(painter, scene)
        painter.save()
        painter.setClipRect(QRectF(geometry.plot_left, geometry.axis_y + 1,
                                   geometry.plot_width, scene.rect.height() - geometry.axis_y))
        _paint_density(painter, scene)
        _paint_marks(painter, scene)
        _paint_selection(painter, scene)
        _paint_hover_and_current(painter, scene)
        painter.restore()
        _paint_overview(painter, scene)
    frame = scene.highlight if scene.focused else mix(text, base, 0.8)
    painter.setPen(QPen(frame, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(scene.rect.adjusted(0.5, 0.5, -0.5, -0.5))


def _paint_header(painter: QPainter, scene: TimelineScene) -> None:
    geometry, text = scene.geometry, scene.text
    metrics = QFontMetricsF(scene.font)
    secondary = mix(text, scene.base, 0.4)
    zone_x = geometry.plot_right - metrics.horizontalAdvance(scene.zone)
    painter.setPen(secondary)
    painter.drawText(QPointF(zone_x, geometry.header_baseline), scene.zone)
    x = geometry.plot_left
    limit = zone_x - 16
    if scene.legend_title:
        painter.drawText(QPointF(x, geometry.header_baseline), scene.legend_title)
        x += metrics.horizontalAdvance(scene.legend_title) + 10
    swatch = math.floor(metrics.ascent() * 0.75)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for shown, (name, color) in enumerate(scene.legend):
        needed = swatch + 5 + metrics.horizontalAdvance(name) + 14
        if x + needed > limit:
            rest = scene.more_text(len(scene.legend) - shown)
            if x + metrics.horizontalAdvance(rest) <= limit:
                painter.setPen(secondary)
                painter.drawText(QPointF(x, geometry.header_baseline), rest)
            break
        top = geometry.header_baseline - swatch
        painter.setPen(QPen(mix(color, text, 0.3), 1))
        painter.setBrush(color)
        painter.drawRoundedRect(QRectF(x + 0.5, top + 0.5, swatch, swatch), 2, 2)
        painter.setPen(text)
        painter.drawText(QPointF(x + swatch + 5, geometry.header_baseline), name)
        x += needed
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _paint_axis(painter: QPainter, scene: TimelineScene) -> None:
    geometry, text, base = scene.geometry, scene.text, scene.base
    metrics = QFontMetricsF(scene.font)
    bold = QFont(scene.font)
    bold.setWeight(QFont.Weight.DemiBold)
    bold_metrics = QFontMetricsF(bold)
    left, right = geometry.plot_left, geometry.plot_right
    bottom = geometry.density_bottom
    fine_x = [x for x, _ in scene.fine]
    # Grid: faint at fine ticks, stronger where a coarse period begins.
    painter.setPen(QPen(mix(text, base, 0.9), 1))
    coarse_set = {round(x) for x in scene.coarse_x}
    painter.drawLines(_vertical_lines(
        [x for x in fine_x if left <= x <= right and round(x) not in coarse_set],
        geometry.axis_y, bottom))
    painter.setPen(QPen(mix(text, base, 0.72), 1))
    painter.drawLines(_vertical_lines([x for x in scene.coarse_x if left <= x <= right],
                                      geometry.fine_baseline - metrics.ascent(), bottom))
    # Axis base line.
    painter.setPen(QPen(mix(text, base, 0.6), 1))
    axis_y = geometry.axis_y + 0.5
    painter.drawLine(QPointF(left, axis_y), QPointF(right, axis_y))
    # Fine labels, left-aligned after their tick; a label that would touch the next is
    # left out rather than overlapped.
    painter.setPen(mix(text, base, 0.3))
    painter.setClipRect(QRectF(left, 0, geometry.plot_width, geometry.axis_y))
    for i, (x, label) in enumerate(scene.fine):
        width = metrics.horizontalAdvance(label)
        next_x = min(fine_x[i + 1] - 6 if i + 1 < len(fine_x) else math.inf, right)
        if round(x) + 4 < left or round(x) + 4 + width > next_x:
            continue
        painter.drawText(QPointF(round(x) + 4, geometry.fine_baseline), label)
    # Coarse labels: one per period, the longest form that fits before the next period
    # (or the edge); the period under the left edge is named at the edge until the next
    # period's label needs the room.
    if scene.edge_labels or scene.coarse:
        painter.setFont(bold)
        painter.setPen(text)
        edges = [x for x, _ in scene.coarse] + [math.inf]
        if edges[0] > left + 4:
            room = min(edges[0] - 14, right) - left
            for label in scene.edge_labels:
                if bold_metrics.horizontalAdvance(label) <= room:
                    painter.drawText(QPointF(left, geometry.coarse_baseline), label)
                    break
        for i, (x, labels) in enumerate(scene.coarse):
            room = min(edges[i + 1] - 14, right) - (round(x) + 4)
            for label in labels:
                if bold_metrics.horizontalAdvance(label) <= room:
                    painter.drawText(QPointF(round(x) + 4, geometry.coarse_baseline), label)
                    break
        painter.setFont(scene.font)
    painter.setClipping(False)


def _vertical_lines(xs: Sequence[float], top: float, bottom: float) -> list[QPointF]:
    points: list[QPointF] = []
    for x in xs:
        px = round(x) + 0.5
        points += (QPointF(px, top), QPointF(px, bottom))
    return points


def _paint_selection(painter: QPainter, scene: TimelineScene) -> None:
    selection, geometry, highlight = scene.selection, scene.geometry, scene.highlight
    if selection is None:
        return
    x0, x1 = selection.x0, selection.x1
    top, bottom = geometry.axis_y + 1, geometry.density_bottom + 3
    shade = QColor(highlight)
    shade.setAlphaF(0.22)
    painter.fillRect(QRectF(x0, top, x1 - x0, bottom - top), shade)
    painter.setPen(QPen(highlight, 1))
    painter.drawLines([QPointF(round(x0) + 0.5, top), QPointF(round(x0) + 0.5, bottom),
                       QPointF(round(x1) - 0.5, top), QPointF(round(x1) - 0.5, bottom)])
    metrics = QFontMetricsF(scene.font)
    width = metrics.horizontalAdvance(selection.caption) + 10
    if width <= x1 - x0 - 4:
        box = QRectF((x0 + x1) / 2 - width / 2, geometry.lane_top + 2, width,
                     metrics.height() + 2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(highlight, 1))
        back = QColor(scene.base)
        back.setAlphaF(0.9)
        painter.setBrush(back)
        painter.drawRoundedRect(box, 4, 4)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(scene.text)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, selection.caption)
        painter.setBrush(Qt.BrushStyle.NoBrush)


def _paint_density(painter: QPainter, scene: TimelineScene) -> None:
    geometry, text, base = scene.geometry, scene.text, scene.base
    painter.fillRect(QRectF(geometry.plot_left, geometry.density_top, geometry.plot_width,
                            geometry.density_height), mix(text, base, 0.95))
    counts = scene.density
    if counts is None or not counts.any():
        return
    heights = strip_heights(counts, geometry.density_height)
    rects = [QRectF(geometry.plot_left + i * DENSITY_BIN_PX,
                    geometry.density_bottom - h, DENSITY_BIN_PX - 1, h)
             for i, h in zip(np.flatnonzero(counts).tolist(),
                             heights[counts > 0].tolist(), strict=True)]
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(mix(text, base, 0.55))
    painter.drawRects(rects)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _paint_marks(painter: QPainter, scene: TimelineScene) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    for colour_id, rects in scene.bars:
        painter.setBrush(scene.colours[colour_id])
        painter.drawRects(rects)
    groups = scene.marks
    if groups is not None:
        present = np.bincount(groups.colour, minlength=len(scene.colours))
        for colour_id in np.flatnonzero(present).tolist():
            colour = scene.colours[colour_id]
            mine = groups.colour == colour_id
            bars = mine & ~groups.is_box
            if bars.any():
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawRects([QRectF(*r) for r in zip(
                    groups.left[bars].tolist(), groups.top[bars].tolist(),
                    groups.width[bars].tolist(), groups.height[bars].tolist(), strict=True)])
            boxes = mine & groups.is_box
            if boxes.any():
                fill = QColor(colour)
                fill.setAlphaF(0.45)
                painter.setPen(QPen(colour, 1))
                painter.setBrush(fill)
                painter.drawRects([QRectF(x + 0.5, y + 0.5, w - 1, h - 1) for x, y, w, h in zip(
                    groups.left[boxes].tolist(), groups.top[boxes].tolist(),
                    groups.width[boxes].tolist(), groups.height[boxes].tolist(), strict=True)])
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _paint_hover_and_current(painter: QPainter, scene: TimelineScene) -> None:
    geometry, highlight = scene.geometry, scene.highlight
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if scene.hover is not None:
        painter.setPen(QPen(highlight, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(scene.hover.adjusted(-2.5, -2.5, 2.5, 2.5), 3, 3)
    if scene.current is not None:
        rect, colour = scene.current
        if rect.right() >= geometry.plot_left - 4 and rect.left() <= geometry.plot_right + 4:
            # Larger than the others: wider, and reaching beyond the lane at both ends.
            grow = max(0.0, 5.0 - rect.width()) / 2
            mark = QRectF(rect.left() - grow, geometry.lane_top - 5,
                          rect.width() + 2 * grow, geometry.lane_height + 10)
            # A soft band behind it finds it again among hundreds of marks.
            glow = QColor(highlight)
            glow.setAlphaF(0.25)
            painter.fillRect(mark.adjusted(-6, 0, 6, geometry.density_bottom - mark.bottom()),
                             glow)
            painter.setPen(QPen(scene.text, 1.5))
            painter.setBrush(colour)
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


def _paint_overview(painter: QPainter, scene: TimelineScene) -> None:
    """When zoomed in, a thin bar along the bottom shows which part of the whole is seen."""
    if scene.overview is None:
        return
    geometry = scene.geometry
    y = geometry.density_bottom + 3
    x0, width = scene.overview
    painter.fillRect(QRectF(geometry.plot_left, y, geometry.plot_width, 2),
                     mix(scene.text, scene.base, 0.9))
    painter.fillRect(QRectF(x0, y, width, 2), scene.highlight)
