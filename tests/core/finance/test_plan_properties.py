"""Properties every plan must have, whatever the assumptions (hypothesis).

The reconciliation checked here, exactly to the minor unit (every amount is
rounded when computed, so nothing is lost to rounding):

    closing cash (month 12) - opening cash
      = net result (year 1) + depreciation (year 1) + corporate tax (year 1, paid in year 2)
        - receivables (end of year 1) - (stock at the end of year 1 - opening stock)
        + payables (end of year 1) + VAT owed (end of year 1; negative for a credit)
        - loan principal repaid in year 1

and, line by line, sales collected = revenue + VAT charged - receivables, and
loan instalments paid = interest (income statement) + principal repaid.
"""

from __future__ import annotations

import json
from decimal import Context, Decimal, localcontext

from hypothesis import given

from genesis.core.finance.model import Assumptions, FinancialPlan
from genesis.core.finance.money import round_money
from genesis.core.finance.plan import build_plan
from tests.core.finance.cases import typical_business
from tests.core.finance.strategies import SETTINGS, assumptions

ZERO = Decimal(0)


def _line(lines: list, key: str) -> Decimal:  # type: ignore[type-arg]
    return next(line.amount for line in lines if line.key == key)


@SETTINGS
@given(assumptions)
def test_sources_equal_uses(a: Assumptions) -> None:
    startup = build_plan(a).startup
    assert startup.total_sources == startup.total_uses
    assert sum((line.amount for line in startup.uses), ZERO) == startup.total_uses
    assert sum((line.amount for line in startup.sources), ZERO) == startup.total_sources
    assert startup.financing_to_find >= 0
    assert startup.surplus_cash >= 0
    assert not (startup.financing_to_find and startup.surplus_cash)


@SETTINGS
@given(assumptions)
def test_balance_sheets_balance(a: Assumptions) -> None:
    plan = build_plan(a)
    for sheet in (plan.opening_balance_sheet, plan.year_end_balance_sheet):
        assert sheet.total_assets == sheet.total_liabilities
        assert all(line.amount >= 0 for line in sheet.assets if line.key != "fixed_assets_net")
    assert _line(plan.opening_balance_sheet.assets, "cash") == plan.startup.opening_cash


@SETTINGS
@given(assumptions)
def test_cash_flow_reconciles_with_the_income_statement(a: Assumptions) -> None:
    plan = build_plan(a)
    table = plan.cash_flow.table
    income = plan.income_statement
    wc = plan.working_capital.table
    closing = table.row("closing_cash").values
    assert closing[0] == plan.startup.opening_cash
    principal = sum(
        (row.principal for loan in plan.loans for row in loan.rows if row.month <= 12), ZERO
    )
    opening_stock = round_money(a.opening_stock, a.currency)
    expected = (
        income.row("net_result").values[0]
        + income.row("depreciation").values[0]
        + income.row("corporate_tax").values[0]
        - wc.row("receivables").values[0]
        - (wc.row("stock").values[0] - opening_stock)
        + wc.row("payables").values[0]
        + wc.row("vat_position").values[0]
        - principal
    )
    assert closing[12] - closing[0] == expected
    # line by line
    vat = a.rates.vat_pct / 100 if a.vat_registered else ZERO
    charged = sum(
        (round_money(month.revenue * vat, a.currency) for month in plan.monthly[:12]), ZERO
    )
    collected = sum(table.row("sales_collected").values[1:], ZERO)
    assert collected == income.row("revenue").values[0] + charged - wc.row("receivables").values[0]
    instalments = sum(table.row("loan_instalments").values[1:], ZERO)
    assert instalments == income.row("interest").values[0] + principal
    assert sum(m.revenue for m in plan.monthly[:12]) == income.row("revenue").values[0]


@SETTINGS
@given(assumptions)
def test_tables_add_up(a: Assumptions) -> None:
    plan = build_plan(a)
    table = plan.cash_flow.table
    net = table.row("net_cash_flow").values
    receipts = table.row("total_receipts").values
    payments = table.row("total_payments").values
    assert [r - p for r, p in zip(receipts, payments, strict=True)] == net
    closing = table.row("closing_cash").values
    assert closing == [sum(net[: i + 1], ZERO) for i in range(13)]
    assert plan.cash_flow.negative_months == [m for m in range(1, 13) if closing[m] < 0]
    has_warning = any(w.code == "negative_cash" for w in plan.warnings)
    assert has_warning == bool(plan.cash_flow.negative_months)
    if a.cash_buffer is None:  # the computed reserve keeps every month at zero or above
        assert plan.cash_flow.negative_months == []
    income = plan.income_statement
    for year in range(3):
        revenue, cost = income.row("revenue").values[year], income.row("cost_of_sales").values[year]
        assert income.row("gross_margin").values[year] == revenue - cost
        assert income.row("corporate_tax").values[year] >= 0
        before_tax = income.row("profit_before_tax").values[year]
        tax = income.row("corporate_tax").values[year]
        assert income.row("net_result").values[year] == before_tax - tax
    for row in [*table.rows, *income.rows]:
        exponent = -plan.decimals
        assert all(v.as_tuple().exponent >= exponent for v in row.values), row.key


@SETTINGS
@given(assumptions)
def test_depreciation_never_exceeds_the_amount(a: Assumptions) -> None:
    plan = build_plan(a)
    for schedule in plan.depreciation:
        assert sum((row.depreciation for row in schedule.rows), ZERO) == schedule.amount
        assert schedule.rows[-1].net_book_value == 0
    charged = sum(plan.income_statement.row("depreciation").values, ZERO)
    assert charged <= sum((round_money(i.amount, a.currency) for i in a.investments), ZERO)


@SETTINGS
@given(assumptions)
def test_the_plan_survives_json_with_amounts_as_strings(a: Assumptions) -> None:
    plan = build_plan(a)
    text = plan.model_dump_json()
    assert FinancialPlan.model_validate_json(text) == plan
    data = json.loads(text)
    assert isinstance(data["startup"]["total_uses"], str)
    assert isinstance(data["income_statement"]["rows"][0]["values"][0], str)


def test_the_callers_decimal_context_changes_nothing() -> None:
    expected = build_plan(typical_business())
    with localcontext(Context(prec=6)):
        assert build_plan(typical_business()) == expected
