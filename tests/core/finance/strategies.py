"""Hypothesis strategies for financial assumptions: small businesses, odd corners included."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from genesis.core.finance.model import (
    Assumptions,
    Financing,
    FixedCosts,
    Investment,
    Product,
    TaxRates,
    WorkingCapitalDays,
)

# Few examples (the suite must stay fast) and no example database in the work tree.
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

CURRENCIES = ("XOF", "XAF", "NGN", "KES", "GHS", "ZAR", "MAD", "TND", "UGX")


def amounts(high: int, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=high, places=places, allow_nan=False)


def rates(high: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=high, places=2, allow_nan=False)


products = st.builds(
    Product,
    name=st.sampled_from(["A", "B", "Plat"]),
    unit_price=st.decimals(min_value="0.5", max_value=50_000, places=2, allow_nan=False),
    unit_cost=amounts(60_000),
    share_of_units=st.decimals(min_value="0.1", max_value=5, places=1, allow_nan=False),
)
investments = st.builds(
    Investment,
    label=st.sampled_from(["Oven", "Deposit", "Laptop"]),
    amount=amounts(5_000_000),
    lifetime_years=st.one_of(st.none(), st.integers(min_value=0, max_value=10)),
)
loans = st.builds(
    Financing,
    kind=st.sampled_from(["microfinance", "bank_loan", "family", "tontine"]),
    amount=amounts(5_000_000),
    annual_rate_pct=rates(40),
    duration_months=st.integers(min_value=1, max_value=60),
)
contributions = st.builds(
    Financing,
    kind=st.sampled_from(["own_savings", "family", "tontine", "grant", "other"]),
    amount=amounts(5_000_000),
)
fixed_costs = st.builds(
    FixedCosts,
    rent=amounts(500_000),
    salaries=amounts(1_000_000),
    phone_internet=amounts(50_000),
    transport=amounts(100_000),
    electricity=amounts(100_000),
    other=amounts(100_000),
)
days = st.integers(min_value=0, max_value=120)

assumptions = st.builds(
    Assumptions,
    currency=st.sampled_from(CURRENCIES),
    language=st.sampled_from(["fr", "en"]),
    products=st.lists(products, min_size=1, max_size=3),
    units_per_month=amounts(5_000, places=1),
    monthly_growth_pct=st.decimals(min_value=-5, max_value=15, places=1, allow_nan=False),
    growth_months=st.one_of(st.none(), st.integers(min_value=0, max_value=36)),
    fixed_costs=fixed_costs,
    yearly_fixed_cost_increase_pct=rates(15),
    investments=st.lists(investments, max_size=3),
    opening_stock=amounts(2_000_000),
    cash_buffer=st.one_of(st.none(), amounts(2_000_000)),
    financing=st.lists(st.one_of(loans, contributions), max_size=4),
    working_capital=st.builds(
        WorkingCapitalDays, stock_days=days, customer_days=days, supplier_days=days
    ),
    rates=st.builds(
        TaxRates, corporate_tax_pct=rates(40), social_charges_pct=rates(30), vat_pct=rates(25)
    ),
    vat_registered=st.booleans(),
)
