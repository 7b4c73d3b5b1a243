"""What kind of file a member is, from its name and, failing that, its first bytes."""

from enum import StrEnum


class MemberKind(StrEnum):
    AUDIO = "audio"
    TABLE = "table"
    JSON = "json"
    PDF = "pdf"
    HTML = "html"
    TEXT = "text"
    ARCHIVE = "archive"
    OTHER = "other"


_BY_SUFFIX: dict[str, MemberKind] = {
    **dict.fromkeys(
        (".wav", ".mp3", ".ogg", ".oga", ".opus", ".flac", ".m4a", ".aac", ".amr", ".3gp",
         ".wma", ".aif", ".aiff", ".webm"),
        MemberKind.AUDIO,
    ),
    **dict.fromkeys((".csv", ".tsv", ".xlsx", ".xls"), MemberKind.TABLE),
    # X/Twitter wraps its JSON in "window.x = ..." inside .js files.
    **dict.fromkeys((".json", ".js", ".jsonl", ".ndjson"), MemberKind.JSON),
    ".pdf": MemberKind.PDF,
    **dict.fromkeys((".html", ".htm", ".xhtml"), MemberKind.HTML),
    **dict.fromkeys((".txt", ".md", ".log", ".text", ".vtt", ".srt"), MemberKind.TEXT),
    ".zip": MemberKind.ARCHIVE,
}

_MAGIC: tuple[tuple[bytes, MemberKind], ...] = (
    (b"PK\x03\x04", MemberKind.ARCHIVE),
    (b"%PDF", MemberKind.PDF),
    (b"RIFF", MemberKind.AUDIO),  # WAVE; checked further by the audio reader
    (b"OggS", MemberKind.AUDIO),
    (b"fLaC", MemberKind.AUDIO),
    (b"ID3", MemberKind.AUDIO),
    (b"#!AMR", MemberKind.AUDIO),
    (b"{", MemberKind.JSON),
    (b"[", MemberKind.JSON),
    (b"<!DOCTYPE html", MemberKind.HTML),
    (b"<html", MemberKind.HTML),
)


def kind_from_name(path: str) -> MemberKind | None:
    """The kind a file's suffix announces, or None when the suffix says nothing."""
    # String slicing, not PurePosixPath: this runs once per member of 100,000-file exports.
    name = path[path.rfind("/") + 1:]
    dot = name.rfind(".")
    return _BY_SUFFIX.get(name[dot:].lower()) if dot > 0 else None


def kind_from_head(head: bytes) -> MemberKind:
    """The kind a file's first bytes reveal; ``OTHER`` when nothing matches."""
    if not head:
        return MemberKind.OTHER
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    for magic, kind in _MAGIC:
        if stripped.startswith(magic) or head.startswith(magic):
            return kind
    if head[:4] in (b"\xff\xfb\x90\x00",) or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return MemberKind.AUDIO  # MPEG audio frame sync without an ID3 tag
    return MemberKind.OTHER
