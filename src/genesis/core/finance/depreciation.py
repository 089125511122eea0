"""Straight-line depreciation, from the month after the purchase (month 1).

Each period's charge is the rounded cumulative charge at its end minus the
rounded cumulative charge at its start, so the monthly charges of a year add
up exactly to that year's charge and the charges over the lifetime add up
exactly to the amount: no cent is lost to rounding.
"""

from __future__ import annotations

from decimal import Decimal

from genesis.core.finance.model import DepreciationRow, Investment
from genesis.core.finance.money import round_money


def _cumulative(amount: Decimal, elapsed: int, total: int, currency: str) -> Decimal:
    return round_money(amount * min(elapsed, total) / total, currency)


def monthly_charge(investment: Investment, month: int, currency: str) -> Decimal:
    """The charge of month ``month`` (1 = the first month of activity)."""
    if not investment.lifetime_years or month < 1:
        return Decimal(0)
    total = investment.lifetime_years * 12
    amount = investment.amount
    return _cumulative(amount, month, total, currency) - _cumulative(
        amount, month - 1, total, currency
    )


def yearly_rows(investment: Investment, currency: str) -> list[DepreciationRow]:
    """One row per year of the lifetime."""
    if not investment.lifetime_years:
        return []
    total = investment.lifetime_years * 12
    rows: list[DepreciationRow] = []
    for year in range(1, investment.lifetime_years + 1):
        accumulated = _cumulative(investment.amount, year * 12, total, currency)
        before = _cumulative(investment.amount, (year - 1) * 12, total, currency)
        rows.append(
            DepreciationRow(
                year=year,
                depreciation=accumulated - before,
                accumulated=accumulated,
                net_book_value=round_money(investment.amount, currency) - accumulated,
            )
        )
    return rows
