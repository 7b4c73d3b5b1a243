"""Voice analysis: clustering, the owner's voices, the threshold, and voice findings.

The separation tests use espeak-ng voices (no recorded human speech can be fetched here): per
voice, 20 short voice-assistant commands and 3 longer enrolment sentences, as a person would
read when enrolling. The demo export test reports how the bundled demo fares.
"""

from __future__ import annotations

import io
import json
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import soundfile

from tests.helpers.audio import espeak_wav, wav_bytes
from viewer.analysis.verdicts import WEIGHT_VOICE_DECIDES, WEIGHT_VOICE_THIN
from viewer.archive import open_export
from viewer.resources import RESOURCES, demo_export
from viewer.voice.analysis import (
    CLUSTER_DISTANCE,
    LOOP_SECONDS,
    THRESHOLD_DEFAULT,
    THRESHOLD_MAX,
    THRESHOLD_MIN,
    OwnerVoices,
    calibrate_threshold,
    cluster_voices,
    embed_recordings,
    embed_recordings_steps,
    match_owner,
    score_against_owner,
    voice_clusters,
    voice_findings,
)
from viewer.voice.clustering import unit_rows
from viewer.voice.encoder import SpeakerEncoder
from viewer.voice.preprocess import preprocess_wav

COMMANDS = [
    "turn on the lights in the kitchen", "what is the weather like today",
    "play my morning playlist", "set a timer for ten minutes",
    "how long will it take to drive to work", "add coffee to my shopping list",
    "what time is it in tokyo", "remind me to call my mother tomorrow",
    "turn the volume down a little", "tell me a joke",
    "what is on my calendar this afternoon", "stop the music",
    "how tall is the eiffel tower", "order more paper towels",
    "switch off the bedroom fan", "what is twelve times seven",
    "wake me up at six thirty", "read me the latest news",
    "is it going to rain this weekend", "play the next episode of my podcast",
]
ENROLMENT = [
    "Hello, this is my voice. I am recording a few sentences so the viewer can recognise me.",
    "The rainbow is a division of white light into many beautiful colours, like a prism.",
    "Please call Stella and ask her to bring these things with her from the store.",
]
VOICES = ["en+m3", "en+f2", "en-us", "en-us+klatt"]
#: (owner voice, stranger voice): pairs that sound different to a person.
PAIRS = [("en+m3", "en+f2"), ("en+f2", "en+m3"), ("en-us", "en-us+klatt"),
         ("en-us+klatt", "en-us")]


def _speech(args: tuple[str, str]) -> np.ndarray:
    voice, text = args
    samples, rate = soundfile.read(io.BytesIO(espeak_wav(text, voice)), dtype="float32")
    return preprocess_wav(samples, rate, min_seconds=LOOP_SECONDS)


@pytest.fixture(scope="session")
def espeak_embeddings() -> dict[str, dict[str, np.ndarray]]:
    """{voice: {"commands": (20, 256), "enrolment": (3, 256)}}, generated once per session."""
    jobs = [(voice, text) for voice in VOICES for text in [*COMMANDS, *ENROLMENT]]
    with ThreadPoolExecutor(max_workers=4) as pool:  # espeak-ng and sox run as processes
        wavs = list(pool.map(_speech, jobs))
    embeddings = SpeakerEncoder.from_resources().embed_many(wavs)
    per_voice = len(COMMANDS) + len(ENROLMENT)
    result = {}
    for index, voice in enumerate(VOICES):
        block = embeddings[index * per_voice:(index + 1) * per_voice]
        result[voice] = {"commands": block[:len(COMMANDS)], "enrolment": block[len(COMMANDS):]}
    return result


# -- espeak-ng voices --------------------------------------------------------------------------


