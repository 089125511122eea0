"""Build src/genesis/core/coach/data/africa.json (the coach's place gazetteer).

Merges the public-domain country table (../shared/data/worldbank/country-codes.csv,
ODC-PDDL-1.0) with the hand-written scripts/africa_supplement.json (common
names, aliases, demonyms, currency names, cities). The output is committed
because it ships with the package; tests/core/coach/test_africa_data.py checks
that it is in sync with this script when ../shared is present.

    .venv/bin/python scripts/build_africa_geo.py          # rewrite africa.json
    .venv/bin/python scripts/build_africa_geo.py --check  # exit 1 if out of date
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from genesis.core.coach.text import normalize, strip_accents

ROOT = Path(__file__).resolve().parent.parent
CSV_PATH = ROOT.parent / "shared" / "data" / "worldbank" / "country-codes.csv"
SUPPLEMENT_PATH = ROOT / "scripts" / "africa_supplement.json"
OUTPUT_PATH = ROOT / "src" / "genesis" / "core" / "coach" / "data" / "africa.json"

SOURCE = (
    "country-codes.csv from the open 'datasets' collection (ODC-PDDL-1.0), merged with "
    "scripts/africa_supplement.json by scripts/build_africa_geo.py. Generated: do not edit."
)
# The CSV's short and formal UN names make good extra aliases ("République du Sénégal").
_CSV_NAME_COLUMNS = (
    "official_name_en",
    "official_name_fr",
    "CLDR display name",
    "UNTERM English Short",
    "UNTERM French Short",
    "UNTERM English Formal",
    "UNTERM French Formal",
)
_LEADING_ARTICLE = re.compile(r"^(?:(?:the|la|le|les)\s+|l')", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def _clean_name(name: str) -> str:
    """'Côte d’Ivoire (la)' -> "Côte d'Ivoire"; 'the Republic of Kenya' -> 'Republic of Kenya'."""
    name = _PARENTHESIS.sub("", name.replace("’", "'")).strip()
    return _LEADING_ARTICLE.sub("", name).strip()


def _with_plain_variants(names: list[str]) -> list[str]:
    """Names in order, each followed by its accent-free spelling, without duplicates."""
    seen: dict[str, None] = {}
    for name in names:
        for variant in (name, strip_accents(name)):
            if variant:
                seen.setdefault(variant, None)
    return list(seen)


def _french_demonym_forms(masculine: str) -> list[str]:
    """Masculine singular -> the four French forms (sénégalais -> sénégalaise, ...)."""
    if masculine.endswith(("s", "x")):
        return [masculine, masculine + "e", masculine + "es"]
    if masculine.endswith("en"):
        return [masculine, masculine + "ne", masculine + "s", masculine + "nes"]
    if masculine.endswith(("e", "è", "é", "i")):
        return [masculine, masculine + "s"]
    return [masculine, masculine + "e", masculine + "s", masculine + "es"]


def _english_demonym_forms(singular: str) -> list[str]:
    if singular.endswith(("n", "i")):
        return [singular, singular + "s"]
    return [singular]


def _languages(csv_value: str) -> list[str]:
    """'fr-SN,wo,fuc' -> ['fr', 'wo']: ISO 639-1 codes only, first seen first."""
    codes = [part.split("-")[0].strip().lower() for part in csv_value.split(",")]
    return list(dict.fromkeys(code for code in codes if len(code) == 2))


def _read_csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["ISO3166-1-Alpha-2"]: row for row in csv.DictReader(handle)}


def _country(code: str, row: dict[str, str], extra: dict[str, Any], currencies: Any) -> Any:
    currency = row["ISO4217-currency_alphabetic_code"].split(",")[0].strip()
    names = [_clean_name(row[column]) for column in _CSV_NAME_COLUMNS if row[column].strip()]
    demonyms = [form for name in extra["demonyms_en"] for form in _english_demonym_forms(name)] + [
        form for name in extra["demonyms_fr"] for form in _french_demonym_forms(name)
    ]
    # A weak name (the CSV's "Maurice" is also a first name) must not come back as strong.
    weak = {normalize(name) for name in extra.get("weak_aliases", [])}
    return {
        "code": code,
        "code3": row["ISO3166-1-Alpha-3"],
        "name_en": extra.get("name_en", _clean_name(row["official_name_en"])),
        "name_fr": extra.get("name_fr", _clean_name(row["official_name_fr"])),
        "currency": currency,
        "currency_name_en": currencies[currency]["name_en"],
        "currency_name_fr": currencies[currency]["name_fr"],
        "languages": extra.get("languages", _languages(row["Languages"])),
        "capital": extra.get("capital", row["Capital"]),
        "aliases": [
            name
            for name in _with_plain_variants(extra["aliases"] + names)
            if normalize(name) not in weak
        ],
        "weak_aliases": _with_plain_variants(extra.get("weak_aliases", [])),
        "demonyms": _with_plain_variants(demonyms),
    }


def _city(code: str, entry: str | dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": entry} if isinstance(entry, str) else entry
    name: str = spec["name"]
    return {
        "name": name,
        "name_en": spec.get("en", name),
        "name_fr": spec.get("fr", name),
        "country": code,
        "aliases": _with_plain_variants([name, *spec.get("aliases", [])]),
        "weak_aliases": _with_plain_variants(spec.get("weak_aliases", [])),
        "weak": bool(spec.get("weak", False)),
    }


def _check_unambiguous(data: dict[str, Any]) -> None:
    """Fail the build when one spelling would point at two countries by accident."""
    owners: dict[str, set[str]] = defaultdict(set)
    for country in data["countries"]:
        for name in country["aliases"] + country["weak_aliases"] + country["demonyms"]:
            owners[normalize(name)].add(country["code"])
    for city in data["cities"]:
        for name in city["aliases"] + city["weak_aliases"]:
            # A city named like its own country (Djibouti) is no clash: the country wins.
            owners[normalize(name)].add(city["country"])
    shared = {normalize(name) for group in data["ambiguous"] for name in group["aliases"]}
    clashes = {key: codes for key, codes in owners.items() if len(codes) > 1}
    clashes = {key: codes for key, codes in clashes.items() if key not in shared}
    if clashes:
        raise SystemExit(f"ambiguous names, add them to 'ambiguous' or rename: {clashes}")


def build(csv_path: Path = CSV_PATH, supplement_path: Path = SUPPLEMENT_PATH) -> dict[str, Any]:
    supplement = json.loads(supplement_path.read_text(encoding="utf-8"))
    rows = _read_csv(csv_path)
    missing = sorted(set(supplement["countries"]) - set(rows))
    if missing:
        raise SystemExit(f"countries missing from the CSV: {missing}")
    currencies = supplement["currencies"]
    countries = [
        _country(code, rows[code], extra, currencies)
        for code, extra in sorted(supplement["countries"].items())
    ]
    cities = [
        _city(code, entry)
        for code, entries in sorted(supplement["cities"].items())
        for entry in entries
    ]
    data = {
        "_source": SOURCE,
        "countries": countries,
        "currencies": {
            code: {key: value for key, value in spec.items() if not key.startswith("_")}
            for code, spec in sorted(currencies.items())
        },
        "cities": cities,
        "ambiguous": [
            {key: value for key, value in group.items() if not key.startswith("_")}
            for group in supplement["ambiguous"]
        ],
        "blocked": supplement["blocked"],
    }
    _check_unambiguous(data)
    return data


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the output is current")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        current = OUTPUT_PATH.read_text(encoding="utf-8") if OUTPUT_PATH.exists() else ""
        if current != text:
            print(f"{OUTPUT_PATH} is out of date: run scripts/build_africa_geo.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
