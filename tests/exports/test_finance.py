"""The plan as text for the page, Markdown and PDF: read safely, formatted in the
currency and language of the plan."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from genesis.core.finance import build_plan
from genesis.exports.finance import Formats, finance_view, financial_plan
from tests.briefs import as_brief
from tests.exports.plans import ALL, ZONES, content_with_plan, section, short_of_cash


@pytest.mark.parametrize(
    "content",
    [
        {},
        {"financial_plan": None},
        {"financial_plan": {"status": "failed", "data": {}, "error": "x", "duration_ms": 1}},
        {"financial_plan": {"status": "ok", "data": {"currency": "XOF"}}},  # unreadable
        {"financial_plan": {"status": "ok", "data": "not a plan"}},
    ],
)
def test_no_readable_plan_is_none(content: dict[str, Any]) -> None:
    assert financial_plan(as_brief(content)) is None


def test_a_plan_is_read_from_the_section_with_or_without_its_inputs() -> None:
    a = ZONES["XOF"]()
    assert financial_plan(as_brief({"financial_plan": section(a)})) == build_plan(a)
    assert financial_plan(as_brief({"financial_plan": section(a, with_inputs=True)})) == build_plan(
        a
    )
    fallback = {**section(a), "status": "fallback"}
    assert financial_plan(as_brief({"financial_plan": fallback})) is not None


def test_amounts_in_tables_drop_the_symbol_but_keep_the_currency_format() -> None:
    assert Formats("XOF", "fr").amount(D(-1234567)) == "-1\u202f234\u202f567"
    assert Formats("XOF", "en").amount(D(-1234567)) == "-1,234,567"
    assert Formats("NGN", "en").amount(D("2500.5")) == "2,500.50"
    assert Formats("NGN", "en").money(D(2500)) == "₦2,500.00"
    # The PDF prints Latin-1 only: a symbol it cannot print becomes the ISO code.
    assert Formats("NGN", "en", latin1_symbol=True).money(D(-2500)) == "-NGN\u00a02,500.00"
    assert Formats("XOF", "fr", latin1_symbol=True).money(D(2500)) == "2\u202f500\u00a0F\u202fCFA"
    assert Formats("XOF", "fr").percent(D("14.23")) == "14,23\u00a0%"
    assert Formats("KES", "en").percent(D("14.23")) == "14.23%"


def test_the_view_has_every_table_a_bank_asks_for() -> None:
    for name, make in ALL.items():
        plan = build_plan(make())
        view = finance_view(plan)
        keys = [t.key for t in view.tables]
        assert keys[:2] == ["startup_uses", "startup_sources"], name
        assert [k for k in keys if k.startswith("loan_")] == [f"loan_{x.key}" for x in plan.loans]
        for key in (
            "cash_flow",
            "income_statement",
            "working_capital",
            "opening_balance_sheet",
            "year_end_balance_sheet",
            "assumptions",
        ):
            assert key in keys, (name, key)
        assert ("depreciation" in keys) == bool(plan.depreciation)
        for table in view.tables:
            for row in table.rows:
                assert len(row.cells) == len(table.header) - 1, (name, table.key, row.label)


def test_indicators_warnings_and_assumption_origins_in_french() -> None:
    plan = build_plan(ZONES["XOF"]())
    view = finance_view(plan)
    figures = {f.key: f.value for f in view.indicators}
    assert figures["break_even_revenue"] == "661\u202f226\u00a0F\u202fCFA"
    assert figures["break_even_units"] == "331"
    assert figures["payback"] == "7 mois"
    assert figures["debt_coverage"] == "2,98 · sans emprunt · sans emprunt"  # a 12-month loan
    assumptions = view.table("assumptions")
    rows = {row.label: row.cells for row in assumptions.rows}
    assert rows["Prix de vente unitaire\u00a0: Plat du jour"][:2] == (
        "2\u202f000\u00a0F\u202fCFA",
        "donnée",
    )
    tax = rows["Impôt sur les bénéfices (%)"]
    assert tax[1] == "donnée"
    defaulted = [cells for cells in rows.values() if cells[1] == "par défaut"]
    assert defaulted
    assert all(cells[2] for cells in defaulted)  # a default always says where it comes from


def test_a_short_plan_flags_its_negative_months() -> None:
    plan = build_plan(short_of_cash())
    view = finance_view(plan)
    assert view.warnings
    closing = next(r for r in view.table("cash_flow").rows if r.label == "Closing cash")
    assert closing.negative[1 : 1 + 12] == tuple(
        v < 0 for v in plan.cash_flow.table.row("closing_cash").values[1:]
    )
    assert any(f.alert for f in view.indicators)
    loan = next(t for t in view.tables if t.key.startswith("loan_"))
    # A 48-month loan: the first year month by month, then a line a year, then the total.
    assert [r.label for r in loan.rows[11:]] == [
        "12",
        "Months 13 to 24",
        "Months 25 to 36",
        "Months 37 to 48",
        "Total",
    ]


def test_content_with_plan_is_what_exports_receive() -> None:
    content = content_with_plan(ZONES["KES"]())
    assert content["language"] == "en"
    assert financial_plan(as_brief(content)) is not None
