"""Straight-line depreciation loses no cent to rounding."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from genesis.core.finance.depreciation import monthly_charge, yearly_rows
from genesis.core.finance.model import Investment
from tests.core.finance.strategies import SETTINGS


@SETTINGS
@given(
    amount=st.decimals(min_value=0, max_value=10_000_000, places=0),
    years=st.integers(min_value=1, max_value=12),
    currency=st.sampled_from(["XOF", "KES", "TND"]),
)
def test_months_add_up_to_years_and_years_to_the_amount(
    amount: Decimal, years: int, currency: str
) -> None:
    item = Investment(label="x", amount=amount, lifetime_years=years)
    rows = yearly_rows(item, currency)
    assert sum(row.depreciation for row in rows) == amount
    for row in rows:
        months = range((row.year - 1) * 12 + 1, row.year * 12 + 1)
        assert sum(monthly_charge(item, m, currency) for m in months) == row.depreciation
    assert monthly_charge(item, years * 12 + 1, currency) == 0


def test_a_deposit_is_not_depreciated() -> None:
    deposit = Investment(label="Caution", amount=Decimal(200_000))
    assert yearly_rows(deposit, "XOF") == []
    assert monthly_charge(deposit, 1, "XOF") == 0


def test_an_odd_amount_spreads_its_francs() -> None:
    # 100 francs over 3 years: 33, 34, 33 (cumulative 33.33 -> 33, 66.67 -> 67, 100).
    rows = yearly_rows(Investment(label="x", amount=Decimal(100), lifetime_years=3), "XOF")
    assert [row.depreciation for row in rows] == [33, 34, 33]
    assert [row.net_book_value for row in rows] == [67, 33, 0]
