#!/usr/bin/env python3
"""Fuzz the archive layer: every Hypothesis test over names and archives, thousands of times.

Not part of the default test run (which tries 150 examples per test). This runs the same
tests under the ``deep`` profile registered in ``tests/conftest.py`` and prints, per test, how
many examples ran and what failed, with Hypothesis's smallest failing example:

    .venv/bin/python scripts/fuzz_archives.py                  # 5000 examples per test
    .venv/bin/python scripts/fuzz_archives.py --examples 20000 --seed 1234
    .venv/bin/python scripts/fuzz_archives.py -k folder        # only some tests

A run with the same ``--seed`` (printed at the start) repeats exactly; failing examples are
also kept in ``.hypothesis/`` and tried first by the next run. Exit status 1 when a test failed.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Where the Hypothesis tests of names and archives live.
TARGETS = ["tests/unit/archive"]


@dataclass
class _Outcome:
    nodeid: str
    passed: bool = True
    seconds: float = 0.0
    examples: int = 0
    invalid: int = 0
    failure: str = ""


@dataclass
class _Collector:
    """A pytest plugin that keeps the Hypothesis tests only and notes what each found."""

    outcomes: dict[str, _Outcome] = field(default_factory=dict)

    def pytest_collection_modifyitems(self, config: object, items: list) -> None:
        items[:] = [item for item in items
                    if getattr(getattr(item, "obj", None), "is_hypothesis_test", False)]

    def pytest_runtest_logreport(self, report: object) -> None:
        nodeid = report.nodeid  # type: ignore[attr-defined]
        outcome = self.outcomes.setdefault(nodeid, _Outcome(nodeid))
        outcome.seconds += report.duration  # type: ignore[attr-defined]
        if report.failed:  # type: ignore[attr-defined]
            outcome.passed = False
            outcome.failure = _falsifying(report.longreprtext)  # type: ignore[attr-defined]
        stats = report.__dict__.get("_hypothesis_stats")
        if stats:
            outcome.examples = sum(int(n) for n in re.findall(r"(\d+) passing", stats)) + sum(
                int(n) for n in re.findall(r"(\d+) failing", stats))
            outcome.invalid = sum(int(n) for n in re.findall(r"(\d+) invalid", stats))


def _falsifying(text: str) -> str:
    """The error and the smallest failing example, from a failed test's report."""
    lines = text.splitlines()
    keep = [line for line in lines if line.startswith("E ")][-6:]
    start = next((n for n, line in enumerate(lines) if "Falsifying example" in line), None)
    if start is not None:
        keep += lines[start:start + 12]
    return "\n".join(keep) or text[-2000:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="examples per test")
    parser.add_argument("--seed", type=int, default=None, help="repeat a run exactly")
    parser.add_argument("-k", dest="keyword", default=None, help="only tests matching this")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    os.environ["EXPORT_VIEWER_FUZZ_EXAMPLES"] = str(args.examples)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    import pytest

    print(f"fuzzing the archive layer: {args.examples} examples per test, seed {seed}",
          flush=True)
    collector = _Collector()
    options = [*TARGETS, "-q", "-p", "no:cacheprovider", "--hypothesis-profile=deep",
               f"--hypothesis-seed={seed}", "--hypothesis-show-statistics"]
    if args.keyword:
        options += ["-k", args.keyword]
    started = time.perf_counter()
    code = pytest.main(options, plugins=[collector])
    elapsed = time.perf_counter() - started

    print(f"\n{'=' * 30} what the fuzzing found {'=' * 30}")
    failed = [outcome for outcome in collector.outcomes.values() if not outcome.passed]
    for outcome in collector.outcomes.values():
        verdict = "ok    " if outcome.passed else "FAILED"
        print(f"{verdict} {outcome.examples:>6} examples ({outcome.invalid} invalid) "
              f"{outcome.seconds:7.1f} s  {outcome.nodeid}")
    for outcome in failed:
        print(f"\n--- {outcome.nodeid}\n{outcome.failure}")
    total = sum(outcome.examples for outcome in collector.outcomes.values())
    print(f"\n{len(collector.outcomes)} tests, {total} examples, {len(failed)} failed, "
          f"{elapsed:.0f} s (seed {seed})")
    return 1 if failed or code not in (0, 5) else 0


if __name__ == "__main__":
    sys.exit(main())
