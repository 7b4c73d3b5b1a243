"""Where the timeline's marks go: pixel columns, density bins and stacked bars (NumPy, no Qt).

The timeline may hold 10,000 recordings and repaints several times a second while playback
moves the current mark, so everything here works on whole arrays: a paint draws at most
(width / 2) x colours rectangles whatever the number of recordings.

Coordinates are the widget's pixels. ``View`` maps POSIX seconds to them; starts are sorted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

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


@dataclass(frozen=True, slots=True)
class View:
    """The visible time range laid over the plot's pixels."""

    start: float
    span: float
    plot_left: float
    plot_width: float

    @property
    def end(self) -> float:
        return self.start + self.span

    @property
    def px_per_s(self) -> float:
        return self.plot_width / self.span

    @property
    def bins(self) -> int:
        """Bins of the density strip across the plot."""
        return max(math.ceil(self.plot_width / DENSITY_BIN_PX), 1)

    def x(self, t: float) -> float:
        """The pixel of POSIX time ``t``."""
        return self.plot_left + (t - self.start) * self.plot_width / self.span

    def t(self, x: float) -> float:
        """The POSIX time at pixel ``x``."""
        return self.start + (x - self.plot_left) * self.span / self.plot_width


def drawn_extent(starts: np.ndarray, ends: np.ndarray,
                 view: View) -> tuple[np.ndarray, np.ndarray]:
    """Left and right pixel of marks as drawn: at least a column wide, snapped to columns
    unless wide enough to be a box."""
    x0 = (starts - view.start) * view.px_per_s + view.plot_left
    x1 = (ends - view.start) * view.px_per_s + view.plot_left
    column = np.floor((x0 - view.plot_left) / COLUMN_PX)
    snapped = view.plot_left + column * COLUMN_PX
    is_box = (x1 - x0) >= BOX_MIN_PX
    return np.where(is_box, x0, snapped), np.where(is_box, x1, snapped + COLUMN_PX)


def column_members(starts: np.ndarray, index: int, view: View) -> list[int]:
    """The items drawn in the same column as item ``index`` (all colours)."""
    x = view.x(float(starts[index]))
    column = math.floor((x - view.plot_left) / COLUMN_PX)
    lo = np.searchsorted(starts, view.t(x - 2 * COLUMN_PX), "left")
    hi = np.searchsorted(starts, view.t(x + 2 * COLUMN_PX), "right")
    columns = np.floor((starts[lo:hi] - view.start) * view.px_per_s / COLUMN_PX)
    return [int(lo + i) for i in np.flatnonzero(columns == column)]


def mark_box(starts: np.ndarray, ends: np.ndarray, colour_index: np.ndarray, index: int,
             view: View, lane_top: float, lane_height: float) -> tuple[float, float, float, float]:
    """``(left, top, width, height)`` of mark ``index`` as drawn: its column, and its colour's
    band where several colours are stacked in that column."""
    left, right = drawn_extent(starts[index:index + 1], ends[index:index + 1], view)
    colours = sorted({int(colour_index[i]) for i in column_members(starts, index, view)})
    rank = colours.index(int(colour_index[index])) if colours else 0
    height = lane_height / max(len(colours), 1)
    return float(left[0]), lane_top + rank * height, float(right[0] - left[0]), height


def index_at(starts: np.ndarray, ends: np.ndarray, colour_index: np.ndarray,
             max_duration: float, view: View, x: float, band: float | None) -> int | None:
    """The mark drawn nearest pixel ``x``, within ``HIT_TOLERANCE_PX``; None if none.

    ``band``: the pointer's height in the lane, 0 (top) to 1 (bottom); where marks of several
    colours are stacked in one column it picks the colour. None when the lane shows density
    bars, which do not stack marks.
    """
    lo = np.searchsorted(starts, view.t(x - HIT_TOLERANCE_PX - COLUMN_PX) - max_duration,
                         "left")
    hi = np.searchsorted(starts, view.t(x + HIT_TOLERANCE_PX), "right")
    if hi <= lo:
        return None
    left, right = drawn_extent(starts[lo:hi], ends[lo:hi], view)
    distance = np.where(x < left, left - x, np.where(x > right, x - right, 0.0))
    near = np.flatnonzero(distance <= HIT_TOLERANCE_PX)
    if near.size == 0:
        return None
    best = near[distance[near] <= distance[near].min() + 0.5]
    candidates = [int(lo + i) for i in best]
    if len(candidates) > 1 and band is not None:
        colours = sorted({int(colour_index[i])
                          for i in column_members(starts, candidates[0], view)})
        if len(colours) > 1:
            wanted = colours[min(max(int(band * len(colours)), 0), len(colours) - 1)]
            of_colour = [i for i in candidates if colour_index[i] == wanted]
            candidates = of_colour or candidates
    return min(candidates, key=lambda i: abs(view.x(float(starts[i])) - x))


def bin_of(start: float, view: View) -> int | None:
    """The density bin that counts a recording starting at ``start`` (None: not in view)."""
    if not view.start <= start <= view.end:
        return None
    bin_index = int((start - view.start) * (view.px_per_s / DENSITY_BIN_PX))
    return bin_index if bin_index < view.bins else None