@pytest.mark.parametrize(("owner_voice", "stranger_voice"), PAIRS)
def test_different_voices_separate(espeak_embeddings: dict[str, dict[str, np.ndarray]],
                                   owner_voice: str, stranger_voice: str) -> None:
    owner = OwnerVoices.from_samples({owner_voice: espeak_embeddings[owner_voice]["enrolment"]})
    threshold = calibrate_threshold(owner)
    own = score_against_owner(espeak_embeddings[owner_voice]["commands"], owner)
    strange = score_against_owner(espeak_embeddings[stranger_voice]["commands"], owner)
    flagged_own, flagged_strange = np.mean(own < threshold), np.mean(strange < threshold)
    report = (f"threshold {threshold:.3f}; owner min {own.min():.3f} flagged {flagged_own:.0%}; "
              f"stranger max {strange.max():.3f} flagged {flagged_strange:.0%}")
    assert flagged_strange >= 0.97, report
    assert flagged_own <= 0.03, report


def test_a_household_of_two_voices(espeak_embeddings: dict[str, dict[str, np.ndarray]]) -> None:
    """Two confirmed voices; a stranger unlike both is flagged, both residents are not."""
    owner = OwnerVoices.from_samples({
        "him": espeak_embeddings["en+m3"]["enrolment"],
        "her": espeak_embeddings["en+f2"]["enrolment"]})
    threshold = calibrate_threshold(owner)
    residents = np.concatenate([espeak_embeddings[v]["commands"] for v in ("en+m3", "en+f2")])
    similarity, names = match_owner(residents, owner)
    assert np.mean(similarity < threshold) <= 0.03
    assert names[:len(COMMANDS)].count("him") >= 19 and names[len(COMMANDS):].count("her") >= 19
    stranger = score_against_owner(espeak_embeddings["en-us+klatt"]["commands"], owner)
    assert np.mean(stranger < threshold) >= 0.97


def test_voices_cluster_apart(espeak_embeddings: dict[str, dict[str, np.ndarray]]) -> None:
    male, female = (espeak_embeddings[v]["commands"] for v in ("en+m3", "en+f2"))
    labels = cluster_voices(np.concatenate([male, female]), distance_threshold=0.3)
    assert not set(labels[:len(male)]) & set(labels[len(male):])


# -- clustering --------------------------------------------------------------------------------


