"""The coached "finances" step: a few plain money questions, one at a time.

A person who has never seen an income statement is asked, in order, what they
sell and at what price (skipped when the offer already says it), how many they
sell a month and how that grows, what each sale costs them, their monthly
fixed costs, what they must buy before starting and how long it lasts, and how
they will pay for it. Amounts are read as people write them ("2 500 FCFA",
"45k", "1,2 million", "60 cedis") by :mod:`genesis.core.finance.amounts`.

Nothing is stored between two replies but the replies themselves: the draft is
replayed from the person's replies at this step (``CoachContext.step_replies``)
every time, so a closed tab, a dead cache or a server restart never loses a
figure, and the same replies always give the same draft.

Each question is asked at most twice. An unclear amount gets one follow-up; "I
don't know" gets the typical range of the sector and country to pick from,
labelled as an estimate; a second miss takes the middle of that range as an
estimate and moves on, so the step never loops. A person who answers fully is
asked at most six questions. When every item is in, the step is accepted with
a plain summary (the step's answer, shown in the synthesis) and the
assumptions (:class:`genesis.core.finance.model.Assumptions`, as JSON) that the
financial agent plans from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal

from genesis.core.coach import criteria, money_talk
from genesis.core.coach.methodology import fill, methodology_for
from genesis.core.coach.text import tokens
from genesis.core.coach.types import CoachContext, Language, Prompt, Reply
from genesis.core.finance.amounts import parse_amount, parse_duration, parse_percentage
from genesis.core.finance.model import (
    AssumptionNote,
    Assumptions,
    Financing,
    FinancingKind,
    FixedCosts,
    Investment,
    Product,
)
from genesis.core.finance.money import format_money
from genesis.core.finance.parameters import tax_rates
from genesis.core.finance.ranges import TypicalRanges, sector_working_capital, typical_ranges
from genesis.core.steps import CoachingStepEnum
from genesis.core.taxonomy import DEFAULT_SECTOR

Item = Literal["price", "volume", "unit_cost", "fixed_costs", "investments", "financing"]
ITEMS: Final[tuple[Item, ...]] = (
    "price",
    "volume",
    "unit_cost",
    "fixed_costs",
    "investments",
    "financing",
)
# A question is asked at most this many times before a typical value stands in.
MAX_ASKS: Final = 2
# The reply that picks a proposed estimate carries this mark.
ESTIMATE_MARK: Final = {"fr": "(estimation)", "en": "(estimate)"}
# Loans without their terms: typical terms, to confirm with the lender.
DEFAULT_LOAN: Final[dict[str, tuple[Decimal, int]]] = {
    "microfinance": (Decimal(24), 12),
    "bank_loan": (Decimal(12), 36),
}
# A relative, a savings group or a supplier who lends, without terms: paid back over a
# year, no interest (to confirm with them).
INFORMAL_LOAN: Final = (Decimal(0), 12)
DEFAULT_LIFETIME_YEARS: Final = 5
# Months a monthly sales growth the person gave lasts before sales level off.
GROWTH_MONTHS: Final = 12
# Items are separated by ";", a new line, "+", "et"/"and", or a comma that is not
# inside a number ("1,200", "1,2 million").
_SPLIT: Final = re.compile(r"[;\n+]|,(?!\d)|\s(?:et|and|puis|plus)\s", re.IGNORECASE)

# "noted": the reply gave other figures than the one asked (a paragraph about money).
Outcome = Literal["filled", "noted", "unclear", "dont_know", "estimated"]
# Where a figure comes from: said by the person, worked out from what they said (a
# volume from a monthly sales total and a price), or a typical value.
Origin = Literal["given", "derived", "estimate"]


@dataclass(frozen=True, slots=True)
class Source:
    """A source of the money to start: whose, how much, and for a loan its terms."""

    kind: FinancingKind
    amount: Decimal
    rate: Decimal | None = None  # a loan's yearly rate, when said
    months: int | None = None  # a loan's duration, when said
    lent: bool = False  # to be paid back (a bank, a microfinance, a relative who lends)
    label: str | None = None


@dataclass(slots=True)
class Draft:
    """What the replies so far say, item by item."""

    currency: str
    language: Language
    sector: str
    country_code: str | None
    product: str | None = None
    price: Decimal | None = None
    units: Decimal | None = None
    # A monthly sales total the person said: with a price it gives the volume.
    revenue: Decimal | None = None
    growth_pct: Decimal | None = None
    unit_cost: Decimal | None = None
    fixed_costs: dict[str, Decimal] | None = None
    investments: list[tuple[str, Decimal, int | None]] | None = None
    opening_stock: Decimal = Decimal(0)
    financing: list[Source] | None = None
    origins: dict[str, Origin] = field(default_factory=dict)
    asks: dict[str, int] = field(default_factory=dict)
    last: Outcome | None = None

    def missing(self) -> Item | None:
        """The next item to ask about, in order; None when all are in."""
        return next((item for item in ITEMS if _is_missing(self, item)), None)


# ------------------------------------------------------------------ replay


def draft_of(ctx: CoachContext) -> Draft:
    """The draft the replies at this step give, replayed from the start."""
    language = ctx.language
    currency = _session_currency(ctx)
    draft = Draft(
        currency=currency,
        language=language,
        sector=str(ctx.sector_context.get("sector") or DEFAULT_SECTOR),
        country_code=_country(ctx),
    )
    offer = ctx.answers.get(CoachingStepEnum.OFFRE.value, "")
    if offer:
        found = parse_amount(offer, language=language, session_currency=currency)
        if found is not None and found.value > 0:
            draft.price = found.value
            draft.product = _product_name(offer)
            draft.origins["price"] = "given"
            if found.currency and not ctx.cultural_context.get("currency"):
                draft.currency = found.currency
    for reply in ctx.step_replies:
        apply(draft, reply)
    return draft


def apply(draft: Draft, text: str) -> Outcome | None:
    """Read one reply as the answer to the item being asked.

    A reply that gives several items at once ("Monthly sales around KSh 180,000.
    Rent 25,000, two tailors at 15,000 each. I need a machine for 45,000. I have
    50,000 saved and my chama will lend 40,000.") fills each of them, read clause by
    clause (:mod:`genesis.core.coach.money_talk`): nobody is asked again for what
    they already said, and nothing they did not say is filled as theirs."""
    item = draft.missing()
    if item is None:
        return None
    draft.asks[item] = draft.asks.get(item, 0) + 1
    said = _read_paragraph(draft, text, item)
    _derive(draft)
    if draft.missing() != item:  # the reply answered the question asked
        draft.last = "filled"
        return "filled"
    reading = criteria.read(text)
    estimate = ESTIMATE_MARK[draft.language] in text.lower()
    if criteria.says_dont_know(reading) and not _has_number(text):
        outcome: Outcome = "dont_know"
    elif said:
        outcome = "noted"  # other figures than the one asked: it is asked again
    elif _READERS[item](draft, text):
        draft.origins[item] = "estimate" if estimate else "given"
        _derive(draft)
        outcome = "filled"
    else:
        outcome = "unclear"
    if outcome != "filled" and draft.asks[item] >= MAX_ASKS:
        _take_estimate(draft, item)
        outcome = "estimated"
    draft.last = outcome
    return outcome


def _has_number(text: str) -> bool:
    return any(char.isdigit() for char in text)


def _read_paragraph(draft: Draft, text: str, asked: Item) -> bool:
    """Every figure of a reply by what it is about; True when its words or forms said
    what at least one figure is (a bare "2500" is left to the question asked)."""
    if ESTIMATE_MARK[draft.language] in text.lower():
        return False  # a typical value picked from the choices
    facts = list(money_talk.read(text, language=draft.language, currency=draft.currency).facts)
    if not any(fact.sure for fact in facts):
        return False
    sure = [fact for fact in facts if fact.sure]
    unsure = [fact for fact in facts if not fact.sure]
    named = next((fact.currency for fact in sure if fact.currency), None)
    if named and named != draft.currency and not draft.origins:
        draft.currency = named  # the first amount names the currency
    # In a short reply, a figure about nothing in particular answers the question asked
    # ("2 500 ; 300 par mois" to the price question); in a paragraph it is a purchase.
    if len(facts) <= 2 and len(unsure) == 1 and _is_missing(draft, asked):
        _fill_from(draft, sure)
        if _READERS[asked](draft, unsure[0].text):
            draft.origins[asked] = "given"
    else:
        _fill_from(draft, facts)
    growth = money_talk.read(text, language=draft.language, currency=None).growth_pct
    if growth is not None and draft.origins.get("volume") == "given":
        draft.growth_pct = growth
    return True


def _fill_from(draft: Draft, facts: list[money_talk.Fact]) -> None:
    """The draft's open items, from the facts of a reply."""

    def first(role: money_talk.Role) -> money_talk.Fact | None:
        return next((fact for fact in facts if fact.role == role), None)

    price, units, unit_cost, revenue = (
        first("price"),
        first("units"),
        first("unit_cost"),
        first("revenue"),
    )
    if price is not None and draft.price is None:
        draft.price = price.value
        draft.product = draft.product or _product_name(price.text)
        draft.origins["price"] = "given"
    if units is not None and draft.units is None:
        draft.units = units.value
        draft.origins["volume"] = "given"
    if unit_cost is not None and draft.unit_cost is None:
        draft.unit_cost = unit_cost.value
        draft.origins["unit_cost"] = "given"
    if revenue is not None and draft.revenue is None:
        draft.revenue = revenue.value
    fixed = [fact for fact in facts if fact.role == "fixed"]
    if fixed and draft.fixed_costs is None:
        costs: dict[str, Decimal] = {}
        for fact in fixed:
            category = _fixed_category(fact)
            costs[category] = costs.get(category, Decimal(0)) + fact.value
        draft.fixed_costs = costs
        draft.origins["fixed_costs"] = "given"
    bought = [fact for fact in facts if fact.role == "investment"]
    if bought and draft.investments is None:
        draft.investments = []
        for fact in bought:
            _add_purchase(draft, fact.text, fact.value)
        draft.origins["investments"] = "given"
    sources = [fact for fact in facts if fact.role in money_talk.FINANCING_ROLES]
    if sources and draft.financing is None:
        draft.financing = [_source(draft, fact) for fact in sources]
        draft.origins["financing"] = "given"


def _fixed_category(fact: money_talk.Fact) -> str:
    words = set(tokens(fact.text))
    found = next((cat for cat, cues in _FIXED_WORDS.items() if words & set(cues)), None)
    if found is None and fact.count:
        return "salaries"  # "two tailors at 15,000 each": people paid the same
    return found or "other"


def _add_purchase(draft: Draft, text: str, value: Decimal) -> None:
    """One start-up purchase: first stock goes to the opening stock, a deposit is not
    depreciated, equipment lasts what the text says (or the usual five years)."""
    words = set(tokens(text))
    if words & set(_STOCK_WORDS):
        draft.opening_stock += value
        return
    label = _label(text) or ("Équipement" if draft.language == "fr" else "Equipment")
    lifetime = None if words & set(_DEPOSIT_WORDS) else _years(draft, text)
    assert draft.investments is not None
    draft.investments.append((label, value, lifetime))


_SUPPLIER_CREDIT: Final = {"fr": "Crédit fournisseur", "en": "Supplier credit"}


def _source(draft: Draft, fact: money_talk.Fact) -> Source:
    kind = fact.kind or "own_savings"
    if fact.role != "loan":
        return Source(kind, fact.value)
    label = _SUPPLIER_CREDIT[draft.language] if kind == "other" else None
    return Source(
        kind,
        fact.value,
        rate=_annual_rate(fact.text),
        months=_months(draft, fact.text),
        lent=True,
        label=label,
    )


def _derive(draft: Draft) -> None:
    """A monthly sales total with a price gives the volume (and with a volume, the
    price): worked out from what the person said, never an estimate of ours."""
    if draft.revenue is None:
        return
    if draft.units is None and draft.price:
        draft.units = _whole(draft.revenue / draft.price)
        draft.origins["volume"] = _derived_from(draft, "price")
    elif draft.price is None and draft.units:
        draft.price = (draft.revenue / draft.units).quantize(Decimal("0.01"))
        draft.origins["price"] = _derived_from(draft, "volume")


def _derived_from(draft: Draft, item: Item) -> Origin:
    return "estimate" if draft.origins.get(item) == "estimate" else "derived"


def _whole(units: Decimal) -> Decimal:
    return units.quantize(Decimal(1) if units >= 10 else Decimal("0.01"))


# The draft's field behind each item: an item is missing while its field is None.
_FIELDS: Final[dict[Item, str]] = {
    "price": "price",
    "volume": "units",
    "unit_cost": "unit_cost",
    "fixed_costs": "fixed_costs",
    "investments": "investments",
    "financing": "financing",
}


def _is_missing(draft: Draft, item: Item) -> bool:
    return getattr(draft, _FIELDS[item]) is None


# ------------------------------------------------------------------ readers


def _amount(draft: Draft, text: str) -> Decimal | None:
    found = parse_amount(text, language=draft.language, session_currency=draft.currency)
    if found is None:
        return None
    if found.currency and found.currency != draft.currency and not draft.origins:
        draft.currency = found.currency  # the first amount names the currency
    return found.value


def _read_price(draft: Draft, text: str) -> bool:
    value = _amount(draft, _before_per_month(text))
    if value is None or value <= 0:
        return False
    draft.price = value
    draft.product = draft.product or _product_name(text)
    units = _units_per_month(draft, text)
    if units is not None:  # "300 plats par mois à 2 500": two answers in one
        draft.units = units
        draft.origins["volume"] = "given"
    return True


def _read_volume(draft: Draft, text: str) -> bool:
    units = _units_per_month(draft, text) or _plain_number(draft, text)
    if units is None:
        return False
    draft.units = units
    growth = parse_percentage(text, language=draft.language)
    if growth is not None:
        monthly = growth.percent if growth.period != "year" else growth.percent / 12
        draft.growth_pct = monthly.quantize(Decimal("0.01"))
    return True


def _read_unit_cost(draft: Draft, text: str) -> bool:
    share = parse_percentage(text, language=draft.language)
    half = re.search(r"\b(?:la moitie|moitie|half)\b", criteria.read(text).normalized)
    if (share is not None or half) and draft.price is not None:
        percent = share.percent if share is not None else Decimal(50)
        draft.unit_cost = (draft.price * percent / 100).quantize(Decimal("0.01"))
        return True
    value = _amount(draft, text)
    if value is None:
        return False
    draft.unit_cost = value
    return True


_FIXED_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "rent": ("loyer", "location", "rent", "bail", "kodi"),
    "salaries": ("salaire", "salaires", "salary", "salaries", "staff", "employe", "employes",
                 "employees", "worker", "workers", "paie", "wages", "personnel", "apprenti"),
    "phone_internet": ("telephone", "internet", "phone", "data", "credit", "wifi", "forfait",
                       "airtime", "connexion"),
    "transport": ("transport", "carburant", "essence", "fuel", "taxi", "moto", "deplacement",
                  "gasoil", "diesel", "petrol"),
    "electricity": ("electricite", "courant", "electricity", "power", "lumiere", "senelec",
                    "cie", "umeme", "kplc", "nepa", "prepaid", "eau", "water"),
}  # fmt: skip


