"""Voice evidence for the ownership check: embed, compare with the owner, cluster.

Embeddings are cached in the review store by each member's SHA-256, so a second open of the
same export (or the same file in another export) embeds nothing again. The owner's voices
come from voice samples the user supplied (files on disk) and from recordings they confirmed
as theirs. Without either, voice can say who sounds alike (clusters) but not who is a
stranger, and it stays silent on verdicts.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from viewer.analysis.cache import get_cached_quietly, put_cached_quietly
from viewer.analysis.findings import Finding
from viewer.analysis.profile import OwnershipProfile
from viewer.analysis.verdicts import WEIGHT_VOICE_DECIDES
from viewer.archive import Export, MemberError, OpenProgress
from viewer.model import ExportContents, Recording
from viewer.steps import run_to_end
from viewer.voice.analysis import (
    CLUSTER_DISTANCE,
    LOOP_SECONDS,
    OwnerVoices,
    VoiceCluster,
    cluster_voices,
    embed_recordings_steps,
    owner_similarity,
    voice_clusters,
    voice_findings,
)
from viewer.voice.cohort import load_cohort

log = logging.getLogger("viewer.voice")

#: Names the cached vectors: the weights and the preprocessing (short clips looped to 3 s).
MODEL_NAME = "resemblyzer-0.1.4-numpy-loop3"
#: Cluster labels are cached per archive; bump when ``cluster_voices`` changes.
CLUSTERS_CACHE = ("voice-clusters", 2)


def _reading(weight: float) -> str:
    """"yes" (wide margin towards the user), "no" (wide margin away), or "maybe" (thin)."""
    if abs(weight) >= WEIGHT_VOICE_DECIDES:
        return "yes" if weight < 0 else "no"
    return "maybe"


class ExportVoiceEvidence:
    """What the voice model says about one export (see ``viewer.analysis.check``)."""

    def __init__(self, export: Export, contents: ExportContents,
                 profile: OwnershipProfile | None, store: Any | None = None) -> None:
        self._export = export
        self._contents = contents
        self._profile = profile
        self._store = store
        self._clusters: list[dict[str, Any]] = []
        self.problems: list[str] = []

    # -- the check's interface ------------------------------------------------------------
    def findings(self, recordings: Sequence[Recording]) -> list[Finding]:
        return run_to_end(self.steps(recordings))

    def clusters(self) -> list[dict[str, Any]]:
        return list(self._clusters)

    def steps(self, recordings: Sequence[Recording],
              ) -> Generator[OpenProgress, None, list[Finding]]:
        """Embed (or recall) every playable recording, yielding progress; then judge."""
        paths = [r.path for r in recordings
                 if not r.audio_problem and r.path in self._export
                 and self._export.member(r.path).readable]
        vectors = yield from self._embeddings(paths)
        usable = [path for path in paths if path in vectors]
        if not usable:
            return []
        matrix = np.stack([vectors[path] for path in usable])
        labels = self._cluster(usable, matrix)
        clusters = voice_clusters(usable, matrix, labels)
        enrolled = set(self._enrolment_paths(usable))
        owner = self._owner_voices(vectors, enrolled)
        self._clusters = [self._describe(cluster, vectors, owner) for cluster in clusters]
        if owner is None:
            return []
        judged = [path for path in usable if path not in enrolled]
        if not judged:
            return []
        return voice_findings(judged, np.stack([vectors[p] for p in judged]), owner,
                              cohort=load_cohort())

    def _describe(self, cluster: VoiceCluster, vectors: dict[str, np.ndarray],
                  owner: OwnerVoices | None) -> dict[str, Any]:
        """A voice as plain data: its recordings and, once the user's voice is known, how
        close its typical recording comes to it (the centroid would flatter a mixed cluster)."""
        described: dict[str, Any] = {
            "id": cluster.label, "recordings": len(cluster.members),
            "representative": cluster.representative_path, "members": list(cluster.members)}
        if owner is not None:
            (finding,) = voice_findings([cluster.representative_path],
                                        vectors[cluster.representative_path][None, :], owner,
                                        cohort=load_cohort())
            similarity = owner_similarity(vectors[cluster.representative_path][None, :], owner)
            described["similarity_to_you"] = round(float(similarity[0]), 3)
            # The verdict rule's own reading of its typical recording, so that what a voice
            # card says agrees with the verdicts (viewer.analysis.verdicts.voice_weight).
            described["sounds_like_you"] = _reading(finding.weight)
        return described

    # -- clustering -----------------------------------------------------------------------
    def _cluster(self, paths: list[str], matrix: np.ndarray) -> np.ndarray:
        """Cluster labels, recalled when this archive's same clips were clustered before.

        Clustering 1,700 clips takes ~0.15 s, most of a cached second check; the key names
        the model, the threshold and every clip's content, so any change clusters afresh.
        """
        key = hashlib.sha256("\n".join(
            [MODEL_NAME, repr(CLUSTER_DISTANCE),
             *(f"{path}\t{self._export.member_sha256(path)}" for path in paths)],
        ).encode()).hexdigest()
        cached = get_cached_quietly(self._store, self._export, *CLUSTERS_CACHE)
        if (isinstance(cached, dict) and cached.get("key") == key
                and isinstance(cached.get("labels"), list)
                and len(cached["labels"]) == len(paths)
                and all(isinstance(label, int) for label in cached["labels"])):
            return np.asarray(cached["labels"], dtype=np.int64)
        labels = cluster_voices(matrix)
        put_cached_quietly(self._store, self._export, *CLUSTERS_CACHE,
                           {"key": key, "labels": labels.tolist()})
        return labels

    # -- embeddings -----------------------------------------------------------------------
    def _embeddings(self, paths: Sequence[str],
                    ) -> Generator[OpenProgress, None, dict[str, np.ndarray]]:
        sha_of: dict[str, str] = {}
        for path in paths:
            try:
                sha_of[path] = self._export.member_sha256(path)
            except MemberError as error:
                self.problems.append(f"{path}: {error.reason}")
        cached: dict[str, np.ndarray] = {}
        if self._store is not None and sha_of:
            cached = self._store.get_embeddings(MODEL_NAME, sorted(set(sha_of.values())))
        vectors = {path: cached[sha] for path, sha in sha_of.items() if sha in cached}
        if self._store is not None and cached:
            self._store.own_embeddings(self._export.sha256, cached)
        missing = [path for path in sha_of if path not in vectors]
        total = len(sha_of)
        yield OpenProgress("comparing voices", len(vectors), total)
        if missing:
            steps = embed_recordings_steps(self._export, missing)
            try:
                while True:
                    step = next(steps)
                    yield OpenProgress("comparing voices", len(vectors) + step.done, total)
            except StopIteration as finished:
                embedded = finished.value
            fresh = dict(zip(embedded.paths, embedded.embeddings, strict=True))
            self.problems.extend(f"{path}: {reason}" for path, reason in embedded.failed)
            vectors.update(fresh)
            if self._store is not None and fresh:
                self._store.put_embeddings(MODEL_NAME, {sha_of[p]: v for p, v in fresh.items()},
                                           export=self._export.sha256)
        return vectors

    # -- the owner ------------------------------------------------------------------------
    def _enrolment_paths(self, paths: Sequence[str]) -> list[str]:
        """Recordings that teach the model the household's voices: those the user marked as
        theirs, and those of a voice the user answered "me" or "my household" for."""
        if self._profile is None:
            return []
        ours = frozenset().union(*(answer.sha256 for answer in self._profile.voices
                                   if answer.is_ours))
        chosen = []
        for path in paths:
            if path in self._profile.confirmed_mine:
                chosen.append(path)
            elif ours:
                try:
                    if self._export.member_sha256(path) in ours:
                        chosen.append(path)
                except MemberError:
                    continue
        return chosen

    def _owner_voices(self, vectors: dict[str, np.ndarray],
                      enrolled: set[str]) -> OwnerVoices | None:
        samples = [vectors[path] for path in sorted(enrolled) if path in vectors]
        samples += self._sample_file_embeddings()
        if not samples:
            return None
        matrix = np.stack(samples)
        # A household has several voices: group the owner's samples before comparing.
        labels = cluster_voices(matrix) if len(samples) > 1 else np.zeros(1, dtype=int)
        names = tuple(f"your voice {int(label) + 1}" for label in labels)
        return OwnerVoices(matrix, names)

    def _sample_file_embeddings(self) -> list[np.ndarray]:
        if self._profile is None or not self._profile.voice_samples:
            return []
        from viewer.audio.decode import AudioDecodeError, decode_file
        from viewer.voice.encoder import SpeakerEncoder
        from viewer.voice.preprocess import preprocess_wav

        wavs = []
        for path in self._profile.voice_samples:
            # Any format the app decodes: an iPhone voice memo is an .m4a.
            try:
                audio = decode_file(Path(path))
            except AudioDecodeError as error:
                self.problems.append(f"voice sample {path}: {error}")
                continue
            wavs.append(preprocess_wav(audio.samples, audio.sample_rate,
                                       min_seconds=LOOP_SECONDS))
        if not wavs:
            return []
        return list(SpeakerEncoder.from_resources().embed_many(wavs))
