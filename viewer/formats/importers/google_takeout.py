"""Google Takeout: "My Activity" for the Assistant and "Voice and Audio", with its MP3s.

Takeout translates its folder and file names with the account language
(``Takeout/My Activity/Assistant/MyActivity.json``, German
``Takeout/Meine Aktivitäten/Google Assistant/MeineAktivitäten.json`` ...), so an activity
file is recognised by its *shape*: a JSON list of records with ``header``, ``title`` and
``time`` keys, or an HTML page of Material-Design ``outer-cell`` blocks (the older export
format, sometimes split into ``MyActivity-1.html``, ``-2.html``). Split downloads
(``takeout-...-001.zip``, ``-002.zip``) are merged by the archive layer, so an activity file
may name an MP3 that arrived in another part.

Each record names its recording in ``audioFiles``; the file name's time differs from the
record's ``time`` by seconds, so recordings are linked by name, never by time. Google's own
voice-match flag ("From unrecognized speaker") is put on the recording as
``platform_unrecognized_speaker = yes``: it is the platform saying "this was not the owner".

The HTML page's markup and date lines are read by ``google_activity_page``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from typing import Any

from viewer.archive import Member, MemberKind
from viewer.formats.base import (
    ExportFormatError,
    ExportIndex,
    Importer,
    ImportResult,
    register,
    safe_call,
    shared_prefix_length,
)
from viewer.formats.importers.generic import recording_from_name
from viewer.formats.importers.google_activity_page import (
    ActivityPageParser,
    Block,
    basename,
    parse_activity_date,
)
from viewer.formats.times import NO_ZONE_NOTE, iso_stamp
from viewer.model import Account, Fact, Recording, SourceRef, TranscriptEntry

log = logging.getLogger("viewer.formats.google_takeout")

FORMAT = "google-takeout"
UNRECOGNIZED_FACT = "platform_unrecognized_speaker"

#: Takeout's own recording names: ``2018-04-16_11_42_55_659_UTC.mp3``.
_TAKEOUT_AUDIO_NAME = re.compile(
    r"^(?:19|20)\d\d-\d\d-\d\d_\d\d_\d\d_\d\d(?:_\d{1,6})?_UTC\.\w{2,5}$", re.IGNORECASE)
#: File names My Activity is known or expected to use (the shape check covers the rest).
_ACTIVITY_NAME = re.compile(
    r"^(?:my ?activity|meine ?aktivit\w*|mes ?activit\w*|mis ?actividades|mi ?actividad"
    r"|le ?mie ?attivit\w*|mijn ?activiteit\w*|minhas ?atividades|minha ?atividade)"
    r"(?:-\d+)?\.(?:json|html?)$", re.IGNORECASE)
_JSON_SHAPE = re.compile(r'^\s*\[\s*\{.*"(?:header|title)"\s*:', re.DOTALL)
#: How much of an HTML page is read to see whether it is a My Activity page (its CSS comes
#: first and is long).
_HTML_SNIFF_BYTES = 1024 * 1024

#: The verb Takeout puts before the transcript, per language. English is [seen]; the others
#: are [guess]es from the product's translations, so the raw title is always kept as a fact.
_SAID_PREFIX = re.compile(
    r"^\s*(?:said|you said|gesagt|du hast gesagt|sie haben gesagt|vous avez dit|tu as dit"
    r"|a dit|dit|dijiste|has dicho|dijo|dicho|hai detto|detto|je zei|gezegd|zei"
    r"|você disse|disse)\s*[:：]?\s+", re.IGNORECASE)
_SAID_SUFFIX = re.compile(r"^\s*[„\"“«]\s*(?P<text>.+?)\s*[“\"”»]\s*gesagt\s*$", re.IGNORECASE)
_QUOTES = "„“”\"«»‚‘’'"

#: "From unrecognized speaker" [seen]; the other languages are [guess]ed wordings
#: (German "Von nicht erkanntem Sprecher", French "... locuteur non reconnu", Spanish
#: "... hablante no reconocido"), matched loosely because the exact text is not known.
_UNRECOGNIZED = (
    re.compile(r"unrecogni[sz]ed speaker", re.IGNORECASE),
    re.compile(r"nicht erkannte\w*\s+(?:sprecher|stimme)", re.IGNORECASE),
    re.compile(r"unbekannte\w*\s+(?:sprecher|stimme)", re.IGNORECASE),
    re.compile(r"(?:locuteur|interlocuteur|voix)\s+non\s+reconnu", re.IGNORECASE),
    re.compile(r"(?:hablante|voz)\s+no\s+reconocid", re.IGNORECASE),
)
#: Header or product names that make a file voice activity (Assistant is not translated).
_VOICE_PRODUCT = re.compile(r"assistant|voice|audio|sprach|voix|voz|\bvoce\b|spraak",
                            re.IGNORECASE)


@dataclass(slots=True)
class _Activity:
    """One record of a My Activity file, whichever variant it came from."""

    path: str
    locator: str
    header: str = ""
    title: str = ""
    time: datetime | None = None
    zone_assumed: bool = False
    #: Why the record has no time, said once the file is known to be voice activity.
    time_problem: str = ""
    #: Why the zone is assumed, when the page said something that needs a note ("IST").
    time_note: str = ""
    audio_names: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    locations: list[tuple[str, str]] = field(default_factory=list)  # (fact key, value)
    extra: list[tuple[str, str]] = field(default_factory=list)

    @property
    def unrecognized_speaker(self) -> bool:
        return any(pattern.search(detail) for detail in self.details for pattern in _UNRECOGNIZED)

    def is_voice(self) -> bool:
        names = [self.header, *self.products]
        return bool(self.audio_names or _SAID_PREFIX.match(self.title)
                    or _SAID_SUFFIX.match(self.title)
                    or any(_VOICE_PRODUCT.search(name) for name in names if name))


@register
class GoogleTakeoutImporter(Importer):
    name = FORMAT
    label = "Google Takeout"

    def score(self, index: ExportIndex) -> float:
        if _json_candidates(index) or _html_candidates(index):
            return 0.9
        if any(_TAKEOUT_AUDIO_NAME.match(member.name) for member in index.members):
            return 0.4
        return 0.0

    def load(self, index: ExportIndex, unclaimed: frozenset[str]) -> ImportResult:
        result = ImportResult(FORMAT)
        account = _load_account(index, unclaimed, result)
        activity_files: list[str] = []
        activities: list[_Activity] = []
        readers = [(member, _read_json_file) for member in _json_candidates(index)]
        readers += [(member, _read_html_file) for member in _html_candidates(index)]
        for member, reader in readers:
            if member.path not in unclaimed:
                continue
            found = safe_call(result, member.path,
                              partial(reader, index, member.path, result))
            if found is None:
                continue
            voice = _voice_only(found)
            if voice:
                activity_files.append(member.path)
                activities.extend(voice)
                for activity in voice:
                    if activity.time_problem:
                        result.problem(member.path, activity.locator, activity.time_problem)
            else:
                result.set_aside(member.path, member.kind.value, _not_voice_reason(found))
        result.claimed.update(activity_files)
        named = _resolve_audio(index, activities)
        result.transcripts.extend(_transcript_entries(index, activities, result))
        result.recordings.extend(_recordings(index, unclaimed, activity_files, named, account))
        return result


# -- finding files ------------------------------------------------------------------------

def _json_candidates(index: ExportIndex) -> list[Member]:
    def is_activity_list(member: Member) -> bool:
        head = index.head_text(member.path, 4096)
        return bool(_JSON_SHAPE.match(head)) and '"time"' in head and (
            '"products"' in head or '"header"' in head)

    return index.named_or_shaped(MemberKind.JSON, _ACTIVITY_NAME, is_activity_list)


def _html_candidates(index: ExportIndex) -> list[Member]:
    def is_activity_page(member: Member) -> bool:
        # Cheap first look: a My Activity page names Material Design Lite classes early
        # (in its CSS or its first block); only such pages are read further.
        if "mdl-" not in index.head_text(member.path, 8192):
            return False
        head = index.head_text(member.path, _HTML_SNIFF_BYTES)
        return "outer-cell" in head and "content-cell" in head

    return index.named_or_shaped(MemberKind.HTML, _ACTIVITY_NAME, is_activity_page)


# -- JSON variant -------------------------------------------------------------------------

def _read_json_file(index: ExportIndex, path: str, result: ImportResult) -> list[_Activity]:
    data = index.read_json(path)
    if not isinstance(data, list):
        raise ExportFormatError(f"{path}: expected a list of activity records, found "
                                f"{type(data).__name__}")
    activities: list[_Activity] = []
    for number, record in enumerate(data, start=1):
        locator = f"record {number}"
        if not isinstance(record, dict):
            result.problem(path, locator, "this activity record is not a JSON object")
            continue
        activity = _activity_from_json(path, locator, record)
        if activity.time is None:
            activity.time_problem = f"no readable time in this record ({record.get('time')!r})"
        activities.append(activity)
    return activities


def _activity_from_json(path: str, locator: str, record: dict[str, Any]) -> _Activity:
    stamp = iso_stamp(_text(record.get("time")))
    activity = _Activity(path, locator, header=_text(record.get("header")),
                         title=_text(record.get("title")),
                         time=stamp.moment if stamp else None,
                         zone_assumed=bool(stamp and stamp.zone_assumed))
    activity.audio_names = [basename(name) for name in _strings(record.get("audioFiles"))]
    activity.replies = [_text(item.get("name")) for item in _objects(record.get("subtitles"))
                        if _text(item.get("name"))]
    activity.products = _strings(record.get("products"))
    activity.details = [_text(item.get("name")) for item in _objects(record.get("details"))
                        if _text(item.get("name"))]
    for place in _objects(record.get("locationInfos")):
        for key, fact in (("name", "location"), ("url", "location_url"),
                          ("source", "location_source")):
            if _text(place.get(key)):
                activity.locations.append((fact, _text(place.get(key))))
    if _text(record.get("titleUrl")):
        activity.extra.append(("title_url", _text(record.get("titleUrl"))))
    return activity


def _voice_only(activities: list[_Activity]) -> list[_Activity]:
    """All records of a voice activity file; none of another product's file.

    My Activity also holds Search, YouTube, Maps... Their records are not voice: as
    transcripts they would only pair by time with strangers' recordings. Such a file is set
    aside (listed as not understood, with ``_not_voice_reason``), never read as a sidecar.
    """
    return activities if any(activity.is_voice() for activity in activities) else []


def _not_voice_reason(activities: list[_Activity]) -> str:
    if not activities:
        return "a Google My Activity file with no records; nothing to import"
    products = list(dict.fromkeys(
        name for activity in activities for name in (activity.header, *activity.products)
        if name))
    named = ", ".join(products[:3]) + (" …" if len(products) > 3 else "")
    return (f"Google My Activity of another product ({named or 'not named'}): "
            f"{len(activities)} record(s), none of them voice; not imported")


# -- HTML variant -------------------------------------------------------------------------

def _read_html_file(index: ExportIndex, path: str, result: ImportResult) -> list[_Activity]:
    parser = ActivityPageParser()
    parser.feed(index.read_text(path))
    parser.close()
    if not parser.blocks:
        raise ExportFormatError(f"{path}: no My Activity entries (outer-cell blocks) were "
                                "found in this page")
    activities = []
    for number, block in enumerate(parser.blocks, start=1):
        locator = f"record {number}"
        activity = _activity_from_block(path, locator, block)
        if activity.time is None:
            activity.time_problem = "no date that could be read was found in this entry"
        activities.append(activity)
    return activities


#: Caption section titles ("Products:", "Details:", "Locations:") and their translations
#: [guess for the non-English ones].
_SECTIONS = {
    "products": "product", "produkte": "product", "produits": "product",
    "productos": "product", "prodotti": "product",
    "details": "detail", "détails": "detail", "detalles": "detail", "dettagli": "detail",
    "locations": "location", "standorte": "location", "orte": "location",
    "lieux": "location", "ubicaciones": "location", "posizioni": "location",
}


def _activity_from_block(path: str, locator: str, block: Block) -> _Activity:
    activity = _Activity(path, locator, header=" ".join(block.header))
    # A link to the recording shows its file name as text; that is not part of the answer.
    lines = [line for line in block.body if line not in block.audio]
    date_index = next((i for i in range(len(lines) - 1, -1, -1)
                       if parse_activity_date(lines[i]) is not None), None)
    if date_index is not None:
        stamp = parse_activity_date(lines.pop(date_index))
        if stamp is not None:
            activity.time, activity.zone_assumed = stamp.moment, stamp.zone_assumed
            # A zone that was written but is unknown or names several zones needs saying; a
            # missing one is what time_zone_assumed already says.
            if stamp.zone_assumed and stamp.note != NO_ZONE_NOTE:
                activity.time_note = stamp.note
    if lines:
        activity.title = lines.pop(0)
    activity.replies = lines
    activity.audio_names = list(block.audio)
    section = ""
    for line in block.caption:
        if line.text.endswith(":") and (line.bold or len(line.text) < 30):
            section = line.text[:-1].strip()
            continue
        kind = _SECTIONS.get(section.casefold())
        if kind == "product":
            activity.products.append(line.text)
        elif kind == "detail":
            activity.details.append(line.text)
        elif kind == "location":
            activity.locations.append(("location", line.text))
        else:
            activity.extra.append(("caption", f"{section}: {line.text}" if section else line.text))
    for link in block.links:
        if "google.com/maps" in link:
            activity.locations.append(("location_url", link))
    return activity


# -- transcripts and recordings -----------------------------------------------------------

def transcript_text(title: str) -> str:
    """The words said: the title without Takeout's verb ("Said ...", "Gesagt: ...")."""
    suffixed = _SAID_SUFFIX.match(title)
    if suffixed:
        return suffixed["text"].strip()
    return _SAID_PREFIX.sub("", title, count=1).strip().strip(_QUOTES).strip()


