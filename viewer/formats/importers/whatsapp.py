"""WhatsApp chat exports: a chat text (``_chat.txt`` or ``WhatsApp Chat with X.txt``) + media.

A chat text is recognised by the shape of its lines, never by its name: the Android file name
is translated ("WhatsApp-Chat mit X.txt") and people rename exports. Two line shapes exist:

* iOS: ``[3/27/22, 21:44:47] Name: <attached: 00000038-AUDIO-2022-03-27-21-44-47.opus>``
* Android: ``18/03/2022, 15:12 - Name: PTT-20220323-WA0000.opus (file attached)``

The attachment markers are translated too (``<Anhang: ...>``, ``(Datei angehängt)``,
``(archivo adjunto)``, ``<المرفق: ...>``), so they are matched by shape: a media file name
inside ``<label: >``, or a media file name followed by a parenthesised note. Android can write
a name with a bare dot for its suffix (``AUD-20201110-WA0043. (file attached)``); it is paired
with the file of that stem. The date order follows the phone's locale and is decided per file
from the evidence (see ``decide_date_order``); that decision is kept as a fact on every entry,
because a wrong guess moves a voice note by months.

Real exports drift further:

* right-to-left locales put direction marks (U+200E/U+200F/U+061C, U+202A-U+202E,
  U+2066-U+2069) inside the date, the Arabic comma U+060C after it, and their own AM/PM words
  (Arabic ``ص``/``م``, Persian ``ق.ظ.``/``ب.ظ.``);
* iOS writes dates in the phone's calendar: ``3/27/2565 BE`` (Thai Buddhist era) and
  ``3/27/R4`` (Japanese era Reiwa 4) are converted (``viewer.formats.times``); any other era
  marker is an import problem naming the line, and those lines get no time rather than a
  guessed one;
* a chat exported "without media" keeps a line per voice note (``audio omitted``, ``Audio
  weggelassen``, ``<Media omitted>`` ...). Each becomes a transcript entry without audio, so a
  person still sees that a voice note existed.

WhatsApp has no transcripts: the "transcript" of a voice note is the chat around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import PurePosixPath

from viewer.archive import Member, MemberError, MemberKind
from viewer.formats.base import (
    ExportIndex,
    Importer,
    ImportResult,
    register,
    safe_call,
    shared_prefix_length,
)
from viewer.formats.importers.chat_run import ChatRun
from viewer.formats.timenames import time_from_name
from viewer.formats.times import (
    DAY_FIRST,
    MONTH_FIRST,
    YEAR_FIRST,
    DateOrder,
    calendar_name,
    gregorian_year,
)
from viewer.model import Account, Fact, Recording, SourceRef, TranscriptEntry

FORMAT = "whatsapp"

#: Invisible marks WhatsApp sprinkles anywhere in a line, inside dates too: LRM, RLM, the
#: Arabic letter mark, the embedding/override and isolate controls, and a stray BOM.
_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]")
#: Unusual spaces (NBSP; U+202F before AM/PM in newer iOS exports) read as plain spaces.
_SPACES = re.compile("[\u00a0\u2007\u2009\u202f]")

#: An era written before a year field: Japanese iOS in English writes ``R4`` (Reiwa 4),
#: ``H31`` (Heisei 31); in Japanese the era's name. Any other capital letter is an era too,
#: an unknown one (reported, never guessed).
_ERA_PREFIX = r"(?-i:[A-Z])|令和|平成|昭和|大正|明治"
_FIELD = rf"(?:{_ERA_PREFIX})?\d{{1,4}}"
_DATE = rf"(?P<date>{_FIELD}[./-] ?{_FIELD}[./-] ?{_FIELD})\.?"
#: An era written after the date: ``BE`` (Thai Buddhist era), or a calendar this app does not
#: convert (``AH``, ``AP``, Arabic ``هـ``, Persian ``ه.ش.``). Capitals only, so a locale's
#: short word between date and time (French "à", German "um") is not taken for one.
_ERA_SUFFIX = r"(?-i:[A-Z](?:\.?[A-Z]){0,3}\.?)|هـ|ه\.ش\.?|พ\.ศ\.?"
#: AM/PM in Latin letters, Arabic (ص/م) and Persian (ق.ظ./ب.ظ.).
_AMPM = r"[ap]\.? ?m\.?|ص|م|ق\.ظ\.?|ب\.ظ\.?"
_TIME = rf"(?P<time>\d{{1,2}}[:.]\d\d(?:[:.]\d\d)?)(?: ?(?P<ampm>{_AMPM}))?"
#: The comma after the date may be the Arabic comma U+060C.
_IOS_LINE = re.compile(rf"^\[{_DATE}(?: (?P<era>{_ERA_SUFFIX}))?[,،]? {_TIME}\] ?(?P<rest>.*)$",
                       re.IGNORECASE)
#: Some locales put a short word between date and time: "27/03/2022 à 21:44 - ".
_ANDROID_LINE = re.compile(
    rf"^{_DATE}(?: (?P<era>{_ERA_SUFFIX}))?(?:[,،]? | \w{{1,5}} ){_TIME} [-–] (?P<rest>.*)$",
    re.IGNORECASE)
_FIELD_PARTS = re.compile(rf"^(?P<era>{_ERA_PREFIX})?(?P<number>\d{{1,4}})$")
_SENDER = re.compile(r"^(?P<name>[^:\n]{1,100}?): (?P<text>.*)$", re.DOTALL)

#: A media file name; or one with a bare dot for its suffix ("AUD-20201110-WA0043.").
_MEDIA_NAME = (r"[^<>()/\\:\n]*?[^<>()/\\:\s]\.[A-Za-z0-9]{2,5}"
               r"|[^<>()/\\:\s]+\.")
#: iOS: ``<attached: file>``, ``<Anhang: file>``, ``<pièce jointe : file>``, ``<المرفق: file>``
#: (some copies show the brackets as ‹ ›).
_IOS_ATTACHMENT = re.compile(rf"^[<‹][^<>‹›:]{{1,40}}: ?(?P<file>{_MEDIA_NAME})[>›]$")
#: Android: ``file (file attached)``, ``file (Datei angehängt)``, ``file (archivo adjunto)``.
_ANDROID_ATTACHMENT = re.compile(rf"^(?P<file>{_MEDIA_NAME}) \((?P<note>[^()]{{1,40}})\)$")
#: The attachment words WhatsApp writes, right-to-left locales included; with one of them
#: the label may stand without its brackets ("المرفق: file").
_ATTACHMENT_WORDS = (
    "attached", "anhang", "pièce jointe", "adjunto", "allegato", "anexado",
    "bijgevoegd", "المرفق", "مرفق", "پیوست", "מצורף", "קובץ מצורף", "منسلک",
)
_BARE_ATTACHMENT = re.compile(
    rf"^(?:{'|'.join(re.escape(word) for word in _ATTACHMENT_WORDS)}) ?: ?"
    rf"(?P<file>{_MEDIA_NAME})$", re.IGNORECASE)

#: A voice note (or any media) of a chat exported "without media": ``audio omitted`` (iOS),
#: ``<Media omitted>`` (Android), translated: ``Audio weggelassen``, ``audio omitido``,
#: ``audio omis``, ``audio omesso``, ``áudio ocultado``, ``audio weggelaten``,
#: ``<Medien ausgeschlossen>``, ``<Multimedia omitido>``, ``<Mídia oculta>`` ...
_OMITTED = re.compile(
    r"^<?\s*(?P<kind>[^\W\d_]+)\s+(?P<word>omitted|omitida|omitido|omitidos|omis|omise"
    r"|omises|omesso|omessa|omessi|weggelassen|weggelaten|ausgeschlossen|ocultado|ocultada"
    r"|oculta|ocultos|dahil edilmedi)\s*>?$", re.IGNORECASE)
#: Kinds that name a voice note, and kinds that name media of any sort (which may have been
#: one). Images, videos, stickers ... are neither.
_OMITTED_AUDIO = frozenset({"audio", "áudio", "ses"})
_OMITTED_MEDIA = frozenset({"media", "medien", "multimedia", "mídia", "midia", "médias",
                            "medias", "medya"})

_AUDIO_SUFFIXES = frozenset({".opus", ".ogg", ".oga", ".m4a", ".mp3", ".aac", ".amr", ".wav",
                             ".flac"})
_VOICE_NAME = re.compile(r"^PTT-|-AUDIO-|^AUD-", re.IGNORECASE)

#: The era of a year that cannot be Gregorian (1401: Solar Hijri? Islamic?) with no marker.
UNNAMED_ERA = "?"

#: How many messages before and after a voice note make up its context.
CONTEXT_MESSAGES = 2


def clean_line(line: str) -> str:
    """The line without direction marks and with odd spaces made plain."""
    return _SPACES.sub(" ", _MARKS.sub("", line)).rstrip()


@dataclass(slots=True)
class ChatMessage:
    """One message of a chat text: its header line and any continuation lines."""

    line: int  # 1-based line number of the header line
    date_fields: tuple[str, str, str]
    time_text: str
    ampm: str | None
    sender: str | None
    lines: list[str] = field(default_factory=list)
    #: True for the iOS shape, whose times carry seconds.
    with_seconds: bool = False
    #: The calendar's era marker ("BE", "R", "AH"), when the date names one.
    era: str | None = None
    #: Which date field carried the era as a prefix (that field is the year).
    era_field: int | None = None
    #: True when no era was written but the year says the calendar is not Gregorian: 2400-2699
    #: can only be Buddhist (era "BE"); 1300-1599 (Solar Hijri, Islamic) is unknown (era "?").
    era_inferred: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def context_line(self) -> str:
        return f"{self.sender}: {self.text}" if self.sender else self.text


def match_message_line(line: str) -> re.Match[str] | None:
    """The header match when ``line`` (already cleaned) starts a message, else None."""
    return _IOS_LINE.match(line) or _ANDROID_LINE.match(line)


def parse_chat(text: str) -> tuple[list[ChatMessage], list[int]]:
    """The messages of a chat text, and line numbers of text found before the first message."""
    messages: list[ChatMessage] = []
    stray: list[int] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = clean_line(raw)
        match = match_message_line(line)
        if match is None:
            if messages:
                messages[-1].lines.append(line)
            elif line.strip():
                stray.append(number)
            continue
        rest = match["rest"]
        sender_match = _SENDER.match(rest)
        sender = sender_match["name"].strip() if sender_match else None
        body = sender_match["text"] if sender_match else rest
        message = ChatMessage(
            line=number, date_fields=("", "", ""), time_text=match["time"],
            ampm=match["ampm"], sender=sender, lines=[body.strip()],
            with_seconds=match["time"].count(":") + match["time"].count(".") == 2)
        _read_date_fields(message, match["date"], match["era"])
        messages.append(message)
    return messages, stray


def _read_date_fields(message: ChatMessage, date_text: str, era_after: str | None) -> None:
    """The three date fields as digits, with the calendar's era wherever it was written."""
    fields_: list[str] = []
    for position, part in enumerate(re.split(r"[./-]", date_text)[:3]):
        parts = _FIELD_PARTS.match(part.strip())
        if parts is None:  # cannot happen for a matched line; kept total for safety
            fields_.append(part.strip())
            continue
        fields_.append(parts["number"])
        if parts["era"] and message.era is None:
            message.era, message.era_field = parts["era"], position
    message.date_fields = (fields_[0], fields_[1], fields_[2])
    if era_after and message.era is None:
        message.era = era_after.strip()
    years = [int(value) for value in fields_ if len(value) == 4 and value.isdigit()]
    if message.era is None and any(2400 <= year <= 2699 for year in years):
        message.era, message.era_inferred = "BE", True
    elif message.era is None and any(1300 <= year <= 1599 for year in years):
        message.era, message.era_inferred = UNNAMED_ERA, True


