"""Where in Africa a business is: country and city found in a free-text answer.

The gazetteer (data/africa.json, built by scripts/build_africa_geo.py) maps
every spelling of a country, city, demonym or currency to a country, and the
districts, markets, landmarks and universities of the main cities ("Yop",
"Dantokpa", "KNUST") to their city: people often name only their quarter. A
district places the business like its city does; a market or a university may
be where one buys stock or studied, so a country named elsewhere beats it.

Regions name a country and no city: the first-level divisions (regions,
provinces, states, counties, wilayas: "Kaolack" is a city, "Casamance",
"Gauteng" or "Oromia" are regions) and the historical or geographic regions of
everyday speech ("Kabylie", "Copperbelt", "Matabeleland"). A region ranks just
below the country's own name: "the South West region of Nigeria" is Nigeria.
Divisions called after a direction or a common word ("Centre", "Littoral",
"Western", "Plateaux") are kept only as full names ("région du Littoral",
"Western Cape") or left out.

People also use nicknames and abbreviations ("Naija", "Mzansi", "Babi",
"Jozi", "Dkr"). The ones that are also words ("Kin" in "my kin", "SA" in "il a
sa boutique", "Dar", "Casa", "Tana", "Safi" which is Swahili for "clean") count
only right after a word that introduces a place ("à Kin", "a kin", "in SA",
"moved to Dar"); elsewhere they are weak names. A form field that holds only a
place's name ("SA" as the country) needs no such word.

The weakest clue, used only when nothing else names a place, is a local
language that belongs mainly to one country ("en wolof", "Igbo-speaking") or a
very distinctive everyday word of one ("jërëjëf", "nanga def" in Wolof,
"medaase" in Twi, "webale" in Luganda, "dumsor", "spaza", "matatu"). A word
only qualifies when it is almost never English or French and is tied to one
country: Swahili, Lingala, Hausa or pidgin words shared by several countries
("wahala", "abeg", "safi", "mbote") and dishes (they travel with restaurants)
say nothing. Its clue is "language": like a language's name, it says who the
customers may be rather than where the business is.

Detection normalises the text into tokens and looks up token n-grams, longest
first, so "Guinée-Bissau" is never read as "Guinée", "Nigeria" never as
"Niger", and "Mali" is never found inside "Somalia". One pass over the tokens,
no regex per name: a 60-word answer takes a few microseconds per token.

Many quarter names are also words or first names ("Plateau", "Glass", "Karen")
or are found in several countries ("Madina" in Accra and Conakry): such a name
only counts when the text names its country another way. The commonest words
("Bè" is "be", Accra's "La") are left out altogether, since naming the country
would make every "be" a quarter of Lomé.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import IntEnum
from functools import cache
from importlib import resources
from typing import Any, Final, Literal

from genesis.core.coach.text import capitalised, normalize, tokens
from genesis.core.coach.types import Language

# The sub-regions of the continent (the African Union's five, with the Indian
# Ocean islands apart): "region" alone means a country's own divisions here.
Subregion = Literal["north", "west", "central", "east", "southern", "indian_ocean"]
SUBREGIONS: Final[tuple[Subregion, ...]] = (
    "north",
    "west",
    "central",
    "east",
    "southern",
    "indian_ocean",
)


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    code3: str  # ISO 3166-1 alpha-3
    name_en: str
    name_fr: str
    currency: str  # ISO 4217
    currency_name_en: str
    currency_name_fr: str
    languages: tuple[str, ...]  # ISO 639-1, main first
    capital: str
    subregion: Subregion

    def name(self, language: Language) -> str:
        return self.name_fr if language == "fr" else self.name_en


# What told the country: a city (or one of its districts), a landmark or
# university, a region, the country's name, a nationality, a currency, or a local
# language or one of its words.
Clue = Literal[
    "city", "district", "landmark", "region", "country", "demonym", "currency", "language"
]


@dataclass(frozen=True, slots=True)
class Place:
    country: Country
    city: str | None  # the city's usual spelling, e.g. "Yaoundé", "Cairo"
    # The district, market or university named in that city ("Yopougon", "Sandaga").
    area: str | None = None
    clue: Clue = "country"

    def cultural_context(self, language: Language) -> dict[str, Any]:
        """What the coach and the sub-agents need to know about the place."""
        country = self.country
        context: dict[str, Any] = {
            "country": country.name(language),
            "country_code": country.code,
            "currency": country.currency,
            "currency_name": (
                country.currency_name_fr if language == "fr" else country.currency_name_en
            ),
            "languages": list(country.languages),
            "capital": city_name(country.capital, language),
        }
        if self.city is not None:
            context["city"] = city_name(self.city, language)
        return context


class _Kind(IntEnum):
    """How surely a name places the business; higher wins between countries.

    A landmark or university may be where one studied or buys stock, so the
    country's name beats it; a district is where one lives or works, like a city.
    A region names its country less plainly than the country's name does.
    """

    LANGUAGE = 0
    CURRENCY = 1
    DEMONYM = 2
    LANDMARK = 3
    REGION = 4
    COUNTRY = 5
    CITY = 6


_CLUES: dict[_Kind, Clue] = {
    _Kind.LANGUAGE: "language",
    _Kind.CURRENCY: "currency",
    _Kind.DEMONYM: "demonym",
    _Kind.LANDMARK: "landmark",
    _Kind.REGION: "region",
    _Kind.COUNTRY: "country",
    _Kind.CITY: "city",
}
_AREA_KINDS = {"districts": _Kind.CITY, "landmarks": _Kind.LANDMARK, "institutions": _Kind.LANDMARK}


@dataclass(frozen=True, slots=True)
class _Name:
    kind: _Kind
    country: str
    city: str | None = None
    area: str | None = None
    # A common word or first name ("Man", "Salé", "Maurice"): only trusted when
    # the same country is named another way in the text.
    weak: bool = False


@dataclass(frozen=True, slots=True)
class _Ambiguity:
    """A name of several places: the one whose country the text names otherwise wins."""

    candidates: tuple[_Name, ...]
    # Taken when no other clue decides ("Congo" is Brazzaville); None drops the name.
    default: _Name | None
    # Country -> words that point at it ("démocratique" for the DRC).
    markers: dict[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class _Contextual:
    """A nickname that is also a word ("Kin", "SA"): trusted right after a word
    that introduces a place ("à Kin", "in SA"), weak anywhere else."""

    after: frozenset[str]
    name: _Name
    otherwise: _Name


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    countries: dict[str, Country]
    city_names: dict[str, tuple[str, str]]  # usual spelling -> (English, French)
    # Token n-gram -> what it names; None blocks it ("Papua New Guinea").
    names: dict[tuple[str, ...], _Name | _Ambiguity | _Contextual | None]
    # First token -> longest n-gram starting with it, to bound the lookups.
    longest: dict[str, int]
    # Token n-gram of a city, district, landmark, region or country -> its spelling.
    spellings: dict[tuple[str, ...], str]


@dataclass(frozen=True, slots=True)
class _Hit:
    position: int
    name: _Name


@dataclass(frozen=True, slots=True)
class _Found:
    position: int
    name: _Name | _Ambiguity


def detect_place(text: str) -> Place | None:
    """The place the text is most likely about, or None when no African place is named.

    The country comes first: a city or district beats a country name, which beats
    a region, a landmark or university, a demonym ("je suis sénégalais"), a
    currency ("naira") and last a local language or word ("en wolof", "jërëjëf").
    Among equals, a name that is not also a common word wins, then the country
    named most often, then the first mentioned. The city is then the most telling
    one named in that country.
    """
    return _detect(text, alone=False)


def _detect(text: str, *, alone: bool) -> Place | None:
    """``alone``: the text is only a place's name (a form field), so a nickname
    that is also a word ("SA", "Kin") needs no word before it."""
    gazetteer = _gazetteer()
    words = tokens(text)
    found = _find_names(gazetteer, words, alone)
    capitals = capitalised(text)
    if len(capitals) == len(words):
        found = [_introduced(item, words, capitals) for item in found]
    if not found:
        return None
    hits = _resolve_ambiguities(found, frozenset(words))
    trusted = {hit.name.country for hit in hits if not hit.name.weak}
    hits = [hit for hit in hits if not hit.name.weak or hit.name.country in trusted]
    if not hits:
        return None
    mentions: dict[str, int] = {}
    for hit in hits:
        mentions[hit.name.country] = mentions.get(hit.name.country, 0) + 1
    best = max(
        hits,
        key=lambda hit: (
            hit.name.kind,
            not hit.name.weak,
            mentions[hit.name.country],
            -hit.position,
        ),
    )
    country = best.name.country
    local = [hit for hit in hits if hit.name.country == country and hit.name.city is not None]
    city = max(local, key=_rank).name.city if local else None
    areas = [hit for hit in local if hit.name.city == city and hit.name.area is not None]
    return Place(
        gazetteer.countries[country],
        city,
        area=max(areas, key=_rank).name.area if areas else None,
        clue=_clue(best.name),
    )


# Words that introduce a place ("à Kaya", "marché de Kara", "in Bo").
_LOCATIVES: Final = frozenset(
    {"a", "de", "d", "du", "sur", "vers", "depuis", "pres", "autour"}
    | {"in", "at", "from", "to", "around", "across", "near", "outside", "into"}
)


def _introduced(item: _Found, words: list[str], capitals: list[bool]) -> _Found:
    """A town whose name is also a word ("Kaya", "Bo", "Bobo") is trusted when it
    is written as a name (a capital) right after a word that introduces a place:
    "à Kaya", "in Bo", "le marché de Kara". Typed all in lowercase, it stays weak."""
    name, position = item.name, item.position
    if (
        isinstance(name, _Name)
        and name.weak
        and name.kind in (_Kind.CITY, _Kind.REGION, _Kind.LANDMARK)
        and position > 0
        and capitals[position]
        and words[position - 1] in _LOCATIVES
    ):
        return _Found(position, replace(name, weak=False))
    return item


def _rank(hit: _Hit) -> tuple[_Kind, bool, int]:
    """Most telling first: a district or city before a landmark, a sure name, the first."""
    return hit.name.kind, not hit.name.weak, -hit.position


def _clue(name: _Name) -> Clue:
    if name.kind == _Kind.CITY and name.area is not None:
        return "district"
    return _CLUES[name.kind]


def country_by_code(code: str) -> Country | None:
    """The country for an ISO alpha-2 or alpha-3 code (any case), if African."""
    countries = _gazetteer().countries
    wanted = code.strip().upper()
    if len(wanted) == 3:
        return next((c for c in countries.values() if c.code3 == wanted), None)
    return countries.get(wanted)


def start_context(language: Language, country: str, city: str) -> dict[str, Any]:
    """The ``cultural_context`` a person gives at start: a country (ISO code or
    name) wins; a city alone is looked up; a city not in the gazetteer is kept as
    typed. An unknown country gives nothing rather than a wrong guess."""
    found: Country | None = None
    if country:
        found = country_by_code(country) if len(country.strip()) in (2, 3) else None
        if found is None:
            place = _detect(country, alone=True)
            found = place.country if place is not None else None
    if found is not None:
        context = Place(found, None).cultural_context(language)
    elif city and not country:
        place = _detect(city, alone=True)
        context = place.cultural_context(language) if place is not None else {}
    else:
        return {}
    if city:
        context["city"] = city
    return context


def load_places() -> None:
    """Read the gazetteer now (it is read on first use otherwise)."""
    _gazetteer()


def places_loaded() -> bool:
    return _gazetteer.cache_info().currsize > 0


def all_countries() -> tuple[Country, ...]:
    """Every African country, ordered by ISO alpha-2 code."""
    return tuple(_gazetteer().countries.values())


def city_name(city: str, language: Language) -> str:
    """A city's name as written in ``language`` ("Cairo" -> "Le Caire" in French)."""
    names = _gazetteer().city_names.get(city)
    if names is None:
        return city
    return names[1] if language == "fr" else names[0]


