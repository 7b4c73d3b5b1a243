"""Facebook, Messenger and Instagram "Download your information" (JSON variant).

Threads live at ``messages/inbox/<thread>/message_1.json`` (2024:
``your_facebook_activity/messages/...``; Instagram 2025: ``your_instagram_activity/
messages/...``), and the folder names keep moving, so a thread is recognised by its shape:
a JSON object with ``participants`` and ``messages`` whose items carry ``sender_name`` and
``timestamp_ms``. A voice message lists ``audio_files[]`` with a ``uri`` (relative to the
export root, but with a root prefix that has changed between vintages) and a
``creation_timestamp``.

Facebook writes UTF-8 bytes as if each were a Latin-1 character (``\\u00c3\\u00bc`` for
"ü"); every string is repaired when the repair round-trips.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from viewer.archive import NEST_SEPARATOR, Member, MemberKind
from viewer.formats.base import (
    ExportFormatError,
    ExportIndex,
    Importer,
    ImportResult,
    register,
    safe_call,
)
from viewer.formats.timenames import time_from_name
from viewer.model import Account, Fact, Recording, SourceRef, TranscriptEntry

log = logging.getLogger("viewer.formats.facebook")

FORMAT = "facebook"

_THREAD_NAME = re.compile(r"^message_\d+\.json$", re.IGNORECASE)
_THREAD_HEAD = re.compile(r'"participants"\s*:')
_MESSAGES_HEAD = re.compile(r'"(?:messages|sender_name)"\s*:')
#: Folders the export root has been wrapped in over the years; a uri may carry one of them
#: while the files sit under another (or none).
_ROOT_PREFIXES = ("your_facebook_activity/", "your_instagram_activity/", "your_activity/")
_PROFILE_KEYS = ("profile_v2", "profile")


def fix_mojibake(text: str) -> str:
    """Undo Facebook's escaping of UTF-8 bytes as Latin-1 code points, when that is what
    happened (the bytes must decode as UTF-8); any other string is returned unchanged."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _repair(value: Any) -> Any:
    """The parsed JSON with every string (keys too) repaired."""
    if isinstance(value, str):
        return fix_mojibake(value)
    if isinstance(value, list):
        return [_repair(item) for item in value]
    if isinstance(value, dict):
        return {fix_mojibake(key): _repair(item) for key, item in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class _Owner:
    key: str
    name: str | None


@register
class FacebookImporter(Importer):
    name = FORMAT
    label = "Facebook / Messenger / Instagram"
    #: Messages carry millisecond times, but the audio names nothing else to pair on.
    time_link_tolerance_s = 5.0

    def score(self, index: ExportIndex) -> float:
        if _thread_candidates(index):
            return 0.9
        if _profile_candidates(index):
            return 0.3
        return 0.0

    def load(self, index: ExportIndex, unclaimed: frozenset[str]) -> ImportResult:
        result = ImportResult(FORMAT, time_link_tolerance_s=self.time_link_tolerance_s)
        owner = None
        for member in _profile_candidates(index):
            if member.path in unclaimed:
                found = safe_call(result, member.path,
                                  partial(_load_profile, index, member, result))
                owner = owner or found
        loader = _ThreadLoader(index, unclaimed, result, owner)
        for member in _thread_candidates(index):
            if member.path in unclaimed:
                safe_call(result, member.path, partial(loader.load, member))
        loader.add_unnamed_audio()
        return result


# -- finding files ------------------------------------------------------------------------

def _thread_candidates(index: ExportIndex) -> list[Member]:
    def is_thread(member: Member) -> bool:
        head = index.head_text(member.path, 4096)
        return bool(head.lstrip().startswith("{") and _THREAD_HEAD.search(head)
                    and _MESSAGES_HEAD.search(head))

    return index.named_or_shaped(MemberKind.JSON, _THREAD_NAME, is_thread)


def _profile_candidates(index: ExportIndex) -> list[Member]:
    found = []
    for member in index.of_kind(MemberKind.JSON):
        name = member.name.casefold()
        if name in ("profile_information.json", "personal_information.json"):
            found.append(member)
    return found


# -- the account owner --------------------------------------------------------------------

def _load_profile(index: ExportIndex, member: Member, result: ImportResult) -> _Owner | None:
    data = _repair(index.read_json(member.path))
    if not isinstance(data, dict):
        raise ExportFormatError(f"{member.path}: expected a profile object")
    source = SourceRef(member.path)
    account = _facebook_profile(data, source) or _instagram_profile(data, source)
    if account is None:
        return None
    result.accounts.append(account)
    result.claimed.add(member.path)
    return _Owner(account.key, account.name)


def _facebook_profile(data: dict[str, Any], source: SourceRef) -> Account | None:
    profile = next((data[key] for key in _PROFILE_KEYS if isinstance(data.get(key), dict)),
                   None)
    if profile is None:
        return None
    name_block = profile.get("name")
    name = _text(name_block.get("full_name")) if isinstance(name_block, dict) else \
        _text(name_block)
    emails_block = profile.get("emails")
    emails = _strings(emails_block.get("emails")) if isinstance(emails_block, dict) else \
        _strings(emails_block)
    username = _text(profile.get("username"))
    facts = [Fact("email", email, source) for email in emails]
    if username:
        facts.append(Fact("username", username, source))
    identity = username or (emails[0] if emails else "") or name
    if not identity:
        return None
    return Account(key=f"facebook:{identity}", kind="facebook-account", name=name or None,
                   sources=(source,), facts=tuple(facts))


def _instagram_profile(data: dict[str, Any], source: SourceRef) -> Account | None:
    users = data.get("profile_user")
    if not isinstance(users, list) or not users or not isinstance(users[0], dict):
        return None
    values = users[0].get("string_map_data")
    if not isinstance(values, dict):
        return None

    def value(*keys: str) -> str:
        for key in keys:
            item = values.get(key)
            if isinstance(item, dict) and _text(item.get("value")):
                return _text(item.get("value"))
        return ""

    username, name, email = value("Username", "Benutzername"), value("Name"), value(
        "Email", "E-Mail", "E-mail")
    identity = username or email or name
    if not identity:
        return None
    facts = [Fact(key, text, source) for key, text in (("username", username), ("email", email))
             if text]
    return Account(key=f"instagram:{identity}", kind="instagram-account", name=name or None,
                   sources=(source,), facts=tuple(facts))


# -- threads ------------------------------------------------------------------------------

class _ThreadLoader:
    """Reads threads; remembers which thread folders it saw for the audio nobody names."""

    def __init__(self, index: ExportIndex, unclaimed: frozenset[str], result: ImportResult,
                 owner: _Owner | None) -> None:
        self.index = index
        self.unclaimed = unclaimed
        self.result = result
        self.owner = owner
        self.paths = {member.path for member in index.members}
        self.made: set[str] = set()
        self.thread_folders: set[str] = set()

    def load(self, member: Member) -> None:
        data = _repair(self.index.read_json(member.path))
        if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
            raise ExportFormatError(f"{member.path}: not a message thread (no list of "
                                    "messages)")
        self.result.claimed.add(member.path)
        self.thread_folders.add(_folder(member.path))
        thread = _text(data.get("title")) or PurePosixPath(_folder(member.path)).name
        self._participants(member.path, data.get("participants"))
        for number, message in enumerate(data["messages"], start=1):
            locator = f"message {number}"
            if not isinstance(message, dict):
                self.result.problem(member.path, locator, "this message is not a JSON object")
                continue
            audio = _objects(message.get("audio_files"))
            for position, item in enumerate(audio, start=1):
                where = locator if len(audio) == 1 else f"{locator}, audio {position}"
                self._voice_message(member.path, where, thread, message, item)

    def _participants(self, path: str, participants: Any) -> None:
        for person in _objects(participants):
            name = _text(person.get("name"))
            if name:
                self.result.accounts.append(Account(
                    key=f"participant:{name}", kind="chat-participant", name=name,
                    sources=(SourceRef(path, "participants"),)))

    def _voice_message(self, path: str, locator: str, thread: str, message: dict[str, Any],
                       item: dict[str, Any]) -> None:
        source = SourceRef(path, locator)
        sender = _text(message.get("sender_name")) or None
        sent = _epoch(message.get("timestamp_ms"), milliseconds=True)
        created = _epoch(item.get("creation_timestamp"), milliseconds=False)
        uri = _text(item.get("uri"))
        facts = [Fact("thread", thread, source)]
        if created is not None:
            facts.append(Fact("creation_timestamp", created.isoformat(), source))
        if sender and self.owner and self.owner.name:
            facts.append(Fact("sender_is_account_owner",
                              "yes" if sender == self.owner.name else "no", source))
        if sent is None:
            self.result.problem(path, locator, "the message has no readable timestamp_ms")
        target = self._resolve(uri, path) if uri else None
        transcript_facts = list(facts)
        if target is None:
            self.result.problem(path, locator, f"the voice message names {uri or 'no file'}, "
                                               "which is not in the export")
            transcript_facts.append(Fact("audio_file_missing", uri or "(no uri)", source))
        elif target in self.unclaimed and target not in self.made:
            self.made.add(target)
            self.result.recordings.append(Recording(
                path=target, format=FORMAT, start=sent or created,
                time_source="message time" if sent else "audio creation time",
                time_precision_s=0.001 if sent else 1.0, sender=sender,
                facts=tuple(facts)))
        self.result.transcripts.append(TranscriptEntry(
            id=f"{path}#{locator}", source=source, format=FORMAT, time=sent or created,
            text=_text(message.get("content")), audio_name=_basename(uri) if uri else None,
            speaker=sender, facts=tuple(transcript_facts)))

    def _resolve(self, uri: str, thread_path: str) -> str | None:
        """The member a uri means: tried against every root the export could have, then
        against the thread folder, then by file name within the thread."""
        uri = uri.replace("\\", "/").lstrip("/")
        variants = [uri]
        for prefix in _ROOT_PREFIXES:
            if uri.startswith(prefix):
                variants.append(uri[len(prefix):])
        variants += [prefix + variant for variant in list(variants) for prefix in _ROOT_PREFIXES]
        for root in _roots(thread_path):
            for variant in variants:
                if root + variant in self.paths:
                    return root + variant
        folder = _folder(thread_path)
        parts = uri.split("/")
        for start in range(1, len(parts)):
            candidate = f"{folder}/{'/'.join(parts[start:])}"
            if candidate in self.paths:
                return candidate
        same_name = [path for path in self.index.by_basename(parts[-1])
                     if path.startswith(folder + "/")]
        return same_name[0] if len(same_name) == 1 else None

    def add_unnamed_audio(self) -> None:
        """Audio under a thread folder that no message names still becomes a recording."""
        for member in self.index.of_kind(MemberKind.AUDIO):
            if member.path in self.made or member.path not in self.unclaimed:
                continue
            if not any(member.path.startswith(folder + "/") for folder in self.thread_folders):
                continue
            stated = time_from_name(member.name)
            self.made.add(member.path)
            self.result.recordings.append(Recording(
                path=member.path, format=FORMAT,
                start=stated.time if stated else None,
                time_source="file name" if stated else "",
                time_precision_s=stated.precision_s if stated else None,
                time_zone_assumed=bool(stated and not stated.zone_given),
                facts=(Fact("named_by_message", "no", SourceRef(member.path)),)))


# -- small helpers ------------------------------------------------------------------------

def _roots(path: str) -> list[str]:
    """Every folder prefix of ``path``, deepest last: "", "a/", "a/b/" ..."""
    inner = path.rsplit(NEST_SEPARATOR, 1)
    base = inner[0] + NEST_SEPARATOR if len(inner) == 2 else ""
    parts = inner[-1].split("/")[:-1]
    return [base + "".join(part + "/" for part in parts[:count])
            for count in range(len(parts) + 1)]


def _epoch(value: Any, *, milliseconds: bool) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    seconds = value / 1000 if milliseconds else value
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _strings(value: Any) -> list[str]:
    if isinstance(value, list):
        return [item.strip() for item in value if isinstance(item, str) and item.strip()]
    return [value.strip()] if isinstance(value, str) and value.strip() else []


def _objects(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _basename(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).name


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""