def _resolve_audio(index: ExportIndex, activities: list[_Activity]) -> dict[str, _Activity]:
    """Member path -> the activity that names it (by file name; the nearest copy wins)."""
    named: dict[str, _Activity] = {}
    for activity in activities:
        for name in activity.audio_names:
            path = _nearest(index.by_basename(name), activity.path)
            if path is not None:
                named.setdefault(path, activity)
    return named


def _nearest(paths: list[str], beside: str) -> str | None:
    if not paths:
        return None
    folder = _folder(beside)
    same = [path for path in paths if _folder(path) == folder]
    if same:
        return same[0]
    return max(paths, key=lambda path: shared_prefix_length(path, beside))


def _transcript_entries(index: ExportIndex, activities: list[_Activity],
                        result: ImportResult) -> Iterable[TranscriptEntry]:
    for activity in activities:
        facts = _transcript_facts(activity)
        names: list[str | None] = [*activity.audio_names] or [None]
        for position, name in enumerate(names, start=1):
            locator = activity.locator if len(names) == 1 else (
                f"{activity.locator}, audio {position}")
            own_facts = facts
            if name is not None and not index.by_basename(name):
                result.problem(activity.path, locator,
                               f"names the recording {name}, which is not in the export "
                               "(is a part of a split download missing?)")
                own_facts = (*facts, Fact("audio_file_missing", name,
                                          SourceRef(activity.path, locator)))
            yield TranscriptEntry(
                id=f"{activity.path}#{locator}", source=SourceRef(activity.path, locator),
                format=FORMAT, time=activity.time, text=transcript_text(activity.title),
                reply="\n".join(activity.replies) or None, audio_name=name,
                time_zone_assumed=activity.zone_assumed, facts=own_facts)


