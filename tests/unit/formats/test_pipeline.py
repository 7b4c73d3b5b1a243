"""The pipeline drops nothing silently: second readings of a file and set-aside members."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.archives import write_zip
from tests.helpers.audio import wav_bytes
from viewer.archive import open_export
from viewer.formats import pipeline
from viewer.formats.base import ExportIndex, Importer, ImportResult
from viewer.model import ExportContents, Recording


class _Twice(Importer):
    """Reads one WAV twice and sets a notes file aside."""

    name = "twice"
    label = "Twice"

    def score(self, index: ExportIndex) -> float:
        return 0.9

    def load(self, index: ExportIndex, unclaimed: frozenset[str]) -> ImportResult:
        result = ImportResult(self.name)
        result.recordings += [Recording("a.wav", self.name, sender="first"),
                              Recording("a.wav", self.name, sender="second")]
        result.set_aside("notes.json", "json", "recognised, but not voice; not imported")
        return result


class _Late(Importer):
    """Runs second and also reads a.wav (already read), plus b.wav."""

    name = "late"
    label = "Late"

    def score(self, index: ExportIndex) -> float:
        return 0.5

    def load(self, index: ExportIndex, unclaimed: frozenset[str]) -> ImportResult:
        result = ImportResult(self.name)
        result.recordings += [Recording("a.wav", self.name), Recording("b.wav", self.name)]
        result.claimed.add("notes.json")  # too late: the first importer set it aside
        return result


def _load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ExportContents:
    monkeypatch.setattr(pipeline, "registered_importers", lambda: [_Twice, _Late])
    archive = write_zip(tmp_path / "x.zip", {
        "a.wav": wav_bytes(0.1), "b.wav": wav_bytes(0.1), "notes.json": "{}"})
    with open_export(archive) as export:
        return pipeline.import_export(export, probe=False)


def test_a_second_reading_of_a_recording_is_a_problem(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    contents = _load(tmp_path, monkeypatch)

    assert [(r.path, r.format, r.sender) for r in contents.recordings] == [
        ("a.wav", "twice", "first"), ("b.wav", "late", None)]
    assert [(p.source.path, p.message) for p in contents.problems] == [
        ("a.wav", "the Twice importer read this file as a recording twice; the first reading "
                  "was kept and the second set aside"),
        ("a.wav", "the Late importer also read this file as a recording, but the Twice "
                  "importer had already read it; that reading was kept"),
    ]


def test_a_member_set_aside_is_listed_with_its_reason(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    contents = _load(tmp_path, monkeypatch)

    assert [(u.path, u.kind, u.reason) for u in contents.not_understood] == [
        ("notes.json", "json", "recognised, but not voice; not imported")]