def _around(direction: np.ndarray, count: int, spread: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    rows = direction + spread * rng.standard_normal((count, len(direction)))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_cluster_voices_is_deterministic_and_numbered_by_first_clip() -> None:
    axes = np.eye(8)
    data = np.concatenate([_around(axes[2], 5, 0.05, 1), _around(axes[5], 4, 0.05, 2),
                           _around(axes[2], 3, 0.05, 3)])
    labels = cluster_voices(data)
    assert labels.tolist() == [0] * 5 + [1] * 4 + [0] * 3
    shuffled = np.random.default_rng(4).permutation(len(data))
    again = cluster_voices(data[shuffled])
    # Same partition whatever the order; labels follow the first clip of each group.
    assert len(set(zip(again, labels[shuffled], strict=True))) == 2
    assert again[0] == 0


def test_cluster_voices_edge_cases() -> None:
    assert cluster_voices(np.zeros((0, 256))).tolist() == []
    assert cluster_voices(np.ones((1, 4))).tolist() == [0]
    axes = np.eye(4)
    # Orthogonal voices never merge; identical ones always do.
    assert cluster_voices(axes).tolist() == [0, 1, 2, 3]
    assert cluster_voices(np.tile(axes[:1], (3, 1))).tolist() == [0, 0, 0]


def test_voice_clusters_pick_the_most_typical_member() -> None:
    axis = np.eye(4)[0]
    rows = np.stack([axis + np.array([0, 0.3, 0, 0]), axis, axis + np.array([0, 0, 0.3, 0]),
                     np.eye(4)[3]])
    clusters = voice_clusters(["a", "b", "c", "d"], rows)
    assert clusters[0].members == ("a", "b", "c")
    assert clusters[0].representative_path == "b"
    assert clusters[1].members == ("d",) and clusters[1].representative_path == "d"


# -- owner, threshold, findings ----------------------------------------------------------------


def test_calibrate_threshold_rule() -> None:
    axes = np.eye(16)
    tight = _around(axes[0], 3, 0.02, 5)
    loose = _around(axes[0], 3, 0.35, 6)
    assert calibrate_threshold(tight) == THRESHOLD_MAX  # very consistent samples: capped
    owner = OwnerVoices(loose, ("me",) * 3)
    assert owner.agreement is not None
    expected = min(THRESHOLD_MAX, max(THRESHOLD_MIN, owner.agreement - 0.1))
    assert calibrate_threshold(owner) == pytest.approx(expected)
    assert calibrate_threshold(axes[:2], ["a", "b"]) == THRESHOLD_DEFAULT  # nothing to compare
    scattered = np.stack([axes[0], axes[1], axes[2]])
    assert calibrate_threshold(scattered) == THRESHOLD_MIN


def test_owner_voices_validate_their_input() -> None:
    with pytest.raises(ValueError, match="at least one"):
        OwnerVoices.from_samples({})
    with pytest.raises(ValueError, match="voice names"):
        OwnerVoices(np.eye(4)[:2], ("a",))


def test_voice_findings_explain_themselves() -> None:
    axes = np.eye(16)
    owner = OwnerVoices.from_samples({"Max": _around(axes[0], 3, 0.1, 7)})
    threshold = calibrate_threshold(owner)
    recordings = np.stack([_around(axes[0], 1, 0.1, 8)[0], axes[1]])
    findings = voice_findings(["mine.wav", "theirs.wav"], recordings, owner)
    assert [f.code for f in findings] == ["voice-matches-owner", "voice-unknown"]
    # Without a cohort a match is only support (nothing shows the voice stands out) ...
    assert findings[0].weight == pytest.approx(-WEIGHT_VOICE_THIN)
    assert "only just sounds like Max" in findings[0].detail
    # ... while a similarity far under the user's own threshold decides.
    assert findings[1].weight == pytest.approx(WEIGHT_VOICE_DECIDES)
    assert "clearly matches none" in findings[1].detail
    assert findings[1].recording == "theirs.wav"
    assert findings[1].evidence[0].path == "theirs.wav"
    assert "matches none of your voices (best similarity -0.04, to Max;" in findings[1].detail
    assert f"agree at {owner.agreement:.2f} or more" in findings[1].detail
    assert "sounds like Max" in findings[0].detail
    # On the edge of the threshold the finding keeps its direction at the thin weight.
    edge = threshold - 0.01
    near = edge * owner.centroids[0] + np.sqrt(1 - edge**2) * axes[15]
    (finding,) = voice_findings(["edge.wav"], near[None, :], owner, threshold)
    assert finding.code == "voice-unknown" and finding.weight == pytest.approx(WEIGHT_VOICE_THIN)
    with pytest.raises(ValueError, match="paths"):
        voice_findings(["one.wav"], recordings, owner)


# -- the demo export ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def demo_voices() -> tuple[list[dict[str, object]], dict[str, np.ndarray]]:
    truth = json.loads((RESOURCES / "demo" / "demo-truth.json").read_text(encoding="utf-8"))
    with open_export(demo_export()) as export:
        embedded = embed_recordings(export, [str(entry["path"]) for entry in truth])
    assert embedded.failed == ()
    return truth, dict(zip(embedded.paths, embedded.embeddings, strict=True))


def test_demo_export_flag_rates(demo_voices: tuple[list[dict[str, object]],
                                                   dict[str, np.ndarray]]) -> None:
    """Enrol 3 recordings each of Max and Erika; score the other 94.

    Measured: no owner recording flagged (Max and Erika score 0.86-0.98 against their own
    voices); Lisa (en-us+f3) flagged 16 of 18, Tom (en-us) 4 of 22. Tom is espeak-ng's default
    male voice reading English and Max its "m3" variant reading German: the same synthetic
    speaker to the encoder (average similarity 0.81), which no threshold on single clips
    separates. Clustering the whole export does (next test).
    """
    truth, embeddings = demo_voices
    enrol = {name: [str(e["path"]) for e in truth if e["speaker"] == name][:3]
             for name in ("Max", "Erika")}
    owner = OwnerVoices.from_samples(
        {name: np.stack([embeddings[p] for p in paths]) for name, paths in enrol.items()})
    threshold = calibrate_threshold(owner)
    enrolled = {p for paths in enrol.values() for p in paths}
    rest = [e for e in truth if e["path"] not in enrolled]
    findings = voice_findings([str(e["path"]) for e in rest],
                              np.stack([embeddings[str(e["path"])] for e in rest]), owner,
                              threshold)
    flagged = {f.recording for f in findings if f.code == "voice-unknown"}
    rate = {name: np.mean([e["path"] in flagged for e in rest if e["speaker"] == name])
            for name in ("Max", "Erika", "Tom", "Lisa")}
    print(f"demo flag rates (threshold {threshold:.2f}):",
          {name: f"{value:.0%}" for name, value in rate.items()})
    assert rate["Max"] <= 0.03 and rate["Erika"] <= 0.03
    assert rate["Lisa"] >= 0.8


def test_demo_export_clusters_by_speaker(demo_voices: tuple[list[dict[str, object]],
                                                            dict[str, np.ndarray]]) -> None:
    truth, embeddings = demo_voices
    paths = [str(e["path"]) for e in truth]
    speaker = {str(e["path"]): e["speaker"] for e in truth}
    clusters = voice_clusters(paths, np.stack([embeddings[p] for p in paths]))
    for cluster in clusters:
        assert len({speaker[p] for p in cluster.members}) == 1  # no cluster mixes people
    assert len(clusters) <= 6


def test_embedding_an_export_reports_progress_and_failures(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.wav", wav_bytes(1.0))
        zf.writestr("broken.wav", b"RIFF....WAVEnot audio")
        zf.writestr("c.wav", wav_bytes(0.5, frequency=220))
    with open_export(archive) as export:
        steps = embed_recordings_steps(export, ["a.wav", "broken.wav", "c.wav"], chunk=2)
        progress = []
        while True:
            try:
                progress.append(next(steps))
            except StopIteration as finished:
                result = finished.value
                break
    assert [(p.done, p.total) for p in progress] == [(0, 3), (2, 3), (3, 3)]
    assert result.paths == ("a.wav", "c.wav") and result.embeddings.shape == (2, 256)
    assert [path for path, _ in result.failed] == ["broken.wav"]


def _reference_average_linkage(embeddings: np.ndarray, threshold: float) -> np.ndarray:
    """The plain O(n^3) algorithm (whole-matrix scan per merge), kept to check the fast one."""
    vectors = embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)
    n = len(vectors)
    distance = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0).astype(np.float64)
    np.fill_diagonal(distance, np.inf)
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    members = [[i] for i in range(n)]
    while active.sum() > 1:
        masked = np.where(active[:, None] & active[None, :], distance, np.inf)
        a, b = divmod(int(np.argmin(masked)), n)
        if not masked[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        merged = (sizes[a] * distance[a] + sizes[b] * distance[b]) / (sizes[a] + sizes[b])
        distance[a, :] = distance[:, a] = merged
        distance[a, a] = np.inf
        distance[b, :] = distance[:, b] = np.inf
        sizes[a] += sizes[b]
        active[b] = False
        members[a].extend(members[b])
        members[b] = []
    labels = np.empty(n, dtype=np.int64)
    for label, group in enumerate(sorted((g for g in members if g), key=min)):
        labels[group] = label
    return labels


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_clustering_equals_the_plain_algorithm(seed: int) -> None:
    from viewer.voice.analysis import cluster_voices

    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(6, 256))
    points = np.concatenate([centre + rng.normal(scale=0.35, size=(40, 256))
                             for centre in centres])
    points = points[rng.permutation(len(points))]
    for threshold in (0.1, 0.15, 0.3):
        assert np.array_equal(cluster_voices(points, threshold),
                              _reference_average_linkage(points, threshold))


