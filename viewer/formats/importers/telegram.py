"""Telegram Desktop exports: ``result.json`` plus media folders (``voice_messages/`` ...).

The JSON is recognised by its keys, not its name: a full export has ``personal_information``
and ``chats.list[].messages``; a single-chat export is one chat object with ``messages``
whose items have ``type: message``. Voice messages name their file relative to the folder
holding ``result.json``; a file left out of the export is written as the sentence
``(File not included. Change data exporting settings to download.)``.

``date`` is the exporting computer's local time without an offset; ``date_unixtime`` (newer
exports) is exact, so it wins whenever it is there.

A forwarded message keeps its original author in ``forwarded_from`` (a name, ``null`` when
the author hides their account) and one saved to Saved Messages names its chat in
``saved_from``; ``from`` is then whoever forwarded or saved it. The voice is the original
author's, so the speaker is the author and the forwarder is kept as a fact: crediting a
forwarded voice note to the forwarder would make a stranger's voice look like the owner's.
Older exports write ``from_id`` as a bare number (the user id); it is read as ``user<id>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from viewer.archive import Member, MemberError, MemberKind
from viewer.formats.base import (
    ExportIndex,
    Importer,
    ImportResult,
    parse_iso_time,
    register,
    safe_call,
    shared_prefix_length,
)
from viewer.formats.importers.chat_run import ChatRun
from viewer.model import Account, Fact, Recording, SourceRef, TranscriptEntry

FORMAT = "telegram"

#: Keys near the top of a Telegram result.json; one is enough to try parsing it.
_HEAD_SHAPE = re.compile(
    r'"personal_information"\s*:|"date_unixtime"\s*:|"from_id"\s*:\s*(?:"(?:user|channel)|\d)'
    r'|"type"\s*:\s*"(?:personal_chat|private_group|private_supergroup|public_channel|'
    r'saved_messages)"')
#: Media types whose file is audio. Round videos are video (mp4) and are left alone.
_AUDIO_MEDIA = frozenset({"voice_message", "audio_file"})
#: Telegram Desktop's names for voice files: audio_1@14-11-2023_22-13-20.ogg
_TELEGRAM_AUDIO_NAME = re.compile(r"^audio_\d+@\d\d-\d\d-\d{4}_\d\d-\d\d-\d\d\.\w+$")
_MEDIA_FOLDERS = frozenset({"voice_messages", "audio_files"})


def flatten_text(value: Any) -> str:
    """A message ``text``: a string, or a list of strings and entities with ``text``."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts: list[str] = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                parts.append(part["text"])
        return "".join(parts)
    return ""


def message_time(message: dict[str, Any]) -> tuple[datetime, bool] | None:
    """(UTC time, exact?) from ``date_unixtime`` when present, else the local ``date``."""
    unix = message.get("date_unixtime")
    if isinstance(unix, str | int) and not isinstance(unix, bool):
        try:
            return datetime.fromtimestamp(int(unix), tz=UTC), True
        except (ValueError, OverflowError, OSError):
            pass
    date_text = message.get("date")
    parsed = parse_iso_time(date_text) if isinstance(date_text, str) else None
    if parsed is None:
        return None
    return parsed[0], parsed[1]


def looks_like_telegram(data: Any) -> bool:
    """True for a full export (personal_information / chats) or a single chat's JSON."""
    if not isinstance(data, dict):
        return False
    if isinstance(data.get("personal_information"), dict):
        return True
    chats = data.get("chats")
    if isinstance(chats, dict) and isinstance(chats.get("list"), list):
        return True
    messages = data.get("messages")
    return isinstance(messages, list) and any(
        isinstance(m, dict) and m.get("type") in ("message", "service") for m in messages)


def _is_not_included(file_value: str) -> bool:
    """Telegram writes a parenthesised sentence instead of a path for files left out."""
    stripped = file_value.strip()
    return stripped.startswith("(") and stripped.endswith(")")


def _folder(path: str) -> str:
    """The folder prefix of a member path, with its trailing slash ('' at the top)."""
    return path.rsplit("/", 1)[0] + "/" if "/" in path else ""



@dataclass(slots=True)
class _Run(ChatRun):
    """A chat run that also collects the accounts it meets."""

    accounts: dict[str, Account] = field(default_factory=dict)

    def add_account(self, account: Account) -> None:
        """The first mention of an account wins (the owner is added before any sender)."""
        if account.key not in self.accounts:
            self.accounts[account.key] = account
            self.result.accounts.append(account)


@dataclass(frozen=True, slots=True)
class _Chat:
    json_path: str
    number: int | None  # position in chats.list (1-based); None for a single-chat export
    name: str | None
    messages: list[Any]

    def locator(self, message: Any, position: int) -> str:
        ident = message.get("id") if isinstance(message, dict) else None
        item = f"message {ident}" if isinstance(ident, int | str) else f"record {position}"
        return item if self.number is None else f"chat {self.number}, {item}"


