"""Mark layout without Qt: columns, density bins, stacked bars and collapsed mark groups."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.timescale.marks import (
    BOX_MIN_PX,
    COLUMN_PX,
    MIN_SEGMENT_PX,
    View,
    bar_segments,
    bin_of,
    column_members,
    density_by_colour,
    drawn_extent,
    index_at,
    is_dense,
    mark_box,
    mark_groups,
    strip_heights,
)

#: 1,000 s over 1,000 px from x = 10: one pixel a second.
VIEW = View(start=1_000.0, span=1_000.0, plot_left=10.0, plot_width=1_000.0)


def test_the_view_maps_time_to_pixels_and_back() -> None:
    assert VIEW.x(1_000.0) == 10.0 and VIEW.x(1_500.0) == 510.0
    assert VIEW.t(510.0) == 1_500.0
    assert VIEW.bins == 334  # ceil(1000 / 3)


def test_short_marks_snap_to_columns_and_long_ones_are_boxes() -> None:
    starts = np.array([1_100.3, 1_200.0])
    ends = np.array([1_101.0, 1_200.0 + BOX_MIN_PX + 1])
    left, right = drawn_extent(starts, ends, VIEW)
    assert left[0] == 110.0 and right[0] == 110.0 + COLUMN_PX  # snapped, one column wide
    assert left[1] == 210.0 and right[1] == pytest.approx(215.0)  # its duration


def test_column_members_are_the_marks_drawn_together() -> None:
    starts = np.array([1_100.0, 1_100.5, 1_101.9, 1_102.0, 1_110.0])
    assert column_members(starts, 0, VIEW) == [0, 1, 2]
    assert column_members(starts, 3, VIEW) == [3]


def test_bins_count_recordings_per_colour_inside_the_view() -> None:
    starts = np.array([900.0, 1_000.0, 1_001.0, 1_002.9, 1_003.0, 1_999.0, 2_000.0, 2_500.0])
    colours = np.array([0, 0, 1, 1, 0, 1, 0, 0])
    by_colour, counts = density_by_colour(starts, colours, 2, VIEW)
    assert by_colour.shape == (VIEW.bins, 2)
    assert by_colour[0].tolist() == [1, 2]  # 1000, 1001 and 1002.9 (bins are 3 px wide)
    assert by_colour[1].tolist() == [1, 0]
    assert by_colour[333].tolist() == [1, 1]  # 1999 and the right edge itself
    assert int(counts.sum()) == 6  # before and after the view: not counted
    assert bin_of(1_003.0, VIEW) == 1 and bin_of(999.0, VIEW) is None


def test_dense_means_two_or_more_per_occupied_bin() -> None:
    assert not is_dense(np.array([0, 1, 1, 0]))
    assert is_dense(np.array([0, 3, 1, 0]))
    assert not is_dense(np.zeros(4, dtype=np.int64))


def test_the_strip_shows_a_single_recording_beside_a_pile() -> None:
    heights = strip_heights(np.array([0, 1, 400]), 18.0)
    assert heights[0] == 0 and heights[2] == 17.0
    assert heights[1] >= 2.0
    assert strip_heights(np.zeros(3, dtype=np.int64), 18.0).tolist() == [0, 0, 0]


def test_bars_stack_colours_from_the_top_and_fit_the_lane() -> None:
    by_colour = np.array([[100, 1], [0, 0], [0, 4]])
    tops, heights = bar_segments(by_colour, by_colour.sum(axis=1), lane_bottom=100.0,
                                 lane_height=50.0)
    assert heights[0].sum() == pytest.approx(50.0)  # the tallest bar fills the lane
    assert heights[0, 1] >= MIN_SEGMENT_PX * 0.9  # one stranger still shows
    assert tops[0, 0] == pytest.approx(50.0)  # colour 0 on top ...
    assert tops[0, 1] + heights[0, 1] == pytest.approx(100.0)  # ... colour 1 at the bottom
    assert heights[1].tolist() == [0, 0]
    assert heights[2, 0] == 0 and tops[2, 1] + heights[2, 1] == pytest.approx(100.0)


def test_marks_collapse_to_one_rectangle_per_column_and_colour() -> None:
    left = np.array([10.0, 10.0, 10.0, 20.0, 30.0])
    right = left + COLUMN_PX
    right[4] = 40.0  # a box
    colours = np.array([0, 0, 1, 1, 0])
    groups = mark_groups(left, right, colours, 2, plot_left=10.0, lane_top=50.0,
                         lane_height=40.0)
    assert groups.left.tolist() == [10.0, 10.0, 20.0, 30.0]
    assert groups.colour.tolist() == [0, 1, 1, 0]
    # Two colours in the first column: a band each (1 px apart), the others whole.
    assert groups.top.tolist() == [50.0, 70.0, 50.0, 50.0]
    assert groups.height.tolist() == [19.0, 19.0, 40.0, 40.0]
    assert groups.is_box.tolist() == [False, False, False, True]


def test_the_mark_under_the_pointer_is_the_nearest_within_the_tolerance() -> None:
    starts = np.array([1_100.0, 1_101.0, 1_300.0, 1_400.0])
    ends = starts + np.array([0.0, 0.0, 0.0, 50.0])  # the last one is a box 50 px wide
    colours = np.array([0, 1, 0, 0])
    assert index_at(starts, ends, colours, 50.0, VIEW, 311.0, None) == 2
    assert index_at(starts, ends, colours, 50.0, VIEW, 311.0 + 6, None) is None
    assert index_at(starts, ends, colours, 50.0, VIEW, 440.0, None) == 3  # inside the box
    assert index_at(starts, ends, colours, 50.0, VIEW, 700.0, None) is None
    # Two colours stacked in one column: the pointer's height picks the band.
    assert index_at(starts, ends, colours, 50.0, VIEW, 111.0, 0.2) == 0
    assert index_at(starts, ends, colours, 50.0, VIEW, 111.0, 0.8) == 1


def test_a_marks_box_is_its_colours_band_of_its_column() -> None:
    starts = np.array([1_100.0, 1_100.5, 1_300.0])
    ends = starts.copy()
    colours = np.array([1, 0, 0])
    assert mark_box(starts, ends, colours, 0, VIEW, 50.0, 40.0) == (110.0, 70.0, 2.0, 20.0)
    assert mark_box(starts, ends, colours, 1, VIEW, 50.0, 40.0) == (110.0, 50.0, 2.0, 20.0)
    assert mark_box(starts, ends, colours, 2, VIEW, 50.0, 40.0) == (310.0, 50.0, 2.0, 40.0)
