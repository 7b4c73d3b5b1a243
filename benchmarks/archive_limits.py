"""Time and peak memory of the whole CLI on hostile and very large archives, fresh processes.

    .venv/bin/python benchmarks/archive_limits.py [--baseline REF] [--only NAME ...]

The goal (issue 13): any input under 20 s and 300 MB. Each case runs ``export-viewer check
--no-voice --json`` (open, import, check: what the window does before voices) in its own
process; the peak RSS printed is that process's high-water mark (VmHWM), interpreter and
imports included.

Cases: an export at the member limit (read from its central directory, and recovered from its
local headers when the directory is cut off), one a member over it, a million members, the
2.1 MB cut-off deflate bomb, 46 MB of empty local headers, and ten nested bombs.

``--baseline REF`` runs every case a second time with the package as it was at git revision
REF, interleaved with the current one, and prints the ratios (current / baseline): the same
machine, the same minute, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.hostile import (  # noqa: E402
    HOSTILE,
    empty_local_headers,
    many_members,
    streamed_bomb_cut,
)
from viewer.archive.limits import DEFAULT_LIMITS  # noqa: E402


def _bytes_case(build: Callable[[], bytes]) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / "case.zip"
        path.write_bytes(build())
        return path
    return write


LIMIT = DEFAULT_LIMITS.max_members
CASES: dict[str, Callable[[Path], Path]] = {
    f"{LIMIT:,} members": lambda d: many_members(d / "limit.zip", LIMIT),
    f"{LIMIT:,} members, directory cut off":
        lambda d: many_members(d / "limit-cut.zip", LIMIT, cut_directory=True),
    f"{LIMIT + 1:,} members (refused)": lambda d: many_members(d / "over.zip", LIMIT + 1),
    "1,000,000 members (refused)": lambda d: many_members(d / "million.zip", 1_000_000),
    "2.1 MB cut-off deflate bomb": _bytes_case(streamed_bomb_cut),
    "46 MB of empty local headers": _bytes_case(lambda: empty_local_headers(46_000_000)),
    "ten nested bombs": HOSTILE["nested_bomb"],
}


def run_once(archive: Path, package_root: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of ``check --no-voice --json`` in a fresh process."""
    environment = {**os.environ, "PYTHONPATH": str(package_root)}
    with tempfile.TemporaryDirectory() as home:
        environment.update(HOME=home, XDG_DATA_HOME=home, XDG_CACHE_HOME=home)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, "check", "--no-voice", "--json", str(archive)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment,
            cwd=package_root, check=False)
        elapsed = time.perf_counter() - started
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    return elapsed, peak_kib / 1024, done.returncode


# VmHWM, not ru_maxrss: Linux carries into ru_maxrss the size of the forked copy of this
# (benchmark) process from before exec, so a tiny input would show the parent's peak.
_CHILD = """
import sys
from viewer.cli import main
try:
    code = main(sys.argv[1:])
finally:
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(peak, file=sys.stderr)
sys.exit(code)
"""


def baseline_tree(revision: str, folder: Path) -> Path:
    """The package as it was at ``revision``, unpacked into ``folder``."""
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "viewer"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", metavar="REF", help="also run the package at git REF")
    parser.add_argument("--only", nargs="+", metavar="TEXT",
                        help="only the cases whose name contains one of these")
    args = parser.parse_args()
    cases = {name: build for name, build in CASES.items()
             if not args.only or any(text in name for text in args.only)}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        base = baseline_tree(args.baseline, folder / "baseline") if args.baseline else None
        header = f"{'case':42} {'seconds':>8} {'peak MB':>8} {'exit':>5}"
        if base is not None:
            header += f"  {'base s':>7} {'base MB':>8} {'s ratio':>8} {'MB ratio':>8}"
        print(header)
        for name, build in cases.items():
            case_folder = folder / f"case-{len(name)}-{abs(hash(name))}"
            case_folder.mkdir()
            archive = build(case_folder)
            if base is not None:  # baseline first, then current: neither always goes first
                base_seconds, base_mb, _ = run_once(archive, base)
            seconds, peak_mb, code = run_once(archive, ROOT)
            line = f"{name:42} {seconds:8.1f} {peak_mb:8.0f} {code:5}"
            if base is not None:
                line += (f"  {base_seconds:7.1f} {base_mb:8.0f} {seconds / base_seconds:8.2f}"
                         f" {peak_mb / base_mb:8.2f}")
            print(line, flush=True)
            archive.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