def _read_fixed_costs(draft: Draft, text: str) -> bool:
    reading = criteria.read(text)
    if _says_nothing(reading.normalized):
        draft.fixed_costs = {}
        return True
    costs: dict[str, Decimal] = {}
    for chunk in _chunks(text):
        value = _times(draft, chunk)
        if value is None:
            continue
        words = set(criteria.read(chunk).words)
        category = next((cat for cat, cues in _FIXED_WORDS.items() if words & set(cues)), "other")
        costs[category] = costs.get(category, Decimal(0)) + value
    if not costs:
        return False
    draft.fixed_costs = costs
    return True


_TIMES: Final = re.compile(r"\b(\d{1,3})\s*[x×*]\s*(?=\d)", re.IGNORECASE)
# "2 workers at 1,200 each", "3 employés à 60 000 chacun"
_EACH: Final = re.compile(
    r"\b(\d{1,3})\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s+(?:at|à|a|de|of)\s+(?=\d)(.*?)"
    r"\b(?:each|chacun|chacune|par personne|per person|apiece)\b",
    re.IGNORECASE,
)


def _times(draft: Draft, chunk: str) -> Decimal | None:
    """ "salaires 2 x 60 000" or "2 workers at 1,200 each" is a count times one cost."""
    match = _TIMES.search(chunk)
    if match is not None:
        value = _amount(draft, chunk[: match.start()] + chunk[match.end() :])
        return value * int(match.group(1)) if value is not None else None
    each = _EACH.search(chunk)
    if each is not None:
        value = _amount(draft, each.group(2))
        return value * int(each.group(1)) if value is not None else None
    return _amount(draft, chunk)


