"""Market research: a snapshot of the person's country and sector.

Figures come only from the shipped market pack (World Bank data, see
scripts/build_market_pack.py) and each carries its source and year, because a
founder may quote them to a bank or a partner: nothing here is estimated or
invented. Around them, hand-written sector knowledge for African markets
(customers, competitors, indicative prices in the local currency, success
factors, risks, opportunities, formalities to check) in the session's language.

When the country is not known the agent still answers with sector knowledge,
says the country is unknown and gives no figures; the brief lowers its
completeness for it. A configured web search adds cited sources.
"""

from __future__ import annotations

from typing import Any

from genesis.core.agents.data import load_json
from genesis.core.agents.facts import Facts, country_pack, read_facts
from genesis.core.agents.provider import UnusableReplyError, improved
from genesis.core.agents.types import AgentInput, AgentResult
from genesis.core.ports import LLMPort, SearchPort

LABELS = {
    "fr": {
        "population": "Population",
        "growth": "Croissance annuelle de la population ({from_year}-{year})",
        "gdp": "PIB (dollars US courants)",
        "gdp_per_capita": "PIB par habitant (dollars US courants)",
        "unknown_country": (
            "Pays non identifié : aucun chiffre de marché n'est donné. "
            "Précisez votre pays pour obtenir des chiffres sourcés."
        ),
        "price_note": (
            "Indicatif : ordre de grandeur converti depuis {low}-{high} USD au taux "
            "approximatif de {rate} {currency} pour 1 USD ({year}). À vérifier sur le terrain."
        ),
        "price_note_usd": "Indicatif, en dollars US : à vérifier sur le terrain.",
        "to": "à",
        "summary": (
            "{sector}, {country} : {population} habitants ({population_year}), "
            "croissance de {growth} % par an."
        ),
        "summary_unknown": "Secteur : {sector}. Pays non identifié.",
    },
    "en": {
        "population": "Population",
        "growth": "Annual population growth ({from_year}-{year})",
        "gdp": "GDP (current US dollars)",
        "gdp_per_capita": "GDP per capita (current US dollars)",
        "unknown_country": (
            "Country not identified: no market figures are given. "
            "Tell us your country to get sourced figures."
        ),
        "price_note": (
            "Indicative: order of magnitude converted from {low}-{high} USD at an approximate "
            "rate of {rate} {currency} per USD ({year}). Check locally."
        ),
        "price_note_usd": "Indicative, in US dollars: check locally.",
        "to": "to",
        "summary": (
            "{sector} in {country}: population {population} ({population_year}), "
            "growing {growth}% a year."
        ),
        "summary_unknown": "Sector: {sector}. Country not identified.",
    },
}
DATA_SOURCE = {
    "fr": (
        "Source des chiffres : Banque mondiale (World Bank Open Data, séries SP.POP.TOTL et "
        "NY.GDP.MKTP.CD), par la collection ouverte « datasets », licence ODC-PDDL-1.0"
    ),
    "en": (
        "Source of the figures: World Bank (World Bank Open Data, series SP.POP.TOTL and "
        "NY.GDP.MKTP.CD), through the open 'datasets' collection, ODC-PDDL-1.0 licence"
    ),
}
# The pack's citations are written in English ("World Bank, SP.POP.TOTL, 2023-2024
# (computed)"); a stored brief may hold them, or the former DATA_SOURCE, as they were.
_OLD_DATA_SOURCE = (
    "World Bank (SP.POP.TOTL, NY.GDP.MKTP.CD) via the open 'datasets' collection, ODC-PDDL-1.0"
)
_SOURCE_WORDS = {
    "fr": (("World Bank", "Banque mondiale"), ("(computed)", "(calculé)")),
    "en": (("(computed)", "(calculated)"),),
}
SEARCH_TIMEOUT_SHARE = 0.8


async def run(
    inp: AgentInput,
    *,
    llm: LLMPort | None,
    search: SearchPort | None,
    provider_timeout_s: float,
) -> AgentResult:
    facts = read_facts(inp)
    offline = snapshot(facts)
    improve = None
    if search is not None:
        provider = search

        async def improve(data: dict[str, Any]) -> dict[str, Any]:
            return await _with_sources(data, facts, provider)

    return await improved(offline, improve, what="web search", timeout_s=provider_timeout_s)


def snapshot(facts: Facts) -> dict[str, Any]:
    """The offline market snapshot (no provider)."""
    labels = LABELS[facts.language]
    pack = country_pack(facts.country_code)
    knowledge = load_json("sector_knowledge.json")
    sector = knowledge["sectors"][facts.sector]
    text = sector[facts.language]
    data: dict[str, Any] = {
        "country_known": pack is not None,
        "country": facts.country,
        "country_code": facts.country_code,
        "city": facts.city,
        "currency": facts.currency,
        "sector": facts.sector,
        "sector_label": facts.sector_label,
        "figures": figures(pack, facts.language) if pack else [],
        "price_ranges": price_ranges(sector["prices_usd"], facts.currency, facts.language),
        "typical_customers": list(text["customers"]),
        "typical_competitors": list(text["competitors"]),
        "key_success_factors": list(text["success_factors"]),
        "risks": list(text["risks"]),
        "opportunities": list(text["opportunities"]),
        "formalities": _formalities(facts, knowledge) + list(text["formalities"]),
        "notes": [],
        "data_sources": [DATA_SOURCE[facts.language]] if pack else [],
        "sources": [],
    }
    if pack is not None:
        data["capital"] = pack["capital"]
        data["languages"] = list(pack["languages"])
        data["summary"] = _summary(facts, pack)
    else:
        data["capital"] = None
        data["languages"] = []
        data["notes"].append(labels["unknown_country"])
        data["summary"] = labels["summary_unknown"].format(sector=_capital(facts.sector_label))
    return data