def attachment_name(message: ChatMessage) -> str | None:
    """The media file a message attaches, when its first line has an attachment's shape."""
    first = message.lines[0].strip() if message.lines else ""
    match = (_IOS_ATTACHMENT.match(first) or _ANDROID_ATTACHMENT.match(first)
             or _BARE_ATTACHMENT.match(first))
    return match["file"].strip() if match else None


def omitted_media(message: ChatMessage) -> tuple[str, bool] | None:
    """(the line's words, whether they name a voice note) for a line of a chat exported
    without media that stands for a voice note or for media of an unstated kind."""
    first = message.lines[0].strip() if message.lines else ""
    match = _OMITTED.match(first)
    if match is None:
        return None
    kind = match["kind"].casefold()
    if kind in _OMITTED_AUDIO:
        return first, True
    if kind in _OMITTED_MEDIA:
        return first, False
    return None


def is_voice_note(name: str) -> bool:
    """Audio by suffix, or WhatsApp's own audio names (PTT-..., ...-AUDIO-..., AUD-...)."""
    path = PurePosixPath(name)
    return path.suffix.lower() in _AUDIO_SUFFIXES or bool(_VOICE_NAME.search(path.name))


# -- dates ---------------------------------------------------------------------------------


def _calendar(message: ChatMessage, order: str) -> tuple[int, int, int]:
    """(Gregorian year, month, day) of a message's date read in ``order``.

    Two-digit years are 20xx; a year in a known era is converted; a year in an unknown era
    raises ValueError (no date is better than a guessed one).
    """
    a, b, c = message.date_fields
    if order == YEAR_FIRST:
        year, month, day = a, b, c
    elif order == DAY_FIRST:
        day, month, year = a, b, c
    else:
        month, day, year = a, b, c
    full_year = gregorian_year(int(year), message.era)
    if full_year is None:
        raise ValueError(f"a year in an unknown calendar ({message.era})")
    return full_year, int(month), int(day)


