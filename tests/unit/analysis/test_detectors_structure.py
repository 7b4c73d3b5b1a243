from __future__ import annotations

from tests.unit.analysis.builders import NO_CONTEXT, contents, recording, transcribed
from viewer.analysis.detectors import (
    CheckContext,
    duplicates,
    not_in_file_list,
    orphan_audio,
    transcript_only_in_pdf,
)
from viewer.analysis.profile import OwnershipProfile
from viewer.model import Fact, SourceRef

EMPTY = OwnershipProfile()


def test_orphans_stand_out_only_among_transcribed_recordings() -> None:
    recs = [recording(i) for i in range(4)]
    entries, links = transcribed(recs[:3], ["a", "b", "c"])
    (finding,) = orphan_audio(EMPTY, contents(recs, transcripts=entries, links=links),
                              NO_CONTEXT)
    assert finding.recording == recs[3].path and "3 of 4" in finding.detail
    assert orphan_audio(EMPTY, contents(recs), NO_CONTEXT) == []


def test_duplicates_by_hash_and_by_shape() -> None:
    recs = [recording(i) for i in range(4)]
    context = CheckContext(member_sha256={recs[0].path: "ab" * 32, recs[1].path: "ab" * 32,
                                          recs[2].path: "cd" * 32},
                           member_size={r.path: 64000 for r in recs})
    findings = duplicates(EMPTY, contents(recs), context)
    assert {f.recording for f in findings} == {recs[0].path, recs[1].path}
    assert all(f.weight == 0.2 and "identical" in f.detail for f in findings)
    shape = CheckContext(member_size={r.path: 64000 for r in recs})
    weak = duplicates(EMPTY, contents(recs), shape)
    assert len(weak) == 4 and all(f.weight == 0.1 for f in weak)


def test_files_missing_from_the_file_list() -> None:
    listed = Fact("listed_in_file_descriptions", "yes", SourceRef("FileDescriptions.csv",
                                                                  "row 7"))
    missing = Fact("listed_in_file_descriptions", "no", SourceRef("FileDescriptions.csv"))
    export = contents([recording(1, extra=(listed,)), recording(2, extra=(missing,))])
    (finding,) = not_in_file_list(EMPTY, export, NO_CONTEXT)
    assert finding.recording == "Audio/utterance_0002.wav"
    assert "FileDescriptions.csv" in finding.detail


def test_transcripts_only_in_a_pdf() -> None:
    recs = [recording(1), recording(2)]
    table, table_links = transcribed(recs[:1], ["alexa stop"])
    pdf, pdf_links = transcribed(recs[1:], ["alexa play"], fmt="transcript-pdf")
    export = contents(recs, transcripts=table + pdf, links=table_links + pdf_links)
    (finding,) = transcript_only_in_pdf(EMPTY, export, NO_CONTEXT)
    assert finding.recording == recs[1].path and "Transcripts.pdf" in finding.detail
    only_pdf = contents(recs[1:], transcripts=pdf, links=pdf_links)
    assert transcript_only_in_pdf(EMPTY, only_pdf, NO_CONTEXT) == []
