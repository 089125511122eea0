"""Where the market research comes from, as a person reads it.

The market data keeps what the agent used as data (``capital``, ``languages``
as ISO codes, series codes in its citations) because the exports and the site
read it. A person sees each source by its name and what it gave, in the brief's
language: "Banque mondiale (World Bank Open Data) : population, croissance et
PIB, 2023-2024", "Table des pays : capitale Abuja ; langues anglais, haoussa".
A code with no known name is left out rather than shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from genesis.core.agents.data import load_json
from genesis.core.agents.results import MarketResearch

_WORDS = {
    "fr": {
        "world_bank": "Banque mondiale (World Bank Open Data)",
        "figures": "{items}, {years}",
        "countries": "Table des pays (collection ouverte « datasets »)",
        "capital": "capitale {capital}",
        "languages": "langues {languages}",
        "knowledge": "Repères sectoriels de Genesis Coach",
        "knowledge_gave": "clients, concurrents, prix indicatifs, risques et formalités ({sector})",
        "web": "Recherche web",
        "and": " et ",
    },
    "en": {
        "world_bank": "World Bank (World Bank Open Data)",
        "figures": "{items}, {years}",
        "countries": "Country table (open 'datasets' collection)",
        "capital": "capital {capital}",
        "languages": "languages {languages}",
        "knowledge": "Genesis Coach sector notes",
        "knowledge_gave": (
            "customers, competitors, indicative prices, risks and formalities ({sector})"
        ),
        "web": "Web search",
        "and": " and ",
    },
}


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    gave: str
    url: str | None = None


def language_name(code: str, language: str) -> str | None:
    """A language's name ("ha" -> "haoussa" / "Hausa"), None for an unknown code."""
    names: dict[str, dict[str, str]] = load_json("language_names.json")["languages"]
    entry = names.get(code.strip().lower())
    return entry.get("fr" if language == "fr" else "en") if entry else None


def readable_sources(market: MarketResearch, language: str) -> list[Source]:
    """The sources of a market snapshot, each named and with what it gave."""
    words = _WORDS["fr" if language == "fr" else "en"]
    extra = market.model_extra or {}
    out: list[Source] = []
    figures = market.sourced_figures()
    if figures:
        items = [_lower_first(f.label.split(" (")[0]) for f in figures]
        years = sorted({str(f.year) for f in figures})
        span = years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}"
        out.append(
            Source(
                words["world_bank"],
                words["figures"].format(items=_join(items, words["and"]), years=span),
            )
        )
    facts = []
    capital = extra.get("capital")
    if isinstance(capital, str) and capital.strip():
        facts.append(words["capital"].format(capital=capital.strip()))
    codes = extra.get("languages")
    if isinstance(codes, list):
        named = [n for c in codes if isinstance(c, str) and (n := language_name(c, language))]
        if named:
            facts.append(words["languages"].format(languages=", ".join(named)))
    if facts:
        out.append(
            Source(words["countries"], " ; ".join(facts) if language == "fr" else "; ".join(facts))
        )
    sector = extra.get("sector_label")
    if market.typical_customers or market.price_ranges:
        label = sector.strip() if isinstance(sector, str) and sector.strip() else ""
        gave = words["knowledge_gave"].format(sector=label).replace(" ()", "")
        out.append(Source(words["knowledge"], gave))
    for web in market.sources:
        if web.url.startswith(("https://", "http://")):
            out.append(Source(web.title or web.url, words["web"], web.url))
    return out


def _join(items: list[str], conjunction: str) -> str:
    unique = list(dict.fromkeys(items))
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + conjunction + unique[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) == 1 else text
