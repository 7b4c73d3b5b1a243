"""Voice evidence inside the check: enrolment from confirmed recordings, and the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.analysis.check import check_export
from viewer.analysis.findings import Verdict
from viewer.analysis.profile import profile_from_dict
from viewer.archive import open_export
from viewer.formats import import_export
from viewer.resources import DEMO_EXPORT
from viewer.review import ReviewStore
from viewer.voice import evidence as evidence_module
from viewer.voice import voice_evidence

TRUTH = json.loads((DEMO_EXPORT.parent / "demo-truth.json").read_text())


def enrolment(speaker: str, count: int = 3) -> list[str]:
    return [item["path"] for item in TRUTH if item["speaker"] == speaker][:count]


def test_voice_judges_once_enrolled_and_the_cache_spares_a_second_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile = profile_from_dict({"confirmed_mine": enrolment("Max") + enrolment("Erika")},
                                tmp_path)
    store = ReviewStore(tmp_path / "review.sqlite3")
    with open_export(DEMO_EXPORT) as export:
        contents = import_export(export)
        first = check_export(export, contents, profile,
                             voice=voice_evidence(export, contents, profile, store))
        voice_codes = {f.code for f in first.findings if f.code.startswith("voice")}
        assert voice_codes == {"voice-unknown", "voice-matches-owner"}
        judged = {f.recording: f.code for f in first.findings if f.code.startswith("voice")}
        owners = [item["path"] for item in TRUTH if item["owner"]]
        enrolled = set(enrolment("Max") + enrolment("Erika"))
        # No owner recording is called a stranger's voice.
        assert all(judged[p] == "voice-matches-owner" for p in owners if p not in enrolled)
        lisa = [item["path"] for item in TRUTH if item["speaker"] == "Lisa"]
        assert sum(judged[p] == "voice-unknown" for p in lisa) >= 0.8 * len(lisa)
        assert len(first.voices) >= 4  # Max, Erika, Tom and Lisa are told apart

        def no_embedding(*_: object, **__: object) -> None:
            raise AssertionError("the second run must come from the cache")

        cluster = evidence_module.cluster_voices

        def no_clustering(embeddings, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            # The owner's few samples are still grouped; the export's clips are not.
            if len(embeddings) > len(enrolled):
                raise AssertionError("the second run's clusters must come from the cache")
            return cluster(embeddings, *args, **kwargs)

        monkeypatch.setattr(evidence_module, "embed_recordings_steps", no_embedding)
        monkeypatch.setattr(evidence_module, "cluster_voices", no_clustering)
        second = check_export(export, contents, profile,
                              voice=voice_evidence(export, contents, profile, store))
    assert [v.verdict for v in second.verdicts] == [v.verdict for v in first.verdicts]
    assert second.voices == first.voices
    store.close()


def test_cached_clusters_are_not_trusted_for_other_clips(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "review.sqlite3")
    with open_export(DEMO_EXPORT) as export:
        contents = import_export(export)
        first = check_export(export, contents, None,
                             voice=voice_evidence(export, contents, None, store))
        # Same archive, but the cached labels were made for other clips (another model, a
        # changed threshold or an edited member all change the key): they are recomputed.
        cached = store.get_cached(export.sha256, *evidence_module.CLUSTERS_CACHE)
        store.put_cached(export.sha256, *evidence_module.CLUSTERS_CACHE,
                         {"key": "0" * 64, "labels": [0] * len(cached["labels"])})
        second = check_export(export, contents, None,
                              voice=voice_evidence(export, contents, None, store))
    assert len(first.voices) >= 4 and second.voices == first.voices
    assert store.get_cached(export.sha256, *evidence_module.CLUSTERS_CACHE) == cached
    store.close()


def test_without_enrolment_voice_only_clusters(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path / "review.sqlite3")
    with open_export(DEMO_EXPORT) as export:
        contents = import_export(export)
        result = check_export(export, contents, None,
                              voice=voice_evidence(export, contents, None, store))
    assert not any(f.code.startswith("voice") for f in result.findings)
    assert sum(cluster["recordings"] for cluster in result.voices) == 100
    assert result.count(Verdict.NOT_MINE) == 40  # the metadata alone still decides
    store.close()
