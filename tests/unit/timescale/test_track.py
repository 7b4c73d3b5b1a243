"""The timeline's recordings as sorted arrays, colour slots in legend order."""

from __future__ import annotations

import math

from viewer.timescale.track import TimelineTrack, TrackEntry

RED, BLUE, GREEN = 0xFFFF0000, 0xFF0000FF, 0xFF00FF00


def test_sorted_by_start_without_duplicates_or_recordings_without_a_time() -> None:
    track = TimelineTrack.build([
        TrackEntry("b", 20.0, 5.0, RED, "second"),
        TrackEntry("a", 10.0, math.nan, BLUE, "first"),
        TrackEntry("b", 5.0, 1.0, GREEN, "the same key again"),
        TrackEntry("c", math.inf, 1.0, GREEN, "no time"),
        TrackEntry("d", 30.0, -3.0, RED, "third"),
    ])
    # In order of start, the earliest of a key's entries is the one kept.
    assert track.keys == ["b", "a", "d"]
    assert track.labels == ["the same key again", "first", "third"]
    assert track.starts.tolist() == [5.0, 10.0, 30.0]
    assert track.index_of == {"b": 0, "a": 1, "d": 2}
    assert track.colours == [GREEN, BLUE, RED]


def test_durations_that_are_not_positive_numbers_count_as_zero() -> None:
    track = TimelineTrack.build([TrackEntry("a", 10.0, math.nan, RED, ""),
                         TrackEntry("b", 20.0, -1.0, RED, ""),
                         TrackEntry("c", 30.0, 4.0, BLUE, "")])
    assert track.keys == ["a", "b", "c"]
    assert (track.ends - track.starts).tolist() == [0.0, 0.0, 4.0]
    assert track.max_duration == 4.0
    assert (track.first_start, track.last_end) == (10.0, 34.0)


def test_colour_slots_follow_the_legend() -> None:
    track = TimelineTrack.build([
        TrackEntry("a", 1.0, 0.0, RED, ""), TrackEntry("b", 2.0, 0.0, BLUE, ""),
        TrackEntry("c", 3.0, 0.0, GREEN, ""), TrackEntry("d", 4.0, 0.0, RED, "")])
    assert track.colours == [RED, BLUE, GREEN]  # first seen, first slot
    assert track.colour_index.tolist() == [0, 1, 2, 0]
    ordered = track.ordered_by([GREEN, RED, GREEN])
    assert ordered.colours == [GREEN, RED, BLUE]  # colours not in the legend come last
    assert [ordered.colours[i] for i in ordered.colour_index] == [RED, BLUE, GREEN, RED]
    assert ordered.ordered_by([GREEN, RED]) is ordered  # already in that order


def test_an_empty_track() -> None:
    track = TimelineTrack.build([])
    assert track.keys == [] and track.starts.size == 0
    assert (track.max_duration, track.first_start, track.last_end) == (0.0, 0.0, 0.0)


def test_the_view_stays_over_the_recordings_and_within_the_zoom_limits() -> None:
    from viewer.timescale.track import EMPTY_SPAN_S, FIT_MARGIN, MIN_FIT_SPAN_S, MIN_SPAN_S

    empty = TimelineTrack.build([])
    assert empty.whole_span() == EMPTY_SPAN_S
    assert empty.limit_view(-5.0, 1.0) == (-5.0, MIN_SPAN_S)  # nothing to stay over
    single = TimelineTrack.build([TrackEntry("a", 1_000.0, 2.0, RED, "")])
    assert single.whole_span() == MIN_FIT_SPAN_S
    day = TimelineTrack.build([TrackEntry("a", 0.0, 0.0, RED, ""),
                       TrackEntry("b", 86_400.0, 0.0, RED, "")])
    assert day.whole_span() == 86_400.0 * (1 + 2 * FIT_MARGIN)
    assert day.clamp_span(1e12) == day.whole_span() and day.clamp_span(0.1) == MIN_SPAN_S
    # Far to the right: pulled back until its middle is over the last recording.
    assert day.limit_view(1e9, 100.0) == (86_400.0 - 50.0, 100.0)
    assert day.limit_view(40_000.0, 100.0) == (40_000.0, 100.0)
