"""The one error of the case tracker: a step the user asked for cannot be taken."""

from __future__ import annotations


class CaseError(Exception):
    """An unknown case, or a step that is impossible now (answered before it was sent, a
    date in the future...). ``str(error)`` says what to do instead, for a person."""
