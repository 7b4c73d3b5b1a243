"""Write viewer/resources/cases/authorities.json, the supervisory authorities a complaint goes to.

    .venv/bin/python scripts/build_authorities.py DATENANFRAGEN_GIT_DIR [--retrieved DATE]

Reads the supervisory-authority records of the datenanfragen/data repository (CC0; a clone or
bare git directory of https://github.com/datenanfragen/data) at its HEAD commit with
``git show``, keeps the national authority of each of the 30 EU/EEA countries and, for
Germany, the federal BfDI and the authority of each Land that supervises companies, and adds
the English names the authorities give themselves (``ENGLISH_NAMES``, each with the page it
was read on). Nothing is typed in from memory: a field no source gives stays empty.
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
FEDERAL_SCOPE = ("Federal: telecommunications and postal service companies, and federal "
                 "public bodies. Complaints about other companies go to the authority of the "
                 "Land where the company is established.")
LAND_SCOPE = "Companies and public bodies established in {land}."
BAYLDA_SCOPE = ("Companies established in Bavaria (public bodies in Bavaria have their own "
                "authority, the Bavarian State Commissioner for Data Protection).")

#: English names the authorities give themselves where the datenanfragen record has only the
#: local one: record slug -> (English name, the page it was read on).
ENGLISH_NAMES: dict[str, tuple[str, str]] = {}

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


def split_name(slug: str, full: str) -> tuple[str, str, str]:
    """(name, local_name, where the English name comes from) for one record."""
    if slug in ENGLISH_NAMES:
        english, page = ENGLISH_NAMES[slug]
        return english, full, page
    match = _BILINGUAL.match(full)
    # A one-word parenthesis is an abbreviation ("... Datenschutzaufsicht (BayLDA)").
    if match and " " in match["english"].strip():
        return match["english"].strip(), match["local"].strip(), "record"
    return full, full, "record"


def entry(record: dict[str, object], commit: str, country: str, region: str = "",
          region_name: str = "", scope: str = "") -> dict[str, object]:
    slug = str(record["slug"])
    name, local_name, name_source = split_name(slug, str(record["name"]))
    record_url = f"{REPOSITORY}/blob/{commit}/{RECORDS}/{slug}.json"
    return {
        "country": country,
        "region": region,
        "region_name": region_name,
        "scope": scope,
        "name": name,
        "local_name": local_name,
        "address": str(record.get("address", "")),
        "web_form": str(record.get("webform", "")),
        "email": str(record.get("email", "")),
        "phone": str(record.get("phone", "")),
        "website": str(record.get("web", "")),
        "complaint_language": str(record.get("complaint-language", "")),
        "comments": [str(comment) for comment in record.get("comments", [])],  # type: ignore[attr-defined]
        "source": record_url,
        "name_source": record_url if name_source == "record" else name_source,
        "cited_sources": [str(url) for url in record.get("sources", [])],  # type: ignore[attr-defined]
    }


def build(git_dir: Path, retrieved: str) -> dict[str, object]:
    commit, committed = head_commit(git_dir)
    records = load_records(git_dir)
    national: dict[str, dict[str, object]] = {}
    for record in records.values():
        countries = [str(code).upper() for code in record["relevant-countries"]]  # type: ignore[attr-defined]
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
    entries.append(entry(records[GERMAN_FEDERAL], commit, "DE", scope=FEDERAL_SCOPE))
    for slug, (region, land) in GERMAN_LAENDER.items():
        scope = BAYLDA_SCOPE if slug == "debaylda" else LAND_SCOPE.format(land=land)
        entries.append(entry(records[slug], commit, "DE", region, land, scope))
    entries.sort(key=lambda item: (str(item["country"]), str(item["region"])))
    return {
        "source": (f"Supervisory-authority records of the Datenanfragen.de database "
                   f"({REPOSITORY}, CC0 1.0), folder {RECORDS}/ at commit {commit} "
                   f"({committed}); English names from the authorities' own pages where "
                   f"the record lacks one (each entry's name_source). Rebuilt with "
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
    print(f"wrote {len(table['authorities'])} authorities to {TARGET.relative_to(ROOT)}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
