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
why the threshold is calibrated from the user's own samples rather than fixed).

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
from viewer.voice.cohort import Cohort

if TYPE_CHECKING:
    from viewer.archive import Export
    from viewer.voice.encoder import SpeakerEncoder

#: ``cluster_voices``: two groups merge while their average cosine distance is below this
#: (average similarity above 0.85). On the demo export this separates all four espeak-ng
#: speakers, including the two that are the same synthetic voice with another language's rules
#: (merged at 0.2); a person's real voice varies more, so expect one person to split into a few
#: clusters rather than two people to share one.
CLUSTER_DISTANCE = 0.15

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
# Clustering


def cluster_voices(embeddings: np.ndarray,
                   distance_threshold: float = CLUSTER_DISTANCE) -> np.ndarray:
    """Labels ``(n,)``: agglomerative clustering, average linkage on cosine distance.

    Starts with every clip alone and repeatedly merges the two closest groups (the mean of all
    pairwise distances between their members, each clipped to 0..2) while that distance is
    below ``distance_threshold``. No number of speakers is guessed: the threshold decides.
    Labels are numbered by each cluster's first clip, so the result is deterministic.

    Memory grows linearly with the clips (0.4 GB peak for the whole process at 50,000, where a
    distance matrix alone would take 10 GB), time roughly with their square (40 s at 50,000,
    4 s at 10,000): ``benchmarks/cluster_memory.py`` measures both.
    The result is the textbook algorithm's (``tests/unit/voice/test_analysis.py`` compares
    the two), because of three facts:

    - for unit rows the average similarity of groups A and B is ``mean_A . mean_B`` (the
      mean of all pairwise dot products is the dot product of the means), so a group is its
      mean vector and any distance is one dot product away;
    - average linkage is reducible (a merged group is never closer to a third than the nearer
      of its parts), so two groups that are each other's nearest neighbour end up merged with
      each other whatever else merges first: all such pairs merge at once, round after round,
      and the clusters under a threshold do not depend on that order (up to exact ties);
    - by the same fact a group's distance to its nearest neighbour only grows as others merge,
      so an old value is a lower bound, and a group whose bound reaches the threshold is final.

    ``_AverageLinkage`` holds the details.
    """
    vectors = _unit_rows(embeddings)
    if len(vectors) == 0:
        return np.zeros(0, dtype=np.int64)
    if not np.isfinite(vectors).all():
        raise ValueError("cluster_voices needs finite embeddings")
    from viewer.voice.encoder import _BLAS

    run = _AverageLinkage(vectors, float(distance_threshold))
    del vectors  # the run holds its own copies
    # Most products here are a few rows against all groups. On the shared 2-core machine two
    # OpenBLAS threads made such a product 2-28 times as slow as one thread (they wait for
    # each other, see ``encoder._BlasThreads``) and a whole run at 10,000 clips 1.5 times.
    with _BLAS.one_core_each():
        return run.labels()