# Kinds of names written with capitals in both languages (a demonym, a language
# or a currency is lowercase in French: "sénégalais", "wolof", "naira").
_SPELLED: Final = frozenset({_Kind.CITY, _Kind.LANDMARK, _Kind.REGION, _Kind.COUNTRY})
_TYPED_WORD: Final = re.compile(r"[^\W_]+")
# French writes the common noun of a place's name in lowercase ("le marché Sandaga").
_COMMON_NOUNS: Final = frozenset({"marche", "universite", "rue", "avenue", "gare", "quartier"})


def spell_places(text: str) -> str:
    """``text`` with the places the gazetteer knows, typed all in lowercase, written
    as they are spelt ("a stall in gikomba" -> "a stall in Gikomba"). Only the
    places of the country the text is about, and never a name that is also a
    common word ("plateau", "man"): those are weak and left as typed."""
    place = detect_place(text)
    if place is None:
        return text
    gazetteer = _gazetteer()
    typed = list(_TYPED_WORD.finditer(text))
    words = [normalize(match.group()) for match in typed]
    out: list[str] = []
    last = 0
    position = 0
    while position < len(words):
        longest = gazetteer.longest.get(words[position], 0)
        for length in range(min(longest, len(words) - position), 0, -1):
            key = tuple(words[position : position + length])
            spelling = gazetteer.spellings.get(key)
            name = gazetteer.names.get(key)
            if spelling is None or not isinstance(name, _Name) or name.weak:
                continue
            if name.country != place.country.code:
                continue
            start, end = typed[position].start(), typed[position + length - 1].end()
            if text[start:end].islower() and tokens(spelling) == list(key):
                first, _, rest = spelling.partition(" ")
                if rest and normalize(first) in _COMMON_NOUNS:  # "marché Sandaga"
                    spelling = f"{text[start : start + len(first)]} {rest}"
                out += [text[last:start], spelling]
                last = end
            position += length
            break
        else:
            position += 1
    out.append(text[last:])
    return "".join(out)