# -- the linear-memory clustering gives the matrix version's labels ----------------------------


def _matrix_average_linkage(embeddings: np.ndarray,
                            distance_threshold: float = CLUSTER_DISTANCE) -> np.ndarray:
    """``cluster_voices`` as it was while it kept an n x n float32 distance matrix (3.6 GB at
    30,000 clips), verbatim: the reference the linear-memory version must equal label for
    label. ``benchmarks/cluster_memory.py --matrix`` runs it too."""
    vectors = unit_rows(embeddings)
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    distance = vectors @ vectors.T
    np.subtract(1.0, distance, out=distance)
    np.clip(distance, 0.0, 2.0, out=distance)
    np.fill_diagonal(distance, np.inf)
    sizes = np.ones(n, dtype=np.float32)
    members: list[list[int]] = [[i] for i in range(n)]
    nearest = np.argmin(distance, axis=1)
    nearest_distance = distance[np.arange(n), nearest]
    for _ in range(n - 1):
        a = int(np.argmin(nearest_distance))  # first minimum: deterministic
        if not nearest_distance[a] < distance_threshold:
            break
        b = int(nearest[a])
        a, b = min(a, b), max(a, b)
        merged = (sizes[a] * distance[a] + sizes[b] * distance[b]) / (sizes[a] + sizes[b])
        distance[a, :] = merged
        distance[:, a] = merged
        distance[a, a] = np.inf
        distance[b, :] = np.inf
        distance[:, b] = np.inf
        sizes[a] += sizes[b]
        members[a].extend(members[b])
        members[b] = []
        nearest_distance[b] = np.inf
        stale = np.flatnonzero(((nearest == a) | (nearest == b)) & np.isfinite(nearest_distance))
        for row in (a, *stale.tolist()):
            nearest[row] = int(np.argmin(distance[row]))
            nearest_distance[row] = distance[row, nearest[row]]
    labels = np.empty(n, dtype=np.int64)
    for label, group in enumerate(sorted((g for g in members if g), key=min)):
        labels[group] = label
    return labels


