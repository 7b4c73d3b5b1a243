"""The numpy speaker encoder computes what resemblyzer 0.1.4 computes.

tests/fixtures/voice_reference.npz holds raw 16 kHz int16 clips (espeak-ng voices, silence around
the speech, as a device stores a command) with what resemblyzer itself produced for them: the
embeddings and mel frames of exactly those samples, and the embeddings of its whole pipeline
(its own preprocessing first). scripts/make_voice_reference.py made it in a throwaway torch
venv. No torch here: the app must never need it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from viewer.voice.encoder import (
    EMBEDDING_SIZE,
    SAMPLING_RATE,
    SpeakerEncoder,
    VoiceModelError,
    compute_partial_slices,
)
from viewer.voice.preprocess import preprocess_wav

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "voice_reference.npz"


@pytest.fixture(scope="module")
def reference() -> dict[str, np.ndarray]:
    with np.load(FIXTURE, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


@pytest.fixture(scope="module")
def encoder() -> SpeakerEncoder:
    return SpeakerEncoder.from_resources()


def _clips(reference: dict[str, np.ndarray]) -> list[np.ndarray]:
    count = len(reference["voices"])
    return [reference[f"raw_{i}"].astype(np.float32) / 32768 for i in range(count)]


def test_fixture_is_small_and_varied(reference: dict[str, np.ndarray]) -> None:
    assert FIXTURE.stat().st_size < 1_000_000
    assert len(set(reference["voices"].tolist())) >= 8
    lengths = [len(clip) / SAMPLING_RATE for clip in _clips(reference)]
    assert min(lengths) < 1.6 < max(lengths)  # one padded partial and several partials


def test_mel_frames_match_librosa(encoder: SpeakerEncoder,
                                  reference: dict[str, np.ndarray]) -> None:
    clips = _clips(reference)
    checked = 0
    for name in reference:
        if not name.startswith("mel_"):
            continue
        index = int(name.removeprefix("mel_"))
        ours, theirs = encoder.mel_spectrogram(clips[index]), reference[name]
        assert ours.shape == theirs.shape
        np.testing.assert_allclose(ours, theirs, rtol=1e-4, atol=1e-5 * float(theirs.max()))
        checked += 1
    assert checked >= 2


def test_embeddings_match_resemblyzer(encoder: SpeakerEncoder,
                                      reference: dict[str, np.ndarray]) -> None:
    ours = np.stack([encoder.embed_utterance(clip) for clip in _clips(reference)])
    cosines = np.sum(ours * reference["embeddings"], axis=1)
    assert ours.shape == (len(cosines), EMBEDDING_SIZE)
    assert np.all(cosines >= 0.999), dict(zip(reference["voices"].tolist(), cosines, strict=True))


def test_embed_many_equals_embed_utterance(encoder: SpeakerEncoder,
                                           reference: dict[str, np.ndarray]) -> None:
    clips = _clips(reference)
    one_by_one = np.stack([encoder.embed_utterance(clip) for clip in clips])
    # A small batch size forces partials of one clip into different batches.
    batched = encoder.embed_many(clips, batch_size=3)
    np.testing.assert_allclose(batched, one_by_one, atol=1e-5)
    assert encoder.embed_many([]).shape == (0, EMBEDDING_SIZE)


def test_embeddings_are_unit_and_nonnegative(encoder: SpeakerEncoder,
                                             reference: dict[str, np.ndarray]) -> None:
    embeddings = encoder.embed_many(_clips(reference))
    np.testing.assert_allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-5)
    assert embeddings.min() >= 0.0  # ReLU before the norm, as in resemblyzer


def test_full_pipeline_close_to_resemblyzer(encoder: SpeakerEncoder,
                                            reference: dict[str, np.ndarray]) -> None:
    """The app's whole pipeline on each raw clip against resemblyzer's on the same clip.

    Ours: ``preprocess_wav`` (volume, energy-based silence trimming) then ``embed_utterance``;
    theirs (stored): ``resemblyzer.preprocess_wav`` (volume, webrtcvad) then its
    ``embed_utterance``. Measured when the fixture was made: cosine 0.9967 at worst (en+f2;
    the VADs keep 0.15 s more or less of a clip), 1.0000 for five of eight clips. Without
    any trimming the same clips score down to 0.9585, so a broken trim fails here.
    """
    ours = np.stack([encoder.embed_utterance(preprocess_wav(clip, SAMPLING_RATE))
                     for clip in _clips(reference)])
    cosines = np.sum(ours * reference["full_pipeline_embeddings"], axis=1)
    assert np.all(cosines >= 0.99), dict(zip(reference["voices"].tolist(), cosines, strict=True))


@pytest.mark.parametrize(("n_samples", "expected_starts"), [
    (100, [0]),  # shorter than a partial: always one, zero-padded
    (25_600, [0]),  # exactly one partial (the next covers < 75 %)
    (40_000, [0, 12_320]),
    (80_000, [0, 12_320, 24_640, 36_960, 49_280]),
])
def test_partial_slices_as_resemblyzer(n_samples: int, expected_starts: list[int]) -> None:
    # Expected values computed with resemblyzer's VoiceEncoder.compute_partial_slices.
    wav_slices, mel_slices = compute_partial_slices(n_samples)
    assert [s.start for s in wav_slices] == expected_starts
    assert all(s.stop - s.start == 25_600 for s in wav_slices)
    assert all(s.stop - s.start == 160 for s in mel_slices)


def test_a_broken_model_file_says_how_to_fix_it(tmp_path: Path) -> None:
    broken = tmp_path / "model.npz"
    broken.write_bytes(b"not a zip")
    with pytest.raises(VoiceModelError, match="convert_resemblyzer_weights"):
        SpeakerEncoder.load(broken)
    np.savez(tmp_path / "partial.npz", linear_weight=np.zeros((256, 256), np.float32))
    with pytest.raises(VoiceModelError, match="lacks"):
        SpeakerEncoder.load(tmp_path / "partial.npz")
    content = bytearray((tmp_path / "partial.npz").read_bytes())
    content[len(content) // 2] ^= 0x01  # a damaged member: its CRC no longer matches
    (tmp_path / "damaged.npz").write_bytes(bytes(content))
    with pytest.raises(VoiceModelError, match="cannot be read"):
        SpeakerEncoder.load(tmp_path / "damaged.npz")


def test_a_model_with_another_sha256_is_refused_with_how_to_fix_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from viewer.voice import encoder as module

    with np.load(module.WEIGHTS_PATH) as data:
        arrays = {name: data[name] for name in data.files}
    arrays["linear_bias"][0] += 0.001  # another model, and a loadable one
    tampered = tmp_path / "resemblyzer-0.1.4.npz"
    np.savez(tampered, **arrays)
    SpeakerEncoder.load(tampered)  # without a hash, it loads
    with pytest.raises(VoiceModelError, match=r"damaged .* SHA-256 .* expected f0b2db66") as error:
        SpeakerEncoder.load(tampered, sha256=module.WEIGHTS_SHA256)
    assert "reinstall" in str(error.value)
    # The bundled model is always loaded with its hash checked.
    monkeypatch.setattr(module, "WEIGHTS_PATH", tampered)
    monkeypatch.setattr(SpeakerEncoder, "_shared", None)
    with pytest.raises(VoiceModelError, match="SHA-256"):
        SpeakerEncoder.from_resources()


def test_the_shipped_model_has_the_sha256_its_readme_states() -> None:
    import hashlib
    import re

    from viewer.voice.encoder import WEIGHTS_PATH, WEIGHTS_SHA256

    readme = (WEIGHTS_PATH.parent / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"\| sha256 \| `([0-9a-f]{64})` \|", readme)
    assert stated is not None and stated[1] == WEIGHTS_SHA256
    assert hashlib.sha256(WEIGHTS_PATH.read_bytes()).hexdigest() == WEIGHTS_SHA256


def test_the_encoder_module_needs_no_torch() -> None:
    import subprocess

    script = ("import sys\n"
              "class Block:\n"
              "    def find_spec(self, name, path=None, target=None):\n"
              "        if name.split('.')[0] in ('torch', 'scipy', 'librosa', 'webrtcvad'):\n"
              "            raise ImportError(name + ' is blocked in this test')\n"
              "sys.meta_path.insert(0, Block())\n"
              "import numpy as np\n"
              "from viewer.voice.encoder import SpeakerEncoder\n"
              "from viewer.voice import analysis\n"
              "e = SpeakerEncoder.from_resources().embed_utterance(np.zeros(16000, 'f4'))\n"
              "print(e.shape)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[3], timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(256,)"


def test_thinned_partials_stay_close_to_the_full_scheme() -> None:
    """Analysis embeds at most 3 evenly spread partials per clip (ANALYSIS_PARTIALS)."""
    from tests.helpers.audio import espeak_wav
    from viewer.voice.analysis import ANALYSIS_PARTIALS

    rng = np.random.default_rng(7)
    speech = np.frombuffer(espeak_wav("the quick brown fox jumps over the lazy dog " * 3,
                                      "en+m3")[44:], dtype="<i2").astype(np.float32) / 32768
    clip = np.concatenate([speech, 0.01 * rng.normal(size=8000).astype(np.float32)])
    encoder = SpeakerEncoder.from_resources()
    full = encoder.embed_many([clip])
    thinned = encoder.embed_many([clip], max_partials=ANALYSIS_PARTIALS)
    assert len(encoder.partial_mels(clip)) > ANALYSIS_PARTIALS  # the cap really applies
    assert float(np.sum(full * thinned)) >= 0.98


def test_threads_share_the_work_without_changing_the_result(
        encoder: SpeakerEncoder, reference: dict[str, np.ndarray]) -> None:
    """embed_many's threads (each with OpenBLAS on one core) give the one-thread result."""
    from viewer.voice import encoder as module

    clips = _clips(reference)
    blas_before = module._BLAS._get() if module._BLAS._get is not None else None
    alone = encoder.embed_many(clips, batch_size=4, threads=1)
    shared = encoder.embed_many(clips, batch_size=4, threads=3)
    np.testing.assert_allclose(shared, alone, atol=1e-6)
    assert module._BLAS.threads >= 1
    if blas_before is not None:  # the process's OpenBLAS thread count is restored
        assert module._BLAS._get() == blas_before


