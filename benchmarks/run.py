"""Benchmarks: each figure beside the baseline it is compared to, measured in the same run.

    .venv/bin/python benchmarks/run.py [--counts 1700 10000] [--repeat 5]
        [--reference-python /tmp/refvenv/bin/python] [--skip-voice]

The export is made by ``make_large_export.py`` (deterministic; 1,700 recordings of real speech
at 16 kHz, 1-8 s, mean 2.6 s ≈ 140 MB; remade when the generator is newer than it).
Rows:
- ``sha256sum``: the floor, one sequential read of the file. Every other row is a ratio to
  it. Commands in the first block run interleaved (A B C, A B C, ...) after a warm-up, so the
  machine's noise falls on all of them alike and the file is in the page cache for all.
- ``inspect``: with ``--files-only`` the archive layer alone; without it, the importers too.
- ``check --no-voice``: the metadata check, member hashes included.
- GUI open to timeline: an offscreen window told to open the export, until list and
  timeline show it (``gui_open.py``, median of --repeat in one process).
- voice: ``check`` with voice on a cold cache (every clip decoded and embedded: clips/s; the
  header line says what the clips are) and
  again with the cache warm (the "second open"); with --reference-python, the numpy encoder
  against resemblyzer (torch) on the same clips, else that column is skipped, saying why.
- GUI during analysis: the longest stall of the GUI thread while the window opens the export
  and runs the whole check with voice in the background.
- ``report``: the discrepancy report.
Peak RSS is measured for each command in its own process. With several ``--counts`` the
same rows run for each export size, and a last table divides each row's time by the first
size's: linear growth shows as the ratio of the recordings.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_large_export import SpeechMissingError, build, describe_audio  # noqa: E402


def timed_together(commands: dict[str, list[str]], repeat: int,
                   env: dict[str, str] | None = None) -> dict[str, float]:
    """Median wall seconds of each command, runs interleaved after one warm-up round."""
    for command in commands.values():
        done = subprocess.run(command, capture_output=True, env=env, check=False)
        if done.returncode not in (0, 1):  # check exits 1 when it finds a stranger's file
            raise SystemExit(f"{command} failed: {done.stderr.decode()[-500:]}")
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, capture_output=True, env=env, check=False)
            times[label].append(time.perf_counter() - started)
    return {label: statistics.median(values) for label, values in times.items()}


def once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run, measured by a wrapper process."""
    script = ("import resource, subprocess, sys, time\n"
              "t = time.perf_counter()\n"
              "subprocess.run(sys.argv[1:], capture_output=True)\n"
              "print(time.perf_counter() - t, "
              "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    done = subprocess.run([sys.executable, "-c", script, *command], check=True,
                          capture_output=True, text=True, env=env)
    seconds, peak = done.stdout.split()
    return float(seconds), int(peak) / 1024


def gui_open(export: Path, repeat: int, env: dict[str, str]) -> tuple[float, float]:
    done = subprocess.run([sys.executable, str(HERE / "gui_open.py"), str(export),
                           "--repeat", str(repeat)], check=True, capture_output=True, text=True,
                          env={**env, "QT_QPA_PLATFORM": "offscreen"})
    runs = [line.split() for line in done.stdout.splitlines() if line.strip()]
    return statistics.median(float(run[0]) for run in runs), max(float(run[1]) for run in runs)


def gui_stall_during_analysis(export: Path, env: dict[str, str]) -> tuple[float, list[float]]:
    """Seconds, and the longest GUI stalls (ms) while opening, checking and comparing voices."""
    done = subprocess.run([sys.executable, str(HERE / "gui_open.py"), str(export),
                           "--with-check"], check=True, capture_output=True, text=True,
                          env={**env, "QT_QPA_PLATFORM": "offscreen"})
    seconds, *stalls = done.stdout.split()[:4]
    return float(seconds), [float(stall) for stall in stalls]


def row(label: str, seconds: float | None, floor: float, peak: float | None,
        note: str = "") -> None:
    value = f"{seconds:8.3f} {seconds / floor:8.2f}" if seconds is not None else f"{'':>17}"
    peak_text = f"{peak:12.0f}" if peak is not None else f"{'':>12}"
    print(f"{label:<36} {value} {peak_text}  {note}".rstrip())


