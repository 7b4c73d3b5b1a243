"""Write viewer/resources/cases/authorities.json, the supervisory authorities a complaint goes to.

    .venv/bin/python scripts/build_authorities.py DATENANFRAGEN_GIT_DIR [--retrieved DATE]

Reads the supervisory-authority records of the datenanfragen/data repository (CC0; a clone or
bare git directory of https://github.com/datenanfragen/data) at its HEAD commit with
``git show``, keeps the national authority of each of the 30 EU/EEA countries and, for
Germany, the federal BfDI and the authority of each Land that supervises companies, and adds
what the records lack from the authorities' own pages (``OVERRIDES``: English names,
complaint pages, each with the page it was read on). Nothing is typed in from memory: a
field no source gives stays empty.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "viewer" / "resources" / "cases" / "authorities.json"
REPOSITORY = "https://github.com/datenanfragen/data"
RECORDS = "supervisory-authorities"

#: The 27 EU member states and the three EEA EFTA states (Iceland, Liechtenstein, Norway),
#: ISO 3166-1 alpha-2 (Greece is GR, not the EU's "EL").
EU_EEA = ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
          "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
          "IS", "LI", "NO")

#: Germany: the record of each Land's authority for companies, by ISO 3166-2 code. Bavaria
#: splits its supervision: the BayLDA (Ansbach) supervises companies, the Bavarian State
#: Commissioner (debayldb) public bodies only, so the latter is left out, as are the church
#: and broadcaster authorities, which no company export concerns.
GERMAN_LAENDER = {
    "debawueldb": ("DE-BW", "Baden-Württemberg"),
    "debaylda": ("DE-BY", "Bayern"),
    "deberlbdi": ("DE-BE", "Berlin"),
    "debralda": ("DE-BB", "Brandenburg"),
    "debrelfdi": ("DE-HB", "Bremen"),
    "dehmbbfdi": ("DE-HH", "Hamburg"),
    "dehessbdi": ("DE-HE", "Hessen"),
    "demvldi": ("DE-MV", "Mecklenburg-Vorpommern"),
    "dendslfd": ("DE-NI", "Niedersachsen"),
    "denrwldi": ("DE-NW", "Nordrhein-Westfalen"),
    "derlpbdi": ("DE-RP", "Rheinland-Pfalz"),
    "desaarudz": ("DE-SL", "Saarland"),
    "desaechsdsb": ("DE-SN", "Sachsen"),
    "desalbd": ("DE-ST", "Sachsen-Anhalt"),
    "deshuld": ("DE-SH", "Schleswig-Holstein"),
    "detlfdi": ("DE-TH", "Thüringen"),
}
GERMAN_FEDERAL = "debfdi"
FEDERAL_SCOPE = ("Federal: companies providing telecommunications or postal services, and "
                 "federal public bodies (§ 9 BDSG). Complaints about other companies go to "
                 "the authority of the Land where the company is established (§ 40 BDSG).")
FEDERAL_SCOPE_SOURCE = "https://de.zxc.wiki/wiki/Bundesdatenschutzbeauftragter"
LAND_SCOPE = "Companies and other non-public bodies established in {land} (§ 40 BDSG)."
LAND_SCOPE_SOURCE = "https://gdpr.berlin/federal-law-bdsg/40-bdsg-aufsichtsbehorden-der-lander-2"
BAYLDA_SCOPE = ("Companies and other non-public bodies established in Bayern; Bavaria's "
                "public bodies have their own authority (BayLfD).")
BAYLDA_SCOPE_SOURCE = "https://www.dataguidance.com/jurisdiction/bavaria"

#: What the records lack, read on the authorities' own pages: record slug -> field ->
#: (value, the page it was read on). "name" is the English name the authority gives itself,
#: "local_name" its name in the local language, "complaint_page" its page on how to lodge a
#: complaint (for authorities whose record has no complaint web form, or only a general one).
OVERRIDES: dict[str, dict[str, tuple[str, str]]] = {
    "atdsb": {
        "name": ("Austrian Data Protection Authority",
                 "https://data-protection-authority.gv.at/data-protection-in-austria/"
                 "right-to-lodge-a-complaint"),
        "complaint_page": ("https://data-protection-authority.gv.at/data-protection-in-austria/"
                           "right-to-lodge-a-complaint",
                           "https://data-protection-authority.gv.at/data-protection-in-austria/"
                           "right-to-lodge-a-complaint"),
    },
    "beapd": {
        "name": ("Belgian Data Protection Authority",
                 "https://www.dataprotectionauthority.be/privacy-statement"),
        "complaint_page": ("https://www.dataprotectionauthority.be/submit-request-or-complaint",
                           "https://www.dataprotectionauthority.be/submit-request-or-complaint"),
    },
    "bgcpdp": {
        "local_name": ("Комисия за защита на личните данни",
                       "https://www.cpdp.bg/?p=element_view&aid=2225"),
    },
    "debfdi": {
        "name": ("The Federal Commissioner for Data Protection and Freedom of Information",
                 "https://www.bfdi.bund.de/EN/Meta/PrivacyPolicy/privacypolicy_node.html"),
    },
    "denrwldi": {
        # The record cites this page (its own sources), which offers the complaint form.
        "complaint_page": ("https://www.ldi.nrw.de/kontakt/ihre-beschwerde",
                           "https://www.ldi.nrw.de/kontakt/ihre-beschwerde"),
    },
    "czcuooz": {
        "complaint_page": ("https://www.uoou.cz/chci-podat-stiznost-na-spravce-nebo-zpracovatele/"
                           "ds-4454/archiv=0&p1=3383",
                           "https://www.uoou.cz/chci-podat-stiznost-na-spravce-nebo-zpracovatele/"
                           "ds-4454/archiv=0&p1=3383"),
    },
    "dkdi": {
        "name": ("Danish Data Protection Agency",
                 "https://www.datatilsynet.dk/english/the-danish-data-protection-agency/"
                 "contact/"),
        "complaint_page": ("https://www.datatilsynet.dk/english/the-danish-data-protection-agency/"
                           "complaints-to-the-danish-protection-agency/",
                           "https://www.datatilsynet.dk/english/the-danish-data-protection-agency/"
                           "complaints-to-the-danish-protection-agency/"),
    },
    "grdpa": {
        # The record cites this page, the authority's page on complaints.
        "complaint_page": ("https://www.dpa.gr/index.php/en/individuals/"
                           "complaint-to-the-hellenic-dpa",
                           "https://www.dpa.gr/index.php/en/individuals/"
                           "complaint-to-the-hellenic-dpa"),
    },
    "lucnpd": {
        "complaint_page": ("https://cnpd.public.lu/en/particuliers/faire-valoir.html",
                           "https://cnpd.public.lu/en/particuliers/faire-valoir.html"),
    },
    "nods": {
        "complaint_page": ("https://www.datatilsynet.no/om-datatilsynet/kontakt-oss/"
                           "klage-til-datatilsynet",
                           "https://www.datatilsynet.no/om-datatilsynet/kontakt-oss/"
                           "klage-til-datatilsynet"),
    },
    "plgiodo": {
        "complaint_page": ("https://www.uodo.gov.pl/pl/83/153",
                           "https://www.uodo.gov.pl/pl/83/153"),
    },
    "sedi": {
        "name": ("Swedish Authority for Privacy Protection",
                 "https://www.imy.se/en/about-us/swedish-authority-for-privacy-protections-"
                 "assignment/questions-outside-the-scope-of-our-assignment/"),
        "complaint_page": ("https://www.imy.se/privatperson/utfora-arenden/lamna-ett-klagomal/",
                           "https://www.imy.se/privatperson/utfora-arenden/lamna-ett-klagomal/"),
    },
}

#: What each field of an entry holds; written into the table so a reader needs no script.
FIELDS = {
    "country": "ISO 3166-1 alpha-2 code (Greece: GR)",
    "region": "ISO 3166-2 code of the German Land the authority serves; empty for a "
              "country's national authority (for Germany the federal BfDI)",
    "region_name": "the Land's name, empty where region is",
    "scope": "for Germany: whom the authority supervises (field_sources names the page)",
    "name": "official name, in English where the authority or the record gives one",
    "local_name": "official name in the local language (the same as name where only one "
                  "is known)",
    "address": "postal address for complaints, lines separated by newlines, country last",
    "web_form": "URL of the web form for complaints; empty where no source gives one",
    "complaint_page": "URL of the authority's page on how to lodge a complaint, where the "
                      "record has no complaint form or only a general one",
    "email": "email address for complaints; empty where no source gives one",
    "phone": "phone number, international format",
    "website": "the authority's main website",
    "complaint_language": "ISO 639-1 language a complaint should be written in; empty where "
                          "no source says",
    "comments": "notes a user needs before writing (signatures, competences)",
    "source": "where the entry was read: the Datenanfragen.de record at the commit used",
    "field_sources": "field -> page, for fields read elsewhere than the record",
    "cited_sources": "the authorities' own pages the record cites",
}

#: Notes a user needs before writing, read on the authorities' own pages: slug -> (note, page).
EXTRA_COMMENTS: dict[str, tuple[str, str]] = {
    "czcuooz": ("The Office is moving to a new website, uoou.gov.cz (in trial operation), which "
                "gives the email address posta@uoou.gov.cz.",
                "https://uoou.gov.cz/informace-ochrana-soukromi"),
    "plgiodo": ("An electronic complaint must carry a qualified electronic signature, a trusted "
                "profile (profil zaufany) or personal signature, and is sent through the "
                "President's electronic inbox (Elektroniczna Skrzynka Podawcza).",
                "https://www.uodo.gov.pl/pl/83/153"),
}

#: "Local name (English name)", the form most datenanfragen records use.
_BILINGUAL = re.compile(r"^(?P<local>.+?)\s*\((?P<english>[^()]+)\)$")


def git_show(git_dir: Path, spec: str) -> str:
    return subprocess.run(["git", "--git-dir", str(git_dir), "show", spec], check=True,
                          capture_output=True, text=True).stdout


def head_commit(git_dir: Path) -> tuple[str, str]:
    """The commit the records are read at, and its date (YYYY-MM-DD)."""
    out = subprocess.run(["git", "--git-dir", str(git_dir), "log", "-1", "--format=%H %cs"],
                         check=True, capture_output=True, text=True).stdout.split()
    return out[0], out[1]


def load_records(git_dir: Path) -> dict[str, dict[str, object]]:
    names = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "--name-only", "HEAD", f"{RECORDS}/"],
        check=True, capture_output=True, text=True).stdout.split()
    records = {}
    for name in names:
        record = json.loads(git_show(git_dir, f"HEAD:{name}"))
        records[str(record["slug"])] = record
    return records


def split_name(full: str) -> tuple[str, str]:
    """(English name, local name) of a record's name: the same twice when it has one only."""
    match = _BILINGUAL.match(full)
    # A one-word parenthesis is an abbreviation ("... Datenschutzaufsicht (BayLDA)").
    if match and " " in match["english"].strip():
        return match["english"].strip(), match["local"].strip()
    return full, full


