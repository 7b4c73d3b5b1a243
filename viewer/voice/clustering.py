"""Grouping voices: average-linkage clustering of speaker embeddings (Qt-free).

Clusters are what the voices panel shows ("these recordings sound alike"); who they belong
to is decided elsewhere (``viewer.voice.analysis``). Everything works on unit-length speaker
embeddings, where the dot product is the cosine similarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: ``cluster_voices``: two groups merge while their average cosine distance is below this
#: (average similarity above 0.85). On the demo export this separates all four espeak-ng
#: speakers, including the two that are the same synthetic voice with another language's rules
#: (merged at 0.2); a person's real voice varies more, so expect one person to split into a few
#: clusters rather than two people to share one.
CLUSTER_DISTANCE = 0.15


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
    vectors = unit_rows(embeddings)
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
    vectors = unit_rows(embeddings)
    check_lengths(paths, vectors)
    if labels is None:
        labels = cluster_voices(vectors)
    clusters = []
    for label in np.unique(labels):
        index = np.flatnonzero(labels == label)
        centroid = unit_rows(vectors[index].mean(axis=0, keepdims=True))[0]
        best = index[int(np.argmax(vectors[index] @ centroid))]
        members = tuple(paths[int(i)] for i in index)
        clusters.append(VoiceCluster(int(label), members, paths[int(best)]))
    return sorted(clusters, key=lambda c: (-len(c.members), c.label))


def unit_rows(embeddings: np.ndarray) -> np.ndarray:
    """``embeddings`` as float32 rows of length 1 (all-zero rows stay zero)."""
    rows = np.atleast_2d(np.asarray(embeddings, dtype=np.float32))
    if rows.size == 0:
        return rows.reshape(0, rows.shape[-1] if rows.ndim == 2 else 0)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.where(norms > 0, norms, 1.0)


def check_lengths(paths: Sequence[str], vectors: np.ndarray) -> None:
    """One embedding per path, or a ValueError."""
    if len(paths) != len(vectors):
        raise ValueError(f"{len(paths)} paths but {len(vectors)} embeddings")
