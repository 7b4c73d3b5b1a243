"""Masking for the optional excerpts: a stranger's words must not spread any further.

Conservative by design: a word survives only when it is on a short list of everyday words
(function words and what people say to an assistant, English and German) and is not a known
name. Everything else — names, places ("boston"), numbers, e-mail addresses, phone numbers,
any word not on the list — becomes ``[…]``. When unsure, mask.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "[…]"
#: Excerpts are short: at most this many words, and never more than two thirds of the
#: transcript, so a whole command never appears even when every word in it is harmless.
EXCERPT_WORDS = 10

_EMAIL = re.compile(r"\S+@\S+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PHONE = re.compile(r"\+?\d[\d\s()./-]{4,}\d")
_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")

_SAFE_WORDS = """
a about add after again all alarm alexa am an and any are as at be before bit but by call can
cancel could day days do does down for from get give go good hello help hey hi how i if in is
it its just let light lights list louder make me minute minutes more morning music my need
new news next night no not now of off ok okay on one or our out pause play please put quieter
radio remind reminder repeat resume say set shopping show skip some song songs stop tell than
thank thanks that the then there this time timer to today tomorrow tonight turn up volume
was weather what when where which who why will with would yes you your evening afternoon
week weekend rain raining snow sunny cold warm hot temperature outside inside kitchen living
room bedroom lamp heating joke story podcast audiobook wake
aber alle also am an auf aus bis bitte da das dem den der des die doch du ein eine einen
einem einer es für gib guten hallo heute hilfe ich ihr im in ist ja jetzt kann kannst lauter
leiser licht liste mach mache mal mein meine meinen mich mir mit morgen musik nach nächste
nächsten nein nicht noch nun oder schalte sag sage spiel spiele stell stelle stopp stop timer
uhr um und uns von vor was wecker welche welcher wer wetter wie wieder wird witz wo zu zum zur
abend nachmittag vormittag übermorgen gestern woche wochenende regen schnee warm kalt
temperatur draußen drinnen küche wohnzimmer schlafzimmer lampe heizung einkaufsliste hinzu
füge erinnere erinnerung minuten sekunden stunde stunden kochen essen lied lieder radio
nachrichten weiter zurück pause fortsetzen wiederholen lustig
"""
SAFE_WORDS = frozenset(_SAFE_WORDS.split())


def mask_text(text: str, known_names: Iterable[str] = (), *,
              max_words: int = EXCERPT_WORDS) -> str:
    """The first ``max_words`` words of ``text`` with everything not clearly harmless masked."""
    names = {part.casefold() for name in known_names for part in _TOKEN.findall(name)}
    names = {_EDGE.sub("", part) for part in names} - {""}
    cleaned = _URL.sub(" \0 ", text)
    cleaned = _EMAIL.sub(" \0 ", cleaned)
    cleaned = _PHONE.sub(" \0 ", cleaned)
    words = _TOKEN.findall(cleaned)
    max_words = min(max_words, max(1, len(words) * 2 // 3))
    out: list[str] = []
    for word in words[:max_words]:
        core = _EDGE.sub("", word).casefold()
        safe = (core in SAFE_WORDS and core not in names and "\0" not in word
                and not any(char.isdigit() for char in word))
        token = word if safe else MASK
        if token == MASK and out and out[-1] == MASK:
            continue  # one mask for a run of masked words: even their count is withheld
        out.append(token)
    if len(words) > max_words:
        out.append("…")
    return " ".join(out)