_STOCK_WORDS: Final = ("stock", "marchandise", "marchandises", "goods", "inventory",
                       "matieres", "ingredients", "premier stock")  # fmt: skip
_DEPOSIT_WORDS: Final = ("caution", "deposit", "avance", "garantie", "terrain", "land")


def _read_investments(draft: Draft, text: str) -> bool:
    reading = criteria.read(text)
    if _says_nothing(reading.normalized):
        draft.investments = []
        return True
    items: list[tuple[str, Decimal, int | None]] = []
    for chunk in _chunks(text):
        value = _amount(draft, _without_duration(chunk))
        if value is None:
            continue
        words = set(criteria.read(chunk).words)
        label = _label(chunk) or ("Équipement" if draft.language == "fr" else "Equipment")
        if words & set(_STOCK_WORDS):
            draft.opening_stock += value
            continue
        lifetime = None if words & set(_DEPOSIT_WORDS) else _years(draft, chunk)
        items.append((label, value, lifetime))
    if not items and draft.opening_stock == 0:
        return False
    draft.investments = items
    return True


_FINANCING_WORDS: Final[dict[FinancingKind, tuple[str, ...]]] = {
    "own_savings": ("epargne", "economies", "savings", "saved", "moi", "myself", "propres",
                    "own", "fonds propres", "poche", "pocket", "apport"),
    "family": ("famille", "family", "parents", "frere", "soeur", "oncle", "brother", "sister",
               "uncle", "mari", "husband", "wife", "femme", "amis", "friends", "diaspora"),
    "tontine": ("tontine", "susu", "esusu", "osusu", "chama", "njangi", "stokvel", "merry",
                "ajo", "mutuelle"),
    "microfinance": ("microfinance", "imf", "coopec", "microcredit", "micro", "credit",
                     "mfi", "sacco", "caisse", "pamecas", "cms", "kafo"),
    "bank_loan": ("banque", "bank", "bancaire", "pret", "loan", "emprunt", "fongip"),
    "grant": ("subvention", "grant", "don", "der", "fonds", "fund", "prize", "prix",
              "concours", "competition", "tony", "elumelu", "bourse"),
}  # fmt: skip


