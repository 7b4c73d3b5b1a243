"""The timeline's colour modes: by device, by verdict, by voice."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from viewer.ui.timeline_colours import (
    NO_VOICE_COLOUR,
    OTHER_VOICES_COLOUR,
    VOICE_COLOURS,
    by_voice,
    voice_numbers,
)


def rows(*paths: str) -> list[Any]:
    """Stand-ins for RecordingRow: colouring by voice reads only the recording's path."""
    return [SimpleNamespace(recording=SimpleNamespace(path=path)) for path in paths]


def voice(label: int, *members: str) -> dict[str, Any]:
    """A voice as the check reports it."""
    return {"id": label, "recordings": len(members), "representative": members[0],
            "members": list(members)}


VOICES = [voice(4, "a1", "a2", "a3"), voice(0, "b1", "b2"), voice(7, "c1")]


def test_voices_are_numbered_in_the_checks_order_largest_first() -> None:
    # Numbered as the Voices tab numbers them, not by the clustering's arbitrary labels.
    assert voice_numbers(VOICES) == {"a1": 1, "a2": 1, "a3": 1, "b1": 2, "b2": 2, "c1": 3}


def test_each_voice_has_its_own_colour_and_recordings_without_one_are_grey() -> None:
    colouring = by_voice(rows("a1", "a2", "a3", "b1", "b2", "c1", "silent"), VOICES)
    assert colouring.title == "Colour: voice"
    assert [label for label, _ in colouring.legend] == ["Voice 1", "Voice 2", "Voice 3",
                                                        "no voice"]
    colours = [colour.name() for _, colour in colouring.legend]
    assert len(set(colours)) == 4
    assert colours[:3] == [name.lower() for name in VOICE_COLOURS[:3]]
    assert colouring.colour_of["a2"].name() == colours[0]
    assert colouring.colour_of["c1"].name() == colours[2]
    assert colouring.colour_of["silent"].name() == NO_VOICE_COLOUR.lower()


def test_before_the_check_no_recording_has_a_voice_yet() -> None:
    colouring = by_voice(rows("a1", "b1"), None)
    assert colouring.legend[0][0] == "not checked"
    assert len(colouring.legend) == 1


def test_voices_beyond_the_palette_share_one_colour_rather_than_repeat_one() -> None:
    many = [voice(n, *(f"v{n}-{i}" for i in range(40 - n))) for n in range(len(VOICE_COLOURS)
                                                                          + 3)]
    paths = [path for item in many for path in item["members"]]
    colouring = by_voice(rows(*paths), many)
    labels = [label for label, _ in colouring.legend]
    assert labels[:len(VOICE_COLOURS)] == [f"Voice {n}" for n in range(1,
                                                                      len(VOICE_COLOURS) + 1)]
    assert labels[-1] == "other voices"
    assert colouring.colour_of[many[-1]["members"][0]].name() == OTHER_VOICES_COLOUR.lower()
    assert len({colour.name() for _, colour in colouring.legend}) == len(colouring.legend)
