"""What the timeline's colours say: a recording's device, its verdict, or whose voice it is.

The window chooses the mode (View menu); these functions turn the rows, and what the check
found, into one colour per recording and the legend that explains them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QColor

from viewer.ui.i18n import tr
from viewer.ui.recordings_model import VERDICT_COLOURS, RecordingRow, verdict_label

# Okabe–Ito: distinguishable with the common colour-vision deficiencies, light and dark.
DEVICE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                  "#F0E442", "#999999")
UNKNOWN_COLOUR = "#7f7f7f"
# One colour per voice, largest voice first: Okabe–Ito without its grey (grey is "no voice"),
# then Paul Tol's "muted" colours that differ most from those.
VOICE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                 "#F0E442", "#882255", "#117733", "#332288", "#999933", "#44AA99")
# The voices beyond the palette share one colour rather than repeat a voice's colour.
OTHER_VOICES_COLOUR = "#a6761d"
NO_VOICE_COLOUR = UNKNOWN_COLOUR


@dataclass(frozen=True, slots=True)
class Colouring:
    """A colour for each recording, and the legend that explains them (in legend order)."""

    title: str
    colour_of: dict[str, QColor]
    legend: list[tuple[str, QColor]]


def by_device(rows: Sequence[RecordingRow]) -> Colouring:
    keys = sorted({row.device_key or "" for row in rows})
    colours = {key: QColor(DEVICE_COLOURS[n % len(DEVICE_COLOURS)] if key else UNKNOWN_COLOUR)
               for n, key in enumerate(keys)}
    labels = {row.device_key or "": row.device_text or tr("unknown device") for row in rows}
    key_of = {row.recording.path: row.device_key or "" for row in rows}
    return _colouring(tr("Colour: device"), keys, colours, labels, key_of)


def by_verdict(rows: Sequence[RecordingRow], verdict_of: Callable[[str], str]) -> Colouring:
    keys = ["not-mine", "unsure", "unchecked", "mine"]
    colours = {key: QColor(VERDICT_COLOURS[key]) for key in keys}
    labels = {key: verdict_label(key) if key != "unchecked" else tr("not checked")
              for key in keys}
    key_of = {row.recording.path: verdict_of(row.recording.path) for row in rows}
    return _colouring(tr("Colour: verdict"), keys, colours, labels, key_of)


def voice_numbers(voices: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Recording path -> its voice's number: 1 for the first (largest) voice of the check's
    ``voices``, as the Voices tab numbers them."""
    numbers: dict[str, int] = {}
    for number, voice in enumerate(voices, start=1):
        for path in voice.get("members", []):
            numbers.setdefault(str(path), number)
    return numbers


def by_voice(rows: Sequence[RecordingRow], voices: Sequence[dict[str, Any]] | None) -> Colouring:
    """``voices`` as the check gives them (largest first); None while it has not run."""
    number_of = voice_numbers(voices or [])
    distinct = len(VOICE_COLOURS)
    keys = [f"voice-{n}" for n in range(1, min(len(voices or []), distinct) + 1)]
    colours = {key: QColor(colour) for key, colour in zip(keys, VOICE_COLOURS, strict=False)}
    labels = {f"voice-{n}": tr("Voice {number}").format(number=n) for n in range(1, distinct + 1)}
    keys += ["other", "none"]
    colours["other"] = QColor(OTHER_VOICES_COLOUR)
    colours["none"] = QColor(NO_VOICE_COLOUR)
    labels["other"] = tr("other voices")
    # Before the check, no recording has a voice yet; after it, those it could not hear.
    labels["none"] = tr("not checked") if voices is None else tr("no voice")

    def key(path: str) -> str:
        number = number_of.get(path)
        if number is None:
            return "none"
        return f"voice-{number}" if number <= distinct else "other"

    key_of = {row.recording.path: key(row.recording.path) for row in rows}
    return _colouring(tr("Colour: voice"), keys, colours, labels, key_of)


def _colouring(title: str, keys: Sequence[str], colours: dict[str, QColor],
               labels: dict[str, str], key_of: dict[str, str]) -> Colouring:
    present = set(key_of.values())
    return Colouring(title, {path: colours[key] for path, key in key_of.items()},
                     [(labels[key], colours[key]) for key in keys if key in present])
