"""Locale, marketplace and language that do not fit the user.

Each compares a recording against the profile when the profile says (weight 0.6 for locale
and marketplace, 0.4 for language: people do speak other languages to their assistant);
without a profile, against what the export's registered devices use (weaker: 0.4 and 0.3),
since the registration table describes the account whose export this is.
"""

from __future__ import annotations

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


def locale_mismatch(profile: OwnershipProfile, contents: ExportContents,
                    context: CheckContext) -> list[Finding]:
    registered = {normalise_locale(k): v for k, v in _registered(contents, "locale").items()}
    findings = []
    for recording in contents.recordings:
        seen = _recording_value(recording, contents, "device_locale", "locale")
        if seen is None:
            continue
        value, evidence = seen
        if profile.locales:
            if not locale_matches(value, profile.locales):
                wanted = ", ".join(profile.locales)
                findings.append(Finding(
                    "locale-mismatch",
                    f"The device's locale is {value}; your profile says {wanted}.",
                    WEIGHT_PROFILE, recording.path,
                    (evidence, profile_evidence(profile, "locales", wanted))))
        elif registered and not locale_matches(value, registered):
            wanted = ", ".join(sorted(registered))
            findings.append(Finding(
                "locale-mismatch",
                f"The device's locale is {value}; the export's registered devices use "
                f"{wanted}.",
                WEIGHT_EXPORT, recording.path, (evidence, *registered.values())))
    return findings


def marketplace_mismatch(profile: OwnershipProfile, contents: ExportContents,
                         context: CheckContext) -> list[Finding]:
    implied = profile_marketplaces(profile)
    registered = {normalise_marketplace(k): v
                  for k, v in _registered(contents, "marketplace").items()}
    findings = []
    for recording in contents.recordings:
        seen = _recording_value(recording, contents, "marketplace", "marketplace")
        if seen is None:
            continue
        value, evidence = seen
        market = normalise_marketplace(value)
        if implied:
            if market not in implied:
                why = "; ".join(f"{m} from your {reason}" for m, reason in implied.items())
                findings.append(Finding(
                    "marketplace-mismatch",
                    f"The recording's marketplace is {market}; your profile implies {why}.",
                    WEIGHT_PROFILE, recording.path,
                    (evidence, profile_evidence(profile, "locales/accounts", ", ".join(implied)))))
        elif registered and market not in registered:
            wanted = ", ".join(sorted(registered))
            findings.append(Finding(
                "marketplace-mismatch",
                f"The recording's marketplace is {market}; the export's registered devices "
                f"use {wanted}.",
                WEIGHT_EXPORT, recording.path, (evidence, *registered.values())))
    return findings


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