def _as_date(message: ChatMessage, order: str) -> date | None:
    try:
        return date(*_calendar(message, order))
    except ValueError:
        return None


def _backward_steps(messages: Sequence[ChatMessage], order: str) -> int:
    """How often the dates go backwards (or are impossible) when read in ``order``."""
    steps = 0
    previous: date | None = None
    for message in messages:
        current = _as_date(message, order)
        if current is None:
            steps += 1
            continue
        if previous is not None and current < previous:
            steps += 1
        previous = current
    return steps


def _file_name_votes(messages: Sequence[ChatMessage], order: str) -> int:
    """How many attachments' file-name dates agree with their message date read in ``order``."""
    votes = 0
    for message in messages:
        name = attachment_name(message)
        stated = time_from_name(name) if name else None
        if stated is not None and stated.time.date() == _as_date(message, order):
            votes += 1
    return votes


def decide_date_order(messages: Sequence[ChatMessage]) -> DateOrder:
    """Day-first or month-first for this file, from the strongest evidence available.

    1. A first field above 12 can only be a day; a second field above 12 only a day too.
    2. Otherwise the order under which the dates never (or least often) go backwards.
    3. Otherwise the order under which attachment file names (PTT-20220323...) agree.
    4. Otherwise a guess from the locale's habits (dots and no AM/PM: day-first; AM/PM:
       month-first), flagged as ambiguous.
    """
    if not messages:
        return DateOrder(DAY_FIRST, "no dates in the chat", ambiguous=True)
    if sum(len(m.date_fields[0]) == 4 or m.era_field == 0 for m in messages) * 2 > len(messages):
        return DateOrder(YEAR_FIRST, "the year is written first")
    first_over = [m.line for m in messages if int(m.date_fields[0]) > 12]
    second_over = [m.line for m in messages if int(m.date_fields[1]) > 12]
    if first_over and second_over:
        order = DAY_FIRST if len(first_over) >= len(second_over) else MONTH_FIRST
        return DateOrder(order, f"conflicting dates: {len(first_over)} lines can only be "
                                f"day-first (line {first_over[0]}), {len(second_over)} only "
                                f"month-first (line {second_over[0]})", ambiguous=True)
    if first_over:
        return DateOrder(DAY_FIRST, f"a first date field above 12 (line {first_over[0]})")
    if second_over:
        return DateOrder(MONTH_FIRST, f"a second date field above 12 (line {second_over[0]})")
    day_back = _backward_steps(messages, DAY_FIRST)
    month_back = _backward_steps(messages, MONTH_FIRST)
    if day_back != month_back:
        order = DAY_FIRST if day_back < month_back else MONTH_FIRST
        return DateOrder(order, "all date fields are 12 or less; this order keeps the dates in "
                                f"sequence ({min(day_back, month_back)} vs "
                                f"{max(day_back, month_back)} backward steps)")
    day_votes = _file_name_votes(messages, DAY_FIRST)
    month_votes = _file_name_votes(messages, MONTH_FIRST)
    if day_votes != month_votes:
        order = DAY_FIRST if day_votes > month_votes else MONTH_FIRST
        return DateOrder(order, "all date fields are 12 or less; attachment file names "
                                "state the same dates in this order")
    if any(m.ampm for m in messages) and not any("." in m.time_text for m in messages):
        return DateOrder(MONTH_FIRST, "ambiguous dates (all fields 12 or less); guessed from "
                                      "the 12-hour clock", ambiguous=True)
    return DateOrder(DAY_FIRST, "ambiguous dates (all fields 12 or less); guessed as the "
                                "most common order", ambiguous=True)