def density_by_colour(starts: np.ndarray, colour_index: np.ndarray, colours: int,
                      view: View) -> tuple[np.ndarray, np.ndarray]:
    """Recordings per bin and colour ``(bins, colours)``, and per bin, for the view."""
    bins = view.bins
    n_colours = max(colours, 1)
    lo = np.searchsorted(starts, view.start, "left")
    hi = np.searchsorted(starts, view.end, "right")
    scale = view.px_per_s / DENSITY_BIN_PX
    index = ((starts[lo:hi] - view.start) * scale).astype(np.int64)
    inside = (index >= 0) & (index < bins)
    slot = index[inside] * n_colours + colour_index[lo:hi][inside]
    by_colour = np.bincount(slot, minlength=bins * n_colours)[:bins * n_colours].reshape(
        bins, n_colours)
    return by_colour, by_colour.sum(axis=1)


def is_dense(counts: np.ndarray) -> bool:
    """Whether marks with these per-bin counts would mostly be drawn over each other."""
    occupied = int(np.count_nonzero(counts))
    return occupied > 0 and int(counts.sum()) >= DENSE_MARKS_PER_BIN * occupied


def strip_heights(counts: np.ndarray, height: float) -> np.ndarray:
    """Bar heights of the density strip: square root, so a single recording stays visible
    beside a day with hundreds; at least 2 px where there is anything."""
    peak = int(counts.max()) if counts.size else 0
    if peak == 0:
        return np.zeros(counts.shape, dtype=np.float64)
    heights = np.sqrt(counts / peak) * (height - 1)
    return np.where(counts > 0, np.maximum(heights, 2.0), 0.0)


def bar_segments(by_colour: np.ndarray, counts: np.ndarray, lane_bottom: float,
                 lane_height: float) -> tuple[np.ndarray, np.ndarray]:
    """The lane's density bars: per bin and colour, the top and height of its segment.

    Square root as in the strip; each colour present gets at least ``MIN_SEGMENT_PX``, and
    the segments stack in colour order from the top, like the bands of stacked marks.
    """
    peak = max(int(counts.max()), 1) if counts.size else 1
    total = np.sqrt(counts / peak) * lane_height
    share = by_colour * (total / np.maximum(counts, 1))[:, None]
    heights = np.where(by_colour > 0, np.maximum(share, MIN_SEGMENT_PX), 0.0)
    # The minimum heights may overfill the tallest bars: shrink those to fit the lane.
    filled = heights.sum(axis=1)
    heights *= np.minimum(1.0, lane_height / np.maximum(filled, 1e-9))[:, None]
    below = np.cumsum(heights[:, ::-1], axis=1)[:, ::-1] - heights
    tops = lane_bottom - below - heights
    return tops, heights


@dataclass(frozen=True, slots=True)
class MarkGroups:
    """One rectangle per (column, colour) of the visible marks, ready to draw."""

    left: np.ndarray
    top: np.ndarray
    width: np.ndarray
    height: np.ndarray
    colour: np.ndarray
    #: Wide enough to be drawn as a box of its duration rather than a bar.
    is_box: np.ndarray


def mark_groups(left: np.ndarray, right: np.ndarray, colours: np.ndarray, n_colours: int,
                plot_left: float, lane_top: float, lane_height: float) -> MarkGroups:
    """Collapse marks (their drawn extents and colours) to one rectangle per column and
    colour; several colours in one column share its height, one band each in colour order."""
    columns = np.floor((left - plot_left) / COLUMN_PX).astype(np.int64)
    group_key = (columns - columns.min()) * n_colours + colours
    order = np.argsort(group_key, kind="stable")
    sorted_key = group_key[order]
    firsts = np.concatenate(([0], np.flatnonzero(np.diff(sorted_key)) + 1))
    g_left = np.minimum.reduceat(left[order], firsts)
    g_right = np.maximum.reduceat(right[order], firsts)
    g_colour = sorted_key[firsts] % n_colours
    g_column = sorted_key[firsts] // n_colours
    # g_column is sorted (column is the major key); np.unique would do the same but its
    # first call imports numpy.ma, a 30 ms stall on the first paint after opening.
    col_first = np.flatnonzero(np.concatenate(([True], np.diff(g_column) != 0)))
    col_count = np.diff(np.append(col_first, g_column.size))
    rank = np.arange(g_column.size) - np.repeat(col_first, col_count)
    stack = np.repeat(col_count, col_count)
    band = lane_height / stack
    width = g_right - g_left
    return MarkGroups(left=g_left, top=lane_top + rank * band,
                      width=width, height=np.where(stack > 1, band - 1, band),
                      colour=g_colour, is_box=width >= BOX_MIN_PX)


def visible_mark_groups(starts: np.ndarray, ends: np.ndarray, colour_index: np.ndarray,
                        n_colours: int, max_duration: float, view: View, lane_top: float,
                        lane_height: float) -> MarkGroups | None:
    """The ``mark_groups`` of the marks that reach into the view; None when none does."""
    lo = int(np.searchsorted(starts, view.start - max_duration, "left"))
    hi = int(np.searchsorted(starts, view.end, "right"))
    if hi <= lo:
        return None
    left, right = drawn_extent(starts[lo:hi], ends[lo:hi], view)
    visible = right >= view.plot_left
    if not visible.any():
        return None
    return mark_groups(left[visible], right[visible], colour_index[lo:hi][visible], n_colours,
                       view.plot_left, lane_top, lane_height)
