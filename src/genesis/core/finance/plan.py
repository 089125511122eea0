"""build_plan: from Assumptions to the full FinancialPlan, offline and exact.

The order matters and is the whole method: loan schedules, then the 36
simulated months (simulation.py), then the cash reserve (the one given, or the
minimum that keeps year 1 at or above zero), the start-up budget, the income
statement and its tax (paid the next year, so it enters the months after),
the cash-flow plan, balance sheets, indicators and warnings. Every table is
read from the same months, which is why they agree to the minor unit.

Arithmetic runs in a local decimal context (28 digits) so the caller's
context never changes a result.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext

from genesis.core.finance import depreciation, loan
from genesis.core.finance.budget import financing_keys, financing_label, startup_budget
from genesis.core.finance.cashflow import cash_flow_plan, minimum_cash_needed
from genesis.core.finance.indicators import indicators, warnings
from genesis.core.finance.labels import conventions, month_label
from genesis.core.finance.listing import assumption_lines
from genesis.core.finance.model import (
    Assumptions,
    DepreciationSchedule,
    FinancialPlan,
    LoanSchedule,
    MonthFigures,
    WorkingCapital,
)
from genesis.core.finance.money import currency_decimals, round_money
from genesis.core.finance.simulation import HORIZON, Months, schedule_tax, simulate
from genesis.core.finance.statements import (
    income_statement,
    opening_balance_sheet,
    working_capital_table,
    year_end_balance_sheet,
)

CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)


def _rounded(a: Assumptions) -> Assumptions:
    """Cash amounts to the currency's minor unit (prices and unit costs stay as given)."""
    cur = a.currency
    costs = a.fixed_costs.model_copy(
        update={k: round_money(v, cur) for k, v in a.fixed_costs.model_dump().items()}
    )
    return a.model_copy(
        update={
            "fixed_costs": costs,
            "opening_stock": round_money(a.opening_stock, cur),
            "cash_buffer": None if a.cash_buffer is None else round_money(a.cash_buffer, cur),
            "investments": [
                i.model_copy(update={"amount": round_money(i.amount, cur)}) for i in a.investments
            ],
            "financing": [
                f.model_copy(update={"amount": round_money(f.amount, cur)}) for f in a.financing
            ],
        }
    )


def _loans(a: Assumptions) -> list[LoanSchedule]:
    schedules = []
    for key, item in zip(financing_keys(a.financing), a.financing, strict=True):
        if not item.is_loan or not item.amount:
            continue
        instalment, rows = loan.schedule(
            item.amount, item.annual_rate_pct, item.duration_months, a.currency
        )
        schedules.append(
            LoanSchedule(
                key=key,
                label=financing_label(item, a),
                principal=item.amount,
                annual_rate_pct=item.annual_rate_pct,
                duration_months=item.duration_months,
                instalment=instalment,
                rows=rows,
                total_interest=sum((row.interest for row in rows), Decimal(0)),
            )
        )
    return schedules


def _depreciation(a: Assumptions) -> list[DepreciationSchedule]:
    return [
        DepreciationSchedule(
            key=f"investment_{index}",
            label=item.label,
            amount=item.amount,
            lifetime_years=item.lifetime_years or 0,
            rows=depreciation.yearly_rows(item, a.currency),
        )
        for index, item in enumerate(a.investments, start=1)
        if item.lifetime_years
    ]


def _monthly(a: Assumptions, m: Months, opening_cash: Decimal) -> list[MonthFigures]:
    figures = []
    cash = opening_cash
    for month in range(1, HORIZON + 1):
        cash += m.net_flow(month)
        costs = (
            m.cost_of_sales[month]
            + m.fixed_total(month)
            + m.social[month]
            + m.depreciation[month]
            + m.interest[month]
        )
        figures.append(
            MonthFigures(
                month=month,
                label=month_label(month, a.language, a.start_year, a.start_month),
                revenue=m.revenue[month],
                costs=costs,
                closing_cash=cash,
            )
        )
    return figures


def build_plan(assumptions: Assumptions) -> FinancialPlan:
    """The financial plan of ``assumptions`` (pure: no I/O beyond the shipped data files)."""
    with localcontext(CONTEXT):
        a = _rounded(assumptions)
        loans = _loans(a)
        months = simulate(a, loans)
        computed = minimum_cash_needed(months) if a.cash_buffer is None else None
        buffer = a.cash_buffer if a.cash_buffer is not None else computed
        assert buffer is not None
        budget = startup_budget(a, buffer)
        income = income_statement(a, months)
        schedule_tax(months, income.row("corporate_tax").values)
        cash = cash_flow_plan(a, months, budget)
        found = indicators(a, months, income)
        return FinancialPlan(
            currency=a.currency,
            decimals=currency_decimals(a.currency),
            language=a.language,
            assumptions=assumption_lines(assumptions, computed),
            conventions=conventions(a.language),
            startup=budget,
            loans=loans,
            cash_flow=cash,
            income_statement=income,
            depreciation=_depreciation(a),
            working_capital=WorkingCapital(
                stock_days=a.working_capital.stock_days,
                customer_days=a.working_capital.customer_days,
                supplier_days=a.working_capital.supplier_days,
                table=working_capital_table(a, months),
            ),
            opening_balance_sheet=opening_balance_sheet(a, budget),
            year_end_balance_sheet=year_end_balance_sheet(a, months, budget, loans, income),
            indicators=found,
            monthly=_monthly(a, months, budget.opening_cash),
            warnings=warnings(a, months, budget, cash, income, found),
        )
