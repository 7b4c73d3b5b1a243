"""Long work is written once, as a generator that yields progress and returns its result.

The GUI drives such a generator on a worker (``viewer.ui.tasks``), showing each step; the
command line and the tests need only the result, through ``run_to_end``.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, TypeVar

Result = TypeVar("Result")


def run_to_end(steps: Generator[Any, Any, Result]) -> Result:
    """Drive ``steps`` to its end, ignoring the progress it yields; its return value."""
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value
