"""The recordings of a timeline as sorted arrays: what every paint and hit test reads (no Qt).

Colours are slots 0..n-1, each standing for a caller's colour key (the widget uses RGBA
values); slots are numbered in legend order so that stacked marks read top-down like it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

#: The narrowest view: about five seconds across the whole width.
MIN_SPAN_S = 5.0
#: Room left on each side of the data when all of it is shown, as a fraction of its span.
FIT_MARGIN = 0.03
#: All of a single recording (or several at one instant) is shown as at least this much.
MIN_FIT_SPAN_S = 60.0
#: With nothing to show, zooming out stops at ten years.
EMPTY_SPAN_S = 10 * 365 * 86400.0


@dataclass(frozen=True, slots=True)
class TrackEntry:
    """One recording as the caller has it."""

    key: str
    start: float
    duration_s: float
    colour: int
    label: str


@dataclass(frozen=True, slots=True)
class TimelineTrack:
    """Recordings sorted by start; duplicates (by key) and those without a time left out."""

    keys: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    starts: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.float64))
    ends: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.float64))
    #: Per recording, its colour slot.
    colour_index: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    #: Per colour slot, the caller's colour key.
    colours: list[int] = field(default_factory=list)
    index_of: dict[str, int] = field(default_factory=dict)
    #: The longest duration: how far before a view a mark may start and still reach into it.
    max_duration: float = 0.0

    @classmethod
    def build(cls, entries: Sequence[TrackEntry]) -> TimelineTrack:
        order = sorted(range(len(entries)), key=lambda i: entries[i].start)
        seen: set[str] = set()
        keys: list[str] = []
        labels: list[str] = []
        starts: list[float] = []
        durations: list[float] = []
        colour_ids: list[int] = []
        colour_slot: dict[int, int] = {}
        for i in order:
            entry = entries[i]
            if entry.key in seen or not math.isfinite(entry.start):
                continue
            seen.add(entry.key)
            colour_ids.append(colour_slot.setdefault(entry.colour, len(colour_slot)))
            keys.append(entry.key)
            labels.append(entry.label)
            starts.append(entry.start)
            duration = entry.duration_s
            durations.append(duration if math.isfinite(duration) and duration > 0 else 0.0)
        start_array = np.asarray(starts, dtype=np.float64)
        return cls(keys, labels, start_array,
                   start_array + np.asarray(durations, dtype=np.float64),
                   np.asarray(colour_ids, dtype=np.int64), list(colour_slot),
                   {key: i for i, key in enumerate(keys)}, max(durations, default=0.0))

    def ordered_by(self, legend: Iterable[int]) -> TimelineTrack:
        """The same recordings with colour slots in ``legend`` order (unknown colours last,
        in their old order); ``self`` when that is the order already."""
        position: dict[int, int] = {}
        for colour in legend:
            position.setdefault(colour, len(position))
        order = sorted(range(len(self.colours)),
                       key=lambda slot: (position.get(self.colours[slot], len(position)), slot))
        if order == list(range(len(self.colours))):
            return self
        new_slot = np.empty(len(order), dtype=np.int64)
        new_slot[order] = np.arange(len(order))
        return TimelineTrack(self.keys, self.labels, self.starts, self.ends,
                     new_slot[self.colour_index], [self.colours[slot] for slot in order],
                     self.index_of, self.max_duration)

    @property
    def first_start(self) -> float:
        return float(self.starts[0]) if self.keys else 0.0

    @property
    def last_end(self) -> float:
        return float(self.ends.max()) if self.keys else 0.0

    def whole_span(self) -> float:
        """The widest view: all recordings with a margin (the view when showing all)."""
        if not self.keys:
            return EMPTY_SPAN_S
        data_span = self.last_end - self.first_start
        return max(data_span * (1 + 2 * FIT_MARGIN), MIN_FIT_SPAN_S)

    def clamp_span(self, span: float) -> float:
        return min(max(span, MIN_SPAN_S), self.whole_span())

    def limit_view(self, start: float, span: float) -> tuple[float, float]:
        """``(start, span)`` within the zoom limits, its middle over the recordings: one can
        never get lost in the void."""
        span = self.clamp_span(span)
        if self.keys:
            center = min(max(start + span / 2, self.first_start), self.last_end)
            start = center - span / 2
        return start, span