def _read_financing(draft: Draft, text: str) -> bool:
    sources: list[Source] = []
    for chunk in _chunks(text, keep_terms=True):
        value = _amount(draft, _without_terms(chunk))
        if value is None:
            continue
        words = set(criteria.read(chunk).words)
        kind: FinancingKind = next(
            (k for k, cues in _FINANCING_WORDS.items() if words & set(cues)), "own_savings"
        )
        lent = kind in DEFAULT_LOAN
        rate, months = (_annual_rate(chunk), _months(draft, chunk)) if lent else (None, None)
        sources.append(Source(kind, value, rate, months, lent=lent))
    if not sources:
        return False
    draft.financing = sources
    return True


_RATE: Final = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*%\s*(par\s+mois|per\s+month|a\s+month|/\s*mois|/\s*month|"
    r"mensuel\w*|monthly|pm\b)?",
    re.IGNORECASE,
)


def _annual_rate(chunk: str) -> Decimal | None:
    """The loan's yearly rate: "24 %" is a year ("sur 18 mois" is its duration), "2 %
    par mois" is 24 % a year."""
    match = _RATE.search(chunk)
    if match is None:
        return None
    rate = Decimal(match.group(1).replace(",", "."))
    annual = rate * 12 if match.group(2) else rate
    return min(annual, Decimal(100))


_READERS: Final[dict[Item, Callable[[Draft, str], bool]]] = {
    "price": _read_price,
    "volume": _read_volume,
    "unit_cost": _read_unit_cost,
    "fixed_costs": _read_fixed_costs,
    "investments": _read_investments,
    "financing": _read_financing,
}

_PER_MONTH: Final = re.compile(
    r"(\d[\d\s.,]*(?:k|m)?)\s*(?:[a-zA-Zéèà]+\s+){0,3}?(?:par|per|a|an|/|chaque|every)\s*"
    r"(?:mois|month|mo|mth)\b",
    re.IGNORECASE,
)
_PER_DAY: Final = re.compile(
    r"(\d[\d\s.,]*)\s*(?:[a-zA-Zéèà]+\s+){0,3}?(?:par|per|a|/|chaque|every)\s*(?:jour|day)\b",
    re.IGNORECASE,
)
_PER_WEEK: Final = re.compile(
    r"(\d[\d\s.,]*)\s*(?:[a-zA-Zéèà]+\s+){0,3}?(?:par|per|a|/|chaque|every)\s*(?:semaine|week)\b",
    re.IGNORECASE,
)


