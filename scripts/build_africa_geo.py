"""Build src/genesis/core/coach/data/africa.json (the coach's place gazetteer).

Merges the public-domain country table (../shared/data/worldbank/country-codes.csv,
ODC-PDDL-1.0) with the hand-written scripts/africa_supplement.json (common
names, nicknames, aliases, demonyms, currency names, sub-regions, cities; the
districts, markets, landmarks and universities of the main cities; the regions
of each country; the local languages that belong mainly to one country and a
few telling words of them). The output is committed because it ships with the
package; tests/core/coach/test_africa_data.py checks that it is in sync with
this script when ../shared is present.

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

from genesis.core.coach.text import normalize, strip_accents, tokens

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
# The places inside a city, by kind (the detector trusts a district like its city).
AREA_KINDS = ("districts", "landmarks", "institutions")
# A language name that is also a common word ("Fon", "Ga", "Sango") counts alone
# only inside a phrase that says it is a language ("en fon", "Ga-speaking").
_LANGUAGE_PHRASES = (
    "en {}",
    "le {}",
    "parle {}",
    "parlent {}",
    "parlons {}",
    "parler {}",
    "speak {}",
    "speaks {}",
    "speaking {}",
    "{} speaking",
    "{} speaker",
    "{} speakers",
    "{} language",
    "langue {}",
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


def _country(
    code: str,
    row: dict[str, str],
    extra: dict[str, Any],
    currencies: Any,
    locatives: dict[str, list[str]],
    subregion: str,
) -> Any:
    currency = row["ISO4217-currency_alphabetic_code"].split(",")[0].strip()
    names = [_clean_name(row[column]) for column in _CSV_NAME_COLUMNS if row[column].strip()]
    demonyms = [form for name in extra["demonyms_en"] for form in _english_demonym_forms(name)] + [
        form for name in extra["demonyms_fr"] for form in _french_demonym_forms(name)
    ]
    # A weak name (the CSV's "Maurice" is also a first name) must not come back as strong.
    weak = {normalize(name) for name in extra.get("weak_aliases", [])}
    country = {
        "code": code,
        "code3": row["ISO3166-1-Alpha-3"],
        "name_en": extra.get("name_en", _clean_name(row["official_name_en"])),
        "name_fr": extra.get("name_fr", _clean_name(row["official_name_fr"])),
        "currency": currency,
        "currency_name_en": currencies[currency]["name_en"],
        "currency_name_fr": currencies[currency]["name_fr"],
        "languages": extra.get("languages", _languages(row["Languages"])),
        "capital": extra.get("capital", row["Capital"]),
        "subregion": subregion,
        "aliases": [
            name
            for name in _with_plain_variants(extra["aliases"] + names)
            if normalize(name) not in weak
        ],
        "weak_aliases": _with_plain_variants(extra.get("weak_aliases", [])),
        "demonyms": _with_plain_variants(demonyms),
    }
    context = _context_aliases(extra, locatives)
    if context:
        country["context_aliases"] = context
    return country


def _subregions(spec: dict[str, Any], codes: set[str]) -> dict[str, str]:
    """Country -> its sub-region; every shipped country in exactly one."""
    found: dict[str, str] = {}
    for subregion, members in spec.items():
        if subregion.startswith("_"):
            continue
        for code in members:
            if code in found:
                raise SystemExit(f"{code} is in two sub-regions: {found[code]}, {subregion}")
            found[code] = subregion
    missing, unknown = sorted(codes - set(found)), sorted(set(found) - codes)
    if missing or unknown:
        raise SystemExit(f"sub-regions: missing {missing}, unknown {unknown}")
    return found


def _city(code: str, entry: str | dict[str, Any], locatives: dict[str, list[str]]) -> Any:
    """One city; English and French names, weak spellings and the weak flag only when set,
    to keep the shipped file small (two thousand cities)."""
    spec: dict[str, Any] = {"name": entry} if isinstance(entry, str) else entry
    name: str = spec["name"]
    city: dict[str, Any] = {"name": name, "country": code}
    for language in ("en", "fr"):
        if spec.get(language, name) != name:
            city[f"name_{language}"] = spec[language]
    context = _context_aliases(spec, locatives)
    # "Safi" is a word in Swahili: its own name only counts in context.
    city["aliases"] = [
        alias
        for alias in _with_plain_variants([name, *spec.get("aliases", [])])
        if alias not in context
    ]
    if spec.get("weak_aliases"):
        city["weak_aliases"] = _with_plain_variants(spec["weak_aliases"])
    if context:
        city["context_aliases"] = context
    if spec.get("weak"):
        city["weak"] = True
    return city


def _context_aliases(spec: dict[str, Any], locatives: dict[str, list[str]]) -> dict[str, Any]:
    """Nickname -> the words after which it is trusted ("Kin" after "à", "de", "sur"...).

    The supplement names a set of words ("fr", "en") or the words themselves."""
    context: dict[str, Any] = {}
    for alias, sets in spec.get("context_aliases", {}).items():
        after = sorted({normalize(word) for name in sets for word in locatives.get(name, [name])})
        for variant in _with_plain_variants([alias]):
            context[variant] = after
    return context


def _region(code: str, entry: str | dict[str, Any], known: set[str]) -> dict[str, Any] | None:
    """One region; spellings the country already names otherwise ("Kano" the city,
    not Kano State) are left out, and so is a region left with no spelling."""
    spec: dict[str, Any] = {"name": entry} if isinstance(entry, str) else entry
    spellings = [spec["name"], *spec.get("aliases", [])]
    strong = [] if spec.get("weak") else spellings
    weak = (spellings if spec.get("weak") else []) + spec.get("weak_aliases", [])
    aliases = [alias for alias in _with_plain_variants(strong) if normalize(alias) not in known]
    weak_aliases = [alias for alias in _with_plain_variants(weak) if normalize(alias) not in known]
    if not aliases and not weak_aliases:
        return None
    region: dict[str, Any] = {"name": spec["name"], "country": code}
    if aliases != [spec["name"]]:
        region["aliases"] = aliases
    if weak_aliases:
        region["weak_aliases"] = weak_aliases
    return region


def _local_words(code: str, language: str, words: list[str]) -> dict[str, Any]:
    return {"language": language, "country": code, "words": _with_plain_variants(words)}


def _area(entry: str | dict[str, Any]) -> dict[str, Any]:
    """One district, landmark or institution; spellings beyond its name only when there are."""
    spec: dict[str, Any] = {"name": entry} if isinstance(entry, str) else entry
    area: dict[str, Any] = {"name": spec["name"]}
    aliases = _with_plain_variants([spec["name"], *spec.get("aliases", [])])
    if aliases != [spec["name"]]:
        area["aliases"] = aliases
    if spec.get("weak_aliases"):
        area["weak_aliases"] = _with_plain_variants(spec["weak_aliases"])
    if spec.get("weak"):
        area["weak"] = True
    return area


def _areas(code: str, city: str, spec: dict[str, list[Any]]) -> dict[str, Any]:
    """The districts, landmarks and institutions of one city, grouped by kind."""
    unknown = set(spec) - set(AREA_KINDS)
    if unknown:
        raise SystemExit(f"{code} {city}: unknown kinds of area {sorted(unknown)}")
    group: dict[str, Any] = {"country": code, "city": city}
    for kind in AREA_KINDS:
        if spec.get(kind):
            group[kind] = [_area(entry) for entry in spec[kind]]
    return group


def _language(code: str, entry: str | dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": entry} if isinstance(entry, str) else entry
    weak = _with_plain_variants(
        ([spec["name"]] if spec.get("weak") else []) + spec.get("weak_aliases", [])
    )
    strong = [] if spec.get("weak") else [spec["name"]]
    phrases = [phrase.format(name) for name in weak for phrase in _LANGUAGE_PHRASES]
    return {
        "name": spec["name"],
        "country": code,
        "aliases": _with_plain_variants([*strong, *spec.get("aliases", []), *phrases]),
        "weak_aliases": weak,
    }


def _meanings(data: dict[str, Any]) -> dict[str, dict[str, bool]]:
    """Spelling -> country -> whether that country's name for it is trusted alone."""
    meanings: dict[str, dict[str, bool]] = defaultdict(dict)

    def note(names: list[str], code: str, strong: bool) -> None:
        for name in names:
            known = meanings[normalize(name)]
            known[code] = known.get(code, False) or strong

    for country in data["countries"]:
        note(country["aliases"] + country["demonyms"], country["code"], True)
        note(country["weak_aliases"], country["code"], False)
    for city in data["cities"]:
        note(city["aliases"], city["country"], not city.get("weak", False))
        note(city.get("weak_aliases", []), city["country"], False)
    for group in data["areas"]:
        for kind in AREA_KINDS:
            for area in group.get(kind, []):
                spellings = area.get("aliases", [area["name"]])
                note(spellings, group["country"], not area.get("weak", False))
                note(area.get("weak_aliases", []), group["country"], False)
    for region in data.get("regions", []):
        note(region.get("aliases", [region["name"]]), region["country"], True)
        note(region.get("weak_aliases", []), region["country"], False)
    for language in data.get("local_languages", []):
        note(language["aliases"], language["country"], True)
        note(language["weak_aliases"], language["country"], False)
    for words in data.get("local_words", []):
        note(words["words"], words["country"], True)
    return meanings


