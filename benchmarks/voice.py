"""Voice embedding speed: the numpy encoder vs resemblyzer (torch) on the same clips.

    .venv/bin/python benchmarks/voice.py [--large 500] [--reference-python /tmp/refvenv/bin/python]

Embeds every WAV of the demo export (100 espeak-ng recordings) and, with ``--large N``, N clips
of ``make_large_export.py`` (real speech from LibriSpeech, 16 kHz, 1-8 s). The clips are
decoded and preprocessed once (resemblyzer's scheme, no looping of short clips) and the same
float32 samples go to every column:

- ours, batched: ``SpeakerEncoder.embed_many`` (all partials of all clips through the LSTM
  together), what the app runs;
- ours, one by one: ``embed_utterance`` per clip, numpy's cost without batching;
- resemblyzer: ``VoiceEncoder("cpu").embed_utterance`` per clip, in the throwaway reference
  venv (scripts/convert_resemblyzer_weights.py says how to make it), run as a separate
  process; skipped, with the reason, when no ``--reference-python`` is given or it cannot
  import resemblyzer. The same run prints how closely the two agree (cosine per clip).

Each column is timed after a warm-up on the first clips; the model load is not timed.
Times depend on threads: ``embed_many`` runs as many threads as numpy's OpenBLAS would (all
cores unless ``OPENBLAS_NUM_THREADS`` says otherwise), each product on one core; torch uses
all cores for each product.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from make_large_export import SpeechMissingError, build  # noqa: E402

from viewer.archive import open_export  # noqa: E402
from viewer.audio.decode import decode_member  # noqa: E402
from viewer.resources import demo_export  # noqa: E402
from viewer.voice.encoder import SAMPLING_RATE, SpeakerEncoder  # noqa: E402
from viewer.voice.preprocess import preprocess_wav  # noqa: E402

REFERENCE_SCRIPT = r"""
import json, sys, time
import numpy as np
from resemblyzer import VoiceEncoder
with np.load(sys.argv[1]) as data:
    wavs = [data[f"clip_{i}"] for i in range(len(data.files))]
encoder = VoiceEncoder("cpu", verbose=False)
for wav in wavs[:3]:
    encoder.embed_utterance(wav)
start = time.perf_counter()
embeddings = np.stack([encoder.embed_utterance(wav) for wav in wavs])
seconds = time.perf_counter() - start
np.save(sys.argv[2], embeddings)
import torch
print(json.dumps({"seconds": seconds, "threads": torch.get_num_threads()}))
"""


def load_clips(path: Path) -> list[np.ndarray]:
    with open_export(path) as export:
        audio = [m.path for m in export.members if m.path.lower().endswith(".wav")]
        clips = []
        for member in sorted(audio):
            decoded = decode_member(export, member)
            clips.append(preprocess_wav(decoded.samples, decoded.sample_rate))
    return clips


def time_ours(encoder: SpeakerEncoder, clips: list[np.ndarray]) -> dict[str, float | np.ndarray]:
    encoder.embed_many(clips[:3])  # warm-up
    start = time.perf_counter()
    batched = encoder.embed_many(clips)
    batched_s = time.perf_counter() - start
    start = time.perf_counter()
    for clip in clips:
        encoder.embed_utterance(clip)
    single_s = time.perf_counter() - start
    return {"batched": batched_s, "single": single_s, "embeddings": batched}


def time_reference(python: str | None, clips: list[np.ndarray],
                   ) -> tuple[float | None, np.ndarray | None, str]:
    if not python:
        return None, None, "no --reference-python given (the reference needs torch + resemblyzer)"
    with tempfile.TemporaryDirectory() as folder:
        clips_path, out = Path(folder) / "clips.npz", Path(folder) / "embeddings.npy"
        np.savez(clips_path, **{f"clip_{i}": clip for i, clip in enumerate(clips)})
        try:
            done = subprocess.run([python, "-c", REFERENCE_SCRIPT, str(clips_path), str(out)],
                                  capture_output=True, text=True, timeout=1800)
        except (OSError, subprocess.TimeoutExpired) as error:
            return None, None, f"{python} could not run: {error}"
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return None, None, f"{python} failed: {last}"
        result = json.loads(done.stdout.strip().splitlines()[-1])
        return (float(result["seconds"]), np.load(out),
                f"resemblyzer 0.1.4, torch CPU, {result['threads']} threads")


def report(name: str, clips: list[np.ndarray], encoder: SpeakerEncoder,
           reference_python: str | None) -> None:
    audio_s = sum(len(clip) for clip in clips) / SAMPLING_RATE
    ours = time_ours(encoder, clips)
    print(f"\n{name}: {len(clips)} clips, {audio_s:.0f} s of audio after preprocessing")
    for label, key in (("ours, batched    ", "batched"), ("ours, one by one ", "single")):
        seconds = float(ours[key])
        print(f"  {label} {seconds:7.2f} s  {len(clips) / seconds:7.1f} clips/s")
    seconds, theirs, note = time_reference(reference_python, clips)
    if seconds is None or theirs is None:
        print(f"  resemblyzer       skipped: {note}")
        return
    cosine = np.sum(theirs * ours["embeddings"], axis=1)
    print(f"  resemblyzer       {seconds:7.2f} s  {len(clips) / seconds:7.1f} clips/s  ({note})")
    print(f"  ours batched / resemblyzer speed: {seconds / ours['batched']:.2f}x")
    print(f"  agreement: cosine min {cosine.min():.5f}, mean {cosine.mean():.5f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=0,
                        help="also embed N clips of make_large_export.py")
    parser.add_argument("--reference-python", default=None,
                        help="python of a venv with resemblyzer 0.1.4 and torch")
    args = parser.parse_args()
    encoder = SpeakerEncoder.from_resources()
    report("demo export", load_clips(demo_export()), encoder, args.reference_python)
    if args.large:
        with tempfile.TemporaryDirectory() as folder:
            try:
                path = build(args.large, Path(folder) / f"large-{args.large}.zip")
            except SpeechMissingError as error:
                raise SystemExit(f"voice.py: {error}") from None
            clips = load_clips(path)
        report(f"large export ({args.large})", clips, encoder, args.reference_python)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
