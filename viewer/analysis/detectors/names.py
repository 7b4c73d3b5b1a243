"""Content: people named in transcripts ("call Lisa", "ruf Erika an") whom the user does not
know, and contact names the export records with an utterance.

Transcripts are usually all lower case, so names are found by position after a verb that
takes a person, not by capitals; words that are not names there ("me", "mom", "home") are
left out. Only runs when the profile lists the user's people.
"""

from __future__ import annotations

import re

from viewer.analysis.detectors.base import (
    CheckContext,
    evidence_at,
    evidence_of,
    profile_evidence,
)
from viewer.analysis.findings import Evidence, Finding
from viewer.analysis.profile import OwnershipProfile
from viewer.model import ExportContents

#: A stranger's name is content evidence: a hint, not proof (friends have names too).
WEIGHT = 0.4
#: A name the user said they do not know (the guided check asked): a firmer hint, still
#: below what decides alone (a command can name a shop or a film).
WEIGHT_SAID_UNKNOWN = 0.6

_W = r"([^\W\d_][\w'-]*)"
PATTERNS: tuple[re.Pattern[str], ...] = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\bcall {_W}", rf"\bremind {_W}", rf"\b(?:text|message|phone|ring|dial) {_W}",
    rf"\bruf(?:e)? {_W}(?: \w+){{0,4}} an\b", rf"\berinnere {_W}", rf"\bschreib(?:e)? {_W}",
    rf"\bnachricht an {_W}", rf"\bappelle {_W}", rf"\bllama a {_W}", rf"\bchiama {_W}",
    rf"\bbel {_W}",
))

NOT_NAMES = frozenset(str.split("""
    me mich mir my mine i us uns him her them it you dich du ihn ihm ihr sie es
    mom mum mam mommy mummy dad daddy mama papa mutti vati oma opa grandma grandpa
    maman mamá papá mamma nonna nonno moeder vader
    home work office back zurück zuhause daheim nach bitte the a an my your mein meine meinen
    meiner dein deine moi mi mij mijn uber taxi doctor arzt anybody someone somebody contact
    emergency notruf police polizei everyone alle all up off out again später later
    my-wife wife husband frau mann schatz honey babe
"""))


def names_in(text: str) -> list[str]:
    """Candidate person names in a transcript, in order, without repeats."""
    found: dict[str, None] = {}
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            word = match.group(1).strip("'-")
            if word.casefold() not in NOT_NAMES and len(word) > 1:
                found[word] = None
    return list(found)


def _known_words(profile: OwnershipProfile) -> frozenset[str]:
    words = set()
    for person in profile.people:
        words.add(person.casefold())
        words.update(part.casefold() for part in re.split(r"[\s,]+", person) if part)
    return frozenset(words)


def unknown_names(profile: OwnershipProfile, contents: ExportContents,
                  context: CheckContext) -> list[Finding]:
    if not profile.people and not profile.unknown_people:
        return []
    said = _said_unknown(profile)
    if not profile.people:
        return _said_unknown_names(profile, contents, said)
    known = _known_words(profile)
    people = ", ".join(profile.people)
    profile_ref = profile_evidence(profile, "people", people)
    findings = []
    for recording in contents.recordings:
        entry = contents.transcript_for(recording.path)
        if entry is None:
            continue
        strangers: dict[str, Evidence] = {}
        for name in names_in(entry.text):
            if name.casefold() not in known:
                strangers.setdefault(name, evidence_at(entry.source, entry.text))
        for fact in entry.facts:
            if fact.key == "contact_name" and not _is_known(fact.value, known):
                strangers.setdefault(fact.value, evidence_of(fact))
        if strangers:
            listed = ", ".join(f"“{name}”" for name in strangers)
            weight = (WEIGHT_SAID_UNKNOWN if any(n.casefold() in said for n in strangers)
                      else WEIGHT)
            findings.append(Finding(
                "unknown-names",
                f"The transcript names {listed}, "
                f"{'who is' if len(strangers) == 1 else 'who are'} not among your people "
                f"({people}).",
                weight, recording.path, (*dict.fromkeys(strangers.values()), profile_ref)))
    return findings


def _said_unknown(profile: OwnershipProfile) -> frozenset[str]:
    return frozenset(name.casefold() for name in profile.unknown_people)


def _said_unknown_names(profile: OwnershipProfile, contents: ExportContents,
                        said: frozenset[str]) -> list[Finding]:
    """Without a list of the user's people: only the names they said they do not know."""
    findings = []
    for recording in contents.recordings:
        entry = contents.transcript_for(recording.path)
        if entry is None:
            continue
        named = [name for name in names_in(entry.text) if name.casefold() in said]
        named += [fact.value for fact in entry.facts
                  if fact.key == "contact_name" and fact.value.casefold().strip() in said]
        if not named:
            continue
        listed = ", ".join(f"“{name}”" for name in dict.fromkeys(named))
        findings.append(Finding(
            "unknown-names", f"The transcript names {listed}; you said you do not know them.",
            WEIGHT_SAID_UNKNOWN, recording.path,
            (evidence_at(entry.source, entry.text),
             profile_evidence(profile, "unknown_people", ", ".join(profile.unknown_people)))))
    return findings


def _is_known(name: str, known: frozenset[str]) -> bool:
    folded = name.casefold().strip()
    return folded in known or any(part in known for part in folded.split())
