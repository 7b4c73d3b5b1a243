"""Voice evidence: a numpy speaker encoder and who-spoke analysis (Qt-free, no torch)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from viewer.analysis.profile import OwnershipProfile
    from viewer.archive import Export
    from viewer.model import ExportContents
    from viewer.voice.evidence import ExportVoiceEvidence


def voice_evidence(export: Export, contents: ExportContents,
                   profile: OwnershipProfile | None, store: Any | None = None,
                   ) -> ExportVoiceEvidence:
    """The check's voice evidence; embeddings are cached in ``store`` (a review store; None:
    no cache) by member SHA-256."""
    from viewer.voice.evidence import ExportVoiceEvidence

    return ExportVoiceEvidence(export, contents, profile, store)