def _transcript_facts(activity: _Activity) -> tuple[Fact, ...]:
    source = SourceRef(activity.path, activity.locator)
    pairs: list[tuple[str, str]] = [("title", activity.title)] if activity.title else []
    if activity.header:
        pairs.append(("activity_header", activity.header))
    pairs += [("product", product) for product in activity.products]
    pairs += [("detail", detail) for detail in activity.details]
    pairs += activity.locations + activity.extra
    if activity.time_note:
        pairs.append(("time_zone_note", activity.time_note))
    if activity.unrecognized_speaker:
        pairs.append((UNRECOGNIZED_FACT, "yes"))
    return tuple(Fact(key, value, source) for key, value in pairs)


def _recordings(index: ExportIndex, unclaimed: frozenset[str], activity_files: list[str],
                named: dict[str, _Activity], account: str | None) -> list[Recording]:
    """Recordings of the MP3s the activity names, lie beside it, or carry Takeout's names."""
    folders = {_folder(path) for path in activity_files}
    recordings = []
    for member in index.members:
        if member.path not in unclaimed:
            continue
        is_audio = member.kind is MemberKind.AUDIO
        if not (member.path in named or (is_audio and (
                _folder(member.path) in folders or _TAKEOUT_AUDIO_NAME.match(member.name)))):
            continue
        recording = replace(recording_from_name(member, FORMAT), account=account)
        activity = named.get(member.path)
        if activity is not None and activity.unrecognized_speaker:
            recording = replace(recording, facts=(*recording.facts, Fact(
                UNRECOGNIZED_FACT, "yes", SourceRef(activity.path, activity.locator))))
        recordings.append(recording)
    return recordings


