"""The whole check on the demo export, against its ground truth."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer.analysis.check import CheckResult, check_export, check_steps, describe_check
from viewer.analysis.findings import Finding, Verdict
from viewer.analysis.profile import OwnershipProfile, load_profile, profile_from_dict
from viewer.archive import Export, OpenProgress, open_export
from viewer.formats import import_export
from viewer.model import ExportContents, Recording

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "viewer/resources/demo"
STRANGER = "G2A0US9876543210"


@pytest.fixture(scope="module")
def demo() -> Iterator[tuple[Export, ExportContents]]:
    with open_export(DEMO / "amazon-demo-export.zip") as export:
        yield export, import_export(export)


@pytest.fixture(scope="module")
def truth() -> dict[str, bool]:
    rows = json.loads((DEMO / "demo-truth.json").read_text(encoding="utf-8"))
    return {row["path"]: row["owner"] for row in rows}


def _verdicts(result: CheckResult) -> dict[str, dict]:
    return {item["path"]: item for item in describe_check(result)["recordings"]}


def test_every_stranger_recording_and_none_of_the_owners(demo, truth) -> None:
    export, contents = demo
    result = check_export(export, contents, load_profile(DEMO / "demo-profile.json"))
    verdicts = _verdicts(result)
    assert set(verdicts) == set(truth)
    for path, owner in truth.items():
        verdict = verdicts[path]
        if owner:
            assert verdict["verdict"] == "mine", (path, verdict["reasons"])
        else:
            assert verdict["verdict"] == "not-mine", path
            details = " ".join(reason["detail"] for reason in verdict["reasons"])
            assert f"Unknown device {STRANGER}" in details
            assert "registration table" in details
            assert "en-US" in details and "amazon.com" in details
            for reason in verdict["reasons"]:
                assert reason["evidence"], reason


def test_without_a_profile_the_export_alone_convicts_the_stranger(demo, truth) -> None:
    export, contents = demo
    verdicts = _verdicts(check_export(export, contents, None))
    for path, owner in truth.items():
        assert verdicts[path]["verdict"] == ("unsure" if owner else "not-mine")
    codes = {r["code"] for path, owner in truth.items() if not owner
             for r in verdicts[path]["reasons"]}
    assert {"unknown-device", "time-zone-rhythm", "transcript-only-in-pdf"} <= codes


def test_owning_no_voice_device_flags_every_recording_for_that_reason(demo) -> None:
    export, contents = demo
    profile = profile_from_dict({"owns_voice_devices": False}, DEMO)
    result = check_export(export, contents, profile)
    assert result.count(Verdict.NOT_MINE) == len(contents.recordings) == 100
    for verdict in result.verdicts:
        assert verdict.reasons[0].code == "no-voice-device"
        assert verdict.reasons[0].weight >= 0.9  # enough on its own


def test_marks_and_json_shape(demo) -> None:
    export, contents = demo
    first = contents.recordings[0].path
    profile = OwnershipProfile(confirmed_not_mine=frozenset({first}))
    report = describe_check(check_export(export, contents, profile))
    assert report["schema"] == "export-viewer/check/1"
    assert report["archive"]["sha256"] == export.sha256
    assert report["profile"]["confirmed_not_mine"] == [first]
    item = report["recordings"][0]
    assert set(item) >= {"path", "sha256", "start", "device", "transcript", "verdict",
                         "score", "reasons"}
    assert item["verdict"] == "not-mine" and item["user_marked"]
    assert len(item["sha256"]) == 64
    assert report["summary"]["by_verdict"]["not-mine"] >= 1
    assert report["voices"] == []


def test_steps_report_progress_and_voice_evidence_is_used(demo) -> None:
    export, contents = demo

    class FakeVoice:
        def findings(self, recordings: tuple[Recording, ...]) -> list[Finding]:
            return [Finding("voice-unknown", "No known voice.", 0.9, r.path)
                    for r in recordings]

        def clusters(self) -> list[dict]:
            return [{"id": "A", "recordings": 100}]

    steps = check_steps(export, contents, None, voice=FakeVoice())
    progress: list[OpenProgress] = []
    while True:
        try:
            progress.append(next(steps))
        except StopIteration as finished:
            result = finished.value
            break
    assert {step.phase for step in progress} >= {"hashing recordings", "checking",
                                                 "comparing voices"}
    assert result.voices == ({"id": "A", "recordings": 100},)
    # Metadata speaks on every demo recording, so voice only supports: the owner's
    # registered devices (-0.3) plus an unknown voice (+0.6 at most) stay "unsure".
    assert result.count(Verdict.NOT_MINE) == 40
    assert result.count(Verdict.UNSURE) == 60
    assert all(any(r.code == "voice-unknown" for r in v.reasons) for v in result.verdicts)


class _CountingStore:
    """The part of the review store the check caches member hashes in."""

    def __init__(self) -> None:
        self.documents: dict[tuple[str, str, int], object] = {}
        self.writes = 0

    def get_cached(self, export: str, kind: str, version: int) -> object:
        return self.documents.get((export, kind, version))

    def put_cached(self, export: str, kind: str, version: int, value: object) -> None:
        self.writes += 1
        self.documents[(export, kind, version)] = value


def test_member_hashes_are_cached_per_archive_and_trusted_on_the_next_check(tmp_path) -> None:
    from viewer.review import ReviewStore

    store = ReviewStore(tmp_path / "review.sqlite3")
    with open_export(DEMO / "amazon-demo-export.zip") as export:
        first = check_export(export, import_export(export), None, cache=store)
        key = (export.sha256, "member-sha256", 1)
    cached = store.get_cached(*key)
    assert cached == first.member_sha256 and len(cached) == 100
    # Prove the second check takes the cache instead of reading the members again: a
    # planted (well-formed) digest comes back as the recording's hash.
    planted_path = sorted(cached)[0]
    store.put_cached(*key, {**cached, planted_path: "ab" * 32})
    with open_export(DEMO / "amazon-demo-export.zip") as export:
        second = check_export(export, import_export(export), None, cache=store)
        assert export.member_sha256(planted_path) == "ab" * 32
    assert second.member_sha256[planted_path] == "ab" * 32
    assert {path: value for path, value in second.member_sha256.items()
            if path != planted_path} == {path: value for path, value in cached.items()
                                         if path != planted_path}


def test_a_bad_or_failing_cache_only_costs_time(demo) -> None:
    export, contents = demo
    expected = check_export(export, contents, None).member_sha256

    class Broken:
        def get_cached(self, *_: object) -> object:
            raise OSError("disk gone")

        def put_cached(self, *_: object) -> None:
            raise OSError("disk gone")

    with open_export(DEMO / "amazon-demo-export.zip") as fresh:
        assert check_export(fresh, import_export(fresh), None,
                            cache=Broken()).member_sha256 == expected
    garbage = _CountingStore()
    with open_export(DEMO / "amazon-demo-export.zip") as fresh:
        path = next(iter(expected))
        garbage.documents[(fresh.sha256, "member-sha256", 1)] = {
            path: "not a digest", "../../etc/passwd": "cd" * 32}
        result = check_export(fresh, import_export(fresh), None, cache=garbage)
    assert result.member_sha256 == expected  # the malformed entry was recomputed
    assert garbage.writes == 1
    assert "../../etc/passwd" not in result.member_sha256
    assert set(garbage.documents[(fresh.sha256, "member-sha256", 1)]) == set(expected)
