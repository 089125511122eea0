"""Income statement (3 years), working capital and balance sheets, from the months.

Corporate tax is the rate times the year's profit after the losses of earlier
years (carried forward without limit within the three years, as most African
tax codes allow for at least three years); never below zero. A minimum tax on
turnover, where the country has one, is not modelled: the accountant adds it.
"""

from __future__ import annotations

from decimal import Decimal

from genesis.core.finance.labels import label, year_label
from genesis.core.finance.model import (
    Assumptions,
    BalanceSheet,
    Line,
    LoanSchedule,
    Row,
    RowKind,
    StartupBudget,
    Table,
)
from genesis.core.finance.money import round_money
from genesis.core.finance.simulation import Months, payables, receivables, vat_position

ZERO = Decimal(0)
YEARS = (1, 2, 3)
EXTERNAL = ("rent", "phone_internet", "transport", "electricity", "other")
EQUITY_KINDS = frozenset({"own_savings", "family", "tontine", "other"})


def year_months(year: int) -> tuple[int, int]:
    return (year - 1) * 12 + 1, year * 12


def _row(
    key: str,
    a: Assumptions,
    values: list[Decimal],
    kind: RowKind = "item",
    *,
    summed: bool = True,
) -> Row:
    """A row; ``summed=False`` for positions (a stock, a balance), whose sum means nothing."""
    return Row(
        key=key,
        label=label(key, a.language),
        values=values,
        total=sum(values, ZERO) if summed else None,
        kind=kind,
    )


def _taxes(profits: list[Decimal], rates_pct: list[Decimal], currency: str) -> list[Decimal]:
    """Each year's tax at its rate, after the losses carried forward."""
    losses = ZERO
    taxes = []
    for profit, rate_pct in zip(profits, rates_pct, strict=True):
        if profit <= 0:
            losses -= profit
            taxes.append(ZERO)
            continue
        used = min(losses, profit)
        losses -= used
        taxes.append(round_money((profit - used) * rate_pct / 100, currency))
    return taxes


def income_statement(a: Assumptions, m: Months) -> Table:
    def per_year(series: list[Decimal]) -> list[Decimal]:
        return [m.total(series, *year_months(year)) for year in YEARS]

    revenue = per_year(m.revenue)
    cost = per_year(m.cost_of_sales)
    by_category = [per_year(m.fixed[category]) for category in EXTERNAL]
    external = [sum(year, ZERO) for year in zip(*by_category, strict=True)]
    staff = per_year(m.fixed["salaries"])
    social = per_year(m.social)
    dep = per_year(m.depreciation)
    interest = per_year(m.interest)
    gross = [r - c for r, c in zip(revenue, cost, strict=True)]
    ebitda = [g - e - s - c for g, e, s, c in zip(gross, external, staff, social, strict=True)]
    operating = [e - d for e, d in zip(ebitda, dep, strict=True)]
    before_tax = [o - i for o, i in zip(operating, interest, strict=True)]
    tax = _taxes(before_tax, [a.rates.corporate_rate(r) for r in revenue], a.currency)
    net = [p - t for p, t in zip(before_tax, tax, strict=True)]
    rows = [
        _row("revenue", a, revenue),
        _row("cost_of_sales", a, cost),
        _row("gross_margin", a, gross, "subtotal"),
        _row("external_charges", a, external),
        _row("staff_costs", a, staff),
        _row("social_charges", a, social),
        _row("ebitda", a, ebitda, "subtotal"),
        _row("depreciation", a, dep),
        _row("operating_result", a, operating, "subtotal"),
        _row("interest", a, interest),
        _row("profit_before_tax", a, before_tax, "subtotal"),
        _row("corporate_tax", a, tax),
        _row("net_result", a, net, "total"),
    ]
    return Table(columns=[year_label(year, a.language) for year in YEARS], rows=rows)


