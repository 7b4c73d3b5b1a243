"""Write viewer/resources/voice/librispeech-cohort.npz, the voice cohort (viewer/voice/cohort.py).

    .venv/bin/python scripts/make_voice_cohort.py [--speech FOLDER_OF_LIBRISPEECH_FLACS]

Takes every second speaker (sorted by speaker id, starting with the first: fold 0
of ``benchmarks/voice_calibration.py``), cuts each utterance into 2.5 s clips, preprocesses
and embeds them exactly as the app embeds a recording, and stores the embeddings (float16) with
the speaker ids. Deterministic: the same inputs give the same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from speech_corpus import clip_segments, cohort_speakers, load_corpus  # noqa: E402

from viewer.voice.analysis import ANALYSIS_PARTIALS, LOOP_SECONDS  # noqa: E402
from viewer.voice.cohort import COHORT_PATH  # noqa: E402
from viewer.voice.encoder import SpeakerEncoder  # noqa: E402
from viewer.voice.preprocess import preprocess_wav  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speech", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=COHORT_PATH)
    args = parser.parse_args()
    corpus = load_corpus(args.speech)
    speakers = cohort_speakers(corpus)
    wavs, owners = [], []
    for speaker in speakers:
        audio = corpus[speaker]
        for clip in clip_segments(audio, 0):
            wavs.append(preprocess_wav(clip, 16_000, min_seconds=LOOP_SECONDS))
            owners.append(speaker)
    embeddings = SpeakerEncoder.from_resources().embed_many(wavs,
                                                            max_partials=ANALYSIS_PARTIALS)
    np.savez_compressed(args.out, embeddings=embeddings.astype(np.float16),
                        speakers=np.array(owners),
                        source=np.array("LibriSpeech train-clean-100 (CC BY 4.0), "
                                        "one utterance per speaker, 2.5 s clips"))
    print(f"{args.out}: {len(wavs)} clips of {len(speakers)} speakers")


if __name__ == "__main__":
    main()