#: From tight groups that merge early to loose ones that never do, around the default 0.15.
THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.5)


def _voices_like(seed: int, count: int | None = None) -> np.ndarray:
    """Groups of various tightness and size, shuffled; like the encoder's outputs their
    centres share a direction (strangers score above 0). Every third dataset has exact
    duplicates (ties at distance 0), every fourth an all-zero row (as the encoder gives
    for silence)."""
    rng = np.random.default_rng(seed)
    groups = int(rng.integers(1, 13))
    common = np.abs(rng.normal(size=256))
    centres = rng.normal(size=(groups, 256))
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    centres += rng.uniform(0.0, 0.9, (groups, 1)) * common / np.linalg.norm(common)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    sizes = rng.integers(1, 120, groups) if count is None else rng.multinomial(
        count, np.full(groups, 1 / groups))
    spread = rng.uniform(0.05, 0.8, groups)  # noise norm: cosine to the centre 0.6-1.0
    rows = np.concatenate([centre + width * rng.normal(size=(size, 256)) / 16
                           for centre, width, size in zip(centres, spread, sizes, strict=True)])
    if seed % 3 == 0:
        rows = np.concatenate([rows, rows[rng.integers(0, len(rows), 10)]])
    if seed % 4 == 0:
        rows[rng.integers(0, len(rows))] = 0.0
    return rows[rng.permutation(len(rows))].astype(np.float32)