def working_capital_table(a: Assumptions, m: Months) -> Table:
    """Stock + receivables - payables - VAT owed, at each year end."""
    ends = [year * 12 for year in YEARS]
    stock = [m.stock[month] for month in ends]
    owed_by_customers = [receivables(m, month) for month in ends]
    owed_to_suppliers = [payables(m, month) for month in ends]
    vat = [vat_position(m, month) for month in ends]
    need = [
        s + r - p - v
        for s, r, p, v in zip(stock, owed_by_customers, owed_to_suppliers, vat, strict=True)
    ]
    previous = [a.opening_stock, *need[:-1]]
    change = [n - p for n, p in zip(need, previous, strict=True)]
    rows = [
        _row("stock", a, stock, summed=False),
        _row("receivables", a, owed_by_customers, summed=False),
        _row("payables", a, owed_to_suppliers, summed=False),
        _row("vat_position", a, vat, summed=False),
        _row("working_capital_need", a, need, "total", summed=False),
        _row("working_capital_change", a, change),
    ]
    return Table(columns=[year_label(year, a.language) for year in YEARS], rows=rows)


def _line(key: str, a: Assumptions, amount: Decimal) -> Line:
    return Line(key=key, label=label(key, a.language), amount=amount)


def _sheet(key: str, a: Assumptions, assets: list[Line], liabilities: list[Line]) -> BalanceSheet:
    return BalanceSheet(
        label=label(key, a.language),
        assets=assets,
        liabilities=liabilities,
        total_assets=sum((line.amount for line in assets), ZERO),
        total_liabilities=sum((line.amount for line in liabilities), ZERO),
    )


def _funding(a: Assumptions, budget: StartupBudget) -> list[Line]:
    equity = sum((f.amount for f in a.financing if not f.is_loan and f.kind in EQUITY_KINDS), ZERO)
    grants = sum((f.amount for f in a.financing if f.kind == "grant"), ZERO)
    return [
        _line("equity", a, equity),
        _line("grants", a, grants),
        _line("financing_to_find", a, budget.financing_to_find),
    ]


def opening_balance_sheet(a: Assumptions, budget: StartupBudget) -> BalanceSheet:
    loans = sum((f.amount for f in a.financing if f.is_loan), ZERO)
    assets = [
        _line("fixed_assets_net", a, sum((i.amount for i in a.investments), ZERO)),
        _line("stock", a, a.opening_stock),
        _line("cash", a, budget.opening_cash),
    ]
    liabilities = [*_funding(a, budget), _line("loans_outstanding", a, loans)]
    return _sheet("opening_balance_sheet", a, assets, liabilities)


def closing_cash(m: Months, budget: StartupBudget, month: int) -> Decimal:
    return budget.opening_cash + sum((m.net_flow(k) for k in range(1, month + 1)), ZERO)


def year_end_balance_sheet(
    a: Assumptions,
    m: Months,
    budget: StartupBudget,
    loans: list[LoanSchedule],
    income: Table,
) -> BalanceSheet:
    end = 12
    fixed = sum((i.amount for i in a.investments), ZERO) - m.total(m.depreciation, 1, end)
    cash = closing_cash(m, budget, end)
    vat = vat_position(m, end)
    borrowed = sum((loan.principal for loan in loans), ZERO)
    assets = [
        _line("fixed_assets_net", a, fixed),
        _line("stock", a, m.stock[end]),
        _line("receivables", a, receivables(m, end)),
        _line("vat_credit", a, max(-vat, ZERO)),
        _line("cash", a, max(cash, ZERO)),
    ]
    liabilities = [
        *_funding(a, budget),
        _line("retained_result", a, income.row("net_result").values[0]),
        _line("loans_outstanding", a, borrowed - m.total(m.principal, 1, end)),
        _line("payables", a, payables(m, end)),
        _line("vat_payable", a, max(vat, ZERO)),
        _line("tax_payable", a, income.row("corporate_tax").values[0]),
        _line("overdraft", a, max(-cash, ZERO)),
    ]
    return _sheet("year_end_balance_sheet", a, assets, liabilities)
