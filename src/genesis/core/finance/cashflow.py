"""The 12-month cash-flow plan of year 1, with the start (month 0) as first column.

Month 0 receives the financing (contributions, grants, loans, and the
financing still to find) and pays the investments and the opening stock; its
closing cash is the opening cash of the start-up budget.
"""

from __future__ import annotations

from decimal import Decimal

from genesis.core.finance.labels import label, month_label
from genesis.core.finance.model import Assumptions, CashFlowPlan, Row, RowKind, StartupBudget, Table
from genesis.core.finance.simulation import Months
from genesis.core.finance.statements import EQUITY_KINDS

ZERO = Decimal(0)
MONTHS = range(0, 13)
COST_ROWS = (
    ("rent", "rent"),
    ("salaries", "salaries"),
    ("phone_internet", "phone_internet"),
    ("transport", "transport"),
    ("electricity", "electricity"),
    ("other_costs", "other"),
)


def _row(key: str, a: Assumptions, values: list[Decimal], kind: RowKind = "item") -> Row:
    return Row(
        key=key, label=label(key, a.language), values=values, total=sum(values, ZERO), kind=kind
    )


def _at_start(amount: Decimal) -> list[Decimal]:
    return [amount] + [ZERO] * 12


def _monthly(series: list[Decimal]) -> list[Decimal]:
    return [ZERO] + [series[month] for month in range(1, 13)]


def minimum_cash_needed(m: Months, months: int = 12) -> Decimal:
    """The cash at the start that keeps every month's closing cash at zero or above."""
    running = ZERO
    lowest = ZERO
    for month in range(1, months + 1):
        running += m.net_flow(month)
        lowest = min(lowest, running)
    return -lowest


def cash_flow_plan(a: Assumptions, m: Months, budget: StartupBudget) -> CashFlowPlan:
    contributions = sum(
        (f.amount for f in a.financing if not f.is_loan and f.kind in EQUITY_KINDS), ZERO
    )
    grants = sum((f.amount for f in a.financing if f.kind == "grant"), ZERO)
    borrowed = sum((f.amount for f in a.financing if f.is_loan), ZERO)
    receipts = [
        _row("sales_collected", a, _monthly(m.collected)),
        _row("contributions", a, _at_start(contributions)),
        _row("grants_received", a, _at_start(grants)),
        _row("loans_received", a, _at_start(borrowed)),
        _row("financing_to_find", a, _at_start(budget.financing_to_find)),
    ]
    instalments = [i + p for i, p in zip(_monthly(m.interest), _monthly(m.principal), strict=True)]
    payments = [
        _row("investments_paid", a, _at_start(sum((i.amount for i in a.investments), ZERO))),
        _row("opening_stock_paid", a, _at_start(a.opening_stock)),
        _row("purchases_paid", a, _monthly(m.purchases_paid)),
        *(_row(key, a, _monthly(m.fixed[category])) for key, category in COST_ROWS),
        _row("social_charges", a, _monthly(m.social)),
        _row("loan_instalments", a, instalments),
        _row("vat_paid", a, _monthly(m.vat_paid)),
    ]
    total_in = [sum(column, ZERO) for column in zip(*(r.values for r in receipts), strict=True)]
    total_out = [sum(column, ZERO) for column in zip(*(r.values for r in payments), strict=True)]
    net = [i - o for i, o in zip(total_in, total_out, strict=True)]
    closing: list[Decimal] = []
    for flow in net:
        closing.append((closing[-1] if closing else ZERO) + flow)
    opening = [ZERO, *closing[:-1]]
    rows = [
        *receipts,
        _row("total_receipts", a, total_in, "subtotal"),
        *payments,
        _row("total_payments", a, total_out, "subtotal"),
        _row("net_cash_flow", a, net, "subtotal"),
        Row(key="opening_cash", label=label("opening_cash", a.language), values=opening),
        Row(
            key="closing_cash",
            label=label("closing_cash", a.language),
            values=closing,
            kind="total",
        ),
    ]
    columns = [month_label(month, a.language, a.start_year, a.start_month) for month in MONTHS]
    return CashFlowPlan(
        table=Table(columns=columns, rows=rows),
        negative_months=[month for month in range(1, 13) if closing[month] < 0],
        lowest_closing_cash=min(closing),
        minimum_cash_needed=minimum_cash_needed(m),
    )