def _known_spellings(data: dict[str, Any]) -> dict[str, set[str]]:
    """Country -> the spellings its names in ``data`` already use."""
    known: dict[str, set[str]] = defaultdict(set)
    for key, codes in _meanings(data).items():
        for code in codes:
            known[code].add(key)
    return known


def _check_context(data: dict[str, Any]) -> None:
    """A nickname trusted only in context must mean nothing else, anywhere (the
    detector compares words: "GH¢" is the word "gh")."""
    spellings = [
        *_meanings(data),
        *(alias for currency in data["currencies"].values() for alias in currency["aliases"]),
    ]
    words = {" ".join(tokens(spelling)) for spelling in spellings}
    contextual = {
        alias
        for entry in [*data["countries"], *data["cities"]]
        for alias in entry.get("context_aliases", {})
    }
    taken = sorted(alias for alias in contextual if " ".join(tokens(alias)) in words)
    if taken:
        raise SystemExit(f"nicknames in context that also name something else: {taken}")


def _check_unambiguous(data: dict[str, Any]) -> None:
    """Fail the build when one spelling would point at two countries by accident.

    A name used in several countries is fine when at most one of them may trust it
    alone ("Plateau" is weak in Abidjan, Dakar and Niamey; "Matam" is a Senegalese
    town and a weak name for a district of Conakry): the detector then takes the
    country named elsewhere in the text, else the one trusted alone, else nothing.
    A city named like its own country (Djibouti) is no clash: the country wins.
    """
    shared = {normalize(name) for group in data["ambiguous"] for name in group["aliases"]}
    clashes = {
        key: sorted(code for code, strong in codes.items() if strong)
        for key, codes in _meanings(data).items()
        if key not in shared and sum(codes.values()) > 1
    }
    if clashes:
        raise SystemExit(f"names trusted in several countries, make them weak: {clashes}")