def _units_per_month(draft: Draft, text: str) -> Decimal | None:
    periods = (
        (_PER_MONTH, Decimal(1)),
        (_PER_WEEK, money_talk.WEEKS_A_MONTH),
        (_PER_DAY, money_talk.DAYS_A_MONTH),
    )
    for pattern, factor in periods:
        match = pattern.search(text)
        if match:
            found = parse_amount(match.group(1), language=draft.language)
            if found is not None and found.value > 0:
                return found.value * factor
    return None


def _plain_number(draft: Draft, text: str) -> Decimal | None:
    found = parse_amount(_without_percent(text), language=draft.language)
    return found.value if found is not None and found.value > 0 else None


def _before_per_month(text: str) -> str:
    """The price part of "2 500 le plat, 300 plats par mois"."""
    match = _PER_MONTH.search(text)
    return text[: match.start()] + text[match.end() :] if match else text


def _without_percent(text: str) -> str:
    return re.sub(r"[+-]?\s*\d[\d.,]*\s*%[^,;]*", " ", text)


def _without_duration(text: str) -> str:
    return re.sub(r"\b\d+\s*(?:ans?|years?|yrs?|mois|months?)\b", " ", text, flags=re.IGNORECASE)


def _without_terms(text: str) -> str:
    return _without_duration(_without_percent(text))


_DURATION: Final = re.compile(
    r"\b(\d+(?:[.,]\d+)?|un|une|one|a|deux|two|trois|three|quatre|four|cinq|five|dix|ten)\s*"
    r"(mois|months?|mths?|ans?|années?|annees?|years?|yrs?)\b",
    re.IGNORECASE,
)


def _months(draft: Draft, text: str) -> int | None:
    """A duration in months: "sur 18 mois", "for 2 years", "5 ans", "un an"."""
    match = _DURATION.search(text)
    if match is None:
        found = parse_duration(text, language=draft.language)
        return found.months if found is not None else None
    raw = match.group(1).lower().replace(",", ".")
    count = (
        Decimal(_SMALL_NUMBERS.get(raw, raw)) if raw in _SMALL_NUMBERS or raw[0].isdigit() else None
    )
    if count is None:
        return None
    unit = match.group(2).lower()
    return int(count * 12) if unit.startswith(("an", "y", "ann")) else int(count)


_SMALL_NUMBERS: Final = {
    "un": "1", "une": "1", "one": "1", "a": "1", "deux": "2", "two": "2", "trois": "3",
    "three": "3", "quatre": "4", "four": "4", "cinq": "5", "five": "5", "dix": "10", "ten": "10",
}  # fmt: skip


def _years(draft: Draft, text: str) -> int | None:
    months = _months(draft, text)
    return max(1, round(months / 12)) if months else None


def _chunks(text: str, *, keep_terms: bool = False) -> list[str]:
    """One item a piece: "loyer 50 000, salaires 150 000 et courant 20 000".

    A duration or a rate after an amount stays with it ("à 18 % sur 24 mois")."""
    parts = [p.strip() for p in _SPLIT.split(text) if p and p.strip()]
    merged: list[str] = []
    for part in parts:
        terms_only = not re.search(r"\d[\d\s.,]*\s*(?:k|m|f|fcfa|naira|cedis?|ksh|\b)", part) or (
            keep_terms
            and re.fullmatch(
                r"(?:[àa]|at|sur|over|for|pendant|en)?\s*[\d.,]+\s*"
                r"(?:%|ans?|years?|mois|months?)[^\d]*",
                part,
                re.I,
            )
        )
        if merged and terms_only:
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    return merged or [text]


_LABEL_STOP: Final = frozenset(
    {"fcfa", "francs", "naira", "cedis", "pour", "for", "the", "les", "des", "une",
     "ans", "years", "mois", "months", "dure", "lasts", "avec", "with", "qui", "que",
     "which", "that", "durera", "pendant", "environ", "about", "around", "lasting",
     "last", "sur", "over",
     # what the sentence does around the thing bought: "to buy 3 bales at 25k each"
     "buy", "bought", "buying", "acheter", "achete", "achat", "need", "needs", "besoin",
     "get", "start", "demarrer", "each", "apiece", "chacun", "chacune", "piece", "like",
     "durent", "durer", "dureront", "million", "millions", "mille", "thousand", "kwa",
     "inakaa", "itakaa", "also", "aussi", "then", "puis", "and", "just"}
)  # fmt: skip


def _label(chunk: str) -> str | None:
    words = [w for w in re.findall(r"[^\W\d_]+", chunk) if len(w) > 2]
    kept = [w for w in words if w.lower() not in _LABEL_STOP][:4]
    return " ".join(kept).capitalize() if kept else None


