"""Regenerate tests/fixtures/voice_reference.npz: resemblyzer's own output for a few clips.

The numpy encoder (viewer/voice/encoder.py) claims to compute what resemblyzer 0.1.4 computes.
This script makes the evidence: short espeak-ng clips of different voices, preprocessed by the
app's ``preprocess_wav`` and stored as 16 kHz int16, with the embeddings resemblyzer itself
gives for exactly those samples (``VoiceEncoder("cpu").embed_utterance(clip / 32768)``) and
resemblyzer's mel frames for two of them. ``tests/unit/voice/test_encoder.py`` compares.

It also reports how far the app's preprocessing (energy VAD, numpy resampler) moves an
embedding from resemblyzer's own ``preprocess_wav`` (webrtcvad, librosa/soxr resampling) on
the raw 22.05 kHz espeak output, and stores those cosines as ``full_pipeline_cosine``.

Runs in the throwaway reference venv (see scripts/convert_resemblyzer_weights.py), with
espeak-ng and sox installed, from the repository root::

    /tmp/refvenv/bin/python scripts/make_voice_reference.py
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.voice.encoder import SAMPLING_RATE, preprocess_wav  # noqa: E402

DEFAULT_OUT = ROOT / "tests" / "fixtures" / "voice_reference.npz"

#: (voice, text): male, female, US, Klatt formant synthesis, German, French, whisper; one clip
#: under 1.6 s so the single zero-padded partial is covered, the rest 2-4 s (several partials).
CLIPS = [
    ("en+m3", "Turn the kitchen lights off."),
    ("en+f2", "What is the weather going to be like in Boston tomorrow morning?"),
    ("en-us", "Play some jazz in the living room and set the volume to five."),
    ("en-us+klatt", "Add milk, eggs and bread to my shopping list please."),
    ("de+m3", "Wie wird das Wetter morgen in Berlin?"),
    ("de+f2", "Stell einen Timer auf zwölf Minuten und erinnere mich dann."),
    ("fr+m1", "Quelle heure est-il à Paris maintenant?"),
    ("en+whisper", "Alexa, stop."),
]
MEL_CLIPS = (0, 3)


def espeak_raw(text: str, voice: str) -> tuple[np.ndarray, int]:
    """espeak-ng's own output (22.05 kHz), unresampled."""
    import soundfile

    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True)
        samples, rate = soundfile.read(io.BytesIO(raw.read_bytes()), dtype="float32")
    return samples, int(rate)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        import librosa
        import resemblyzer
        from resemblyzer import VoiceEncoder, audio
    except ImportError as error:
        sys.exit(f"run this in the reference venv (see the docstring): {error}")

    reference = VoiceEncoder("cpu", verbose=False)
    ours = _our_encoder()
    arrays: dict[str, np.ndarray] = {}
    embeddings, full_cosines = [], []
    for index, (voice, text) in enumerate(CLIPS):
        raw, rate = espeak_raw(text, voice)
        clip = np.clip(np.round(preprocess_wav(raw, rate) * 32768), -32768, 32767)
        clip = clip.astype(np.int16)
        wav = clip.astype(np.float32) / 32768
        embeddings.append(reference.embed_utterance(wav))
        arrays[f"clip_{index}"] = clip
        if index in MEL_CLIPS:
            arrays[f"mel_{index}"] = audio.wav_to_mel_spectrogram(wav).astype(np.float32)
        # The whole pipeline, each side with its own preprocessing, from the raw output.
        theirs = reference.embed_utterance(audio.preprocess_wav(raw, source_sr=rate))
        mine = ours.embed_utterance(preprocess_wav(raw, rate))
        full_cosines.append(float(theirs @ mine))
        print(f"{voice:12s} {len(clip) / SAMPLING_RATE:4.1f} s  "
              f"full-pipeline cosine {full_cosines[-1]:.4f}")
    arrays["voices"] = np.array([voice for voice, _ in CLIPS])
    arrays["texts"] = np.array([text for _, text in CLIPS])
    arrays["embeddings"] = np.stack(embeddings).astype(np.float32)
    arrays["full_pipeline_cosine"] = np.array(full_cosines, dtype=np.float32)
    arrays["meta"] = np.array(f"resemblyzer 0.1.4, librosa {librosa.__version__}, "
                              f"{Path(resemblyzer.__file__).parent.name}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as handle:
        np.savez_compressed(handle, **arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


def _our_encoder():
    from viewer.voice.encoder import SpeakerEncoder

    return SpeakerEncoder.from_resources()


if __name__ == "__main__":
    raise SystemExit(main())