def entry(record: dict[str, object], commit: str, country: str, region: str = "",
          region_name: str = "", scope: tuple[str, str] = ("", "")) -> dict[str, object]:
    """One authority; ``scope`` is (who it supervises, the page that says so), for Germany."""
    slug = str(record["slug"])
    name, local_name = split_name(str(record["name"]))
    fields: dict[str, object] = {
        "country": country,
        "region": region,
        "region_name": region_name,
        "scope": scope[0],
        "name": name,
        "local_name": local_name,
        "address": str(record.get("address", "")),
        "web_form": str(record.get("webform", "")),
        "complaint_page": "",
        "email": str(record.get("email", "")),
        "phone": str(record.get("phone", "")),
        "website": str(record.get("web", "")),
        "complaint_language": str(record.get("complaint-language", "")),
        "comments": [str(comment) for comment in _list(record, "comments")],
        # Where every field was read unless field_sources names another page.
        "source": f"{REPOSITORY}/blob/{commit}/{RECORDS}/{slug}.json",
        "field_sources": {},
        # The authorities' own pages the record cites for its contents.
        "cited_sources": [str(url) for url in _list(record, "sources")],
    }
    field_sources = {"scope": scope[1]} if scope[0] else {}
    for field, (value, page) in OVERRIDES.get(slug, {}).items():
        if field not in fields:
            raise SystemExit(f"{slug}: no field {field!r} to override")
        fields[field] = value
        field_sources[field] = page
    if slug in EXTRA_COMMENTS:
        note, page = EXTRA_COMMENTS[slug]
        fields["comments"] = [*_list(record, "comments"), note]
        field_sources["comments"] = page
    fields["field_sources"] = field_sources
    if set(fields) != set(FIELDS):
        raise SystemExit(f"FIELDS does not describe {sorted(set(fields) ^ set(FIELDS))}")
    return fields