def _find_names(gazetteer: _Gazetteer, words: list[str], alone: bool) -> list[_Found]:
    found: list[_Found] = []
    position = 0
    while position < len(words):
        longest = gazetteer.longest.get(words[position], 0)
        for length in range(min(longest, len(words) - position), 0, -1):
            key = tuple(words[position : position + length])
            if key in gazetteer.names:
                name = gazetteer.names[key]
                if isinstance(name, _Contextual):
                    introduced = alone or (position > 0 and words[position - 1] in name.after)
                    name = name.name if introduced else name.otherwise
                if name is not None:
                    found.append(_Found(position, name))
                position += length
                break
        else:
            position += 1
    return found


def _resolve_ambiguities(found: list[_Found], words: frozenset[str]) -> list[_Hit]:
    """Each name of several places becomes the one the rest of the text points at."""
    named = {
        item.name.country for item in found if isinstance(item.name, _Name) and not item.name.weak
    }
    hits = []
    for item in found:
        name = item.name
        if isinstance(name, _Ambiguity):
            chosen = next(
                (
                    candidate
                    for candidate in name.candidates
                    if candidate.country in named
                    or name.markers.get(candidate.country, frozenset()) & words
                ),
                name.default,
            )
            if chosen is None:
                continue
            name = chosen
        hits.append(_Hit(item.position, name))
    return hits


