"""Locale, marketplace and language that do not fit the user.

Each compares a recording against the profile when the profile says (weight 0.6 for locale
and marketplace, 0.4 for language: people do speak other languages to their assistant);
without a profile, against what the export's registered devices use (weaker: 0.4 and 0.3),
since the registration table describes the account whose export this is.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from viewer.analysis.detectors.base import (
    CheckContext,
    evidence_at,
    evidence_of,
    locale_matches,
    normalise_locale,
    profile_evidence,
    recording_fact,
)
from viewer.analysis.detectors.language import LANGUAGE_NAMES, guess_language
from viewer.analysis.findings import Evidence, Finding
from viewer.analysis.profile import OwnershipProfile
from viewer.model import ExportContents, Recording

WEIGHT_PROFILE = 0.6
WEIGHT_EXPORT = 0.4
WEIGHT_LANGUAGE_PROFILE = 0.4
WEIGHT_LANGUAGE_EXPORT = 0.3

#: The Amazon store a locale implies.
LOCALE_MARKETPLACES = {
    "de-DE": "amazon.de", "de-AT": "amazon.de", "de-CH": "amazon.de", "en-US": "amazon.com",
    "es-US": "amazon.com", "en-GB": "amazon.co.uk", "en-IE": "amazon.co.uk",
    "fr-FR": "amazon.fr", "fr-BE": "amazon.fr", "it-IT": "amazon.it", "es-ES": "amazon.es",
    "nl-NL": "amazon.nl", "nl-BE": "amazon.nl", "en-CA": "amazon.ca", "fr-CA": "amazon.ca",
    "ja-JP": "amazon.co.jp", "en-AU": "amazon.com.au", "en-IN": "amazon.in",
    "hi-IN": "amazon.in", "pt-BR": "amazon.com.br", "es-MX": "amazon.com.mx",
}
#: The store an e-mail address's country domain implies (".com" implies nothing).
DOMAIN_MARKETPLACES = {".de": "amazon.de", ".at": "amazon.de", ".fr": "amazon.fr",
                       ".it": "amazon.it", ".es": "amazon.es", ".nl": "amazon.nl",
                       ".co.uk": "amazon.co.uk", ".uk": "amazon.co.uk", ".ca": "amazon.ca",
                       ".jp": "amazon.co.jp", ".com.au": "amazon.com.au",
                       ".in": "amazon.in", ".com.br": "amazon.com.br", ".com.mx": "amazon.com.mx"}
#: Marketplace ids as some tables write them.
MARKETPLACE_IDS = {
    "ATVPDKIKX0DER": "amazon.com", "A1PA6795UKMFR9": "amazon.de",
    "A1F83G8C2ARO7P": "amazon.co.uk", "A13V1IB3VIYZZH": "amazon.fr",
    "APJ6JRA9NG5V4": "amazon.it", "A1RKKUPIHCS9HS": "amazon.es",
    "A2EUQ1WTGCTBG2": "amazon.ca", "A1VC38T7YXB528": "amazon.co.jp",
    "A1805IZSGTT6HS": "amazon.nl", "A39IBJ37TRP1C6": "amazon.com.au",
    "A21TJRUUN4KGV": "amazon.in", "A2Q3Y263D00KWC": "amazon.com.br",
    "A1AM78C64UM0Y8": "amazon.com.mx",
}


def normalise_marketplace(value: str) -> str:
    text = value.strip()
    if text.upper() in MARKETPLACE_IDS:
        return MARKETPLACE_IDS[text.upper()]
    text = text.casefold().removeprefix("https://").removeprefix("http://")
    return text.removeprefix("www.").rstrip("/")


def profile_marketplaces(profile: OwnershipProfile) -> dict[str, str]:
    """Marketplace -> why the profile implies it (its locales and e-mail domains)."""
    implied: dict[str, str] = {}
    for locale in profile.locales:
        if locale in LOCALE_MARKETPLACES:
            implied.setdefault(LOCALE_MARKETPLACES[locale], f"locale {locale}")
    for account in profile.accounts:
        if "@" not in account:
            continue
        domain = account.rsplit("@", 1)[1].casefold()
        for suffix, market in sorted(DOMAIN_MARKETPLACES.items(), key=lambda p: -len(p[0])):
            if domain.endswith(suffix):
                implied.setdefault(market, f"account {account}")
                break
    return implied


def _registered(contents: ExportContents, attribute: str) -> dict[str, Evidence]:
    """Value -> the registration row it comes from, over the registered devices."""
    seen: dict[str, Evidence] = {}
    for device in contents.devices:
        value = getattr(device, attribute)
        if device.registered_in_export and value and device.sources:
            seen.setdefault(value, evidence_at(device.sources[0], f"{device.key}: {value}"))
    return seen


def _recording_value(recording: Recording, contents: ExportContents, fact_key: str,
                     attribute: str) -> tuple[str, Evidence] | None:
    fact = recording_fact(recording, fact_key)
    if fact is not None:
        return fact.value, evidence_of(fact)
    device = contents.device(recording.device)
    value = getattr(device, attribute) if device else None
    if device is not None and value and device.sources:
        return value, evidence_at(device.sources[0], value)
    return None


@dataclass(frozen=True, slots=True)
class _Setting:
    """A device setting a recording carries (locale, marketplace) and how it is compared."""

    finding: str
    #: The start of the finding's sentence: "The device's locale".
    subject: str
    fact_key: str
    attribute: str
    #: A recording's value as it is shown and compared.
    read: Callable[[str], str]
    #: A registered device's value as the key it is compared against.
    key: Callable[[str], str]
    fits: Callable[[str, Collection[str]], bool]


@dataclass(frozen=True, slots=True)
class _Stated:
    """What the profile accepts for a setting, how the finding words it, and its evidence."""

    accepted: Collection[str]
    says: str
    evidence: Evidence


def _as_written(value: str) -> str:
    return value


def _is_listed(value: str, accepted: Collection[str]) -> bool:
    return value in accepted


_LOCALE = _Setting("locale-mismatch", "The device's locale", "device_locale", "locale",
                   _as_written, normalise_locale, locale_matches)
_MARKETPLACE = _Setting("marketplace-mismatch", "The recording's marketplace", "marketplace",
                        "marketplace", normalise_marketplace, normalise_marketplace,
                        _is_listed)


def _mismatches(setting: _Setting, stated: _Stated | None,
                contents: ExportContents) -> list[Finding]:
    """A finding per recording whose setting the profile (when it says) or, without one, the
    export's registered devices do not accept."""
    registered = {setting.key(k): v for k, v in _registered(contents, setting.attribute).items()}
    findings = []
    for recording in contents.recordings:
        seen = _recording_value(recording, contents, setting.fact_key, setting.attribute)
        if seen is None:
            continue
        raw, evidence = seen
        value = setting.read(raw)
        if stated is not None:
            if not setting.fits(value, stated.accepted):
                findings.append(Finding(
                    setting.finding, f"{setting.subject} is {value}; {stated.says}.",
                    WEIGHT_PROFILE, recording.path, (evidence, stated.evidence)))
        elif registered and not setting.fits(value, registered):
            wanted = ", ".join(sorted(registered))
            findings.append(Finding(
                setting.finding,
                f"{setting.subject} is {value}; the export's registered devices use {wanted}.",
                WEIGHT_EXPORT, recording.path, (evidence, *registered.values())))
    return findings