def figures(pack: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """The pack's figures as {label, value, unit, source, year}, never without a source."""
    labels = LABELS[language]
    out: list[dict[str, Any]] = []
    specs = (
        ("population", "people" if language == "en" else "habitants"),
        ("population_growth", "%"),
        ("gdp", "USD"),
        ("gdp_per_capita", "USD"),
    )
    for key, unit in specs:
        entry = pack.get(key)
        if not entry:
            continue
        label_key = "growth" if key == "population_growth" else key
        label = labels[label_key].format(year=entry["year"], from_year=entry.get("from_year"))
        out.append(
            {
                "label": label,
                "value": entry["value"],
                "unit": unit,
                "source": source_text(entry["source"], language),
                "year": entry["year"],
            }
        )
    return out


def source_text(source: str, language: str) -> str:
    """A citation of the market pack in ``language``: the words around the names
    and series codes translated ("World Bank, SP.POP.TOTL, 2024 (computed)" ->
    "Banque mondiale, SP.POP.TOTL, 2024 (calculé)"). Already translated text is
    left as it is, so a stored brief can be read through it again."""
    if source.strip() == _OLD_DATA_SOURCE:
        return DATA_SOURCE["fr" if language == "fr" else "en"]
    for english, translated in _SOURCE_WORDS.get(language, ()):
        if translated not in source:
            source = source.replace(english, translated)
    return source


def price_ranges(
    prices: list[dict[str, Any]], currency: str | None, language: str
) -> list[dict[str, str]]:
    """Indicative price ranges in the local currency, as text that says it is indicative."""
    labels = LABELS[language]
    rates = load_json("exchange_rates.json")
    rate = rates["per_usd"].get(currency or "")
    out = []
    for item in prices:
        low, high = float(item["low"]), float(item["high"])
        if rate is None:
            text = f"{_number(low, language)} {labels['to']} {_number(high, language)} USD"
            note = labels["price_note_usd"]
        else:
            local_low, local_high = _round_nicely(low * rate), _round_nicely(high * rate)
            text = (
                f"{_number(local_low, language)} {labels['to']} "
                f"{_number(local_high, language)} {currency}"
            )
            note = labels["price_note"].format(
                low=_number(low, language),
                high=_number(high, language),
                rate=_number(rate, language),
                currency=currency,
                year=rates["year"],
            )
        out.append({"item": item[language], "range": text, "note": note})
    return out


def _formalities(facts: Facts, knowledge: dict[str, Any]) -> list[str]:
    general = knowledge["general_formalities"][facts.language]
    if facts.country_code is None:
        registration = general["other"]
    elif facts.country_code in knowledge["ohada_countries"]:
        registration = general["ohada"]
    else:
        registration = general["other"]
    return [registration, general["tax"], general["mobile_money"]]


def _summary(facts: Facts, pack: dict[str, Any]) -> str:
    labels = LABELS[facts.language]
    population = pack.get("population")
    growth = pack.get("population_growth")
    if not population or not growth:
        return _capital(facts.sector_label)
    country = facts.country or pack[f"name_{facts.language}"]
    return labels["summary"].format(
        sector=_capital(facts.sector_label),
        country=country,
        population=_number(population["value"], facts.language),
        population_year=population["year"],
        growth=_number(growth["value"], facts.language),
    )


async def _with_sources(data: dict[str, Any], facts: Facts, search: SearchPort) -> dict[str, Any]:
    where = facts.city or facts.country or ""
    word = "marché" if facts.language == "fr" else "market"
    query = " ".join(part for part in (facts.sector_label, word, where) if part)
    hits = await search.search(query, language=facts.language, limit=5)
    sources = [
        {"title": hit.title.strip() or hit.url, "url": hit.url}
        for hit in hits
        if hit.url.startswith(("https://", "http://"))
    ]
    if not sources and hits:
        raise UnusableReplyError("the search returned no usable link")
    return {**data, "sources": sources, "search_query": query}


def _round_nicely(value: float) -> float:
    """Two significant figures: a price range is an order of magnitude, not a quote."""
    if value <= 0:
        return 0.0
    magnitude = 10 ** (len(str(int(value))) - 2) if value >= 100 else 1
    return float(round(value / magnitude) * magnitude) if value >= 10 else round(value, 1)


def _number(value: float, language: str) -> str:
    """1234567.8 -> "1 234 568" (fr) or "1,234,568" (en); decimals only when small."""
    if float(value).is_integer() or abs(value) >= 100:
        text = f"{round(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if language == "fr":
        text = text.replace(",", " ").replace(".", ",")
    return text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