def _product_name(text: str) -> str | None:
    """What is sold, from the words around the price: before it ("Un menu du jour à
    2 500 FCFA" -> "Menu du jour"), else after it ("15 cedis a bottle" -> "Bottle")."""
    before = re.split(r"\d", text, maxsplit=1)[0]
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", before)
    while words and words[0].lower() in _EDGE_WORDS:
        words.pop(0)
    while words and (
        words[-1].lower() in _EDGE_WORDS | _NOT_PRODUCT
        or len(words[-1]) == 1
        or (words[-1].isupper() and len(words[-1]) <= 4)  # a currency code: "UGX", "KSh"
        or words[-1].lower() in ("from", "dès", "des", "starting", "only", "seulement")
    ):
        words.pop()
    if not words:
        after = re.sub(r"\d[\d\s.,]*(?:k|m)?", " ", text)
        words = [w for w in re.findall(r"[^\W\d_]+", after) if w.lower() not in _NOT_PRODUCT]
        words = [w for w in words if w.lower() not in _EDGE_WORDS][:3]
    name = " ".join(words[:6])
    return name[:1].upper() + name[1:60] if name else None


_EDGE_WORDS: Final = frozenset(
    {"un", "une", "le", "la", "les", "des", "du", "de", "d", "l", "a", "an", "the", "à", "at",
     "for", "pour", "au", "aux", "of", "my", "mon", "ma", "mes", "our", "notre", "nos", "is",
     "est", "c", "cest", "it", "its", "we", "nous", "on", "je", "i", "sell", "vend", "vends"}
)  # fmt: skip
_NOT_PRODUCT: Final = frozenset(
    {"fcfa", "cfa", "francs", "franc", "naira", "cedis", "cedi", "ksh", "shillings", "rand",
     "dirhams", "birr", "ariary", "kwacha", "dollars", "usd", "euros", "per", "par", "each",
     "the", "les", "des", "une", "pour", "for", "with", "avec", "prix", "price", "sell",
     "vends", "vendons", "vend", "selling", "cost", "costs", "coute", "coûte", "environ",
     "about", "around", "mille", "thousand", "unite", "unit", "piece", "pièce", "chacun"}
)  # fmt: skip


def _says_nothing(normalized: str) -> bool:
    return bool(
        re.search(r"\b(?:rien|aucun|aucune|nothing|none|zero|pas de|no )\b", normalized)
    ) and not re.search(r"\d", normalized)


# ------------------------------------------------------------------ estimates


def ranges_of(draft: Draft) -> TypicalRanges:
    return typical_ranges(draft.sector, draft.country_code, draft.language)


def _range_value(draft: Draft, key: str) -> tuple[Decimal, Decimal, str | None]:
    found = next(r for r in ranges_of(draft).ranges if r.key == key)
    return found.low, found.high, found.currency


def _take_estimate(draft: Draft, item: Item) -> None:
    """The middle of the typical range stands in, marked as an estimate."""
    draft.origins[item] = "estimate"
    if item == "price":
        low, high, _ = _range_value(draft, "price")
        draft.price = (low + high) / 2
    elif item == "volume":
        low, high, _ = _range_value(draft, "units_per_month")
        draft.units = ((low + high) / 2).quantize(Decimal(1))
    elif item == "unit_cost":
        low, high, _ = _range_value(draft, "unit_cost_share_pct")
        draft.unit_cost = ((draft.price or Decimal(0)) * (low + high) / 200).quantize(
            Decimal("0.01")
        )
    elif item == "fixed_costs":
        low, high, _ = _range_value(draft, "rent")
        draft.fixed_costs = {"rent": (low + high) / 2}
    elif item == "investments":
        low, high, _ = _range_value(draft, "startup_investment")
        label = "Équipement" if draft.language == "fr" else "Equipment"
        draft.investments = [(label, (low + high) / 2, DEFAULT_LIFETIME_YEARS)]
    else:
        draft.financing = []  # nothing said: the plan shows the financing still to find


def choices(draft: Draft, item: Item) -> list[str]:
    """Three typical values to pick from for ``item``, each marked as an estimate."""
    keys = {
        "price": "price",
        "volume": "units_per_month",
        "unit_cost": "unit_cost",
        "fixed_costs": "rent",
        "investments": "startup_investment",
        "financing": "startup_investment",
    }
    low, high, currency = _range_value(draft, keys[item])
    if item == "unit_cost" and draft.price:
        # The sector's usual share of the price: a cost never above what a sale brings.
        low_pct, high_pct, _ = _range_value(draft, "unit_cost_share_pct")
        low, high = draft.price * low_pct / 100, draft.price * high_pct / 100
        currency = draft.currency
    mark = ESTIMATE_MARK[draft.language]
    values = [low, (low + high) / 2, high]
    template = methodology_for(draft.language).messages.finance_choice[item]
    out = []
    for value in values:
        shown = (
            format_money(value, currency, draft.language)
            if currency
            else f"{value.quantize(Decimal(1)):,}".replace(",", "\u00a0")
        )
        out.append(f"{fill(template, {'amount': shown}, draft.language)} {mark}")
    return out


# ------------------------------------------------------------------ replies


def prompt(ctx: CoachContext, values: dict[str, str | None]) -> Prompt:
    """The question the finances step is at, with its examples."""
    draft = draft_of(ctx)
    item = draft.missing() or ITEMS[-1]
    return Prompt(ctx.step, _question(ctx, draft, item, values, first=not ctx.step_replies), [])


