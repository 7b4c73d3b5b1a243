"""Who sent the export: the data controller, guessed from the formats the importers found.

The guess only prefills the report; the user can always correct it. The addresses are the
controllers' EU establishments as named in their privacy notices.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Controller:
    #: The importer format names that point to this controller.
    formats: tuple[str, ...]
    name: str


CONTROLLERS: tuple[Controller, ...] = (
    Controller(("amazon-alexa", "transcript-pdf"),
               "Amazon Europe Core S.à r.l., 38 avenue John F. Kennedy, L-1855 Luxembourg"),
    Controller(("google-takeout",),
               "Google Ireland Ltd., Gordon House, Barrow Street, Dublin 4, Ireland"),
    Controller(("facebook",), "Meta Platforms Ireland Ltd., Merrion Road, Dublin 4, Ireland"),
    Controller(("whatsapp",), "WhatsApp Ireland Limited, Merrion Road, Dublin 4, Ireland"),
    Controller(("telegram",), "Telegram FZ-LLC, Dubai"),
)

#: What the report says when the formats name no known controller (per language).
UNKNOWN_CONTROLLER = {
    "en": "the company that sent the export",
    "de": "das Unternehmen, das die Datenauskunft geschickt hat",
}


def guess_controller(formats: Iterable[str]) -> str | None:
    """The controller of the first recognised format, or None when none is known."""
    found = list(formats)
    for controller in CONTROLLERS:
        if any(name in controller.formats for name in found):
            return controller.name
    return None
