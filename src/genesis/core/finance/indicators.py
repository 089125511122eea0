"""The indicators a loan officer looks at first, and the warnings in plain words.

- Break-even (year 1): the units per month whose margin (price minus cost per
  unit) pays the year's monthly fixed costs (external charges, salaries, social
  charges, depreciation and interest); rounded up to whole units.
- Payback: the first month in which the cash from running the business
  (collections minus purchases, costs, VAT and tax paid; before financing) adds
  up to what was invested at the start (investments and opening stock).
- Debt service coverage (per year): EBITDA minus the year's corporate tax,
  divided by the instalments paid that year (interest and principal).
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from genesis.core.finance.labels import warning_text
from genesis.core.finance.model import (
    Assumptions,
    CashFlowPlan,
    Indicators,
    PlanWarning,
    StartupBudget,
    Table,
)
from genesis.core.finance.money import format_money, round_money
from genesis.core.finance.simulation import HORIZON, Months, product_mix
from genesis.core.finance.statements import YEARS, year_months

ZERO = Decimal(0)
HUNDREDTH = Decimal("0.01")
MIN_DEBT_COVERAGE = Decimal("1.2")


def _ratio(numerator: Decimal, denominator: Decimal, scale: int = 1) -> Decimal | None:
    if not denominator:
        return None
    return (numerator * scale / denominator).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def _break_even(a: Assumptions, income: Table) -> tuple[Decimal | None, Decimal | None]:
    price, cost = product_mix(a)
    if price <= cost:
        return None, None
    fixed = sum(
        (
            income.row(key).values[0]
            for key in (
                "external_charges",
                "staff_costs",
                "social_charges",
                "depreciation",
                "interest",
            )
        ),
        ZERO,
    )
    units = fixed / 12 / (price - cost)
    return round_money(units * price, a.currency), units.to_integral_value(rounding=ROUND_CEILING)


def _payback(m: Months) -> int | None:
    outlay = m.opening_outflow
    if outlay <= 0:
        return 0
    recovered = ZERO
    for month in range(1, HORIZON + 1):
        recovered += m.collected[month] - m.operating_payments(month)
        if recovered >= outlay:
            return month
    return None


def indicators(a: Assumptions, m: Months, income: Table) -> Indicators:
    revenue = income.row("revenue").values
    ebitda = income.row("ebitda").values
    tax = income.row("corporate_tax").values
    service = [
        m.total(m.interest, *year_months(year)) + m.total(m.principal, *year_months(year))
        for year in YEARS
    ]
    revenue_at_break_even, units_at_break_even = _break_even(a, income)
    return Indicators(
        break_even_revenue_per_month=revenue_at_break_even,
        break_even_units_per_month=units_at_break_even,
        payback_months=_payback(m),
        gross_margin_pct=[
            _ratio(g, r, 100)
            for g, r in zip(income.row("gross_margin").values, revenue, strict=True)
        ],
        net_margin_pct=[
            _ratio(n, r, 100) for n, r in zip(income.row("net_result").values, revenue, strict=True)
        ],
        debt_service_coverage=[
            _ratio(e - t, s) for e, t, s in zip(ebitda, tax, service, strict=True)
        ],
    )


def warnings(
    a: Assumptions,
    m: Months,
    budget: StartupBudget,
    cash: CashFlowPlan,
    income: Table,
    found: Indicators,
) -> list[PlanWarning]:
    lang = a.language

    def money(amount: Decimal) -> str:
        return format_money(amount, a.currency, lang)

    out: list[PlanWarning] = []
    if not income.row("revenue").values[0]:
        out.append(PlanWarning(code="no_sales", message=warning_text("no_sales", lang)))
    elif income.row("gross_margin").values[0] <= 0:
        out.append(
            PlanWarning(code="no_gross_margin", message=warning_text("no_gross_margin", lang))
        )
    if budget.financing_to_find:
        text = warning_text("financing_gap", lang, amount=money(budget.financing_to_find))
        out.append(PlanWarning(code="financing_gap", message=text))
    if cash.negative_months:
        months = ", ".join(str(month) for month in cash.negative_months)
        text = warning_text(
            "negative_cash", lang, months=months, amount=money(-cash.lowest_closing_cash)
        )
        out.append(PlanWarning(code="negative_cash", message=text))
    closing = budget.opening_cash
    for month in range(1, HORIZON + 1):
        closing += m.net_flow(month)
        if month > 12 and closing < 0:
            text = warning_text("negative_cash_later", lang, month=str(month))
            out.append(PlanWarning(code="negative_cash_later", message=text))
            break
    for year, coverage in enumerate(found.debt_service_coverage, start=1):
        if coverage is not None and coverage < MIN_DEBT_COVERAGE:
            shown = f"{coverage:f}".replace(".", "," if lang == "fr" else ".")
            text = warning_text("low_debt_coverage", lang, year=str(year), dscr=shown)
            out.append(PlanWarning(code="low_debt_coverage", message=text))
    return out