class _AverageLinkage:
    """The state of one ``cluster_voices`` run, over "slots": one per group still open.

    Per slot: the group's mean (float64 for the exact distances, float32 for the products
    that look for neighbours), its size and first clip, and what is known of its nearest
    neighbour: *exact* (which group, at which distance) or a *lower bound* on that distance.
    Groups are named by their first clip in everything that must outlive a merge; ``parent``
    leads every clip to the first clip of its group.

    Each round (``labels``):

    1. ``level``: the smallest exact nearest-neighbour distance. Only groups whose lower bound
       is not above it can be part of the closest pair, so only those are brought up to date,
       first from their candidate list (below), failing that by a scan.
    2. Groups with nothing closer than the threshold are final and leave.
    3. Groups that are each other's exact nearest neighbour merge. Groups whose nearest
       neighbour merged keep its distance as their lower bound: nothing got closer.

    A *scan* multiplies a block of means with all open means (at most ``_BLOCK_BYTES`` of
    similarities at a time) and keeps each row's ``_CANDIDATES`` closest groups with the
    distance of the next one as a bound: every group not holding one of the candidates' clips
    is at least that far. Candidates' distances are kept and recomputed only after either
    side changed, so after a merge most groups find their new nearest neighbour among their
    candidates and the merged group (whose candidates are both parts' lists, whose bound is
    their size-weighted mean) without a scan. Scans of groups that still need one wait until
    they matter (step 1) and then run together (``_SCAN_BATCH``): a matrix product costs
    about the same for one row as for hundreds.
    """

    def __init__(self, vectors: np.ndarray, threshold: float) -> None:
        n, k = len(vectors), _CANDIDATES
        self.threshold = threshold
        self.round = 0
        self.open = n
        self.parent = np.arange(n)
        #: slot of each group, by its first clip; -1 once merged away or final
        self.slot_of = np.arange(n)
        self.means = vectors.astype(np.float64)
        self.means32 = _padded(vectors)
        self.sizes = np.ones(n)
        self.first = np.arange(n)
        self.alive = np.ones(n, dtype=bool)
        self.exact = np.zeros(n, dtype=bool)
        self.needs_scan = np.ones(n, dtype=bool)
        #: the round in which the group last changed (merged)
        self.changed = np.full(n, -1)
        #: first clip of the nearest group (when exact), and the distance or its lower bound
        self.nearest = np.full(n, -1)
        self.lower = np.full(n, -np.inf)
        #: candidates (first clips; a merged group holds both parts' lists, hence 2 k), their
        #: distances and the round each was computed in, and the bound for everyone else
        self.candidates = np.full((n, 2 * k), -1)
        self.candidate_distance = np.full((n, 2 * k), np.inf)
        self.candidate_round = np.full((n, 2 * k), -1)
        self.bound = np.full(n, -np.inf)

    def labels(self) -> np.ndarray:
        """Merge round after round until every group is final; labels by first clip."""
        while self.open > 1:
            self.round += 1
            known = self.alive & self.exact
            level = self.lower[known].min() if known.any() else np.inf
            due = np.flatnonzero(self.alive & ~self.exact & (self.lower <= level))
            resolved = self._from_candidates(due[~self.needs_scan[due]])
            waiting = due[self.needs_scan[due] & (self.lower[due] <= level)]
            if waiting.size:
                scanned = self._scan(self._scan_batch(waiting))
                self._retire(scanned)
                resolved = np.concatenate([resolved, scanned])
            self._retire(due)
            a, b = self._reciprocal(resolved[self.alive[resolved]])
            if a.size == 0:
                if due.size:
                    continue  # bounds rose or new exact distances: look again
                if self.open < 2:
                    break
                a, b = self._closest_pair()
            self._merge(a, b)
            if 4 * self.open < 3 * len(self.first) and len(self.first) > 1024:
                self._compact()
        return np.unique(self.parent, return_inverse=True)[1].astype(np.int64)

    # -- nearest neighbours ----------------------------------------------------------------

    def _from_candidates(self, rows: np.ndarray) -> np.ndarray:
        """Settle ``rows``' nearest neighbours from their candidates where the bound allows;
        raise the others' lower bounds and mark them for a scan. Returns the rows settled."""
        if rows.size == 0:
            return rows
        k = _CANDIDATES
        ids = self.candidates[rows]
        slots = np.where(ids >= 0, self.slot_of[self.parent[np.maximum(ids, 0)]], -1)
        slots[slots == rows[:, None]] = -1
        order = np.argsort(slots, axis=1)
        slots = np.take_along_axis(slots, order, axis=1)
        distance = np.take_along_axis(self.candidate_distance[rows], order, axis=1)
        computed = np.take_along_axis(self.candidate_round[rows], order, axis=1)
        # Two candidates now in one group count once.
        slots[:, 1:][slots[:, 1:] == slots[:, :-1]] = -1
        valid = slots >= 0
        changed = np.maximum(self.changed[rows][:, None], self.changed[np.maximum(slots, 0)])
        redo_row, redo_col = np.nonzero(valid & (computed <= changed))
        if redo_row.size:
            distance[redo_row, redo_col] = _distance(self.means[rows[redo_row]],
                                                     self.means[slots[redo_row, redo_col]])
            computed[redo_row, redo_col] = self.round
        distance[~valid] = np.inf
        order = np.argsort(distance, axis=1, kind="stable")  # ties: the lower slot first
        slots = np.take_along_axis(slots, order, axis=1)
        distance = np.take_along_axis(distance, order, axis=1)
        computed = np.take_along_axis(computed, order, axis=1)
        bound = np.minimum(self.bound[rows], distance[:, k])  # the first dropped
        best = distance[:, 0]
        settled = best < bound
        listed = np.isfinite(distance[:, :k])
        self.candidates[rows, :k] = np.where(listed, self.first[np.maximum(slots[:, :k], 0)], -1)
        self.candidates[rows, k:] = -1
        self.candidate_distance[rows, :k] = distance[:, :k]
        self.candidate_round[rows, :k] = computed[:, :k]
        self.bound[rows] = bound
        self.exact[rows] = settled
        self.needs_scan[rows] = ~settled
        self.nearest[rows] = np.where(settled, self.first[np.maximum(slots[:, 0], 0)], -1)
        self.lower[rows] = np.where(settled, best, np.maximum(self.lower[rows], bound))
        return rows[settled]

    def _scan_batch(self, waiting: np.ndarray) -> np.ndarray:
        """``waiting`` and, up to ``_SCAN_BATCH``, the other groups nearest to needing a scan."""
        room = _SCAN_BATCH - waiting.size
        if room <= 0:
            return waiting
        others = np.flatnonzero(self.alive & self.needs_scan & ~self.exact)
        others = others[~np.isin(others, waiting)]
        if others.size > room:
            others = others[np.argpartition(self.lower[others], room)[:room]]
        return np.concatenate([waiting, others])

    def _scan(self, rows: np.ndarray) -> np.ndarray:
        """Exact nearest neighbours and fresh candidates of ``rows`` against every open group."""
        k, width = _CANDIDATES, len(self.means32)
        take = min(k + 1, width - 1)
        closed = np.flatnonzero(~self.alive)
        # Per row: its similarities (float32), then its closest groups' means (float64).
        step = max(1, _BLOCK_BYTES // (4 * width + 8 * take * self.means.shape[1]))
        for start in range(0, len(rows), step):
            block = rows[start:start + step]
            similarity = self.means32[block] @ self.means32.T
            similarity[:, closed] = -np.inf
            similarity[:, len(self.alive):] = -np.inf  # padding
            similarity[np.arange(len(block)), block] = -np.inf
            top = _top_columns(similarity, take)
            missing = np.take_along_axis(similarity, top, axis=1) == -np.inf
            del similarity
            top = np.where(missing, len(self.alive) - 1, top)  # padding: any slot, unused
            order = np.argsort(top, axis=1)  # ties: the lower slot first
            top = np.take_along_axis(top, order, axis=1)
            missing = np.take_along_axis(missing, order, axis=1)
            distance = np.where(missing, np.inf, _distance(self.means[block][:, None, :],
                                                           self.means[top]))
            order = np.argsort(distance, axis=1, kind="stable")
            top = np.take_along_axis(top, order, axis=1)
            distance = np.take_along_axis(distance, order, axis=1)
            found = np.isfinite(distance)
            listed = min(k, take)
            self.nearest[block] = np.where(found[:, 0], self.first[top[:, 0]], -1)
            self.lower[block] = distance[:, 0]
            self.candidates[block] = -1
            self.candidates[block, :listed] = np.where(found[:, :listed],
                                                       self.first[top[:, :listed]], -1)
            self.candidate_distance[block] = np.inf
            self.candidate_distance[block, :listed] = distance[:, :listed]
            self.candidate_round[block] = self.round
            self.bound[block] = distance[:, k] if take > k else np.inf
        self.exact[rows] = True
        self.needs_scan[rows] = False
        return rows

    # -- merging ---------------------------------------------------------------------------

    def _retire(self, rows: np.ndarray) -> None:
        """Groups with nothing nearer than the threshold: final, now and after any merge."""
        final = rows[self.alive[rows] & ~(self.lower[rows] < self.threshold)]
        self.alive[final] = False
        self.slot_of[self.first[final]] = -1
        self.open -= final.size

    def _reciprocal(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pairs (lower slot, higher slot) of each other's exact nearest neighbours."""
        partner = self.slot_of[self.nearest[rows]]
        back = partner >= 0
        back[back] = (self.exact[partner[back]]
                      & (self.nearest[partner[back]] == self.first[rows[back]]))
        listed = np.zeros(len(self.alive), dtype=bool)
        listed[rows] = True
        back &= (rows < partner) | ~listed[partner]  # a pair found from both sides: once
        a, b = rows[back], partner[back]
        return np.minimum(a, b), np.maximum(a, b)

    def _closest_pair(self) -> tuple[np.ndarray, np.ndarray]:
        """The closest exact pair, should rounding ever leave no reciprocal pair."""
        known = np.flatnonzero(self.alive & self.exact)
        i = int(known[np.argmin(self.lower[known])])
        j = int(self.slot_of[self.nearest[i]])
        return np.array([min(i, j)]), np.array([max(i, j)])

    def _merge(self, a: np.ndarray, b: np.ndarray) -> None:
        """Merge each group ``b`` into ``a`` (the lower slot, so the earlier first clip)."""
        k = _CANDIDATES
        size_a, size_b = self.sizes[a], self.sizes[b]
        total = size_a + size_b
        self.means[a] = (size_a[:, None] * self.means[a]
                         + size_b[:, None] * self.means[b]) / total[:, None]
        self.means32[a] = self.means[a]
        self.sizes[a] = total
        self.bound[a] = (size_a * self.bound[a] + size_b * self.bound[b]) / total
        self.candidates[a, k:] = self.candidates[b, :k]
        self.lower[a] = np.minimum(self.lower[a], self.lower[b])
        self.exact[a] = self.needs_scan[a] = False
        self.changed[a] = self.round
        merged = np.zeros(len(self.parent) + 1, dtype=bool)  # the extra one for nearest -1
        merged[self.first[a]] = merged[self.first[b]] = True
        self.parent[self.first[b]] = self.first[a]
        self.parent = self.parent[self.parent]
        self.alive[b] = False
        self.slot_of[self.first[b]] = -1
        self.open -= b.size
        self.exact[self.alive & merged[self.nearest]] = False

    def _compact(self) -> None:
        """Drop closed slots, so products stop paying for them."""
        keep = self.alive
        for name in ("means", "sizes", "first", "alive", "exact", "needs_scan", "changed",
                     "nearest", "lower", "candidates", "candidate_distance",
                     "candidate_round", "bound"):
            setattr(self, name, getattr(self, name)[keep])
        self.means32 = _padded(self.means32[:len(keep)][keep])
        self.slot_of[self.first] = np.arange(len(self.first))


#: ``_AverageLinkage``: candidates kept per group, similarities computed at a time, groups
#: scanned together, and the column chunk for finding each row's closest columns.
_CANDIDATES = 16
_BLOCK_BYTES = 64 * 2**20
_SCAN_BATCH = 256
_CHUNK = 32


def _distance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine distance of group means along the last axis, clipped as pairwise distances are."""
    return np.clip(1.0 - np.einsum("...j,...j->...", a, b), 0.0, 2.0)


def _padded(rows: np.ndarray) -> np.ndarray:
    """float32 copy with zero rows up to a multiple of ``_CHUNK`` (see ``_top_columns``)."""
    padded = np.zeros((-(-len(rows) // _CHUNK) * _CHUNK, rows.shape[1]), dtype=np.float32)
    padded[:len(rows)] = rows
    return padded


def _top_columns(similarity: np.ndarray, take: int) -> np.ndarray:
    """Column indices of each row's ``take`` largest values (in no order).

    ``argpartition`` over whole rows took as long as the product that made them. Instead the
    columns are cut into chunks of ``_CHUNK``, and a top value can only be in a chunk whose
    maximum is among the row's ``take`` largest chunk maxima: ``argpartition`` then runs over
    the maxima and over those chunks' columns (5 times faster at 50,000 columns).
    """
    rows, width = similarity.shape
    chunks = width // _CHUNK
    if chunks <= take or width % _CHUNK:
        return np.argpartition(similarity, width - take, axis=1)[:, width - take:]
    # Chunk c holds columns c, c + chunks, c + 2 chunks ...: a maximum over contiguous rows.
    maxima = similarity.reshape(rows, _CHUNK, chunks).max(axis=1)
    best = np.argpartition(maxima, chunks - take, axis=1)[:, chunks - take:]
    columns = (best[:, :, None] + chunks * np.arange(_CHUNK)).reshape(rows, -1)
    values = np.take_along_axis(similarity, columns, axis=1)
    picked = np.argpartition(values, values.shape[1] - take, axis=1)[:, values.shape[1] - take:]
    return np.take_along_axis(columns, picked, axis=1)


@dataclass(frozen=True, slots=True)
class VoiceCluster:
    """One voice heard in the export: which recordings, and the one that sounds most typical."""

    label: int
    members: tuple[str, ...]
    #: The member closest to the cluster's centroid: the one to play to a person.
    representative_path: str


def voice_clusters(paths: Sequence[str], embeddings: np.ndarray,
                   labels: np.ndarray | None = None) -> list[VoiceCluster]:
    """Cluster summaries, largest first (ties by label)."""
    vectors = _unit_rows(embeddings)
    _check_lengths(paths, vectors)
    if labels is None:
        labels = cluster_voices(vectors)
    clusters = []
    for label in np.unique(labels):
        index = np.flatnonzero(labels == label)
        centroid = _unit_rows(vectors[index].mean(axis=0, keepdims=True))[0]
        best = index[int(np.argmax(vectors[index] @ centroid))]
        members = tuple(paths[int(i)] for i in index)
        clusters.append(VoiceCluster(int(label), members, paths[int(best)]))
    return sorted(clusters, key=lambda c: (-len(c.members), c.label))


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
        vectors = _unit_rows(self.embeddings)
        if len(vectors) == 0:
            raise ValueError("OwnerVoices needs at least one enrolment sample")
        if len(self.voice_of_sample) != len(vectors):
            raise ValueError(f"{len(vectors)} samples but {len(self.voice_of_sample)} voice names")
        voices = tuple(dict.fromkeys(self.voice_of_sample))
        names = np.array(self.voice_of_sample, dtype=object)
        centroids = np.stack([_unit_rows(vectors[names == v].mean(axis=0, keepdims=True))[0]
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
            rest = _unit_rows((total - row)[None, :])[0]
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
    vectors = _unit_rows(embeddings)
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
    vectors = _unit_rows(embeddings)
    _check_lengths(paths, vectors)
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
    steps = embed_recordings_steps(export, paths, encoder, chunk=chunk)
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


def _unit_rows(embeddings: np.ndarray) -> np.ndarray:
    rows = np.atleast_2d(np.asarray(embeddings, dtype=np.float32))
    if rows.size == 0:
        return rows.reshape(0, rows.shape[-1] if rows.ndim == 2 else 0)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)


def _check_lengths(paths: Sequence[str], vectors: np.ndarray) -> None:
    if len(paths) != len(vectors):
        raise ValueError(f"{len(paths)} paths but {len(vectors)} embeddings")


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
