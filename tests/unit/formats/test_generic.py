"""The generic fallback and the pipeline's promises: nothing dropped, nothing crashes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.archives import write_zip
from tests.helpers.audio import wav_bytes
from viewer.archive import open_export
from viewer.formats import import_export
from viewer.formats.base import _REGISTRY, ExportIndex, Importer, ImportResult
from viewer.model import LinkMethod


def test_generic_audio_with_sidecar_csv_json_and_text(tmp_path: Path) -> None:
    source = write_zip(tmp_path / "e.zip", {
        "rec/2023-05-01_10-00-00.wav": wav_bytes(0.5),
        "rec/VID_20230502_120000.wav": wav_bytes(0.25),
        "rec/untimed.wav": wav_bytes(0.25),
        "rec/index.csv": "Timestamp;Transcript;File\n"
                         "2023-05-01T10:00:02Z;hello world;\n"
                         "not a time;broken row;\n",
        "rec/notes.json": '[{"time": 1683028801000, "text": "from json"}]',
        "rec/log.txt": "2023-05-03 09:00:00 UTC - said nothing here\n",
        "photos/cat.jpg": b"\xff\xd8\xff\xe0",
    })
    with open_export(source) as export:
        contents = import_export(export)
    assert contents.formats == ("generic",)
    recordings = {r.path: r for r in contents.recordings}
    assert set(recordings) == {"rec/2023-05-01_10-00-00.wav", "rec/VID_20230502_120000.wav",
                               "rec/untimed.wav"}
    assert recordings["rec/2023-05-01_10-00-00.wav"].time_source == "file name"
    assert recordings["rec/untimed.wav"].time_source == "archive entry time"
    assert recordings["rec/untimed.wav"].time_zone_assumed
    assert recordings["rec/VID_20230502_120000.wav"].duration_s == pytest.approx(0.25)
    first = contents.link_for("rec/2023-05-01_10-00-00.wav")
    assert first is not None and first.method is LinkMethod.TIME
    assert first.transcript == "rec/index.csv#row 2"
    second = contents.link_for("rec/VID_20230502_120000.wav")
    assert second is not None and second.transcript == "rec/notes.json#record 1"
    assert [e.id for e in contents.transcripts_without_audio()] == ["rec/log.txt#line 1"]
    assert [(p.source.path, p.source.locator) for p in contents.problems] == [
        ("rec/index.csv", "row 3")]
    assert [(u.path, u.kind) for u in contents.not_understood] == [("photos/cat.jpg", "other")]


class _Exploding(Importer):
    name = "exploding"
    label = "Exploding test importer"

    def score(self, index: ExportIndex) -> float:
        return 1.0

    def load(self, index: ExportIndex, unclaimed: frozenset[str]) -> ImportResult:
        raise RuntimeError("boom")


@pytest.fixture
def exploding_importer() -> Iterator[None]:
    _REGISTRY.append(_Exploding)
    yield
    _REGISTRY.remove(_Exploding)


def test_a_crashing_importer_becomes_a_problem(tmp_path: Path, exploding_importer: None) -> None:
    source = write_zip(tmp_path / "e.zip", {"a.wav": wav_bytes(0.1)})
    with open_export(source) as export:
        contents = import_export(export)
    assert [r.path for r in contents.recordings] == ["a.wav"]
    assert any("Exploding test importer" in p.message and "boom" in p.message
               for p in contents.problems)


def test_unreadable_audio_is_still_a_recording(tmp_path: Path) -> None:
    from tests.helpers import zipcraft

    source = zipcraft.write(tmp_path / "e.zip", [
        zipcraft.stored("secret.wav", b"\x8f" * 40, flags=0x1),
        zipcraft.stored("fine.wav", wav_bytes(0.1))])
    with open_export(source) as export:
        contents = import_export(export)
    recordings = {r.path: r for r in contents.recordings}
    assert "encrypted" in (recordings["secret.wav"].audio_problem or "")
    assert recordings["fine.wav"].audio_problem is None