def locale_mismatch(profile: OwnershipProfile, contents: ExportContents,
                    context: CheckContext) -> list[Finding]:
    stated = None
    if profile.locales:
        wanted = ", ".join(profile.locales)
        stated = _Stated(profile.locales, f"your profile says {wanted}",
                         profile_evidence(profile, "locales", wanted))
    return _mismatches(_LOCALE, stated, contents)


def marketplace_mismatch(profile: OwnershipProfile, contents: ExportContents,
                         context: CheckContext) -> list[Finding]:
    implied = profile_marketplaces(profile)
    stated = None
    if implied:
        why = "; ".join(f"{m} from your {reason}" for m, reason in implied.items())
        stated = _Stated(implied, f"your profile implies {why}",
                         profile_evidence(profile, "locales/accounts", ", ".join(implied)))
    return _mismatches(_MARKETPLACE, stated, contents)


def language_mismatch(profile: OwnershipProfile, contents: ExportContents,
                      context: CheckContext) -> list[Finding]:
    if profile.languages:
        expected = dict.fromkeys(sorted(profile.languages), profile_evidence(
            profile, "locales", ", ".join(profile.locales)))
        weight, whose = WEIGHT_LANGUAGE_PROFILE, "your profile's locales"
    else:
        expected = {normalise_locale(locale).split("-")[0]: evidence for locale, evidence
                    in _registered(contents, "locale").items()}
        weight, whose = WEIGHT_LANGUAGE_EXPORT, "the registered devices' locales"
    if not expected:
        return []
    findings = []
    for recording in contents.recordings:
        entry = contents.transcript_for(recording.path)
        if entry is None or not entry.text:
            continue
        language = guess_language(entry.text)
        if language is None or language in expected:
            continue
        wanted = " or ".join(LANGUAGE_NAMES.get(code, code) for code in expected)
        findings.append(Finding(
            "language-mismatch",
            f"The transcript is in {LANGUAGE_NAMES[language]} (“{entry.text}”); "
            f"{whose} say {wanted}.",
            weight, recording.path,
            (evidence_at(entry.source, entry.text), *dict.fromkeys(expected.values()))))
    return findings