@register
class TelegramImporter(Importer):
    name = FORMAT
    label = "Telegram Desktop"

    def score(self, index: ExportIndex) -> float:
        candidates = _candidates(index)
        if any(shaped for _, shaped in candidates):
            return 0.9
        return 0.2 if candidates else 0.0

    def load(self, index: ExportIndex, unclaimed: frozenset[str]) -> ImportResult:
        run = _Run(index, unclaimed, ImportResult(self.name, time_link_tolerance_s=1.0))
        loaded = [member.path for member, shaped in _candidates(index)
                  if member.path in unclaimed and _load_json(run, member.path, shaped)]
        for json_path in loaded:
            _unnamed_audio(run, json_path)
        return run.result


def _candidates(index: ExportIndex) -> list[tuple[Member, bool]]:
    """JSON members worth parsing, with whether their head has Telegram's shape."""
    found: list[tuple[Member, bool]] = []
    for member in index.of_kind(MemberKind.JSON):
        try:
            head = index.head_text(member.path, 16_384)
        except (MemberError, OSError, ValueError):
            continue
        shaped = bool(_HEAD_SHAPE.search(head))
        if shaped or member.name.casefold() == "result.json":
            found.append((member, shaped))
    return found


def _load_json(run: _Run, path: str, shaped: bool) -> bool:
    """Load one result.json; True when it was a Telegram export (readable or broken)."""
    result = run.result
    before = len(result.problems)
    data = safe_call(result, path, lambda: run.index.read_json(path))
    if data is None:
        if len(result.problems) > before:
            result.claimed.add(path)  # ours, but broken: the problem says why
            return True
        return False
    if not looks_like_telegram(data):
        if shaped:
            result.problem(path, "", "looks like a Telegram export but has neither "
                                     "personal_information nor chats with messages")
        return False
    result.claimed.add(path)
    safe_call(result, path, lambda: _load_export(run, path, data))
    return True


def _load_export(run: _Run, path: str, data: dict[str, Any]) -> None:
    info = data.get("personal_information")
    if isinstance(info, dict):
        _owner(run, path, info)
    for chat in _chats(path, data):
        for position, message in enumerate(chat.messages, start=1):
            locator = chat.locator(message, position)
            if not isinstance(message, dict):
                run.result.problem(path, locator, "a message that is not a JSON object")
                continue
            safe_call(run.result, path, partial(_message, run, chat, message, locator))


def _owner(run: _Run, path: str, info: dict[str, Any]) -> None:
    """personal_information: the account this export belongs to."""
    user_id = info.get("user_id")
    if user_id is None:
        run.result.problem(path, "personal_information", "no user_id in personal_information")
        return
    source = SourceRef(path, "personal_information")
    first, last = info.get("first_name") or "", info.get("last_name") or ""
    name = " ".join(part for part in (str(first).strip(), str(last).strip()) if part) or None
    facts = tuple(Fact(key, str(info[key]).strip(), source)
                  for key in ("user_id", "first_name", "last_name", "phone_number", "username")
                  if info.get(key) not in (None, ""))
    run.add_account(Account(key=f"user{user_id}", kind="telegram-account", name=name,
                            sources=(source,), facts=facts))


def _chats(path: str, data: dict[str, Any]) -> Iterator[_Chat]:
    if isinstance(data.get("messages"), list):
        name = data.get("name")
        yield _Chat(path, None, name if isinstance(name, str) else None, data["messages"])
    number = 0
    for key in ("chats", "left_chats"):
        group = data.get(key)
        items = group.get("list") if isinstance(group, dict) else None
        for chat in items if isinstance(items, list) else ():
            number += 1
            if isinstance(chat, dict) and isinstance(chat.get("messages"), list):
                name = chat.get("name")
                yield _Chat(path, number, name if isinstance(name, str) else None,
                            chat["messages"])


def account_key(value: Any) -> str | None:
    """A ``from_id``: ``user100000001`` / ``channel…`` as written, or an older export's bare
    number (a user id) as ``user<id>``."""
    if isinstance(value, str) and value.strip():
        text = value.strip()
        return f"user{text}" if text.isdigit() else text
    if isinstance(value, int) and not isinstance(value, bool):
        return f"user{value}"
    return None


@dataclass(frozen=True, slots=True)
class _Author:
    """Who speaks in a message: its sender, or the original author of a forwarded one."""

    name: str | None
    account: str | None
    facts: tuple[Fact, ...] = ()


