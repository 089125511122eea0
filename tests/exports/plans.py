"""Financial plans for the exports' tests: one business per currency zone (the
worked examples of tests/core/finance/cases.py, checked by hand in
test_worked_examples.py) and the typical business of the benchmark, each as the
brief section the financial agent gives."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from genesis.core.finance import build_plan
from genesis.core.finance.model import Assumptions, Financing, FixedCosts, Product, TaxRates
from genesis.core.finance.parameters import tax_rates
from tests.core.finance.cases import (
    ghs_shop,
    kes_salon,
    mad_crafts,
    ngn_service,
    typical_business,
    xaf_shop,
    xof_restaurant,
    zar_tech,
)


def short_of_cash() -> Assumptions:
    """A plan that goes below zero: a reserve given too small, a long bank loan, a gap."""
    base = typical_business()
    return base.model_copy(
        update={
            "language": "en",
            "start_year": None,
            "cash_buffer": D(0),
            "fixed_costs": base.fixed_costs.model_copy(update={"salaries": D(900_000)}),
            "financing": [
                Financing(kind="own_savings", amount=D(300_000)),
                Financing(
                    kind="bank_loan", amount=D(1_500_000), annual_rate_pct=D(16), duration_months=48
                ),
            ],
        }
    )


def bare() -> Assumptions:
    """The least a plan can be: one product sold, nothing bought, no money raised."""
    return Assumptions(
        currency="UGX",
        products=[Product(name="Chapati", unit_price=D(1000), unit_cost=D(400))],
        units_per_month=D(300),
        rates=TaxRates(corporate_tax_pct=D(30), social_charges_pct=D(10), vat_pct=D(18)),
    )


def ngn_banded() -> Assumptions:
    """A Lagos business growing through Nigeria's turnover bands of corporate tax
    (0 %, then 20 %, then 30 % of profit as the year's turnover grows)."""
    rates, _ = tax_rates("NG")
    return Assumptions(
        currency="NGN",
        country_code="NG",
        language="en",
        products=[Product(name="Delivery", unit_price=D(2300), unit_cost=D(900))],
        units_per_month=D(600),
        monthly_growth_pct=D(7),
        fixed_costs=FixedCosts(rent=D(250_000), salaries=D(400_000)),
        financing=[Financing(kind="own_savings", amount=D(2_000_000))],
        rates=rates,
    )


ZONES = {
    "XOF": xof_restaurant,
    "XAF": xaf_shop,
    "NGN": ngn_service,
    "KES": kes_salon,
    "GHS": ghs_shop,
    "ZAR": zar_tech,
    "MAD": mad_crafts,
}
ALL = {
    **ZONES,
    "typical": typical_business,
    "short": short_of_cash,
    "bare": bare,
    "ngn_banded": ngn_banded,
}


def section(assumptions: Assumptions, *, with_inputs: bool = False) -> dict[str, Any]:
    """The brief's ``financial_plan`` section, as the financial agent gives it."""
    data: dict[str, Any] = build_plan(assumptions).model_dump(mode="json")
    if with_inputs:
        data["inputs"] = assumptions.model_dump(mode="json")
    return {"status": "ok", "data": data, "error": None, "duration_ms": 3}


def content_with_plan(
    assumptions: Assumptions, *, language: str | None = None, **extra: Any
) -> dict[str, Any]:
    """A minimal brief content carrying only the plan (other agents failed)."""
    return {
        "business_name": "Chez Awa",
        "session_id": "sess-plan",
        "language": language or assumptions.language,
        "financial_plan": section(assumptions),
        **extra,
    }
