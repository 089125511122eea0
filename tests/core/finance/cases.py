"""Businesses the finance and exports tests share.

The typical business of bench/bench_finance.py, so tests and benchmark agree, and
one worked example per currency zone (XOF, XAF, NGN, KES, GHS, ZAR, MAD), small
enough to check by hand: tests/core/finance/test_worked_examples.py does the hand
computations, tests/exports/plans.py exports them. Rates are given explicitly so
the examples do not move when a country parameter is confirmed.
"""

from __future__ import annotations

from decimal import Decimal as D

# The benchmark's builders and typical business, so tests and benchmark agree.
from bench.bench_finance import microfinance as microfinance
from bench.bench_finance import senegal_restaurant as senegal_restaurant
from bench.bench_finance import typical_business as typical_business

from genesis.core.finance.model import (
    Assumptions,
    Financing,
    FixedCosts,
    Investment,
    Product,
    TaxRates,
    WorkingCapitalDays,
)


def xof_restaurant() -> Assumptions:
    return senegal_restaurant(
        products=[Product(name="Plat du jour", unit_price=D(2000), unit_cost=D(800))],
        units_per_month=D(500),
        fixed_costs=FixedCosts(rent=D(100_000), salaries=D(200_000), electricity=D(30_000)),
        investments=[
            Investment(label="Cuisine", amount=D(1_200_000), lifetime_years=5),
            Investment(label="Caution", amount=D(200_000)),
        ],
        financing=[
            Financing(kind="own_savings", amount=D(1_000_000)),
            microfinance(D(600_000), annual_rate_pct=D(24), months=12),
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