def _author(message: dict[str, Any], sender: str | None, sender_id: str | None,
            source: SourceRef) -> _Author:
    """The original author of a forwarded or saved message, with the forwarder as facts."""
    forwarded = "forwarded_from" in message
    saved = "saved_from" in message
    if not (forwarded or saved):
        return _Author(sender, sender_id)
    facts: list[Fact] = []
    original = message.get("forwarded_from") if forwarded else message.get("saved_from")
    name = original.strip() if isinstance(original, str) and original.strip() else None
    for key in ("forwarded_from", "saved_from"):
        if key in message:
            value = message.get(key)
            facts.append(Fact(key, value.strip() if isinstance(value, str) and value.strip()
                              else "(hidden or unknown)", source))
    account = account_key(message.get("forwarded_from_id") if forwarded
                          else message.get("saved_from_id"))
    if sender:
        facts.append(Fact("forwarded_by" if forwarded else "saved_by", sender, source))
    if sender_id:
        facts.append(Fact("forwarded_by_id" if forwarded else "saved_by_id", sender_id, source))
    return _Author(name, account, tuple(facts))


def _message(run: _Run, chat: _Chat, message: dict[str, Any], locator: str) -> None:
    sender = message.get("from") if isinstance(message.get("from"), str) else None
    sender_id = account_key(message.get("from_id"))
    if sender_id:
        run.add_account(Account(key=sender_id, kind="chat-participant", name=sender,
                                sources=(SourceRef(chat.json_path, locator),)))
    file_value = message.get("file")
    mime = written if isinstance(written := message.get("mime_type"), str) else ""
    if message.get("media_type") not in _AUDIO_MEDIA and not mime.startswith("audio/"):
        return
    if not isinstance(file_value, str):
        return
    author = _author(message, sender, sender_id, SourceRef(chat.json_path, locator))
    if author.account and author.account != sender_id:
        run.add_account(Account(key=author.account, kind="chat-participant", name=author.name,
                                sources=(SourceRef(chat.json_path, locator),)))
    _voice(run, chat, message, locator, file_value, author)


def _voice(run: _Run, chat: _Chat, message: dict[str, Any], locator: str, file_value: str,
           author: _Author) -> None:
    """A transcript entry for an audio message and, when its file is there, its recording."""
    source = SourceRef(chat.json_path, locator)
    facts = _facts(chat, message, source) + list(author.facts)
    timed = message_time(message)
    if timed is None:
        run.result.problem(chat.json_path, locator, "no readable date on this voice message")
    member = None
    audio_name: str | None = None
    if _is_not_included(file_value):
        facts.append(Fact("file_not_included", file_value.strip(), source))
    else:
        audio_name = file_value.replace("\\", "/").removeprefix("./")
        member = _resolve(run, chat.json_path, audio_name)
        if member is None and not run.index.by_basename(audio_name):
            facts.append(Fact("file_not_included",
                              f"{audio_name} is named but not in the export", source))
    run.result.transcripts.append(TranscriptEntry(
        id=f"{chat.json_path}#{locator}", source=source, format=FORMAT,
        time=timed[0] if timed else None, text=flatten_text(message.get("text")).strip(),
        audio_name=audio_name, speaker=author.name,
        time_zone_assumed=bool(timed and not timed[1]), facts=tuple(facts)))
    if member is None:
        return
    run.taken.add(member)
    run.result.recordings.append(Recording(
        path=member, format=FORMAT, start=timed[0] if timed else None,
        time_source="message date_unixtime" if timed and timed[1] else "message date",
        time_precision_s=1.0 if timed else None,
        time_zone_assumed=bool(timed and not timed[1]), account=author.account,
        sender=author.name, facts=tuple(facts)))


def _facts(chat: _Chat, message: dict[str, Any], source: SourceRef) -> list[Fact]:
    facts: list[Fact] = []
    if chat.name:
        facts.append(Fact("chat", chat.name, source))
    for key, fact_key in (("media_type", "media_type"), ("mime_type", "mime_type"),
                          ("duration_seconds", "duration_seconds_declared"),
                          ("performer", "performer"), ("title", "title")):
        value = message.get(key)
        if isinstance(value, str | int | float) and not isinstance(value, bool) and value != "":
            facts.append(Fact(fact_key, str(value), source))
    return facts


def _resolve(run: _Run, json_path: str, relative: str) -> str | None:
    """The unclaimed audio member a message's ``file`` names, relative to result.json."""
    exact = _folder(json_path) + relative
    if run.is_free(exact):
        return exact
    usable = [path for path in run.index.by_basename(relative) if run.is_free(path)]
    if not usable:
        return None
    return max(usable, key=lambda p: shared_prefix_length(p, exact))


def _unnamed_audio(run: _Run, json_path: str) -> None:
    """Telegram voice files under the export's folder that no message names (or whose JSON
    is broken): still recordings, timed from their names (local time, assumed UTC)."""
    folder = _folder(json_path)

    def belongs(member: Member) -> bool:
        parent = _folder(member.path).rstrip("/").rsplit("/", 1)[-1]
        return member.path.startswith(folder) and (
            parent in _MEDIA_FOLDERS or bool(_TELEGRAM_AUDIO_NAME.match(member.name)))

    run.add_unnamed_audio(json_path, belongs, "named_in_export")
