"""What a chat importer's load shares between its steps (Telegram, WhatsApp).

A chat export is a text or JSON of messages beside a folder of media. Messages name their
audio files; each file may become one recording only, and only when no earlier importer took
it. Audio beside the chat that no message names is still shown, timed from its file name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from viewer.archive import Member, MemberKind
from viewer.formats.base import ExportIndex, ImportResult
from viewer.formats.importers.generic import recording_from_name
from viewer.model import Fact, SourceRef


@dataclass(slots=True)
class ChatRun:
    """One load: the export, what is still unclaimed, and the audio this load already took."""

    index: ExportIndex
    unclaimed: frozenset[str]
    result: ImportResult
    audio: frozenset[str] = field(init=False)
    #: Audio members this run already made recordings of.
    taken: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.audio = frozenset(member.path for member in self.index.of_kind(MemberKind.AUDIO))

    def is_free(self, path: str) -> bool:
        """An audio member nobody has made a recording of yet."""
        return path in self.audio and path in self.unclaimed and path not in self.taken

    def add_unnamed_audio(self, chat_path: str, belongs: Callable[[Member], bool],
                          fact_key: str) -> None:
        """Recordings of the free audio that ``belongs`` to the chat at ``chat_path`` but that
        no message named, timed from their file names; ``fact_key`` = "no" says so."""
        for member in self.index.of_kind(MemberKind.AUDIO):
            if self.is_free(member.path) and belongs(member):
                self.taken.add(member.path)
                recording = recording_from_name(member, self.result.format)
                note = Fact(fact_key, "no", SourceRef(chat_path))
                self.result.recordings.append(replace(recording, facts=(*recording.facts, note)))
