"""Typical ranges for "I don't know": what a business of this sector, here, usually sees.

Ranges are written in US dollars for a lower-middle-income country
(data/typical_ranges.json) and scaled by the country's income level, read
from its World Bank GDP per capita in the market pack (the World Bank groups
countries on GNI per capita; GDP per capita is the approximation we ship).
They are converted to the local currency with the approximate rates of
agents/data/exchange_rates.json; a currency without a rate there (one that
moves too fast) keeps the amounts in US dollars, and the note says so.
Every range is an estimate and is labelled as one, with what it rests on.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict

from genesis.core.agents.data import load_json as load_agent_json
from genesis.core.finance.data import load_json
from genesis.core.finance.model import Language, WorkingCapitalDays
from genesis.core.taxonomy import DEFAULT_SECTOR, SECTORS

IncomeLevel = Literal["low", "lower_middle", "upper_middle", "high"]
RangeKey = Literal[
    "price", "units_per_month", "unit_cost", "unit_cost_share_pct", "rent", "salary",
    "startup_investment",
]  # fmt: skip
DEFAULT_LEVEL: Final[IncomeLevel] = "lower_middle"

LEVEL_NAMES: Final[dict[IncomeLevel, tuple[str, str]]] = {
    "low": ("faible revenu", "low income"),
    "lower_middle": ("revenu intermédiaire (tranche inférieure)", "lower-middle income"),
    "upper_middle": ("revenu intermédiaire (tranche supérieure)", "upper-middle income"),
    "high": ("revenu élevé", "high income"),
}
RANGE_LABELS: Final[dict[RangeKey, tuple[str, str]]] = {
    "price": ("Prix de vente par {unit}", "Selling price per {unit}"),
    "units_per_month": ("Ventes par mois ({unit})", "Sales per month ({unit})"),
    "unit_cost": ("Coût par {unit} (matières, marchandises)", "Cost per {unit} (materials, goods)"),
    "unit_cost_share_pct": ("Coût en % du prix", "Cost as % of the price"),
    "rent": ("Loyer par mois", "Rent per month"),
    "salary": ("Salaire brut par employé et par mois", "Gross salary per employee per month"),
    "startup_investment": ("Investissement de départ", "Start-up investment"),
}


class TypicalRange(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: RangeKey
    label: str
    low: Decimal
    high: Decimal
    currency: str | None  # None for counts and percentages


class TypicalRanges(BaseModel):
    """Ranges to pick from, always estimates."""

    model_config = ConfigDict(frozen=True)

    sector: str
    country_code: str | None
    income_level: IncomeLevel
    currency: str  # the local currency, or USD when it could not be converted
    converted: bool
    estimate: Literal[True] = True
    note: str  # what the estimate rests on, in the person's language
    ranges: list[TypicalRange]
    working_capital: WorkingCapitalDays


def _nice(value: Decimal) -> Decimal:
    """Two significant digits (1 234 -> 1 200): an estimate should not look precise."""
    if value <= 0:
        return Decimal(0)
    quantum = Decimal(1).scaleb(value.adjusted() - 1)
    return value.quantize(quantum, rounding=ROUND_HALF_UP).normalize() + 0


def income_level(gdp_per_capita_usd: Decimal | None) -> IncomeLevel:
    if gdp_per_capita_usd is None:
        return DEFAULT_LEVEL
    thresholds = load_json("typical_ranges.json")["income_levels"]["thresholds_usd"]
    if gdp_per_capita_usd <= Decimal(thresholds["low"]):
        return "low"
    if gdp_per_capita_usd <= Decimal(thresholds["lower_middle"]):
        return "lower_middle"
    if gdp_per_capita_usd <= Decimal(thresholds["upper_middle"]):
        return "upper_middle"
    return "high"


def _sector(sector: str) -> dict[str, Any]:
    sectors: dict[str, Any] = load_json("typical_ranges.json")["sectors"]
    return dict(sectors[sector if sector in SECTORS else DEFAULT_SECTOR])


def sector_working_capital(sector: str) -> WorkingCapitalDays:
    """Typical stock, customer and supplier days for a sector (an estimate)."""
    return WorkingCapitalDays.model_validate(_sector(sector)["working_capital_days"])


def _note(
    language: Language,
    level: IncomeLevel,
    gdp: dict[str, Any] | None,
    currency: str,
    rate: Decimal | None,
    rate_year: int,
) -> str:
    fr = language == "fr"
    parts = [
        "Estimations à ajuster à votre situation, pas des mesures."
        if fr
        else "Estimates to adjust to your situation, not measurements."
    ]
    level_name = LEVEL_NAMES[level][0 if fr else 1]
    if gdp is None:
        parts.append(
            f"Pays inconnu : niveau « {level_name} » supposé, montants en dollars US."
            if fr
            else f"Country unknown: {level_name} assumed, amounts in US dollars."
        )
    else:
        per_head = f"{Decimal(str(gdp['value'])):,.0f}"
        per_head = per_head.replace(",", "\u202f") if fr else per_head
        parts.append(
            f"Pays à {level_name} (PIB par habitant {per_head} USD, Banque mondiale {gdp['year']})."
            if fr
            else f"A {level_name} country (GDP per capita {per_head} USD, "
            f"World Bank {gdp['year']})."
        )
    if rate is not None:
        parts.append(
            f"Converties au taux approximatif de {rate} {currency} pour 1 USD ({rate_year})."
            if fr
            else f"Converted at an approximate {rate} {currency} per USD ({rate_year})."
        )
    elif gdp is not None:
        parts.append(
            "Pas de taux de change fiable pour la monnaie locale : montants en dollars US, "
            "adaptés au niveau de revenu du pays."
            if fr
            else "No reliable exchange rate for the local currency: amounts in US dollars, "
            "scaled to the country's income level."
        )
    return " ".join(parts)


def typical_ranges(sector: str, country_code: str | None, language: Language) -> TypicalRanges:
    """The typical ranges for ``sector`` in ``country_code`` (None: unknown country)."""
    data = _sector(sector)
    pack: dict[str, Any] = load_agent_json("market_pack.json")["countries"]
    code = country_code.upper() if country_code else None
    country = pack.get(code) if code else None
    gdp = country.get("gdp_per_capita") if country else None
    level = income_level(Decimal(str(gdp["value"])) if gdp else None)
    factor = Decimal(load_json("typical_ranges.json")["income_levels"]["money_factor"][level])
    rates = load_agent_json("exchange_rates.json")
    local = country["currency"] if country else "USD"
    per_usd = rates["per_usd"].get(local)
    rate = Decimal(str(per_usd)) if per_usd is not None else None
    currency = local if rate is not None else "USD"
    unit = data["unit"][language]
    index = 0 if language == "fr" else 1

    def money(pair: list[str], scale: Decimal = Decimal(1)) -> tuple[Decimal, Decimal]:
        converted = [Decimal(v) * factor * scale * (rate or 1) for v in pair]
        return _nice(converted[0]), _nice(converted[1])

    units = data["units_per_month"]
    share = [Decimal(v) for v in data["unit_cost_share"]]
    price = [Decimal(v) for v in data["price_usd"]]
    values: dict[RangeKey, tuple[tuple[Decimal, Decimal], str | None]] = {
        "price": (money(data["price_usd"]), currency),
        "units_per_month": ((Decimal(units[0]), Decimal(units[1])), None),
        "unit_cost": (money([str(price[0] * share[0]), str(price[1] * share[1])]), currency),
        "unit_cost_share_pct": ((share[0] * 100, share[1] * 100), None),
        "rent": (money(data["rent_usd_per_month"]), currency),
        "salary": (money(data["salary_usd_per_month"]), currency),
        "startup_investment": (money(data["startup_investment_usd"]), currency),
    }  # fmt: skip
    ranges = [
        TypicalRange(
            key=key,
            label=RANGE_LABELS[key][index].format(unit=unit),
            low=low.normalize() + 0,
            high=high.normalize() + 0,
            currency=cur,
        )
        for key, ((low, high), cur) in values.items()
    ]
    return TypicalRanges(
        sector=sector if sector in SECTORS else DEFAULT_SECTOR,
        country_code=code if country else None,
        income_level=level,
        currency=currency,
        converted=rate is not None and currency != "USD",
        note=_note(language, level, gdp, local, rate, int(rates["year"])),
        ranges=ranges,
        working_capital=sector_working_capital(sector),
    )
