"""Two charts of the financial plan, drawn as plain SVG by our own code.

No chart library and nothing fetched: a few rectangles, lines and text labels
in a 360 x 220 viewBox that scales to a phone's width. Each chart carries a
<title> and a <desc> that say what it shows in words (the same words serve
as the text alternative of an <img>), every amount is written with
``format_money`` and every text is escaped.

- ``cash_chart``: closing cash at the end of each month of year 1, as bars;
  months below zero in the warning colour, with the zero line drawn.
- ``revenue_costs_chart``: revenue and total costs each month over the three
  years, as two lines (72 bars would not read on a phone), years marked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Final
from xml.sax.saxutils import escape, quoteattr

from genesis.core.finance.labels import label as finance_label
from genesis.core.finance.model import FinancialPlan
from genesis.core.finance.money import format_money

WIDTH: Final = 360
HEIGHT: Final = 220
EDGE, RIGHT, BOTTOM = 4.0, 354.0, 186.0
CHAR_WIDTH: Final = 5.6  # an average glyph at 10 px, to leave room for the amounts
FONT: Final = "Helvetica, Arial, sans-serif"
INK: Final = "#1b1b1b"
MUTED: Final = "#5a5a5a"
GRID: Final = "#d9d6cf"
POSITIVE: Final = "#0a5132"
WARNING: Final = "#b3261e"
REVENUE: Final = "#0a5132"
COSTS: Final = "#c25400"

TEXTS: Final[dict[str, dict[str, str]]] = {
    "fr": {
        "cash_title": "Trésorerie en fin de mois, année 1",
        "cash_desc": (
            "Trésorerie à la fin de chacun des 12 mois de la première année : de {low} "
            "({low_month}) à {high} ({high_month}). {negative}"
        ),
        "cash_never_negative": "Elle ne passe jamais sous zéro.",
        "cash_negative": "Elle passe sous zéro {count} mois : {months}.",
        "revenue_title": "Chiffre d'affaires et coûts par mois, sur 3 ans",
        "revenue_desc": (
            "Chiffre d'affaires de {revenue_first} au mois 1 à {revenue_last} au mois 36 ; "
            "coûts totaux de {costs_first} à {costs_last}. {cover}"
        ),
        "cover_from": "Les ventes couvrent les coûts à partir du mois {month}.",
        "cover_never": "Les ventes ne couvrent jamais les coûts.",
        "revenue": "Chiffre d'affaires",
        "costs": "Coûts totaux",
    },
    "en": {
        "cash_title": "Closing cash each month, year 1",
        "cash_desc": (
            "Cash at the end of each of the 12 months of year 1: from {low} ({low_month}) "
            "to {high} ({high_month}). {negative}"
        ),
        "cash_never_negative": "It never goes below zero.",
        "cash_negative": "It goes below zero in {count} months: {months}.",
        "revenue_title": "Revenue and costs each month, over 3 years",
        "revenue_desc": (
            "Revenue from {revenue_first} in month 1 to {revenue_last} in month 36; total "
            "costs from {costs_first} to {costs_last}. {cover}"
        ),
        "cover_from": "Sales cover the costs from month {month}.",
        "cover_never": "Sales never cover the costs.",
        "revenue": "Revenue",
        "costs": "Total costs",
    },
}


@dataclass(frozen=True)
class ChartText:
    title: str
    description: str


def _money(plan: FinancialPlan, amount: Decimal) -> str:
    return format_money(amount, plan.currency, plan.language)


def _short_month(plan: FinancialPlan, index: int) -> str:
    """ "3" when months are numbered, "mars" / "Mar" when the start month is known."""
    text = plan.monthly[index].label
    word = finance_label("month", plan.language)
    if text.startswith(word + " "):
        return str(plan.monthly[index].month)
    return text.rsplit(" ", 1)[0]


def cash_text(plan: FinancialPlan) -> ChartText:
    tx = TEXTS[plan.language]
    year = plan.monthly[:12]
    low = min(year, key=lambda m: m.closing_cash)
    high = max(year, key=lambda m: m.closing_cash)
    negative = [m.label for m in year if m.closing_cash < 0]
    said = (
        tx["cash_negative"].format(count=len(negative), months=", ".join(negative))
        if negative
        else tx["cash_never_negative"]
    )
    desc = tx["cash_desc"].format(
        low=_money(plan, low.closing_cash),
        low_month=low.label,
        high=_money(plan, high.closing_cash),
        high_month=high.label,
        negative=said,
    )
    return ChartText(tx["cash_title"], desc)


def revenue_costs_text(plan: FinancialPlan) -> ChartText:
    tx = TEXTS[plan.language]
    months = plan.monthly
    covered = next((m.month for m in months if m.revenue > 0 and m.revenue >= m.costs), None)
    cover = tx["cover_never"] if covered is None else tx["cover_from"].format(month=covered)
    desc = tx["revenue_desc"].format(
        revenue_first=_money(plan, months[0].revenue),
        revenue_last=_money(plan, months[-1].revenue),
        costs_first=_money(plan, months[0].costs),
        costs_last=_money(plan, months[-1].costs),
        cover=cover,
    )
    return ChartText(tx["revenue_title"], desc)


# ------------------------------------------------------------------ scales


def _nice_step(span: float, count: int = 4) -> float:
    raw = span / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10.0 * magnitude


@dataclass(frozen=True)
class _Scale:
    low: float
    high: float
    top: float
    bottom: float
    ticks: tuple[float, ...]

    def y(self, value: float) -> float:
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)


def _scale(values: list[Decimal], top: float, bottom: float) -> _Scale:
    low = min(0.0, *(float(v) for v in values))
    high = max(0.0, *(float(v) for v in values))
    if high == low:
        high = low + 1.0
    step = _nice_step(high - low)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    count = round((last - first) / step)
    ticks = tuple(first + i * step for i in range(count + 1))
    return _Scale(first, last, top, bottom, ticks)


def _n(value: float) -> str:
    """A coordinate with one decimal at most (small files, stable output)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# ---------------------------------------------------------------- drawing