def measure(count: int, args: argparse.Namespace) -> dict[str, float]:
    """Print the table for one export size; return each row's seconds for the growth table."""
    export = HERE / "out" / f"large-{count}.zip"
    if (not export.exists()
            or export.stat().st_mtime < (HERE / "make_large_export.py").stat().st_mtime):
        try:
            build(count, export)  # an export left by an older generator is remade
        except SpeechMissingError as error:
            raise SystemExit(f"benchmarks: {error}") from None
    cache_home = Path(tempfile.mkdtemp(prefix="ev-bench-"))
    env = {**os.environ, "XDG_DATA_HOME": str(cache_home / "data"),
           "XDG_CONFIG_HOME": str(cache_home / "config"),
           # An installed app runs from compiled bytecode; a shell with
           # PYTHONDONTWRITEBYTECODE would recompile every module on every run (~90 ms).
           # The warm-up round writes the bytecode here, outside the checkout.
           "PYTHONPYCACHEPREFIX": str(cache_home / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cli = [sys.executable, "-m", "viewer"]
    commands = {
        "sha256sum (floor)": ["sha256sum", str(export)],
        "inspect --files-only --json": [*cli, "inspect", "--json", "--files-only", str(export)],
        "inspect --json": [*cli, "inspect", "--json", str(export)],
        "check --no-voice --json": [*cli, "check", "--no-voice", "--json", str(export)],
    }
    seconds = timed_together(commands, args.repeat, env)
    floor = seconds["sha256sum (floor)"]
    print(f"\nexport: {export.name}, {count} recordings, {export.stat().st_size / 1e6:.1f} MB;"
          f" median of {args.repeat} interleaved runs; ratios to sha256sum")
    print(f"audio: {describe_audio(export)}")
    print(f"{'what':<36} {'seconds':>8} {'x floor':>8} {'peak RSS MB':>12}")
    for label, command in commands.items():
        row(label, seconds[label], floor, once(command, env)[1])
    seconds["GUI: open to timeline"], gui_peak = gui_open(export, args.repeat, env)
    row("GUI: open to timeline", seconds["GUI: open to timeline"], floor, gui_peak)

    if not args.skip_voice:
        check = [*cli, "check", "--json", str(export)]
        cold, cold_peak = once(check, env)
        row("check with voice, cold cache", cold, floor, cold_peak,
            f"{count / cold:.1f} clips/s")
        warm, warm_peak = once(check, env)
        row("check with voice, cached (2nd open)", warm, floor, warm_peak)
        seconds["check with voice, cold cache"] = cold
        seconds["check with voice, cached (2nd open)"] = warm
        shutil.rmtree(cache_home / "data", ignore_errors=True)
        total, (opening, checking, voice) = gui_stall_during_analysis(export, env)
        row("GUI: open + full check with voice", total, floor, None,
            f"longest GUI stall: {voice:.0f} ms comparing voices, {checking:.0f} ms in the "
            f"metadata check, {opening:.0f} ms opening (to the first frame)")
        again, _ = gui_stall_during_analysis(export, env)
        row("GUI: 2nd open + check, voice cached", again, floor, None,
            "until every verdict is shown")
        seconds["GUI: open + full check with voice"] = total
        seconds["GUI: 2nd open + check, voice cached"] = again

    out = cache_home / "report"
    report, report_peak = once([*cli, "report", str(export), "--out", str(out), "--no-voice"],
                               env)
    row("report --no-voice", report, floor, report_peak)
    seconds["report --no-voice"] = report
    shutil.rmtree(cache_home, ignore_errors=True)
    return seconds


def compare_with_reference(reference_python: str | None, clips: int) -> None:
    """The encoder against resemblyzer on the same clips: once, whatever the export sizes."""
    if not reference_python:
        print(f"\n{'voice vs resemblyzer':<36} skipped: no --reference-python (the reference "
              "needs torch, which the app never installs)")
        return
    done = subprocess.run([sys.executable, str(HERE / "voice.py"), "--large", str(clips),
                           "--reference-python", reference_python], capture_output=True,
                          text=True, check=False)
    # voice.py prints a header per clip set ("demo export: 100 clips, ...") and, under it,
    # the speed ratio and the agreement of the embeddings.
    found, clip_set = [], ""
    for line in done.stdout.splitlines():
        if line and not line.startswith(" ") and ":" in line:
            clip_set = line.split(":")[0]
        elif "speed:" in line or "agreement:" in line:
            found.append(f"{clip_set}, {line.strip()}")
    print(f"\n{'voice vs resemblyzer (voice.py)':<36} (speed ratio > 1: ours is faster)")
    for line in found or [done.stderr.strip()[-300:]]:
        print(f"{'':<36} {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Export Viewer benchmarks")
    parser.add_argument("--counts", type=int, nargs="+", default=[1700, 10_000],
                        help="export sizes in recordings; the first is the baseline of the "
                             "growth table (default: 1700 10000)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reference-python", default=None,
                        help="python of a venv with resemblyzer 0.1.4 and torch")
    parser.add_argument("--skip-voice", action="store_true")
    args = parser.parse_args()
    results = {count: measure(count, args) for count in args.counts}
    if not args.skip_voice:
        compare_with_reference(args.reference_python, min(args.counts[0], 300))
    base_count, *others = args.counts
    for count in others:
        print(f"\ngrowth from {base_count} to {count} recordings "
              f"({count / base_count:.2f}x the recordings): time ratio per row")
        for label, value in results[count].items():
            base = results[base_count].get(label)
            if base:
                print(f"{label:<36} {value / base:8.2f}")


if __name__ == "__main__":
    main()