def _list(record: dict[str, object], key: str) -> list[object]:
    value = record.get(key, [])
    if not isinstance(value, list):
        raise SystemExit(f"{record['slug']}: {key} is not a list")
    return value


def build(git_dir: Path, retrieved: str) -> dict[str, object]:
    commit, committed = head_commit(git_dir)
    records = load_records(git_dir)
    national: dict[str, dict[str, object]] = {}
    for record in records.values():
        countries = [str(code).upper() for code in _list(record, "relevant-countries")]
        for country in countries:
            if country in EU_EEA and country != "DE":
                if country in national:
                    raise SystemExit(f"two records for {country}: {national[country]['slug']} "
                                     f"and {record['slug']}")
                national[country] = record
    missing = sorted(set(EU_EEA) - set(national) - {"DE"})
    if missing:
        raise SystemExit(f"no record for {', '.join(missing)}")
    entries = [entry(national[country], commit, country)
               for country in sorted(national)]
    entries.append(entry(records[GERMAN_FEDERAL], commit, "DE",
                         scope=(FEDERAL_SCOPE, FEDERAL_SCOPE_SOURCE)))
    for slug, (region, land) in GERMAN_LAENDER.items():
        scope = ((BAYLDA_SCOPE, BAYLDA_SCOPE_SOURCE) if slug == "debaylda"
                 else (LAND_SCOPE.format(land=land), LAND_SCOPE_SOURCE))
        entries.append(entry(records[slug], commit, "DE", region, land, scope))
    entries.sort(key=lambda item: (str(item["country"]), str(item["region"])))
    return {
        "source": (f"Supervisory-authority records of the Datenanfragen.de database "
                   f"({REPOSITORY}, CC0 1.0), folder {RECORDS}/ at commit {commit} "
                   f"({committed}); what a record lacks (some English names, complaint "
                   f"pages) from the authorities' own pages, named in each entry's "
                   f"field_sources. Rebuilt with "
                   f"scripts/build_authorities.py."),
        "source_commit": commit,
        "source_date": committed,
        "retrieved": retrieved,
        "note": ("Authorities move and change their forms and addresses: check the "
                 "authority's website before sending a complaint. Every field was read from "
                 "the source named in the entry; an empty field means no source gave it. "
                 "In Germany a complaint about a company goes to the authority of the Land "
                 "where the company is established; the federal BfDI handles "
                 "telecommunications and postal companies. You may also complain to the "
                 "authority of the country where you live or work (GDPR Art. 77)."),
        "fields": FIELDS,
        "authorities": entries,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("git_dir", type=Path, help="git directory of datenanfragen/data")
    parser.add_argument("--retrieved", default=dt.date.today().isoformat(),
                        help="the date the table is built (default: today)")
    args = parser.parse_args()
    table = build(args.git_dir, args.retrieved)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(table, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    count = len(table["authorities"])  # type: ignore[arg-type]
    print(f"wrote {count} authorities to {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