@pytest.mark.parametrize("seed", range(16))
def test_cluster_voices_equals_the_matrix_version(seed: int) -> None:
    data = _voices_like(seed)
    for threshold in THRESHOLDS:
        np.testing.assert_array_equal(cluster_voices(data, threshold),
                                      _matrix_average_linkage(data, threshold),
                                      err_msg=f"{len(data)} clips, threshold {threshold}")


def test_cluster_voices_equals_the_matrix_version_on_the_demo(
        demo_voices: tuple[list[dict[str, object]], dict[str, np.ndarray]]) -> None:
    truth, embeddings = demo_voices
    data = np.stack([embeddings[str(e["path"])] for e in truth])
    for threshold in (*THRESHOLDS, 0.8):
        np.testing.assert_array_equal(cluster_voices(data, threshold),
                                      _matrix_average_linkage(data, threshold),
                                      err_msg=f"threshold {threshold}")


def test_every_path_of_the_clustering_gives_the_same_labels(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of a row or two, few candidates (many scans), the chunked search for each row's
    closest columns, dropping closed slots (over 1,024 clips), and merging the closest pair
    when no reciprocal pair is found: none changes a label."""
    from viewer.voice import clustering

    data = [_voices_like(seed, count) for seed, count in ((20, 1500), (21, 700), (22, 300))]
    expected = {(i, t): _matrix_average_linkage(d, t)
                for i, d in enumerate(data) for t in (0.1, 0.2)}
    monkeypatch.setattr(clustering, "_BLOCK_BYTES", 8192)
    monkeypatch.setattr(clustering, "_CANDIDATES", 2)
    monkeypatch.setattr(clustering, "_SCAN_BATCH", 8)
    for (index, threshold), labels in expected.items():
        np.testing.assert_array_equal(cluster_voices(data[index], threshold), labels)
    # One pair per round, each the closest: the matrix version's own order.
    monkeypatch.setattr(clustering._AverageLinkage, "_reciprocal",
                        lambda self, rows: (rows[:0], rows[:0]))
    for threshold in (0.1, 0.2):
        np.testing.assert_array_equal(cluster_voices(data[2], threshold), expected[2, threshold])


def test_cluster_memory_grows_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Twice the clips, at most about twice the memory, and far below a distance matrix
    (64 MB at 4,000 clips; measured 24 MB). benchmarks/cluster_memory.py measures 50,000."""
    import tracemalloc

    from viewer.voice import clustering

    monkeypatch.setattr(clustering, "_BLOCK_BYTES", 2**20)
    peaks = []
    for count in (2000, 4000):
        data = _voices_like(30, count)
        tracemalloc.start()
        try:
            cluster_voices(data)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    report = f"peaks {[round(p / 2**20, 1) for p in peaks]} MB"
    assert peaks[1] < 2.2 * peaks[0], report
    assert peaks[1] < 4000 * 4000 * 4 / 2, report


def test_top_columns_finds_each_rows_largest_values() -> None:
    from viewer.voice.clustering import _top_columns

    rng = np.random.default_rng(9)
    similarity = np.round(rng.normal(size=(40, 32 * 50)), 1).astype(np.float32)  # many ties
    similarity[:, rng.integers(0, similarity.shape[1], 400)] = -np.inf
    for take in (1, 17, 49):
        top = _top_columns(similarity, take)
        assert top.shape == (40, take)
        assert all(len(set(row)) == take for row in top.tolist())
        np.testing.assert_array_equal(np.sort(np.take_along_axis(similarity, top, axis=1)),
                                      np.sort(similarity, axis=1)[:, -take:])


def test_cluster_voices_refuses_non_finite_embeddings() -> None:
    data = np.eye(4)
    data[2, 1] = np.nan
    with pytest.raises(ValueError, match="finite"):
        cluster_voices(data)