def _text(x: float, y: float, body: str, *, size: float = 10, anchor: str = "start",
          fill: str = MUTED) -> str:  # fmt: skip
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size:g}" text-anchor="{anchor}" '
        f'fill="{fill}">{escape(body)}</text>'
    )


def _open(text: ChartText, id_prefix: str) -> str:
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-family={quoteattr(FONT)}>'
        f'<title id="{title_id}">{escape(text.title)}</title>'
        f'<desc id="{desc_id}">{escape(text.description)}</desc>'
    )


def _grid(plan: FinancialPlan, scale: _Scale) -> tuple[float, list[str]]:
    """Gridlines and their amounts in a left gutter; returns where the plot starts."""
    labels = [(tick, _money(plan, Decimal(repr(tick)))) for tick in scale.ticks]
    left = EDGE + 4 + CHAR_WIDTH * max(len(text) for _, text in labels)
    parts = []
    for tick, text in labels:
        y = scale.y(tick)
        if tick != 0:
            parts.append(
                f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(RIGHT)}" y2="{_n(y)}" '
                f'stroke="{GRID}" stroke-width="0.6"/>'
            )
        parts.append(_text(left - 3, y + 3, text, anchor="end"))
    return left, parts


def _zero_line(scale: _Scale, left: float) -> str:
    y = _n(scale.y(0))
    return (
        f'<line x1="{_n(left)}" y1="{y}" x2="{_n(RIGHT)}" y2="{y}" stroke="{INK}" '
        'stroke-width="1"/>'
    )


def cash_chart(plan: FinancialPlan, *, id_prefix: str = "cash-chart") -> str:
    """Closing cash at the end of each month of year 1, as bars (SVG)."""
    year = plan.monthly[:12]
    scale = _scale([m.closing_cash for m in year], top=14.0, bottom=BOTTOM)
    left, grid = _grid(plan, scale)
    band = (RIGHT - left) / len(year)
    parts = [_open(cash_text(plan), id_prefix), *grid]
    zero = scale.y(0)
    for index, month in enumerate(year):
        value = float(month.closing_cash)
        y = scale.y(value)
        x = left + index * band + band * 0.18
        top, height = (y, zero - y) if value >= 0 else (zero, y - zero)
        colour = WARNING if month.closing_cash < 0 else POSITIVE
        tip = f"{month.label}: {_money(plan, month.closing_cash)}"
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(top)}" width="{_n(band * 0.64)}" '
            f'height="{_n(max(height, 0.5))}" fill="{colour}"><title>{escape(tip)}</title></rect>'
        )
        parts.append(
            _text(
                left + (index + 0.5) * band,
                BOTTOM + 13,
                _short_month(plan, index),
                size=9,
                anchor="middle",
            )
        )
    parts.append(_zero_line(scale, left))
    parts.append(
        _text(
            (left + RIGHT) / 2, HEIGHT - 4, finance_label("month", plan.language), anchor="middle"
        )
    )
    parts.append("</svg>")
    return "".join(parts)


def revenue_costs_chart(plan: FinancialPlan, *, id_prefix: str = "revenue-chart") -> str:
    """Revenue and total costs each month over three years, as two lines (SVG)."""
    tx = TEXTS[plan.language]
    months = plan.monthly
    scale = _scale([m.revenue for m in months] + [m.costs for m in months], top=30.0, bottom=BOTTOM)
    left, grid = _grid(plan, scale)
    band = (RIGHT - left) / len(months)
    parts = [_open(revenue_costs_text(plan), id_prefix), *grid]
    for year in range(1, len(months) // 12):  # separators between the years
        x = _n(left + year * 12 * band)
        parts.append(
            f'<line x1="{x}" y1="{_n(scale.top)}" x2="{x}" y2="{_n(BOTTOM)}" '
            f'stroke="{GRID}" stroke-width="1" stroke-dasharray="3 3"/>'
        )
    for year in range(len(months) // 12):
        name = f"{finance_label('year', plan.language)} {year + 1}"
        parts.append(_text(left + (year * 12 + 6) * band, BOTTOM + 13, name, anchor="middle"))
    parts.append(_zero_line(scale, left))
    for key, colour, dash in (
        ("revenue", REVENUE, ""),
        ("costs", COSTS, ' stroke-dasharray="6 3"'),
    ):
        points = " ".join(
            f"{_n(left + (i + 0.5) * band)},{_n(scale.y(float(getattr(m, key))))}"
            for i, m in enumerate(months)
        )
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"'
            f"{dash}><title>{escape(tx[key])}</title></polyline>"
        )
    # The legend, above the plot: a short stroke of each line and its name.
    at = left
    for key, colour, dash in (
        ("revenue", REVENUE, ""),
        ("costs", COSTS, ' stroke-dasharray="6 3"'),
    ):
        parts.append(
            f'<line x1="{_n(at)}" y1="8" x2="{_n(at + 18)}" y2="8" stroke="{colour}" '
            f'stroke-width="2"{dash}/>'
        )
        parts.append(_text(at + 22, 11.5, tx[key], size=10.5, fill=INK))
        at += 30 + 5.8 * len(tx[key])
    parts.append("</svg>")
    return "".join(parts)
