"""A speaker encoder in numpy: resemblyzer 0.1.4's model without torch (Qt-free).

Resemblyzer (Apache-2.0, Resemble AI; the GE2E encoder from Corentin Jemine's
Real-Time-Voice-Cloning) turns speech into a 256-number "voice print": two clips of one speaker
point the same way, clips of two speakers less so. The app needs that offline and small, so this
module runs the same network with numpy alone: weights converted once from resemblyzer's
``pretrained.pt`` (``scripts/convert_resemblyzer_weights.py``), the same mel front end (the
librosa filterbank and window stored beside the weights, the same centred zero-padded STFT), the
same 3-layer LSTM, linear layer, ReLU and L2 norm, and the same partial-utterance averaging.
``tests/unit/voice/test_encoder.py`` checks it against embeddings resemblyzer itself computed.

One deliberate difference is preprocessing (``viewer.voice.preprocess``): no webrtcvad and no
librosa, so embeddings of raw recordings differ slightly from resemblyzer's; the network
itself is the same.

Speed comes from ``embed_many``: the 1.6 s partials of all clips go through the LSTM in
batches, one matrix product per time step and layer for a whole batch, and the batches are
shared among as many threads as numpy's BLAS would use, each running its products on one core
(see ``_BlasThreads``). The LSTM is ~0.43 GFLOP per partial, so the products are the cost.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import itertools
import logging
import threading
import zipfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar, TypeVar

import numpy as np

from viewer.resources import RESOURCES
from viewer.voice.preprocess import SAMPLING_RATE

log = logging.getLogger("viewer.voice")

#: The weights and front-end constants, converted from resemblyzer 0.1.4.
WEIGHTS_PATH = RESOURCES / "voice" / "resemblyzer-0.1.4.npz"
#: Its SHA-256 (viewer/resources/voice/README.md): a damaged or swapped file is refused, not
#: run, since every voice finding rests on these numbers.
WEIGHTS_SHA256 = "f0b2db66fbbbed6f2747493f665083ddc165237c200e2aeae8081463aa17bc98"

# resemblyzer/hparams.py (the preprocessing ones are in viewer.voice.preprocess)
MEL_WINDOW_MS = 25
MEL_STEP_MS = 10
MEL_CHANNELS = 40
PARTIAL_FRAMES = 160  # 1.6 s
HIDDEN_SIZE = 256
EMBEDDING_SIZE = 256
LAYERS = 3

N_FFT = SAMPLING_RATE * MEL_WINDOW_MS // 1000  # 400
HOP = SAMPLING_RATE * MEL_STEP_MS // 1000  # 160
_T = TypeVar("_T")
_R = TypeVar("_R")

#: Partials one thread pushes through the LSTM at once: enough rows for efficient matrix
#: products (fewer than ~100 lose speed), few enough that a step's buffers (~13 KB a partial)
#: stay near the core's cache. Measured on one core: 96-256 within 10 % of each other, 192
#: the fastest (4.2-4.5 ms a partial).
DEFAULT_BATCH = 192


class VoiceModelError(Exception):
    """The voice model cannot be loaded. ``str(error)`` says how to get it back."""


# ---------------------------------------------------------------------------------------------
# Partial utterances


def compute_partial_slices(n_samples: int, rate: float = 1.3, min_coverage: float = 0.75,
                           ) -> tuple[list[slice], list[slice]]:
    """Where to cut a clip into 1.6 s partials: resemblyzer's ``compute_partial_slices``.

    Returns ``(wav_slices, mel_slices)``. Partials start every ``1 / rate`` seconds; the last
    one is kept when at least ``min_coverage`` of it holds audio (it is zero-padded), and there
    is always at least one. The slices may reach past the end: pad to ``wav_slices[-1].stop``.
    """
    if not 0 < min_coverage <= 1:
        raise ValueError(f"min_coverage must be in (0, 1], got {min_coverage}")
    samples_per_frame = int(SAMPLING_RATE * MEL_STEP_MS / 1000)
    n_frames = int(np.ceil((n_samples + 1) / samples_per_frame))
    frame_step = int(np.round((SAMPLING_RATE / rate) / samples_per_frame))
    if not 0 < frame_step <= PARTIAL_FRAMES:
        raise ValueError(f"rate {rate} gives a partial step of {frame_step} frames")

    wav_slices, mel_slices = [], []
    steps = max(1, n_frames - PARTIAL_FRAMES + frame_step + 1)
    for i in range(0, steps, frame_step):
        mel_range = np.array([i, i + PARTIAL_FRAMES])
        wav_range = mel_range * samples_per_frame
        mel_slices.append(slice(*mel_range))
        wav_slices.append(slice(*wav_range))

    last = wav_slices[-1]
    coverage = (n_samples - last.start) / (last.stop - last.start)
    if coverage < min_coverage and len(mel_slices) > 1:
        mel_slices, wav_slices = mel_slices[:-1], wav_slices[:-1]
    return wav_slices, mel_slices


# ---------------------------------------------------------------------------------------------
# The encoder


class SpeakerEncoder:
    """resemblyzer's VoiceEncoder in numpy. Thread-safe for concurrent reads; load it once.

    >>> encoder = SpeakerEncoder.from_resources()
    >>> from viewer.voice.preprocess import preprocess_wav
    >>> encoder.embed_many([preprocess_wav(samples, rate) for samples, rate in clips])
    """

    _shared: ClassVar[SpeakerEncoder | None] = None
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        try:
            self._mel_filterbank = _f32(arrays["mel_filterbank"])  # (40, 201)
            self._window = _f32(arrays["stft_window"])  # (400,)
            # Sigmoid(x) = 0.5 + 0.5 tanh(x / 2): halving the columns of the i, f and o gates
            # once here lets every step run one tanh over all four gates.
            scale = np.full(4 * HIDDEN_SIZE, 0.5, dtype=np.float32)
            scale[2 * HIDDEN_SIZE:3 * HIDDEN_SIZE] = 1.0  # the cell candidate g is a tanh
            # Each layer is one matrix [W_ih; W_hh; bias] applied to a row [x, h, 1]: one
            # product per step gives both halves of every gate and the bias. The steps keep
            # 2h instead of h (one multiplication fewer), so every matrix that reads h (W_hh,
            # the next layer's W_ih, the linear layer) is halved here. Halving is exact in
            # floating point: the products are the same numbers.
            self._layers: list[np.ndarray] = []
            for layer in range(LAYERS):
                w_ih = _f32(arrays[f"lstm_weight_ih_l{layer}"]) * scale[:, None]
                w_hh = _f32(arrays[f"lstm_weight_hh_l{layer}"]) * scale[:, None]
                bias = _f32(arrays[f"lstm_bias_l{layer}"]) * scale
                if layer > 0:
                    w_ih = w_ih * np.float32(0.5)
                self._layers.append(np.ascontiguousarray(
                    np.concatenate([w_ih.T, w_hh.T * np.float32(0.5), bias[None, :]]),
                    dtype=np.float32))
            self._linear_t = np.ascontiguousarray(_f32(arrays["linear_weight"]).T)
            self._linear_bias = _f32(arrays["linear_bias"])
        except KeyError as error:
            raise VoiceModelError(f"the voice model lacks the array {error}") from error
        expected = {"mel": (MEL_CHANNELS, N_FFT // 2 + 1), "window": (N_FFT,),
                    "linear": (HIDDEN_SIZE, EMBEDDING_SIZE)}
        actual = {"mel": self._mel_filterbank.shape, "window": self._window.shape,
                  "linear": self._linear_t.shape}
        layers = [layer.shape for layer in self._layers]
        if actual != expected or layers != [
                (inputs + HIDDEN_SIZE + 1, 4 * HIDDEN_SIZE)
                for inputs in (MEL_CHANNELS, *[HIDDEN_SIZE] * (LAYERS - 1))]:
            raise VoiceModelError(f"the voice model has unexpected shapes: {actual}, {layers}")
        self._linear_half = self._linear_t * np.float32(0.5)  # reads 2h (see above)

    @classmethod
    def load(cls, path: Path, *, sha256: str | None = None) -> SpeakerEncoder:
        """The model in ``path``; with ``sha256``, only if the file has exactly that hash."""
        how_to_fix = ("reinstall Export Viewer, or regenerate the model with "
                      "scripts/convert_resemblyzer_weights.py "
                      "(see viewer/resources/voice/README.md)")
        try:
            content = Path(path).read_bytes()
        except OSError as error:
            raise VoiceModelError(
                f"the voice model cannot be read from {path} ({error}); {how_to_fix}"
            ) from error
        if sha256 is not None:
            actual = hashlib.sha256(content).hexdigest()
            if actual != sha256:
                raise VoiceModelError(
                    f"the voice model {path} is damaged or not the one this version ships: "
                    f"its SHA-256 is {actual}, expected {sha256}; {how_to_fix}")
        try:
            with np.load(io.BytesIO(content), allow_pickle=False) as data:
                arrays = {name: data[name] for name in data.files}
        except (OSError, ValueError, zipfile.BadZipFile) as error:
            raise VoiceModelError(
                f"the voice model cannot be read from {path} ({error}); {how_to_fix}"
            ) from error
        return cls(arrays)

    @classmethod
    def from_resources(cls) -> SpeakerEncoder:
        """The bundled model, loaded on first use and shared afterwards (~6 MB)."""
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls.load(WEIGHTS_PATH, sha256=WEIGHTS_SHA256)
                log.debug("voice model loaded from %s", WEIGHTS_PATH)
            return cls._shared

    # -- front end ------------------------------------------------------------------------

    def mel_spectrogram(self, wav: np.ndarray) -> np.ndarray:
        """``(frames, 40)`` float32 mel power: resemblyzer's ``wav_to_mel_spectrogram``.

        librosa.feature.melspectrogram(sr=16000, n_fft=400, hop_length=160, n_mels=40): a
        centred STFT (200 zeros each side, librosa >= 0.10's ``pad_mode="constant"``), periodic
        Hann window, power 2, Slaney mel filterbank. Not a log-mel: the encoder takes power.
        """
        wav = np.asarray(wav, dtype=np.float32)
        padded = np.pad(wav, (N_FFT // 2, N_FFT // 2))
        n_frames = 1 + (len(padded) - N_FFT) // HOP
        frames = np.lib.stride_tricks.as_strided(
            padded, shape=(n_frames, N_FFT), strides=(padded.strides[0] * HOP, padded.strides[0]),
            writeable=False)
        spectrum = np.fft.rfft(frames * self._window, axis=1)
        power = (spectrum.real ** 2 + spectrum.imag ** 2).astype(np.float32)
        return power @ self._mel_filterbank.T

    # -- network --------------------------------------------------------------------------

    def embed_mels(self, mels: np.ndarray) -> np.ndarray:
        """Embeddings ``(n, 256)`` of partials ``(n, frames, 40)``: LSTM, linear, ReLU, L2.

        One batch in the calling thread; ``embed_many`` shares larger work among threads.
        """
        x = np.ascontiguousarray(np.asarray(mels, dtype=np.float32).transpose(1, 0, 2))
        steps, batch, _ = x.shape
        hidden = HIDDEN_SIZE
        # Per layer the row [x_t, 2h, 1] (see __init__) and the cell state; all three layers
        # advance together, step by step, so no layer's whole output is ever stored.
        rows = [np.zeros((batch, weights.shape[0]), dtype=np.float32) for weights in self._layers]
        cells = [np.zeros((batch, hidden), dtype=np.float32) for _ in self._layers]
        for row in rows:
            row[:, -1] = 1.0
        doubled_h = [row[:, -1 - hidden:-1] for row in rows]
        feeds = [row[:, :hidden] for row in rows[1:]] + [None]  # where 2h goes next
        mel_input = rows[0][:, :x.shape[2]]
        gates = np.empty((batch, 4 * hidden), dtype=np.float32)
        squashed = np.empty((batch, hidden), dtype=np.float32)
        i, f, g, o = (gates[:, k * hidden:(k + 1) * hidden] for k in range(4))
        layers = list(zip(self._layers, rows, cells, doubled_h, feeds, strict=True))
        for t in range(steps):
            mel_input[...] = x[t]
            for weights, row, c, h2, feed in layers:
                np.matmul(row, weights, out=gates)
                np.tanh(gates, out=gates)
                # sigmoid(z) = (1 + tanh(z / 2)) / 2, the /2 being in the weights:
                # c = sigmoid(f) c + sigmoid(i) g = ((1 + tf) c + (1 + ti) g) / 2
                f += 1.0
                f *= c
                i += 1.0
                i *= g
                np.add(f, i, out=c)
                c *= 0.5
                # 2h = (1 + to) tanh(c), written where the next step's product reads it
                np.tanh(c, out=squashed)
                o += 1.0
                np.multiply(o, squashed, out=h2)
                if feed is not None:
                    feed[...] = h2
        raw = np.maximum(doubled_h[-1] @ self._linear_half + self._linear_bias, 0.0)
        return _l2_normalize(raw)

    # -- utterances -----------------------------------------------------------------------

    def partial_mels(self, wav: np.ndarray, rate: float = 1.3,
                     min_coverage: float = 0.75) -> np.ndarray:
        """The clip's partials ``(n, 160, 40)``, cut exactly as resemblyzer's embed_utterance."""
        wav = np.asarray(wav, dtype=np.float32)
        wav_slices, mel_slices = compute_partial_slices(len(wav), rate, min_coverage)
        longest = wav_slices[-1].stop
        if longest >= len(wav):
            wav = np.pad(wav, (0, longest - len(wav)))
        mel = self.mel_spectrogram(wav)
        return np.stack([mel[s] for s in mel_slices])

    def embed_utterance(self, wav: np.ndarray, rate: float = 1.3,
                        min_coverage: float = 0.75) -> np.ndarray:
        """The ``(256,)`` embedding of one preprocessed 16 kHz clip (see ``preprocess_wav``)."""
        return self.embed_many([wav], rate=rate, min_coverage=min_coverage)[0]

    def embed_many(self, wavs: Sequence[np.ndarray], *, rate: float = 1.3,
                   min_coverage: float = 0.75, batch_size: int = DEFAULT_BATCH,
                   max_partials: int | None = None, threads: int | None = None) -> np.ndarray:
        """Embeddings ``(n, 256)`` of n preprocessed clips, all partials batched together.

        Same result as ``embed_utterance`` per clip (the L2-normed mean of its partials'
        embeddings) unless ``max_partials`` thins long clips; many times faster, because each
        LSTM step is one matrix product over up to ``batch_size`` partials from any clips
        instead of a product per clip. ``threads`` (default: as many as numpy's BLAS uses,
        usually the cores) share the batches; the result does not depend on it.
        """
        if not wavs:
            return np.zeros((0, EMBEDDING_SIZE), dtype=np.float32)
        threads = _BLAS.threads if threads is None else max(1, threads)
        per_clip = _parallel_map(
            lambda wav: self.partial_mels(wav, rate, min_coverage), wavs, threads)
        if max_partials is not None:
            # Evenly spread partials stand for a long clip almost as well as all of them (the
            # embedding is their mean) at a fraction of the LSTM work: see ANALYSIS_PARTIALS.
            per_clip = [_spread(p, max_partials) for p in per_clip]
        owners = np.repeat(np.arange(len(per_clip)), [len(p) for p in per_clip])
        stacked = np.concatenate(per_clip)
        # Equal batches, a whole number of them per thread, so the threads finish together.
        count = -(-len(stacked) // max(1, batch_size))
        count = min(len(stacked), -(-count // threads) * threads)
        bounds = np.linspace(0, len(stacked), count + 1).round().astype(int)
        partials = np.concatenate(_parallel_map(
            self.embed_mels, [stacked[a:b] for a, b in itertools.pairwise(bounds)], threads))
        sums = np.zeros((len(per_clip), EMBEDDING_SIZE), dtype=np.float64)
        np.add.at(sums, owners, partials)
        return _l2_normalize(sums).astype(np.float32)


def _parallel_map(function: Callable[[_T], _R], items: Sequence[_T], threads: int) -> list[_R]:
    """``[function(item) for item in items]`` on up to ``threads`` threads, in order.

    Meanwhile OpenBLAS runs each product on the thread that asks for it (``_BlasThreads``).
    """
    threads = min(threads, len(items))
    if threads <= 1:
        return [function(item) for item in items]
    with (ThreadPoolExecutor(threads, thread_name_prefix="voice-encoder") as executor,
          _BLAS.one_core_each()):
        return list(executor.map(function, items))


class _BlasThreads:
    """numpy's OpenBLAS thread count, read and set through its C API (like threadpoolctl).

    OpenBLAS splits every matrix product among its threads, which then wait for each other.
    An LSTM step is a small product (~1 ms), so they meet thousands of times a second; on a
    machine busy with other work one of them is often not scheduled while the other spins.
    Measured on 2 shared cores with other jobs running: a step's product (96-1,024 rows by 256
    by 1,024) took 4-35 times as long on two OpenBLAS threads as on one. ``embed_many``
    therefore gives each thread its own batches and OpenBLAS one core per product: the threads
    never wait for each other within a step, and the element-wise gate arithmetic (numpy
    releases the GIL) runs in parallel too. While it runs the count is 1 for the whole process
    (``openblas_set_num_threads_local`` changed the global count too when tried), then it is
    restored. Without a findable OpenBLAS (numpy built against another BLAS) nothing is
    changed and ``threads`` is 1: the products then parallelise as that BLAS decides.
    """

    _SYMBOLS = (("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
                ("scipy_openblas_get_num_threads", "scipy_openblas_set_num_threads"),
                ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
                ("openblas_get_num_threads", "openblas_set_num_threads"))

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users = 0
        self._saved = 1
        self._get: Callable[[], int] | None = None
        self._set: Callable[[int], None] | None = None
        self._threads: int | None = None

    @property
    def threads(self) -> int:
        """Threads for ``embed_many``: as many as OpenBLAS would use (its own count at start)."""
        with self._lock:
            if self._threads is None:
                self._find()
                self._threads = min(8, max(1, self._get())) if self._get is not None else 1
            return self._threads

    def _find(self) -> None:
        root = Path(np.__file__).resolve().parent
        candidates = sorted([*(root.parent / "numpy.libs").glob("*openblas*"),
                             *(root / ".dylibs").glob("*openblas*")])
        for candidate in candidates:
            try:
                library = ctypes.CDLL(str(candidate))
            except OSError:
                continue
            for get_name, set_name in self._SYMBOLS:
                get, set_ = getattr(library, get_name, None), getattr(library, set_name, None)
                if get is not None and set_ is not None:
                    get.restype, get.argtypes = ctypes.c_int, []
                    set_.restype, set_.argtypes = None, [ctypes.c_int]
                    self._get, self._set = get, set_
                    log.debug("OpenBLAS thread control: %s in %s", set_name, candidate)
                    return

    @contextmanager
    def one_core_each(self) -> Iterator[None]:
        """OpenBLAS on one thread while the block runs (nested and concurrent uses count)."""
        if self.threads <= 1 or self._get is None or self._set is None:
            yield
            return
        with self._lock:
            if self._users == 0:
                self._saved = self._get()
                self._set(1)
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    self._set(self._saved)


_BLAS = _BlasThreads()


def _spread(partials: np.ndarray, count: int) -> np.ndarray:
    """``count`` partials evenly spread over the clip (all of them when there are fewer)."""
    if len(partials) <= count:
        return partials
    return partials[np.round(np.linspace(0, len(partials) - 1, count)).astype(int)]


def _f32(array: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(array, dtype=np.float32)


def _l2_normalize(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    # An all-zero row (every ReLU output 0) stays zero rather than becoming NaN.
    return rows / np.where(norms > 0, norms, 1.0)