#: The first letter of an afternoon marker: Latin "pm", Arabic "م", Persian "ب.ظ.".
_AFTERNOON = ("p", "م", "ب")


def message_time(message: ChatMessage, order: str) -> datetime | None:
    """The message time as naive local time read as UTC; None when it is impossible or in a
    calendar this app does not know."""
    parts = [int(part) for part in re.split(r"[:.]", message.time_text)]
    hour, minute = parts[0], parts[1]
    second = parts[2] if len(parts) > 2 else 0
    if message.ampm:
        afternoon = message.ampm.lower().startswith(_AFTERNOON)
        if hour > 12:
            return None
        hour = (hour % 12) + (12 if afternoon else 0)
    try:
        return datetime(*_calendar(message, order), hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None


# -- the importer --------------------------------------------------------------------------


def _parent(path: str) -> str:
    """The folder of a member path (nesting levels included), '' at the top."""
    return path.rsplit("/", 1)[0] if "/" in path else ""



@dataclass(frozen=True, slots=True)
class _Chat:
    """One parsed chat text with its date decision."""

    path: str
    messages: list[ChatMessage]
    times: list[datetime | None]
    facts: tuple[Fact, ...]


@register
class WhatsAppImporter(Importer):
    name = FORMAT
    label = "WhatsApp chat"

    def score(self, index: ExportIndex) -> float:
        chats = any(_is_chat(index, member) for member in index.of_kind(MemberKind.TEXT))
        return 0.8 if chats else 0.0

    def load(self, index: ExportIndex, unclaimed: frozenset[str]) -> ImportResult:
        # Every entry names its file or says it was left out: never pair by time.
        run = ChatRun(index, unclaimed, ImportResult(self.name, time_link_tolerance_s=0.0))
        chats = [member.path for member in index.of_kind(MemberKind.TEXT)
                 if member.path in unclaimed and _is_chat(index, member)]
        for path in chats:
            safe_call(run.result, path, partial(_load_chat, run, path))
        for path in chats:
            _unnamed_audio(run, path)
        return run.result


def _is_chat(index: ExportIndex, member: Member) -> bool:
    """A chat text starts with a message line (date, time, then sender or notice), and some
    line in its head has a sender: a log of "time - text" lines is not a chat."""
    try:
        head = index.head_text(member.path, 8192)
    except (MemberError, OSError, ValueError):  # an unreadable head means "not a chat"
        return False
    lines = [clean_line(raw) for raw in head.splitlines()]
    lines = [line for line in lines if line.strip()]
    if not lines or match_message_line(lines[0]) is None:
        return False
    for line in lines:
        match = match_message_line(line)
        if match is not None and _SENDER.match(match["rest"]):
            return True
    return False


def _load_chat(run: ChatRun, path: str) -> None:
    messages, stray = parse_chat(run.index.read_text(path))
    result = run.result
    result.claimed.add(path)
    if stray:
        result.problem(path, f"line {stray[0]}", f"{len(stray)} line(s) of text before the "
                                                 "first message were not understood")
    order = decide_date_order(messages)
    source = SourceRef(path)
    facts = [Fact("date_order", order.order, source),
             Fact("date_order_evidence", order.evidence, source)]
    if order.ambiguous:
        result.problem(path, "", f"the date order is uncertain: read as {order.order} "
                                 f"({order.evidence})")
    unknown = _calendars(path, messages, facts, result)
    times = [message_time(message, order.order) for message in messages]
    for message, moment in zip(messages, times, strict=True):
        if moment is None and message.line not in unknown:
            result.problem(path, f"line {message.line}",
                           f"impossible date or time in this line (read {order.order})")
    chat = _Chat(path, messages, times, tuple(facts))
    _participants(chat, result)
    for position, message in enumerate(messages):
        name = attachment_name(message)
        if name:
            present = _present(run, name)
            if is_voice_note(name) or any(path in run.audio for path in present):
                _voice_note(run, chat, position, name, present)
            continue
        omitted = omitted_media(message)
        if omitted is not None:
            _omitted_note(run, chat, position, *omitted)


def _calendars(path: str, messages: Sequence[ChatMessage], facts: list[Fact],
               result: ImportResult) -> set[int]:
    """Say which calendars the dates were converted from; report unknown ones.

    Returns the line numbers whose calendar is unknown (their times stay empty).
    """
    source = SourceRef(path)
    unknown = [m for m in messages if m.era is not None and calendar_name(m.era) is None]
    if unknown:
        eras = ", ".join(
            f"“{m.era}”" if m.era != UNNAMED_ERA else
            f"years such as {max(m.date_fields, key=len)} with no calendar named"
            for m in {(m.era, m.era_inferred): m for m in unknown}.values())
        result.problem(path, f"line {unknown[0].line}",
                       f"{len(unknown)} line(s) are dated in a calendar this app does not "
                       f"convert ({eras}); their times were left empty rather than guessed")
    inferred = [m for m in messages if m.era_inferred and m.era != UNNAMED_ERA]
    if inferred:
        result.problem(path, f"line {inferred[0].line}",
                       f"{len(inferred)} line(s) have years such as "
                       f"{max(inferred[0].date_fields, key=len)} with no calendar named; "
                       "read as the Thai Buddhist era (year − 543)")
    names = dict.fromkeys(name for m in messages if m.era is not None
                          and (name := calendar_name(m.era)) is not None)
    facts.extend(Fact("calendar", name, source) for name in names)
    return {m.line for m in unknown}


def _present(run: ChatRun, name: str) -> list[str]:
    """Members a chat line's file name stands for; a bare-dot name ("AUD-…-WA0043.") stands
    for the audio files of that stem."""
    present = run.index.by_basename(name)
    if present or not name.endswith("."):
        return present
    return [path for path in run.index.by_stem(name.rstrip(".")) if path in run.audio]


def _participants(chat: _Chat, result: ImportResult) -> None:
    seen: set[str] = set()
    for message in chat.messages:
        if message.sender and message.sender not in seen:
            seen.add(message.sender)
            result.accounts.append(Account(
                key=message.sender, kind="chat-participant", name=message.sender,
                sources=(SourceRef(chat.path, f"line {message.line}"),)))


def _context(chat: _Chat, position: int) -> str:
    low = max(0, position - CONTEXT_MESSAGES)
    return "\n".join(m.context_line()
                     for m in chat.messages[low: position + CONTEXT_MESSAGES + 1])


def _voice_note(run: ChatRun, chat: _Chat, position: int, name: str, present: list[str]) -> None:
    """A transcript entry (the chat context) and, when the file is there, its recording."""
    message = chat.messages[position]
    locator = f"line {message.line}"
    source = SourceRef(chat.path, locator)
    moment = chat.times[position]
    member = _pick_member(run, chat.path, present)
    facts = list(chat.facts)
    audio_name = name
    if not present:
        facts.append(Fact("file_not_included", name, source))
    elif name.endswith(".") and not run.index.by_basename(name):
        # The line wrote the name with a bare dot: link by the file it stands for.
        audio_name = PurePosixPath(member or present[0]).name
        facts.append(Fact("name_in_chat", name, source))
    run.result.transcripts.append(TranscriptEntry(
        id=f"{chat.path}#{locator}", source=source, format=FORMAT, time=moment,
        text=_context(chat, position), audio_name=audio_name, speaker=message.sender,
        time_zone_assumed=True, facts=tuple(facts)))
    if member is None:
        return
    run.taken.add(member)
    stated = time_from_name(audio_name)
    if stated is not None:
        facts.append(Fact("file_name_time", stated.time.isoformat(), source))
    start: datetime | None = moment
    time_source = "chat line"
    precision: float | None = 1.0 if message.with_seconds else 60.0
    if moment is None:
        # The chat line's date could not be read (an unknown calendar, an impossible date):
        # the file name's own time is the next best, and says so.
        start = stated.time if stated else None
        time_source = "file name" if stated else ""
        precision = stated.precision_s if stated else None
    run.result.recordings.append(Recording(
        path=member, format=FORMAT, start=start, time_source=time_source,
        time_precision_s=precision, time_zone_assumed=True, account=message.sender,
        sender=message.sender, facts=tuple(facts)))


def _omitted_note(run: ChatRun, chat: _Chat, position: int, words: str, voice: bool) -> None:
    """A line of a chat exported without media: a transcript entry without audio, so the
    voice note (or the media that may have been one) stays visible."""
    message = chat.messages[position]
    locator = f"line {message.line}"
    source = SourceRef(chat.path, locator)
    fact = (Fact("voice_note_not_included", words, source) if voice else
            Fact("media_not_included",
                 f"{words} (the kind is not stated: it may have been a voice note)", source))
    run.result.transcripts.append(TranscriptEntry(
        id=f"{chat.path}#{locator}", source=source, format=FORMAT, time=chat.times[position],
        text=_context(chat, position), speaker=message.sender, time_zone_assumed=True,
        facts=(*chat.facts, fact)))


def _pick_member(run: ChatRun, chat_path: str, candidates: list[str]) -> str | None:
    """The audio member a chat line names: the free one nearest to the chat text."""
    usable = [path for path in candidates if run.is_free(path)]
    if not usable:
        return None
    folder = _parent(chat_path)
    return max(usable, key=lambda p: (_parent(p) == folder, shared_prefix_length(p, chat_path)))


def _unnamed_audio(run: ChatRun, chat_path: str) -> None:
    """Audio beside the chat text that no line names: still shown, time from its name."""
    folder = _parent(chat_path)
    run.add_unnamed_audio(chat_path, lambda member: _parent(member.path) == folder,
                          "named_in_chat")
