"""How long the Files view's member tree takes to build, filter and sort, in milliseconds.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/files_tree.py [--counts 10000 100000]
        [--repeat 5]

Members are named like a Google Takeout (300 folders of 7 subfolders, JSON files), as in
``tests/unit/ui/test_files_view.py``; the goal there was a 100,000-member build in under
1.5 s. Rows: ``build`` is ``MemberTreeModel.set_export`` (the tree lists and the reset);
``filter`` the proxy's path filter over every row (a substring matching about 1 in 10) and
clearing it; ``sort`` the Size column, descending, then back to the natural order. Each is
run ``--repeat`` times on a fresh model; median and best are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from viewer.archive import Member, MemberKind
from viewer.ui.files_model import Column, MemberFilterProxy, MemberTreeModel


def takeout_members(count: int) -> list[Member]:
    return [
        Member(path=f"Takeout/Folder {n % 300}/Sub {n % 7}/file-{n}.json", size=n,
               compressed_size=n, kind=MemberKind.JSON, modified=None, source="t.zip",
               depth=0)
        for n in range(count)
    ]


def ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def measure(count: int, repeat: int) -> dict[str, list[float]]:
    export = SimpleNamespace(members=takeout_members(count))
    times: dict[str, list[float]] = {"build": [], "filter": [], "sort": []}
    for _ in range(repeat):
        model = MemberTreeModel()
        started = time.perf_counter()
        model.set_export(export, None)  # type: ignore[arg-type]
        times["build"].append(ms_since(started))
        proxy = MemberFilterProxy()
        proxy.setSourceModel(model)
        started = time.perf_counter()
        proxy.set_filter("file-9", False)
        proxy.set_filter("", False)
        times["filter"].append(ms_since(started))
        started = time.perf_counter()
        model.sort(Column.SIZE, Qt.SortOrder.DescendingOrder)
        model.sort(-1)
        times["sort"].append(ms_since(started))
        proxy.deleteLater()
        model.deleteLater()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description="Files view tree build, filter and sort times")
    parser.add_argument("--counts", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    measure(1_000, 1)  # the first build loads and warms what every later one uses
    print(f"{'members':>8}  {'step':<7} {'median ms':>9}  {'best ms':>8}")
    for count in args.counts:
        for step, values in measure(count, args.repeat).items():
            print(f"{count:>8}  {step:<7} {statistics.median(values):>9.1f}  "
                  f"{min(values):>8.1f}")
    del app


if __name__ == "__main__":
    main()