def test_embed_mels_is_the_textbook_lstm(encoder: SpeakerEncoder) -> None:
    """The fused step ([x, 2h, 1] times one matrix, halved weights) is PyTorch's LSTM."""
    from viewer.voice.encoder import WEIGHTS_PATH

    with np.load(WEIGHTS_PATH) as data:
        arrays = {name: data[name] for name in data.files if name.startswith(("lstm", "lin"))}
    mels = np.random.default_rng(5).gamma(0.5, 0.02, size=(3, 20, 40)).astype(np.float32)

    def sigmoid(z: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-z))

    x = mels.astype(np.float64)
    for layer in range(3):
        w_ih = arrays[f"lstm_weight_ih_l{layer}"].astype(np.float64)
        w_hh = arrays[f"lstm_weight_hh_l{layer}"].astype(np.float64)
        bias = arrays[f"lstm_bias_l{layer}"].astype(np.float64)
        h = np.zeros((len(x), 256))
        c = np.zeros((len(x), 256))
        outputs = []
        for t in range(x.shape[1]):
            i, f, g, o = np.split(x[:, t] @ w_ih.T + h @ w_hh.T + bias, 4, axis=1)
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
            outputs.append(h)
        x = np.stack(outputs, axis=1)
    raw = np.maximum(h @ arrays["linear_weight"].T + arrays["linear_bias"], 0.0)
    expected = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    np.testing.assert_allclose(encoder.embed_mels(mels), expected, atol=2e-5)