def _check_places(data: dict[str, Any], several: list[str]) -> None:
    """Every area lies in a listed city; no language of several countries, and no
    region of several countries ("Sahel"), is named."""
    cities = {(city["country"], city["name"]) for city in data["cities"]}
    strays = [
        (group["country"], group["city"])
        for group in data["areas"]
        if (group["country"], group["city"]) not in cities
    ]
    if strays:
        raise SystemExit(f"areas of cities that are not listed: {strays}")
    meanings = _meanings(data)
    named = sorted(name for name in several if normalize(name) in meanings)
    if named:
        raise SystemExit(f"names of several countries must stay unplaced: {named}")


def build(csv_path: Path = CSV_PATH, supplement_path: Path = SUPPLEMENT_PATH) -> dict[str, Any]:
    supplement = json.loads(supplement_path.read_text(encoding="utf-8"))
    rows = _read_csv(csv_path)
    missing = sorted(set(supplement["countries"]) - set(rows))
    if missing:
        raise SystemExit(f"countries missing from the CSV: {missing}")
    currencies = supplement["currencies"]
    locatives = {
        name: words for name, words in supplement["locatives"].items() if not name.startswith("_")
    }
    subregions = _subregions(supplement["subregions"], set(supplement["countries"]))
    countries = [
        _country(code, rows[code], extra, currencies, locatives, subregions[code])
        for code, extra in sorted(supplement["countries"].items())
    ]
    cities = [
        _city(code, entry, locatives)
        for code, entries in sorted(supplement["cities"].items())
        for entry in entries
    ]
    areas = [
        _areas(code, city, spec)
        for code, by_city in sorted(supplement["areas"].items())
        for city, spec in by_city.items()
    ]
    languages = [
        _language(code, entry)
        for code, entries in sorted(supplement["languages"].items())
        for entry in entries
    ]
    data: dict[str, Any] = {
        "_source": SOURCE,
        "countries": countries,
        "currencies": {
            code: {key: value for key, value in spec.items() if not key.startswith("_")}
            for code, spec in sorted(currencies.items())
        },
        "cities": cities,
        "areas": areas,
    }
    # Countries, cities and areas first: "Kano" stays the city, "Kano State" is the region.
    known = _known_spellings(data)
    regions = [
        _region(code, entry, known[code])
        for code, entries in sorted(supplement["regions"].items())
        for entry in entries
    ]
    data["regions"] = [region for region in regions if region is not None]
    data["local_languages"] = languages
    data["local_words"] = [
        _local_words(code, language, words)
        for code, by_language in sorted(supplement["local_words"].items())
        for language, words in by_language.items()
        if not language.startswith("_")
    ]
    data["ambiguous"] = [
        {key: value for key, value in group.items() if not key.startswith("_")}
        for group in supplement["ambiguous"]
    ]
    data["blocked"] = supplement["blocked"]
    _check_unambiguous(data)
    _check_context(data)
    _check_places(
        data,
        supplement["languages_of_several_countries"] + supplement["regions_of_several_countries"],
    )
    return data


def render(data: dict[str, Any]) -> str:
    """JSON with one line per country, city, area or language: small and diffable."""
    return _render(data, 0) + "\n"


def _render(value: Any, depth: int) -> str:
    if _is_flat(value):
        return json.dumps(value, ensure_ascii=False)
    inner = " " * (depth + 1)
    if isinstance(value, dict):
        items = [
            f"{inner}{json.dumps(key, ensure_ascii=False)}: {_render(item, depth + 1)}"
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    items = [inner + _render(item, depth + 1) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * depth + "]"


def _is_flat(value: Any) -> bool:
    """A scalar, a list of scalars, or a record of those: written on one line."""
    if isinstance(value, dict):
        return all(not isinstance(item, dict) and _is_flat(item) for item in value.values())
    if isinstance(value, list):
        return not any(isinstance(item, dict | list) for item in value)
    return True


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
