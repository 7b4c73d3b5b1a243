"""Who spoke: grouping voices, the household's own voices, and voice findings (Qt-free).

Ownership signal 8 (shared/FORMATS.md): a recording whose speaker matches none of the user's
confirmed voices. Households share devices, so the user confirms *several* voices (their own,
a partner's, a child's). How much a voice finding weighs depends on the margin: measured
against the user's own samples and against a cohort of other speakers, a wide margin decides
alone and a thin one only supports (the rule and its calibration on real speech:
``viewer.analysis.verdicts``).

Everything works on unit-length speaker embeddings from ``viewer.voice.encoder``, where the dot
product is the cosine similarity: about 0.75-0.95 for two clips of one speaker, lower for two
speakers (how much lower depends on how alike they sound and how short the clips are, which is
why the threshold is calibrated from the user's own samples rather than fixed). Grouping
voices without deciding whose they are is ``viewer.voice.clustering``, re-exported here.

Known limits (measured, see tests/unit/voice/test_analysis.py): distinct espeak-ng voices
separate completely; two espeak-ng voices built on the same synthetic speaker do not. On real
speech only a 30 s, two-person meeting excerpt could be tried here (the sample shipped in the
pyannote.audio wheel): with 3 enrolment segments each, the other person's 1.5 s segments scored
0.70-0.77 against the owner's 0.75-0.84, so per-clip voice evidence between two people recorded
on the same microphone is weak; a third speaker recorded elsewhere scored 0.42-0.49.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from viewer.analysis.findings import Evidence, Finding
from viewer.analysis.verdicts import voice_weight
from viewer.steps import run_to_end
from viewer.voice.clustering import (
    CLUSTER_DISTANCE,
    VoiceCluster,
    check_lengths,
    cluster_voices,
    unit_rows,
    voice_clusters,
)
from viewer.voice.cohort import Cohort

if TYPE_CHECKING:
    from viewer.archive import Export
    from viewer.voice.encoder import SpeakerEncoder

#: ``calibrate_threshold``: below the lowest agreement among the owner's own samples ...
THRESHOLD_MARGIN = 0.1
#: ... but never below this (two different speakers often reach 0.6 on short commands) ...
THRESHOLD_MIN = 0.6
#: ... nor above this: the same voice's 1-3 s commands score down to about 0.8 against a
#: centroid of longer enrolment samples (measured on espeak-ng voices), however well those
#: samples agree with each other.
THRESHOLD_MAX = 0.8
#: When the owner's samples cannot be compared (one sample per voice).
THRESHOLD_DEFAULT = 0.75
#: Clips shorter than this are looped before embedding (``preprocess.loop_to_length``).
LOOP_SECONDS = 3.0
#: Partials embedded per clip for analysis, spread evenly (resemblyzer takes 1.3 per second of
#: audio). Measured on 100 clips of 1-8 s: cosine to the full scheme 0.988 at worst, 0.9975
#: on average, in 54 % of the time; the 1,700-clip export then embeds within a minute.
ANALYSIS_PARTIALS = 3

#: Finding weights come from ``viewer.analysis.verdicts.voice_weight``: how wide the margin
#: is, against the user's own samples and a cohort of other speakers (``viewer.voice.cohort``).


# ---------------------------------------------------------------------------------------------
# The owner's voices


@dataclass(frozen=True, slots=True, eq=False)
class OwnerVoices:
    """The household's confirmed voices: enrolment embeddings, grouped by voice.

    Built from samples the user supplies or recordings they confirmed as theirs. Each voice is
    compared through its centroid (the normalised mean of its samples), which is steadier than
    any single short command; ``agreement`` is how well the owner's own samples match their
    voice, the yardstick for the threshold and for the sentence a finding shows.
    """

    #: ``(n, 256)`` unit rows, one per enrolment sample.
    embeddings: np.ndarray
    #: The voice each sample belongs to ("Max", "Erika", or "voice 1" ...), one per row.
    voice_of_sample: tuple[str, ...]
    #: Voice names in first-seen order, and their centroids ``(voices, 256)``.
    voices: tuple[str, ...] = field(init=False)
    centroids: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        vectors = unit_rows(self.embeddings)
        if len(vectors) == 0:
            raise ValueError("OwnerVoices needs at least one enrolment sample")
        if len(self.voice_of_sample) != len(vectors):
            raise ValueError(f"{len(vectors)} samples but {len(self.voice_of_sample)} voice names")
        voices = tuple(dict.fromkeys(self.voice_of_sample))
        names = np.array(self.voice_of_sample, dtype=object)
        centroids = np.stack([unit_rows(vectors[names == v].mean(axis=0, keepdims=True))[0]
                              for v in voices])
        object.__setattr__(self, "embeddings", vectors)
        object.__setattr__(self, "voices", voices)
        object.__setattr__(self, "centroids", centroids)

    @classmethod
    def from_samples(cls, samples: dict[str, np.ndarray]) -> OwnerVoices:
        """From ``{voice name: (k, 256) embeddings}``, e.g. ``{"Max": ..., "Erika": ...}``."""
        rows, names = [], []
        for name, embeddings in samples.items():
            block = np.atleast_2d(np.asarray(embeddings, dtype=np.float32))
            rows.append(block)
            names.extend([name] * len(block))
        return cls(np.concatenate(rows) if rows else np.zeros((0, 256)), tuple(names))

    @property
    def agreement(self) -> float | None:
        """The lowest similarity of an owner sample to its own voice, left out of the centroid.

        Leave-one-out, because a sample always resembles a centroid it helped make; the number
        estimates how low a new recording of the same person can score. None when no voice has
        two samples to compare.
        """
        values = _leave_one_out_similarities(self.embeddings, self.voice_of_sample)
        return float(values.min()) if values.size else None


def _leave_one_out_similarities(vectors: np.ndarray, names: Sequence[str]) -> np.ndarray:
    values = []
    labels = np.array(names, dtype=object)
    for voice in dict.fromkeys(names):
        group = vectors[labels == voice]
        if len(group) < 2:
            continue
        total = group.sum(axis=0)
        for row in group:
            rest = unit_rows((total - row)[None, :])[0]
            values.append(float(row @ rest))
    return np.array(values, dtype=np.float64)


def calibrate_threshold(owner_embeddings: OwnerVoices | np.ndarray,
                        voice_of_sample: Sequence[str] | None = None) -> float:
    """The similarity below which a recording counts as "none of your voices".

    Rule: the owner's lowest leave-one-out agreement (``OwnerVoices.agreement``) minus
    ``THRESHOLD_MARGIN`` (0.1), clamped to ``THRESHOLD_MIN``..``THRESHOLD_MAX`` (0.6..0.8).
    A new recording of the owner scores roughly like their own samples do, so a threshold
    under the worst of them keeps the owner's recordings in; the margin absorbs what three
    samples cannot show (short commands vary more than enrolment sentences). The upper bound
    keeps a very consistent enrolment set from rejecting the owner's own short commands; the
    lower bound keeps a sloppy one (a second person's clip among the samples) from accepting
    everybody.
    With one sample per voice there is no spread to measure: ``THRESHOLD_DEFAULT`` (0.75).

    ``owner_embeddings``: an ``OwnerVoices``, or ``(n, 256)`` embeddings with their voice
    names (all one voice when ``voice_of_sample`` is None).
    """
    if isinstance(owner_embeddings, OwnerVoices):
        owner = owner_embeddings
    else:
        rows = np.atleast_2d(np.asarray(owner_embeddings, dtype=np.float32))
        names = tuple(voice_of_sample) if voice_of_sample is not None else ("owner",) * len(rows)
        owner = OwnerVoices(rows, names)
    agreement = owner.agreement
    if agreement is None:
        return THRESHOLD_DEFAULT
    return float(min(THRESHOLD_MAX, max(THRESHOLD_MIN, agreement - THRESHOLD_MARGIN)))


def match_owner(embeddings: np.ndarray, owner: OwnerVoices) -> tuple[np.ndarray, list[str]]:
    """For each recording, its best similarity to any owner voice and that voice's name."""
    similarity, best = _best_voice(embeddings, owner)
    return similarity, [owner.voices[i] for i in best]


def _best_voice(embeddings: np.ndarray, owner: OwnerVoices) -> tuple[np.ndarray, np.ndarray]:
    vectors = unit_rows(embeddings)
    if len(vectors) == 0:
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
    similarity = vectors @ owner.centroids.T  # (n, voices)
    best = np.argmax(similarity, axis=1)
    return similarity[np.arange(len(vectors)), best].astype(np.float32), best


def score_against_owner(embeddings: np.ndarray, owner: OwnerVoices) -> np.ndarray:
    """``(n,)`` best cosine similarity of each recording to any of the owner's voices."""
    return match_owner(embeddings, owner)[0]


def voice_findings(paths: Sequence[str], embeddings: np.ndarray, owner: OwnerVoices,
                   threshold: float | None = None, cohort: Cohort | None = None,
                   ) -> list[Finding]:
    """One finding per recording: "voice-unknown" or "voice-matches-owner", weighted by the
    margin (``viewer.analysis.verdicts.voice_weight``).

    ``threshold`` defaults to ``calibrate_threshold(owner)``; ``cohort`` (see
    ``viewer.voice.cohort``) turns each similarity into a margin over other speakers; without
    one only the threshold is used. Recordings that are themselves enrolment samples simply
    match; callers may leave them out.
    """
    vectors = unit_rows(embeddings)
    check_lengths(paths, vectors)
    if threshold is None:
        threshold = calibrate_threshold(owner)
    similarity, best = _best_voice(vectors, owner)
    z_scores = (cohort.z_scores(similarity, best, owner.centroids) if cohort is not None
                else None)
    agreement = owner.agreement
    yardstick = (f"your own samples agree at {agreement:.2f} or more" if agreement is not None
                 else f"the threshold is {threshold:.2f}")
    findings = []
    for index, (path, score) in enumerate(zip(paths, similarity.tolist(), strict=True)):
        name = owner.voices[int(best[index])]
        z = None if z_scores is None else float(z_scores[index])
        code, weight, wide = voice_weight(score, threshold, z)
        against = "" if z is None else f", {z:.1f} SD above other speakers"
        evidence = (Evidence(path, "voice", f"best similarity {score:.2f} ({name}){against}"),)
        margin = "clearly" if wide else "only just"
        if code == "voice-unknown":
            detail = (f"The voice {margin} matches none of your voices (best similarity "
                      f"{score:.2f}, to {name}{against}; {yardstick}).")
        else:
            detail = (f"The voice {margin} sounds like {name} (similarity {score:.2f}"
                      f"{against}; voices below {threshold:.2f} count as unknown).")
        findings.append(Finding(code, detail, weight, path, evidence))
    return findings


def owner_similarity(embeddings: np.ndarray, owner: OwnerVoices) -> np.ndarray:
    """``(n,)`` best similarity to any of the user's voices (for showing a voice's closeness)."""
    return _best_voice(embeddings, owner)[0]


# ---------------------------------------------------------------------------------------------
# From an export


@dataclass(frozen=True, slots=True, eq=False)
class EmbeddedRecordings:
    """Embeddings of the recordings that could be decoded, and why the others could not."""

    paths: tuple[str, ...]
    embeddings: np.ndarray
    failed: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class EmbedProgress:
    """A step of ``embed_recordings_steps``: ``done`` of ``total`` recordings embedded."""

    done: int
    total: int


#: Recordings decoded and embedded together by ``embed_recordings_steps``: 384 partials, one
#: full LSTM batch per core on two cores (``encoder.DEFAULT_BATCH``) and about a second of
#: work, so progress moves and a cancel takes effect within about that. Measured on the
#: benchmark's 1,700 real-speech clips: 32 took 1.35x as long (batches of 48 partials), 256
#: about as long as 128 with 60 MB more memory.
EMBED_CHUNK = 128


def embed_recordings_steps(export: Export, paths: Sequence[str],
                           encoder: SpeakerEncoder | None = None, *, chunk: int = EMBED_CHUNK,
                           ) -> Generator[EmbedProgress, None, EmbeddedRecordings]:
    """Decode, preprocess and embed members of ``export``, yielding progress after each chunk.

    The embeddings are the return value; undecodable recordings are listed, not raised.
    Stopping the generator (``close()``) cancels between chunks. Clips shorter than
    ``LOOP_SECONDS`` are looped first (see ``preprocess.loop_to_length``). ``chunk`` clips go
    through the encoder together: enough partials for efficient batches while the decoded
    audio of only one chunk is held in memory.
    """
    from viewer.audio.decode import AudioDecodeError, decode_member
    from viewer.voice.encoder import SpeakerEncoder
    from viewer.voice.preprocess import preprocess_wav

    encoder = encoder or SpeakerEncoder.from_resources()
    done_paths: list[str] = []
    blocks: list[np.ndarray] = []
    failed: list[tuple[str, str]] = []
    yield EmbedProgress(0, len(paths))
    for start in range(0, len(paths), chunk):
        wavs = []
        for path in paths[start:start + chunk]:
            try:
                audio = decode_member(export, path)
            except AudioDecodeError as error:
                failed.append((path, str(error)))
                continue
            if audio.frames == 0:
                failed.append((path, "The recording is empty."))
                continue
            wavs.append(preprocess_wav(audio.samples, audio.sample_rate,
                                       min_seconds=LOOP_SECONDS))
            done_paths.append(path)
        if wavs:
            blocks.append(encoder.embed_many(wavs, max_partials=ANALYSIS_PARTIALS))
        yield EmbedProgress(min(len(paths), start + chunk), len(paths))
    embeddings = np.concatenate(blocks) if blocks else np.zeros((0, 256), dtype=np.float32)
    return EmbeddedRecordings(tuple(done_paths), embeddings, tuple(failed))


def embed_recordings(export: Export, paths: Sequence[str],
                     encoder: SpeakerEncoder | None = None, *,
                     chunk: int = EMBED_CHUNK) -> EmbeddedRecordings:
    """``embed_recordings_steps`` run to the end, for callers that need no progress."""
    return run_to_end(embed_recordings_steps(export, paths, encoder, chunk=chunk))


__all__ = [
    "CLUSTER_DISTANCE",
    "EmbedProgress",
    "EmbeddedRecordings",
    "OwnerVoices",
    "VoiceCluster",
    "calibrate_threshold",
    "cluster_voices",
    "embed_recordings",
    "embed_recordings_steps",
    "match_owner",
    "score_against_owner",
    "voice_clusters",
    "voice_findings",
]