# -- the account --------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _load_account(index: ExportIndex, unclaimed: frozenset[str],
                  result: ImportResult) -> str | None:
    """The Google account the export belongs to, from ``Profile.json`` or the archive page."""
    for member in index.of_kind(MemberKind.JSON):
        if member.path not in unclaimed or not re.match(r"(?i)^profil", member.name):
            continue
        account = safe_call(result, member.path, partial(_profile_account, index, member))
        if account is not None:
            result.accounts.append(account)
            result.claimed.add(member.path)
            return account.key
    for member in index.of_kind(MemberKind.HTML):
        if member.path in unclaimed and member.name.casefold() == "archive_browser.html":
            account = safe_call(result, member.path, partial(_browser_account, index, member))
            result.claimed.add(member.path)
            if account is not None:
                result.accounts.append(account)
                return account.key
    return None


def _profile_account(index: ExportIndex, member: Member) -> Account | None:
    data = index.read_json(member.path)
    if not isinstance(data, dict):
        return None
    emails = [_text(item.get("value")) for item in _objects(data.get("emails"))
              if "@" in _text(item.get("value"))]
    if not emails:
        return None
    primary = next((_text(item.get("value")) for item in _objects(data.get("emails"))
                    if item.get("primary") is True and "@" in _text(item.get("value"))),
                   emails[0])
    name = written if isinstance(written := data.get("name"), dict) else {}
    display = _text(data.get("displayName")) or _text(name.get("formattedName")) or None
    source = SourceRef(member.path)
    facts = tuple(Fact("email", email, source) for email in emails)
    return Account(key=primary, kind="google-account", name=display, sources=(source,),
                   facts=facts)


def _browser_account(index: ExportIndex, member: Member) -> Account | None:
    text = index.read_text(member.path)
    for email in _EMAIL.findall(text):
        if not email.casefold().endswith(("google.com", "gstatic.com", "example.com")):
            source = SourceRef(member.path)
            return Account(key=email, kind="google-account", sources=(source,),
                           facts=(Fact("email", email, source),))
    return None


# -- small helpers ------------------------------------------------------------------------

def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [item.strip() for item in value if isinstance(item, str) and item.strip()]
    return []


def _objects(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""
