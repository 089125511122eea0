"""Assumptions validate what people may get wrong; the plan lists them with their origin."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from genesis.core.finance.model import (
    AssumptionNote,
    Assumptions,
    Financing,
    FixedCosts,
    Product,
    TaxBand,
    TaxRates,
)
from genesis.core.finance.plan import build_plan

RATES = TaxRates(corporate_tax_pct=Decimal(30), social_charges_pct=Decimal(20), vat_pct=Decimal(18))


def _shop(**changes: object) -> Assumptions:
    fields: dict[str, object] = {
        "currency": "XOF",
        "products": [Product(name="Plat", unit_price=Decimal(1000), unit_cost=Decimal(400))],
        "units_per_month": Decimal(300),
        "fixed_costs": FixedCosts(rent=Decimal(50_000)),
        "rates": RATES,
    }
    fields.update(changes)
    return Assumptions.model_validate(fields)


def test_a_bank_loan_needs_a_duration_and_a_grant_has_none() -> None:
    with pytest.raises(ValidationError, match="needs a duration"):
        Financing(kind="bank_loan", amount=Decimal(100))
    with pytest.raises(ValidationError, match="not repaid"):
        Financing(kind="grant", amount=Decimal(100), duration_months=12)
    assert Financing(kind="family", amount=Decimal(100), duration_months=6).is_loan
    assert not Financing(kind="family", amount=Decimal(100)).is_loan


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValidationError):
        _shop(currency="francs")
    with pytest.raises(ValidationError):
        _shop(products=[])
    with pytest.raises(ValidationError):
        Product(name="x", unit_price=Decimal(0))
    assert _shop(currency="xof").currency == "XOF"


def test_each_assumption_is_listed_with_its_origin() -> None:
    a = _shop(
        notes=[
            AssumptionNote(key="units_per_month", origin="estimate", note="typical range"),
            AssumptionNote(key="rates", origin="default", note="country parameters"),
        ]
    )
    lines = {line.key: line for line in build_plan(a).assumptions}
    assert lines["units_per_month"].origin == "estimate"
    assert lines["units_per_month"].note == "typical range"
    assert lines["rates.vat_pct"].origin == "default"  # covered by the parent note
    assert lines["products.0.unit_price"].origin == "given"
    assert lines["fixed_costs.rent"].origin == "given"
    assert lines["fixed_costs.salaries"].origin == "default"  # never set
    assert lines["cash_buffer"].origin == "default"  # computed by the engine
    assert lines["cash_buffer"].note


def test_labels_warnings_and_months_speak_the_plan_language() -> None:
    short = _shop(
        language="fr",
        start_year=2026,
        start_month=11,
        cash_buffer=Decimal(0),
        fixed_costs=FixedCosts(rent=Decimal(300_000)),
    )
    plan = build_plan(short)
    assert plan.cash_flow.table.columns[:3] == ["Démarrage", "nov. 2026", "déc. 2026"]
    assert plan.cash_flow.table.columns[3] == "janv. 2027"
    assert plan.income_statement.row("revenue").label == "Chiffre d'affaires"
    codes = {w.code for w in plan.warnings}
    assert "negative_cash" in codes
    message = next(w.message for w in plan.warnings if w.code == "negative_cash")
    assert "sous zéro" in message
    english = build_plan(short.model_copy(update={"language": "en"}))
    assert english.cash_flow.table.columns[1] == "Nov 2026"
    assert "below zero" in next(w.message for w in english.warnings if w.code == "negative_cash")


def test_a_price_below_cost_and_no_sales_are_warned() -> None:
    losing = _shop(products=[Product(name="x", unit_price=Decimal(100), unit_cost=Decimal(150))])
    plan = build_plan(losing)
    assert "no_gross_margin" in {w.code for w in plan.warnings}
    assert plan.indicators.break_even_units_per_month is None
    idle = build_plan(_shop(units_per_month=Decimal(0)))
    assert "no_sales" in {w.code for w in idle.warnings}
    assert idle.indicators.gross_margin_pct == [None, None, None]


def _banded(*bands: tuple[int | None, int]) -> TaxRates:
    return TaxRates(
        corporate_tax_pct=Decimal(bands[0][1]),
        social_charges_pct=Decimal(10),
        vat_pct=Decimal(18),
        corporate_tax_bands=tuple(
            TaxBand(turnover_up_to=None if up is None else Decimal(up), rate_pct=Decimal(rate))
            for up, rate in bands
        ),
    )


def test_tax_bands_ascend_to_one_open_end_and_give_the_rate_of_a_turnover() -> None:
    rates = _banded((25_000_000, 0), (100_000_000, 20), (None, 30))
    rate = rates.corporate_rate
    assert [rate(Decimal(t)) for t in (0, 25_000_000, 25_000_001, 10**8, 10**9)] == [
        0,
        0,
        20,
        20,
        30,
    ]
    for wrong in (
        ((100, 0), (50, 20), (None, 30)),  # not ascending
        ((100, 0), (200, 20)),  # no open end
        ((None, 0), (200, 20)),  # open end first
    ):
        with pytest.raises(ValidationError):
            _banded(*wrong)


def test_each_year_is_taxed_at_the_band_of_its_turnover_after_losses() -> None:
    a = Assumptions(
        currency="NGN",
        products=[Product(name="Delivery", unit_price=Decimal(2300), unit_cost=Decimal(900))],
        units_per_month=Decimal(600),
        monthly_growth_pct=Decimal(7),
        fixed_costs=FixedCosts(salaries=Decimal(400_000)),
        rates=_banded((25_000_000, 0), (100_000_000, 20), (None, 30)),
    )
    income = build_plan(a).income_statement
    revenue, profit, tax = (
        income.row(key).values for key in ("revenue", "profit_before_tax", "corporate_tax")
    )
    assert revenue[0] <= 25_000_000 < revenue[1] <= 100_000_000 < revenue[2]
    assert all(p > 0 for p in profit)
    assert tax == [Decimal("0.00"), round(profit[1] * 20 / 100, 2), round(profit[2] * 30 / 100, 2)]
