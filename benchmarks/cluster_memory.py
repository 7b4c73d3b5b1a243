"""Memory and time of ``cluster_voices`` at 10,000-50,000 clips, each size in a fresh process.

    .venv/bin/python benchmarks/cluster_memory.py [--sizes 10000 30000 50000] [--speakers 40]
        [--matrix]

The clustering once kept an n x n float32 distance matrix (3.6 GB at 30,000 clips, 10 GB at
50,000); now it keeps the groups' mean vectors, so memory grows with n. Each size runs in its
own process, so the peak RSS printed (``ru_maxrss``) is that size's alone; it covers the whole
process: the interpreter, numpy, the embeddings (n x 256 float32) and the clustering.
"before" is the RSS with the embeddings made, before clustering.

The embeddings are synthetic but shaped like the encoder's on real speech: ``--speakers``
voices with Zipf-distributed shares of the clips (a household's few main voices and a tail of
rare ones), each a unit centroid sharing a common direction (the encoder's outputs are all
non-negative, so even strangers score 0.3-0.7), each clip its centroid plus noise so that two
clips of one voice score about 0.8-0.9. The line under the header shows the cosines measured
on a sample. Clips of one voice then sit right at the default threshold (0.15, an average
similarity of 0.85), the hardest case: most merges happen, close together.

``--matrix`` also runs the previous implementation (the matrix, kept in
tests/unit/voice/test_analysis.py as the reference) for sizes up to 20,000 and says whether
the labels are identical.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.voice.analysis import CLUSTER_DISTANCE, cluster_voices  # noqa: E402

DIMENSIONS = 256
#: The matrix needs 4 n^2 bytes (and took minutes beyond this).
MATRIX_LIMIT = 20_000


def synthetic_embeddings(count: int, speakers: int, seed: int = 1,
                         ) -> tuple[np.ndarray, np.ndarray]:
    """``(count, 256)`` unit float32 rows and each row's speaker (see the module docstring)."""
    rng = np.random.default_rng(seed)
    common = np.abs(rng.standard_normal(DIMENSIONS))
    common /= np.linalg.norm(common)
    own = rng.standard_normal((speakers, DIMENSIONS))
    own -= (own @ common)[:, None] * common
    own /= np.linalg.norm(own, axis=1, keepdims=True)
    # Centroid s is cos a_s from the common direction, so two centroids are a_s a_t apart in
    # cosine: 0.36-0.81, and clips of two voices (with the noise below) 0.3-0.7.
    along = rng.uniform(0.6, 0.9, (speakers, 1))
    centres = along * common + np.sqrt(1 - along**2) * own
    share = rng.zipf(1.5, speakers).astype(np.float64)
    speaker = rng.choice(speakers, size=count, p=share / share.sum())
    # Noise of norm 0.33-0.5 (a voice's spread, varied per clip): within-voice cosine 0.8-0.9.
    spread = rng.uniform(0.33, 0.5, speakers)[speaker] * rng.uniform(0.85, 1.15, count)
    rows = np.empty((count, DIMENSIONS), dtype=np.float32)
    for start in range(0, count, 4096):  # in chunks: float64 temporaries stay small
        part = slice(start, start + 4096)
        noise = rng.standard_normal((len(speaker[part]), DIMENSIONS)) / np.sqrt(DIMENSIONS)
        block = centres[speaker[part]] + spread[part, None] * noise
        rows[part] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return rows, speaker


def cosine_summary(rows: np.ndarray, speaker: np.ndarray, sample: int = 2000) -> str:
    pick = np.random.default_rng(0).choice(len(rows), size=min(sample, len(rows)),
                                           replace=False)
    similarity = rows[pick] @ rows[pick].T
    same = speaker[pick][:, None] == speaker[pick][None, :]
    upper = np.triu(np.ones_like(same), k=1)
    within, between = similarity[same & upper], similarity[~same & upper]
    return (f"cosine within a voice {np.percentile(within, 5):.2f}-"
            f"{np.percentile(within, 95):.2f} (5-95 %), between voices "
            f"{np.percentile(between, 5):.2f}-{np.percentile(between, 95):.2f}")


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _matrix_reference() -> Callable[[np.ndarray, float], np.ndarray]:
    """The previous implementation, kept in the tests as the reference."""
    path = ROOT / "tests" / "unit" / "voice" / "test_analysis.py"
    spec = importlib.util.spec_from_file_location("voice_test_analysis", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._matrix_average_linkage


def measure_one(count: int, speakers: int, method: str) -> dict[str, object]:
    """One size in this process: seconds, RSS before and peak RSS after."""
    rows, _ = synthetic_embeddings(count, speakers)
    cluster = cluster_voices if method == "means" else _matrix_reference()
    before = _rss_mb()
    start = time.perf_counter()
    labels = cluster(rows, CLUSTER_DISTANCE)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": count, "method": method, "seconds": seconds, "before_mb": before,
            "peak_mb": peak, "clusters": int(labels.max()) + 1 if len(labels) else 0,
            "labels_sha": _digest(labels)}


def _digest(labels: np.ndarray) -> str:
    import hashlib

    return hashlib.sha256(labels.astype(np.int64).tobytes()).hexdigest()[:12]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 50_000])
    parser.add_argument("--speakers", type=int, default=40)
    parser.add_argument("--matrix", action="store_true",
                        help=f"also run the old matrix version (sizes up to {MATRIX_LIMIT})")
    parser.add_argument("--one", nargs=2, metavar=("N", "METHOD"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(int(args.one[0]), args.speakers, args.one[1])))
        return 0

    rows, speaker = synthetic_embeddings(min(args.sizes), args.speakers)
    print(f"{args.speakers} synthetic voices, threshold {CLUSTER_DISTANCE}; "
          f"{cosine_summary(rows, speaker)}")
    print(f"{'clips':>7} {'method':>7} {'seconds':>8} {'RSS before MB':>14} "
          f"{'peak RSS MB':>12} {'clusters':>9}  labels")
    for count in args.sizes:
        methods = ["means"] + (["matrix"] if args.matrix and count <= MATRIX_LIMIT else [])
        digests = {}
        for method in methods:
            done = subprocess.run(
                [sys.executable, __file__, "--one", str(count), method,
                 "--speakers", str(args.speakers)],
                capture_output=True, text=True, check=True)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            digests[method] = result["labels_sha"]
            same = ("" if len(digests) < 2 else
                    " identical" if len(set(digests.values())) == 1 else " DIFFERENT")
            print(f"{count:>7} {method:>7} {result['seconds']:>8.1f} "
                  f"{result['before_mb']:>14.0f} {result['peak_mb']:>12.0f} "
                  f"{result['clusters']:>9}  {result['labels_sha']}{same}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