def answer(
    ctx: CoachContext,
    text: str,
    values: dict[str, str | None],
    *,
    force: bool,
    accepted: Callable[[Reply], Reply],
) -> Reply:
    """Judge one reply at the finances step; ``accepted`` completes an accepted reply
    with the next step's question (the offline coach's)."""
    draft = draft_of(ctx)
    was_open = tuple(item for item in ITEMS if _is_missing(draft, item))
    had_revenue = draft.revenue is not None
    outcome = apply(draft, text)
    if force:
        while (item := draft.missing()) is not None:
            _take_estimate(draft, item)
    item = draft.missing()
    language = ctx.language
    if item is None:
        summary = summary_of(draft)
        # Figures the coach had to estimate are the first thing to come back to.
        weak = any(origin == "estimate" for origin in draft.origins.values())
        reply = Reply(
            accepted=True,
            confidence=_confidence(draft),
            message="",
            examples=[],
            language=language,
            met_criteria=list(ITEMS),
            to_improve=weak,
            reformulation=summary,
            structured=assumptions_of(draft).model_dump(mode="json"),
        )
        return accepted(reply)
    messages = methodology_for(language).messages
    opening = {
        "unclear": messages.finance_unclear,
        "dont_know": messages.finance_dont_know,
        "estimated": messages.finance_estimated,
    }.get(outcome or "", messages.finance_noted)
    # A reply that gave several figures at once hears back what was understood, so a
    # misread is seen at once; then only what is still missing is asked.
    filled = tuple(
        i for i in was_open if not _is_missing(draft, i) and draft.origins.get(i) != "estimate"
    )
    new_revenue = not had_revenue and draft.revenue is not None
    if len(filled) + new_revenue >= 2:
        understood = ", ".join(_summary_parts(draft, filled, revenue=new_revenue))
        opening = fill(messages.finance_understood, {"items": understood}, language)
    question = _question(ctx, draft, item, values, first=False)
    examples = choices(draft, item) if outcome == "dont_know" else []
    return Reply(
        accepted=False,
        confidence=0.0,
        message=f"{fill(opening, values, language)}\n\n{question}",
        examples=examples,
        language=language,
        # What is still open, not everything after the question asked: a paragraph
        # may have answered later questions already.
        met_criteria=[i for i in ITEMS if not _is_missing(draft, i)],
        missing_criteria=[i for i in ITEMS if _is_missing(draft, i)],
    )


def _question(
    ctx: CoachContext, draft: Draft, item: Item, values: dict[str, str | None], *, first: bool
) -> str:
    methodology = methodology_for(ctx.language)
    step = methodology.step(CoachingStepEnum.FINANCES)
    criterion = step.criterion(item)
    question = criterion.follow_up if criterion else step.question
    if item in ("price", "volume") and draft.revenue is not None:
        # The monthly total is known: either figure gives the other.
        question = methodology.messages.finance_from_revenue
    shown = {
        **values,
        "currency": _currency_name(draft),
        "amount": format_money(draft.revenue, draft.currency, ctx.language)
        if draft.revenue is not None
        else None,
    }
    asked = fill(question, shown, ctx.language)
    if first:
        return f"{fill(step.question, shown, ctx.language)}\n\n{asked}"
    return asked


def _confidence(draft: Draft) -> float:
    given = sum(1 for item in ITEMS if draft.origins.get(item) in ("given", "derived"))
    return round(given / len(ITEMS), 2)


def _currency_name(draft: Draft) -> str:
    return "FCFA" if draft.currency in ("XOF", "XAF") else draft.currency


# ------------------------------------------------------------------ results


def assumptions_of(draft: Draft) -> Assumptions:
    """The plan's assumptions, every one with where it comes from."""
    notes: list[AssumptionNote] = []
    estimate_note = "typical range for the sector and country"

    def origin(item: str, key: str) -> None:
        source = draft.origins.get(item)
        if source == "derived":
            note = "worked out from the monthly sales total said"
            notes.append(AssumptionNote(key=key, origin="given", note=note))
        elif source == "given":
            notes.append(AssumptionNote(key=key, origin="given", note=None))
        else:
            notes.append(AssumptionNote(key=key, origin="estimate", note=estimate_note))

    origin("price", "products.0.unit_price")
    origin("volume", "units_per_month")
    origin("unit_cost", "products.0.unit_cost")
    origin("fixed_costs", "fixed_costs")
    origin("investments", "investments")
    origin("financing", "financing")
    if draft.growth_pct is None:
        notes.append(
            AssumptionNote(key="monthly_growth_pct", origin="default", note="no growth said")
        )
    growth_months = None
    if draft.growth_pct:
        # A monthly growth said in a chat is the near term's: compounded for three years
        # it would multiply sales by up to 30 with the same costs. A bank reads a plan
        # whose sales level off after a year; the spreadsheet can change it.
        growth_months = GROWTH_MONTHS
        notes.append(
            AssumptionNote(
                key="growth_months",
                origin="default",
                note=f"the growth said is kept for {GROWTH_MONTHS} months, then sales level off",
            )
        )
    rates, rate_notes = tax_rates(draft.country_code)
    financing: list[Financing] = []
    for source in draft.financing or []:
        kind, amount, rate, months = source.kind, source.amount, source.rate, source.months
        if source.lent and (rate is None or not months):
            default_rate, default_months = DEFAULT_LOAN.get(kind, INFORMAL_LOAN)
            rate = rate if rate is not None else default_rate
            months = months or default_months
            notes.append(
                AssumptionNote(
                    key=f"financing.{len(financing)}",
                    origin="estimate",
                    note="typical terms: to confirm with the lender",
                )
            )
        loan = source.lent
        financing.append(
            Financing(
                kind=kind,
                amount=amount,
                label=source.label,
                annual_rate_pct=(rate or Decimal(0)) if loan else Decimal(0),
                duration_months=(months or 0) if loan else 0,
            )
        )
    investments = [
        Investment(label=label, amount=amount, lifetime_years=lifetime or DEFAULT_LIFETIME_YEARS)
        if lifetime is not None or not _is_deposit(label)
        else Investment(label=label, amount=amount, lifetime_years=None)
        for label, amount, lifetime in draft.investments or []
    ]
    fixed = {k: v for k, v in (draft.fixed_costs or {}).items()}
    return Assumptions(
        currency=draft.currency,
        language=draft.language,
        country_code=draft.country_code,
        sector=draft.sector,
        products=[
            Product(
                name=draft.product
                or ("Produit principal" if draft.language == "fr" else "Main product"),
                unit_price=draft.price or Decimal(1),
                unit_cost=min(draft.unit_cost or Decimal(0), draft.price or Decimal(0)),
            )
        ],
        units_per_month=draft.units or Decimal(0),
        monthly_growth_pct=draft.growth_pct or Decimal(0),
        growth_months=growth_months,
        fixed_costs=FixedCosts(**fixed),
        investments=investments,
        opening_stock=draft.opening_stock,
        financing=financing,
        working_capital=sector_working_capital(draft.sector),
        rates=rates,
        notes=[*notes, *rate_notes],
    )


