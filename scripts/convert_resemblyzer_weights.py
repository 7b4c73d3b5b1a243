"""Convert resemblyzer 0.1.4's ``pretrained.pt`` into the numpy archive the app loads.

The app embeds voices with a numpy copy of resemblyzer's speaker encoder so that it never needs
torch. This script is the only place that touches torch: it runs once, by hand, in a throwaway
virtual environment, and writes ``viewer/resources/voice/resemblyzer-0.1.4.npz``. It downloads
nothing itself: the weights ship inside resemblyzer's wheel. A new file has a new SHA-256: put it
into ``WEIGHTS_SHA256`` in ``viewer/voice/encoder.py`` and the voice README.

Usage (from the repository root)::

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install torch==2.13.0 'setuptools<81'   # CPU wheel, no CUDA
    /tmp/refvenv/bin/pip install --no-deps resemblyzer==0.1.4
    /tmp/refvenv/bin/pip install librosa webrtcvad-wheels scipy typing
    /tmp/refvenv/bin/python scripts/convert_resemblyzer_weights.py

Installing torch first and resemblyzer with ``--no-deps`` keeps pip from resolving another torch
(resemblyzer asks for ``webrtcvad``, which needs a compiler; ``webrtcvad-wheels`` is the same
module prebuilt).

What the archive holds (all float32):

- ``lstm_weight_ih_l{k}`` (1024, in), ``lstm_weight_hh_l{k}`` (1024, 256), ``lstm_bias_l{k}``
  (1024,) = ``bias_ih + bias_hh`` for the three LSTM layers, gate order i, f, g, o (torch's);
- ``linear_weight`` (256, 256), ``linear_bias`` (256,);
- ``mel_filterbank`` (40, 201): ``librosa.filters.mel(sr=16000, n_fft=400, n_mels=40)``, the
  filterbank ``librosa.feature.melspectrogram`` applies in resemblyzer's ``audio.py``;
- ``stft_window`` (400,): ``librosa.filters.get_window("hann", 400, fftbins=True)``;
- ``meta_*`` strings naming the versions it was made with.

Storing the filterbank and window (rather than re-deriving them in the app) makes the front end
match librosa by construction; ``tests/unit/voice/test_encoder.py`` checks the mel frames too.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "viewer" / "resources" / "voice" / "resemblyzer-0.1.4.npz"

SAMPLING_RATE = 16_000
N_FFT = 400  # 25 ms at 16 kHz
N_MELS = 40
LAYERS = 3


def convert(out: Path) -> str:
    """Write the archive to ``out``; returns its sha256."""
    try:
        import librosa
        import resemblyzer
        import torch
    except ImportError as error:  # pragma: no cover - only in the throwaway venv
        sys.exit(f"run this in the reference venv (see the docstring): {error}")

    version = getattr(resemblyzer, "__version__", None) or _dist_version("resemblyzer")
    if version != "0.1.4":
        sys.exit(f"resemblyzer 0.1.4 is expected, found {version}")
    weights = Path(resemblyzer.__file__).resolve().parent / "pretrained.pt"
    checkpoint = torch.load(weights, map_location="cpu", weights_only=False)
    state = {name: tensor.detach().cpu().numpy().astype(np.float32)
             for name, tensor in checkpoint["model_state"].items()}

    arrays: dict[str, np.ndarray] = {}
    for layer in range(LAYERS):
        arrays[f"lstm_weight_ih_l{layer}"] = state[f"lstm.weight_ih_l{layer}"]
        arrays[f"lstm_weight_hh_l{layer}"] = state[f"lstm.weight_hh_l{layer}"]
        # torch adds both biases at every step; one sum is the same computation.
        arrays[f"lstm_bias_l{layer}"] = (state[f"lstm.bias_ih_l{layer}"]
                                         + state[f"lstm.bias_hh_l{layer}"]).astype(np.float32)
    arrays["linear_weight"] = state["linear.weight"]
    arrays["linear_bias"] = state["linear.bias"]
    arrays["mel_filterbank"] = librosa.filters.mel(
        sr=SAMPLING_RATE, n_fft=N_FFT, n_mels=N_MELS).astype(np.float32)
    arrays["stft_window"] = librosa.filters.get_window(
        "hann", N_FFT, fftbins=True).astype(np.float32)
    arrays["meta_source"] = np.array("resemblyzer 0.1.4 pretrained.pt (Apache-2.0)")
    arrays["meta_pretrained_sha256"] = np.array(_sha256(weights))
    arrays["meta_librosa"] = np.array(librosa.__version__)
    arrays["meta_torch"] = np.array(torch.__version__)

    out.parent.mkdir(parents=True, exist_ok=True)
    # Uncompressed: float32 weights barely compress, and an uncompressed archive loads faster.
    with out.open("wb") as handle:
        np.savez(handle, **arrays)
    return _sha256(out)


def _dist_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    digest = convert(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)\nsha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