def _subregion(value: str) -> Subregion:
    for subregion in SUBREGIONS:
        if value == subregion:
            return subregion
    raise ValueError(f"unknown sub-region {value!r} in africa.json")


def _key(name: str) -> tuple[str, ...]:
    # Interned: thousands of names share their words ("marche", "university").
    return tuple(sys.intern(word) for word in tokens(name))


@cache
def _gazetteer() -> _Gazetteer:
    raw = json.loads(
        resources.files("genesis.core.coach").joinpath("data/africa.json").read_text("utf-8")
    )
    countries = {
        entry["code"]: Country(
            code=entry["code"],
            code3=entry["code3"],
            name_en=entry["name_en"],
            name_fr=entry["name_fr"],
            currency=entry["currency"],
            currency_name_en=entry["currency_name_en"],
            currency_name_fr=entry["currency_name_fr"],
            languages=tuple(entry["languages"]),
            capital=entry["capital"],
            subregion=_subregion(entry["subregion"]),
        )
        for entry in raw["countries"]
    }
    meanings: dict[tuple[str, ...], list[_Name]] = {}
    contextual: dict[tuple[str, ...], _Contextual] = {}
    blocked: set[tuple[str, ...]] = set()

    # Most trusted first: in each country, a spelling keeps the first meaning it
    # is given, so "Djibouti" stays the country rather than its capital.
    spellings: dict[tuple[str, ...], str] = {}

    def add(spelling: str, name: _Name) -> None:
        key = _key(spelling)
        if key:
            known = meanings.setdefault(key, [])
            if all(other.country != name.country for other in known):
                known.append(name)
            if name.kind in _SPELLED and not name.weak and spelling[:1].isupper():
                spellings.setdefault(key, spelling)

    # The build makes sure a nickname that is also a word has no other meaning.
    def add_contextual(entry: dict[str, Any], name: _Name) -> None:
        for alias, after in entry.get("context_aliases", {}).items():
            contextual[_key(alias)] = _Contextual(
                frozenset(after), name, _Name(name.kind, name.country, name.city, weak=True)
            )

    for phrase in raw["blocked"]:
        blocked.add(_key(phrase))
    for entry in raw["countries"]:
        for alias in entry["aliases"]:
            add(alias, _Name(_Kind.COUNTRY, entry["code"]))
        add_contextual(entry, _Name(_Kind.COUNTRY, entry["code"]))
    for entry in raw["countries"]:
        for alias in entry["weak_aliases"]:
            add(alias, _Name(_Kind.COUNTRY, entry["code"], weak=True))
        for alias in entry["demonyms"]:
            add(alias, _Name(_Kind.DEMONYM, entry["code"]))
    for entry in raw["cities"]:
        city = _Name(_Kind.CITY, entry["country"], entry["name"], weak=entry.get("weak", False))
        for alias in entry["aliases"]:
            add(alias, city)
        weak_city = _Name(_Kind.CITY, entry["country"], entry["name"], weak=True)
        for alias in entry.get("weak_aliases", []):
            add(alias, weak_city)
        add_contextual(entry, _Name(_Kind.CITY, entry["country"], entry["name"]))
    for group in raw["areas"]:
        for kind, entries in group.items():
            if kind in _AREA_KINDS:
                for entry in entries:
                    _add_area(add, _AREA_KINDS[kind], group["country"], group["city"], entry)
    for entry in raw["regions"]:
        region = _Name(_Kind.REGION, entry["country"])
        for alias in entry.get("aliases", [entry["name"]]):
            add(alias, region)
        for alias in entry.get("weak_aliases", []):
            add(alias, _Name(_Kind.REGION, entry["country"], weak=True))
    for alias, code in _telling_currency_names(raw).items():
        add(alias, _Name(_Kind.CURRENCY, code))
    for entry in raw["local_languages"]:
        for alias in entry["aliases"]:
            add(alias, _Name(_Kind.LANGUAGE, entry["country"]))
        for alias in entry["weak_aliases"]:
            add(alias, _Name(_Kind.LANGUAGE, entry["country"], weak=True))
    for entry in raw["local_words"]:
        for word in entry["words"]:
            add(word, _Name(_Kind.LANGUAGE, entry["country"]))
    names: dict[tuple[str, ...], _Name | _Ambiguity | _Contextual | None] = {
        key: _meaning(known) for key, known in meanings.items()
    }
    names.update(contextual)
    for group in raw["ambiguous"]:
        ambiguity = _Ambiguity(
            candidates=tuple(
                _Name(_Kind.COUNTRY, code) for code in [group["default"], *group["others"]]
            ),
            default=_Name(_Kind.COUNTRY, group["default"]),
            markers={
                code: frozenset(normalize(marker) for marker in markers)
                for code, markers in group["others"].items()
            },
        )
        for alias in group["aliases"]:
            names[_key(alias)] = ambiguity
    names.update(dict.fromkeys(blocked))
    longest: dict[str, int] = {}
    for key in names:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return _Gazetteer(
        countries=dict(sorted(countries.items())),
        city_names={
            entry["name"]: (
                entry.get("name_en", entry["name"]),
                entry.get("name_fr", entry["name"]),
            )
            for entry in raw["cities"]
        },
        names=names,
        longest=longest,
        spellings=spellings,
    )