def _is_deposit(label: str) -> bool:
    return any(word in label.lower() for word in _DEPOSIT_WORDS)


def summary_of(draft: Draft) -> str:
    """The finances in one plain paragraph: the step's answer, shown in the synthesis."""
    return ", ".join(_summary_parts(draft, ITEMS)) + "."


def _summary_parts(draft: Draft, items: tuple[Item, ...], *, revenue: bool = False) -> list[str]:
    """The summary's phrase of each item in ``items`` (and of the monthly sales total)."""
    language = draft.language
    words = methodology_for(language).messages.finance_summary

    def money(value: Decimal) -> str:
        return format_money(value, draft.currency, language)

    parts = []
    if revenue and draft.revenue is not None:
        parts.append(fill(words["revenue"], {"amount": money(draft.revenue)}, language))
    if "price" in items and draft.price is not None:
        parts.append(fill(words["price"], {"amount": money(draft.price)}, language))
    if "volume" in items and draft.units is not None:
        parts.append(fill(words["volume"], {"count": _number(draft.units)}, language))
        if draft.growth_pct:
            parts.append(fill(words["growth"], {"count": _number(draft.growth_pct)}, language))
    if "unit_cost" in items and draft.unit_cost is not None:
        parts.append(fill(words["unit_cost"], {"amount": money(draft.unit_cost)}, language))
    if "fixed_costs" in items:
        fixed = sum((draft.fixed_costs or {}).values(), Decimal(0))
        parts.append(fill(words["fixed_costs"], {"amount": money(fixed)}, language))
    if "investments" in items:
        invested = sum((amount for _, amount, _ in draft.investments or []), draft.opening_stock)
        parts.append(fill(words["investments"], {"amount": money(invested)}, language))
    if "financing" in items:
        funded = sum((source.amount for source in draft.financing or []), Decimal(0))
        parts.append(fill(words["financing"], {"amount": money(funded)}, language))
    return parts


def _number(value: Decimal) -> str:
    """ "300", "2.5": no trailing zeros, no exponent."""
    return f"{value.normalize():f}"


def _session_currency(ctx: CoachContext) -> str:
    currency = ctx.cultural_context.get("currency")
    if isinstance(currency, str) and re.fullmatch(r"[A-Z]{3}", currency):
        return currency
    return "XOF" if ctx.language == "fr" else "USD"


def _country(ctx: CoachContext) -> str | None:
    code = ctx.cultural_context.get("country_code")
    return code.upper() if isinstance(code, str) and len(code) == 2 else None


def given_figures(draft: Draft) -> dict[str, Decimal | None]:
    """The figures the person gave, by name: what a one-paragraph answer is judged on
    (see :mod:`genesis.core.coach.finance_evaluation`). Derived and estimated figures
    are left out: they were not said."""

    def given(item: Item, value: Decimal | None) -> Decimal | None:
        return value if draft.origins.get(item) == "given" else None

    sources = draft.financing if draft.origins.get("financing") == "given" else None

    def funds(kept: Callable[[Source], bool]) -> Decimal | None:
        if sources is None:
            return None
        return sum((source.amount for source in sources if kept(source)), Decimal(0))

    purchases = sum((amount for _, amount, _ in draft.investments or []), draft.opening_stock)
    return {
        "price": given("price", draft.price),
        "units_per_month": given("volume", draft.units),
        "monthly_revenue": draft.revenue,
        "unit_cost": given("unit_cost", draft.unit_cost),
        "fixed_costs_monthly_total": given(
            "fixed_costs", sum((draft.fixed_costs or {}).values(), Decimal(0))
        ),
        "investments_total": given("investments", purchases),
        "own_funds": funds(lambda source: source.kind == "own_savings" and not source.lent),
        "loan_amount": funds(lambda source: source.lent),
    }
