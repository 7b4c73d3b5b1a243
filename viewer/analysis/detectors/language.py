"""Which language a short transcript is in: a stop-word count for de, en, fr, es, it, nl.

Assistant commands are short, so this only answers when at least ``MIN_HITS`` words are
characteristic of one language and clearly more than of any other; otherwise None. Words
shared by several of these languages ("in", "de", "la") are left out on purpose.
"""

from __future__ import annotations

import re

MIN_HITS = 2

LANGUAGE_NAMES = {"de": "German", "en": "English", "fr": "French", "es": "Spanish",
                  "it": "Italian", "nl": "Dutch"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS: dict[str, frozenset[str]] = {
    "de": _words("""der die das und ist ich mich mir ein eine einen im auf den dem
        wie was wann wer wo nicht mit von zu für heute morgen übermorgen uhr bitte spiel mach
        stell ruf wird gibt wetter erinnere weck schalte setz lauter leiser nächster nächste
        kann viel es auch noch schon aus licht"""),
    "en": _words("""the and it i me my to of on at what what's how when who where for
        this that play set turn call remind tomorrow today weather timer alarm are off up your
        with is it's i'm can add list next time"""),
    "fr": _words("""les et est un une des du je moi mon ma quel quelle quand comment
        pour sur dans joue mets appelle demain aujourd'hui fait météo c'est qu'est-ce"""),
    "es": _words("""el los las y es una del que qué cómo cuándo para por pon llama
        recuérdame mañana hoy tiempo hace está"""),
    "it": _words("""il lo gli è di che come quando per metti chiama ricordami
        domani oggi tempo fa sono della"""),
    "nl": _words("""het een en ik mij mijn van wat hoe wanneer voor op speel zet bel
        herinner vandaag weer niet morgen"""),
}

#: Wake words say nothing about the language.
_IGNORED = frozenset({"alexa", "hey", "ok", "okay", "google", "echo", "computer"})
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def language_hits(text: str) -> dict[str, int]:
    words = [word for word in _WORD.findall(text.casefold().replace("’", "'"))
             if word not in _IGNORED]
    return {language: sum(1 for word in words if word in stop)
            for language, stop in STOP_WORDS.items()}


def guess_language(text: str) -> str | None:
    """"de", "en", "fr", "es", "it" or "nl", or None when the text is too short or mixed."""
    hits = sorted(language_hits(text).items(), key=lambda pair: -pair[1])
    (best, count), (_, second) = hits[0], hits[1]
    if count >= MIN_HITS and count >= 2 * second:  # MIN_HITS >= 1, so count > second
        return best
    return None
