"""How fast the one resampler runs: seconds of audio converted per second of work.

    .venv/bin/python benchmarks/resample_speed.py [--seconds 60] [--repeat 3]

Rows are the conversions the app makes: the voice front end brings clips to 16 kHz (from
8, 22.05, 44.1 and 48 kHz), and playback converts a clip once when the output device refuses
its rate (16 kHz and 22.05 kHz up to 48 kHz, 44.1 <-> 48 kHz). Whole-number ratios take the
convolution path, the others the gathered polyphase path. Median of ``--repeat`` runs after
a warm-up, on ``--seconds`` of mono noise.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viewer.audio.resample import resample

CONVERSIONS = ((8_000, 16_000), (22_050, 16_000), (44_100, 16_000), (48_000, 16_000),
               (16_000, 48_000), (22_050, 48_000), (44_100, 48_000), (48_000, 44_100))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(f"{'from':>7} {'to':>7} {'median s':>9} {'x realtime':>11}")
    for source, target in CONVERSIONS:
        wav = rng.standard_normal(round(args.seconds * source)).astype(np.float32)
        resample(wav[:source], source, target)  # warm-up
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            resample(wav, source, target)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        print(f"{source:>7} {target:>7} {median:>9.3f} {args.seconds / median:>11.0f}")


if __name__ == "__main__":
    main()
