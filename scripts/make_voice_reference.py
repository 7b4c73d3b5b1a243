"""Regenerate tests/fixtures/voice_reference.npz: resemblyzer's own output for a few clips.

The numpy encoder (viewer/voice/encoder.py) claims to compute what resemblyzer 0.1.4 computes.
This script makes the evidence from short espeak-ng clips of different voices, stored as a
voice assistant stores a recording: 16 kHz mono int16 (espeak-ng's 22.05 kHz output resampled
by sox, as ``tests/helpers/audio.espeak_wav`` does), silence around the speech included:

- ``raw_{i}``: the clips;
- ``embeddings``: resemblyzer's ``VoiceEncoder("cpu").embed_utterance(raw / 32768)``, the
  encoder alone on exactly those samples, and ``mel_{i}`` its mel frames for two clips;
- ``full_pipeline_embeddings``: resemblyzer's whole pipeline on the raw clip,
  ``embed_utterance(resemblyzer.preprocess_wav(raw / 32768, source_sr=16000))`` (volume
  normalisation and webrtcvad's silence trimming). ``tests/unit/voice/test_encoder.py`` runs
  the app's whole pipeline (its own ``preprocess_wav``: energy VAD) on the same raw clip and
  compares, so a change to the app's preprocessing can fail that test.

It prints, per clip, how close the app's pipeline comes (the test's threshold rests on these
figures) and, for scale, how close it comes with no silence trimming at all.

Runs in a throwaway reference venv outside the repository, with espeak-ng and sox installed,
from the repository root (webrtcvad 2.0.10 imports ``pkg_resources``, gone from setuptools 81)::

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install torch==2.13.0 resemblyzer==0.1.4 soundfile 'setuptools<81'
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

from viewer.voice.preprocess import SAMPLING_RATE, preprocess_wav  # noqa: E402

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


def espeak_16k(text: str, voice: str) -> np.ndarray:
    """espeak-ng's speech as a 16 kHz mono int16 recording (resampled by sox, undithered)."""
    import soundfile

    with tempfile.TemporaryDirectory() as folder:
        raw, out = Path(folder) / "raw.wav", Path(folder) / "out.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True)
        subprocess.run(["sox", str(raw), "-r", str(SAMPLING_RATE), "-c", "1", "-b", "16", "-D",
                        str(out)], check=True)
        samples, rate = soundfile.read(io.BytesIO(out.read_bytes()), dtype="int16")
    assert rate == SAMPLING_RATE
    return samples


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
    embeddings, full = [], []
    for index, (voice, text) in enumerate(CLIPS):
        raw = espeak_16k(text, voice)
        wav = raw.astype(np.float32) / 32768
        arrays[f"raw_{index}"] = raw
        embeddings.append(reference.embed_utterance(wav))
        if index in MEL_CLIPS:
            arrays[f"mel_{index}"] = audio.wav_to_mel_spectrogram(wav).astype(np.float32)
        theirs_wav = audio.preprocess_wav(wav, source_sr=SAMPLING_RATE)
        full.append(reference.embed_utterance(theirs_wav))
        mine_wav = preprocess_wav(wav, SAMPLING_RATE)
        mine = ours.embed_utterance(mine_wav)
        untrimmed = ours.embed_utterance(audio.normalize_volume(wav, -30, increase_only=True))
        print(f"{voice:12s} raw {len(raw) / SAMPLING_RATE:4.2f} s, trimmed to "
              f"{len(theirs_wav) / SAMPLING_RATE:4.2f} s (webrtcvad) / "
              f"{len(mine_wav) / SAMPLING_RATE:4.2f} s (ours); full-pipeline cosine "
              f"{float(full[-1] @ mine):.4f} (untrimmed: {float(full[-1] @ untrimmed):.4f})")
    arrays["voices"] = np.array([voice for voice, _ in CLIPS])
    arrays["texts"] = np.array([text for _, text in CLIPS])
    arrays["embeddings"] = np.stack(embeddings).astype(np.float32)
    arrays["full_pipeline_embeddings"] = np.stack(full).astype(np.float32)
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
