"""Amounts, rates and durations as people type them, in French and English.

``parse_amount("2 500 FCFA", session_currency="XOF")`` gives 2500 XOF;
"45k", "1,2 million", "60 cedis", "₦45,000", "deux mille", "entre 2000 et
3000" (a range: its midpoint, flagged) all parse. When the text holds no
number, or several numbers that are not a range and none is tied to a
currency, the answer is None: the coach asks again rather than guess.

The currency is the one the person named, as an ISO 4217 code; a shared name
("francs", "shillings", "FCFA") takes the session's currency when it is one
of them and otherwise stays open (``currency`` None, ``currency_candidates``
listed). Nothing is converted: a price given in another currency than the
session's is for the caller to question.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict

from genesis.core.finance import currency_words
from genesis.core.finance.money import currency_decimals
from genesis.core.finance.number_words import (
    Group,
    Kind,
    Language,
    Token,
    groups,
    normalize,
    tokenize,
)

Period = Literal["month", "year"]

NOTHING_WORDS: Final = frozenset(
    {"rien", "néant", "neant", "aucun", "aucune", "gratuit", "nothing", "none", "free", "nil"}
)
_CONNECTORS_SKIPPED: Final = frozenset({"de", "d", "of", "'"})


class ParsedAmount(BaseModel):
    """An amount read from text; for a range, ``value`` is the midpoint."""

    model_config = ConfigDict(frozen=True)

    value: Decimal
    currency: str | None = None
    currency_candidates: tuple[str, ...] = ()
    is_range: bool = False
    low: Decimal | None = None
    high: Decimal | None = None
    approximate: bool = False


class ParsedRate(BaseModel):
    """A percentage ("12 %" is 12) and the period it is per, when said."""

    model_config = ConfigDict(frozen=True)

    percent: Decimal
    period: Period | None = None
    is_range: bool = False

    @property
    def annual_percent(self) -> Decimal:
        """Per year, a monthly rate times twelve (the proportional rate banks quote)."""
        return self.percent * 12 if self.period == "month" else self.percent


class ParsedDuration(BaseModel):
    """A duration in whole months (years x 12; "un an et demi" is 18)."""

    model_config = ConfigDict(frozen=True)

    months: int
    approximate: bool = False


def _named_currencies(tokens: list[Token]) -> list[tuple[int, str | currency_words.CurrencyFamily]]:
    return [(i, t.currency) for i, t in enumerate(tokens) if t.currency is not None]


def _first_currency(text: str, session_currency: str | None) -> str | None:
    """The currency the text names, looked up before digits are read (for TND decimals)."""
    for token in tokenize(text, "en", 2):
        if token.currency is not None:
            code, _ = currency_words.resolve(token.currency, session_currency)
            return code
    return None


def _adjacent(group: Group, index: int, tokens: list[Token]) -> bool:
    """Whether the currency token at ``index`` is written next to ``group``."""
    if index == group.start - 1 or index == group.end:
        return True
    between = tokens[group.end : index] if index > group.end else []
    return bool(between) and all(t.text in _CONNECTORS_SKIPPED for t in between)


def _followed_by(tokens: list[Token], group: Group, kind: Kind) -> bool:
    return group.end < len(tokens) and tokens[group.end].kind is kind


def _range(found: list[Group], tokens: list[Token]) -> tuple[Group, Group] | None:
    """Two numbers joined by "à", "to", "-", "ou", or "entre ... et ..."."""
    if len(found) != 2:
        return None
    first, second = found
    between = [t for t in tokens[first.end : second.start] if t.kind is not Kind.CURRENCY]
    if len(between) != 1:
        return None
    joiner = between[0]
    if joiner.kind is Kind.RANGE_SEP:
        return first, second
    opened = any(t.kind is Kind.RANGE_OPEN for t in tokens[: first.start])
    if joiner.kind is Kind.AND and opened:
        return first, second
    return None


def _range_values(first: Group, second: Group) -> tuple[Decimal, Decimal]:
    low, high = first.value, second.value
    # "entre 2 et 3 millions", "45-50k": the first number takes the second's scale
    if first.scale is None and second.scale is not None and low * second.scale <= high:
        low *= second.scale
    return (low, high) if low <= high else (high, low)


def parse_amount(
    text: str,
    *,
    language: Language = "fr",
    session_currency: str | None = None,
) -> ParsedAmount | None:
    """The amount written in ``text``, or None when it is not clear."""
    normalized = normalize(text)
    if normalized.strip(" .!?") in NOTHING_WORDS:
        return ParsedAmount(value=Decimal(0), currency=session_currency)
    effective_currency = _first_currency(normalized, session_currency) or session_currency
    decimals = currency_decimals(effective_currency) if effective_currency else 2
    tokens = tokenize(normalized, language, decimals)
    # "12 %" is a rate, not an amount
    found = [g for g in groups(tokens) if not _followed_by(tokens, g, Kind.PERCENT)]
    if not found:
        return None
    approximate = any(t.kind is Kind.APPROX for t in tokens)
    named = _named_currencies(tokens)
    codes = {currency_words.resolve(c, session_currency) for _, c in named}
    if len(codes) > 1:
        return None  # "500 naira or 2 dollars": two currencies
    currency, candidates = codes.pop() if codes else (None, ())
    pair = _range(found, tokens)
    if pair is not None:
        low, high = _range_values(*pair)
        return ParsedAmount(
            value=(low + high) / 2,
            currency=currency,
            currency_candidates=candidates,
            is_range=True,
            low=low,
            high=high,
            approximate=approximate,
        )
    if len(found) > 1:
        tied = [g for g in found if any(_adjacent(g, i, tokens) for i, _ in named)]
        if len(tied) != 1:
            return None
        found = tied
    return ParsedAmount(
        value=found[0].value,
        currency=currency,
        currency_candidates=candidates,
        approximate=approximate,
    )


_PERCENT_WORDS = re.compile(r"\b(?:pour\s*cent|pourcent|per\s*cent|percent|pct)\b")
MONTH_WORDS: Final = frozenset(
    {"mois", "mensuel", "mensuelle", "mensuellement", "month", "monthly", "months", "mo"}
)
YEAR_WORDS: Final = frozenset(
    {"an", "ans", "annuel", "annuelle", "annuellement", "année", "annee", "year", "years",
     "yearly", "annual", "annually", "annum", "pa", "yr"}
)  # fmt: skip


def parse_percentage(
    text: str, *, language: Language = "fr", bare_number: bool = False
) -> ParsedRate | None:
    """A rate such as "12 %", "12% par an", "1.5% a month"; None when unclear.

    ``bare_number`` accepts "12" alone (when the question asked for a rate).
    """
    normalized = _PERCENT_WORDS.sub(" % ", normalize(text)).replace("p.a.", " pa ")
    tokens = tokenize(normalized, language, 2)
    found = groups(tokens)
    marked = [g for g in found if _followed_by(tokens, g, Kind.PERCENT)]
    words = {t.text for t in tokens if t.kind in {Kind.WORD, Kind.ARTICLE}}
    if language == "en":
        words.discard("an")  # the article, not "an" (a year) as in French
    period: Period | None = None
    if words & MONTH_WORDS:
        period = "month"
    elif words & YEAR_WORDS:
        period = "year"
    pair = _range(found, tokens)
    if pair is not None and (marked or bare_number):
        low, high = _range_values(*pair)
        return ParsedRate(percent=(low + high) / 2, period=period, is_range=True)
    if len(marked) == 1:
        return ParsedRate(percent=marked[0].value, period=period)
    if bare_number and not marked and len(found) == 1:
        return ParsedRate(percent=found[0].value, period=period)
    return None


_ONE: Final = frozenset({"un", "une", "a", "an"})
_UNIT_MONTHS: Final[dict[str, Decimal]] = {
    **{word: Decimal(1) for word in ("mois", "month", "months", "mo", "mths", "mth")},
    **{
        word: Decimal(12)
        for word in ("an", "ans", "année", "années", "annee", "annees", "year", "years", "yr")
    },
    **{word: Decimal(12) / 52 for word in ("semaine", "semaines", "week", "weeks", "sem")},
    **{word: Decimal(1) / 30 for word in ("jour", "jours", "day", "days")},
}


def parse_duration(
    text: str, *, language: Language = "fr", default_unit: Period | None = None
) -> ParsedDuration | None:
    """A duration ("24 mois", "2 ans", "18 months", "un an et demi") in months.

    A bare number is read in ``default_unit`` when given, else it is unclear (None).
    """
    tokens = tokenize(normalize(text), language, 2)
    found = {g.start: g for g in groups(tokens)}
    total = Decimal(0)
    understood = False
    index = 0
    while index < len(tokens):
        value: Decimal | None = None
        after = index + 1
        if index in found:
            value, after = found[index].value, found[index].end
        elif tokens[index].text in _ONE and _unit(tokens, index + 1) is not None:
            value = Decimal(1)  # "un an", "a year"
        if value is None:
            index += 1
            continue
        unit = _unit(tokens, after)
        if unit is not None:
            after += 1
        elif default_unit is not None and len(found) == 1:
            unit = Decimal(1) if default_unit == "month" else Decimal(12)
        else:
            return None
        total += value * unit
        index = after
        if _half_follows(tokens, index):  # "1 an et demi", "a year and a half"
            total += unit / 2
            index += 2 if tokens[index + 1].kind is Kind.HALF else 3
        understood = True
    if not understood or total <= 0:
        return None
    months = int(total.to_integral_value(rounding=ROUND_HALF_UP))
    approximate = any(t.kind is Kind.APPROX for t in tokens) or total != months
    return ParsedDuration(months=max(months, 1), approximate=approximate)


def _unit(tokens: list[Token], index: int) -> Decimal | None:
    if index < len(tokens):
        return _UNIT_MONTHS.get(tokens[index].text)
    return None


def _half_follows(tokens: list[Token], index: int) -> bool:
    if index + 1 >= len(tokens) or tokens[index].kind is not Kind.AND:
        return False
    if tokens[index + 1].kind is Kind.HALF:
        return True
    return index + 2 < len(tokens) and tokens[index + 2].kind is Kind.HALF
