"""Financial plans for the exports' tests: one business per currency zone (the
worked examples of tests/core/finance, checked by hand there) and the typical
business of the benchmark, each as the brief section the financial agent gives."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from genesis.core.finance import build_plan
from genesis.core.finance.model import (
    Assumptions,
    Financing,
    FixedCosts,
    Investment,
    Product,
    TaxRates,
    WorkingCapitalDays,
)
from tests.core.finance.cases import typical_business


def xof_restaurant() -> Assumptions:
    return Assumptions(
        currency="XOF",
        language="fr",
        country_code="SN",
        sector="restaurant",
        products=[Product(name="Plat du jour", unit_price=D(2000), unit_cost=D(800))],
        units_per_month=D(500),
        fixed_costs=FixedCosts(rent=D(100_000), salaries=D(200_000), electricity=D(30_000)),
        investments=[
            Investment(label="Cuisine", amount=D(1_200_000), lifetime_years=5),
            Investment(label="Caution", amount=D(200_000)),
        ],
        financing=[
            Financing(kind="own_savings", amount=D(1_000_000)),
            Financing(
                kind="microfinance", amount=D(600_000), annual_rate_pct=D(24), duration_months=12
            ),
        ],
        rates=TaxRates(corporate_tax_pct=D(30), social_charges_pct=D(20), vat_pct=D(18)),
    )


def xaf_shop() -> Assumptions:
    return Assumptions(
        currency="XAF",
        language="fr",
        country_code="CM",
        sector="retail",
        products=[Product(name="Article", unit_price=D(1000), unit_cost=D(700))],
        units_per_month=D(1000),
        fixed_costs=FixedCosts(rent=D(50_000)),
        investments=[Investment(label="Étagères", amount=D(300_000), lifetime_years=3)],
        opening_stock=D(300_000),
        financing=[Financing(kind="own_savings", amount=D(800_000))],
        working_capital=WorkingCapitalDays(stock_days=30, supplier_days=30),
        rates=TaxRates(corporate_tax_pct=D(33), social_charges_pct=D(13), vat_pct=D("19.25")),
    )


def ngn_service() -> Assumptions:
    return Assumptions(
        currency="NGN",
        country_code="NG",
        products=[Product(name="Service", unit_price=D(5000), unit_cost=D(1000))],
        units_per_month=D(100),
        fixed_costs=FixedCosts(salaries=D(150_000)),
        investments=[Investment(label="Laptop", amount=D(360_000), lifetime_years=3)],
        financing=[
            Financing(kind="own_savings", amount=D(300_000)),
            Financing(kind="grant", amount=D(200_000)),
        ],
        working_capital=WorkingCapitalDays(customer_days=30),
        rates=TaxRates(corporate_tax_pct=D(0), social_charges_pct=D(10), vat_pct=D("7.5")),
        vat_registered=True,
    )


def kes_salon() -> Assumptions:
    return Assumptions(
        currency="KES",
        country_code="KE",
        sector="beauty",
        products=[
            Product(name="Haircut", unit_price=D(500), unit_cost=D(100), share_of_units=D(3)),
            Product(name="Braids", unit_price=D(2000), unit_cost=D(400), share_of_units=D(1)),
        ],
        units_per_month=D(200),
        fixed_costs=FixedCosts(rent=D(15_000), salaries=D(20_000), phone_internet=D(2_000)),
        investments=[Investment(label="Chairs", amount=D(60_000), lifetime_years=5)],
        financing=[
            Financing(kind="own_savings", amount=D(20_000)),
            Financing(kind="family", amount=D(100_000), duration_months=10),
        ],
        rates=TaxRates(corporate_tax_pct=D(30), social_charges_pct=D("7.5"), vat_pct=D(16)),
    )


def ghs_shop() -> Assumptions:
    return Assumptions(
        currency="GHS",
        country_code="GH",
        products=[Product(name="Pack", unit_price=D(20), unit_cost=D(12))],
        units_per_month=D(100),
        monthly_growth_pct=D(10),
        growth_months=2,
        fixed_costs=FixedCosts(rent=D(300), salaries=D(500)),
        investments=[Investment(label="Shelves", amount=D(1200), lifetime_years=2)],
        financing=[
            Financing(kind="own_savings", amount=D(2000)),
            Financing(kind="bank_loan", amount=D(5000), annual_rate_pct=D(12), duration_months=6),
        ],
        working_capital=WorkingCapitalDays(customer_days=45),
        rates=TaxRates(corporate_tax_pct=D(25), social_charges_pct=D(13), vat_pct=D(15)),
    )


def zar_tech() -> Assumptions:
    return Assumptions(
        currency="ZAR",
        country_code="ZA",
        sector="technology",
        products=[Product(name="Website", unit_price=D(10_000))],
        units_per_month=D(1),
        monthly_growth_pct=D(100),
        growth_months=2,
        fixed_costs=FixedCosts(rent=D(5_000), salaries=D(20_000)),
        yearly_fixed_cost_increase_pct=D(10),
        investments=[Investment(label="Servers", amount=D(405_000), lifetime_years=3)],
        cash_buffer=D(50_000),
        financing=[Financing(kind="own_savings", amount=D(500_000))],
        rates=TaxRates(corporate_tax_pct=D(27), social_charges_pct=D(1), vat_pct=D(15)),
    )


def mad_crafts() -> Assumptions:
    return Assumptions(
        currency="MAD",
        language="fr",
        country_code="MA",
        sector="crafts",
        products=[Product(name="Tapis", unit_price=D(200), unit_cost=D(80))],
        units_per_month=D(100),
        fixed_costs=FixedCosts(rent=D(3_000)),
        investments=[Investment(label="Outils", amount=D(12_000), lifetime_years=4)],
        opening_stock=D(4_000),
        financing=[Financing(kind="own_savings", amount=D(20_000))],
        working_capital=WorkingCapitalDays(stock_days=15, supplier_days=60),
        rates=TaxRates(corporate_tax_pct=D(20), social_charges_pct=D(21), vat_pct=D(20)),
        vat_registered=True,
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


ZONES = {
    "XOF": xof_restaurant,
    "XAF": xaf_shop,
    "NGN": ngn_service,
    "KES": kes_salon,
    "GHS": ghs_shop,
    "ZAR": zar_tech,
    "MAD": mad_crafts,
}
ALL = {**ZONES, "typical": typical_business, "short": short_of_cash, "bare": bare}


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
