"""Where in Africa a business is: country and city found in a free-text answer.

The gazetteer (data/africa.json, built by scripts/build_africa_geo.py) maps
every spelling of a country, city, demonym or currency to a country. Detection
normalises the text into tokens and looks up token n-grams, longest first, so
"Guinée-Bissau" is never read as "Guinée", "Nigeria" never as "Niger", and
"Mali" is never found inside "Somalia". One pass over the tokens, no regex per
name: a 60-word answer takes a few microseconds per token.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from importlib import resources
from typing import Any

from genesis.core.coach.text import normalize, tokens
from genesis.core.coach.types import Language


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

    def name(self, language: Language) -> str:
        return self.name_fr if language == "fr" else self.name_en


@dataclass(frozen=True, slots=True)
class Place:
    country: Country
    city: str | None  # the city's usual spelling, e.g. "Yaoundé", "Cairo"

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
    """What a name tells about the place; higher is more specific and wins."""

    CURRENCY = 0
    DEMONYM = 1
    COUNTRY = 2
    CITY = 3


@dataclass(frozen=True, slots=True)
class _Name:
    kind: _Kind
    country: str
    city: str | None = None
    # A common word or first name ("Man", "Salé", "Maurice"): only trusted when
    # the same country is named another way in the text.
    weak: bool = False
    # Index into _Gazetteer.ambiguous when the name could be several countries.
    ambiguous: int | None = None


@dataclass(frozen=True, slots=True)
class _Ambiguity:
    default: str
    # Other candidate -> words that point at it ("démocratique" for the DRC).
    others: dict[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    countries: dict[str, Country]
    city_names: dict[str, tuple[str, str]]  # usual spelling -> (English, French)
    # Token n-gram -> what it names; None blocks it ("Papua New Guinea").
    names: dict[tuple[str, ...], _Name | None]
    # First token -> longest n-gram starting with it, to bound the lookups.
    longest: dict[str, int]
    ambiguous: tuple[_Ambiguity, ...]


@dataclass(frozen=True, slots=True)
class _Hit:
    position: int
    name: _Name


def detect_place(text: str) -> Place | None:
    """The place the text is most likely about, or None when no African place is named.

    A city beats a country name, which beats a demonym ("je suis sénégalais"),
    which beats a currency ("naira"). Among equals, a name that is not also a
    common word wins, then the country named most often, then the first mentioned.
    """
    gazetteer = _gazetteer()
    words = tokens(text)
    hits = _find_names(gazetteer, words)
    if not hits:
        return None
    hits = _resolve_ambiguities(gazetteer, hits, frozenset(words))
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
    return Place(gazetteer.countries[best.name.country], best.name.city)


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
            place = detect_place(country)
            found = place.country if place is not None else None
    if found is not None:
        context = Place(found, None).cultural_context(language)
    elif city and not country:
        place = detect_place(city)
        context = place.cultural_context(language) if place is not None else {}
    else:
        return {}
    if city:
        context["city"] = city
    return context


def all_countries() -> tuple[Country, ...]:
    """Every African country, ordered by ISO alpha-2 code."""
    return tuple(_gazetteer().countries.values())


def city_name(city: str, language: Language) -> str:
    """A city's name as written in ``language`` ("Cairo" -> "Le Caire" in French)."""
    names = _gazetteer().city_names.get(city)
    if names is None:
        return city
    return names[1] if language == "fr" else names[0]


def _find_names(gazetteer: _Gazetteer, words: list[str]) -> list[_Hit]:
    hits: list[_Hit] = []
    position = 0
    while position < len(words):
        longest = gazetteer.longest.get(words[position], 0)
        for length in range(min(longest, len(words) - position), 0, -1):
            key = tuple(words[position : position + length])
            if key in gazetteer.names:
                name = gazetteer.names[key]
                if name is not None:
                    hits.append(_Hit(position, name))
                position += length
                break
        else:
            position += 1
    return hits


def _resolve_ambiguities(
    gazetteer: _Gazetteer, hits: list[_Hit], words: frozenset[str]
) -> list[_Hit]:
    named = {hit.name.country for hit in hits if hit.name.ambiguous is None}
    resolved = []
    for hit in hits:
        if hit.name.ambiguous is not None:
            ambiguity = gazetteer.ambiguous[hit.name.ambiguous]
            country = next(
                (
                    other
                    for other, markers in ambiguity.others.items()
                    if other in named or markers & words
                ),
                ambiguity.default,
            )
            hit = _Hit(hit.position, _Name(hit.name.kind, country, weak=hit.name.weak))
        resolved.append(hit)
    return resolved


def _key(name: str) -> tuple[str, ...]:
    return tuple(tokens(name))


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
        )
        for entry in raw["countries"]
    }
    names: dict[tuple[str, ...], _Name | None] = {}

    # Most trusted first; a spelling keeps the first meaning it is given, so
    # "Papua New Guinea" stays blocked, "Congo" stays ambiguous and "Djibouti"
    # stays the country rather than its capital.
    def add(spelling: str, name: _Name | None) -> None:
        key = _key(spelling)
        if key:
            names.setdefault(key, name)

    for phrase in raw["blocked"]:
        add(phrase, None)
    ambiguous = []
    for index, group in enumerate(raw["ambiguous"]):
        others = {
            code: frozenset(normalize(marker) for marker in markers)
            for code, markers in group["others"].items()
        }
        ambiguous.append(_Ambiguity(default=group["default"], others=others))
        for alias in group["aliases"]:
            add(alias, _Name(_Kind.COUNTRY, group["default"], ambiguous=index))
    for entry in raw["countries"]:
        for alias in entry["aliases"]:
            add(alias, _Name(_Kind.COUNTRY, entry["code"]))
    for entry in raw["countries"]:
        for alias in entry["weak_aliases"]:
            add(alias, _Name(_Kind.COUNTRY, entry["code"], weak=True))
        for alias in entry["demonyms"]:
            add(alias, _Name(_Kind.DEMONYM, entry["code"]))
    for entry in raw["cities"]:
        city = _Name(_Kind.CITY, entry["country"], entry["name"], weak=entry["weak"])
        for alias in entry["aliases"]:
            add(alias, city)
        for alias in entry["weak_aliases"]:
            add(alias, _Name(_Kind.CITY, entry["country"], entry["name"], weak=True))
    for alias, code in _telling_currency_names(raw).items():
        add(alias, _Name(_Kind.CURRENCY, code))
    longest: dict[str, int] = {}
    for key in names:
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return _Gazetteer(
        countries=dict(sorted(countries.items())),
        city_names={entry["name"]: (entry["name_en"], entry["name_fr"]) for entry in raw["cities"]},
        names=names,
        longest=longest,
        ambiguous=tuple(ambiguous),
    )


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