def _add_area(
    add: Callable[[str, _Name], None], kind: _Kind, country: str, city: str, entry: dict[str, Any]
) -> None:
    area = _Name(kind, country, city, entry["name"], weak=entry.get("weak", False))
    for alias in entry.get("aliases", [entry["name"]]):
        add(alias, area)
    if entry.get("weak_aliases"):
        weak = _Name(kind, country, city, entry["name"], weak=True)
        for alias in entry["weak_aliases"]:
            add(alias, weak)


def _meaning(known: list[_Name]) -> _Name | _Ambiguity:
    """One place, or the places of several countries that share a spelling.

    The build lets at most one of them be trusted alone: it is the default.
    """
    if len(known) == 1:
        return known[0]
    default = next((name for name in known if not name.weak), None)
    return _Ambiguity(candidates=tuple(known), default=default, markers={})


def _telling_currency_names(raw: dict[str, Any]) -> dict[str, str]:
    """Currency spelling -> country, for spellings that point at one country only.

    "FCFA" is used by fourteen countries and "shilling" or "kwacha" by several, so
    they say nothing about where the business is; "naira" or "cedi" do.
    """
    users: dict[str, list[str]] = {}
    for entry in raw["countries"]:
        users.setdefault(entry["currency"], []).append(entry["code"])
    owners: dict[str, set[str]] = {}
    for currency, spec in raw["currencies"].items():
        for alias in spec["aliases"]:
            owners.setdefault(normalize(alias), set()).add(currency)
    telling = {}
    for alias, currencies in owners.items():
        if len(currencies) != 1:
            continue
        (currency,) = currencies
        if len(users.get(currency, [])) == 1:
            telling[alias] = users[currency][0]
    return telling
