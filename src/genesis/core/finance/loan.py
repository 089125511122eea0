"""Loan repayment with constant instalments (annuity), to the minor unit.

The monthly rate is the annual rate divided by twelve (the proportional rate
banks and microfinance institutions in the region quote), applied to the
remaining balance. The instalment is rounded to the currency's minor unit;
each month's interest is rounded, the principal is the instalment minus the
interest, and the last instalment takes whatever is left, so the principal
repaid is exactly the amount borrowed and every row has
interest + principal = instalment.
"""

from __future__ import annotations

from decimal import Decimal

from genesis.core.finance.model import LoanRow
from genesis.core.finance.money import round_money


def annuity(principal: Decimal, annual_rate_pct: Decimal, months: int) -> Decimal:
    """The constant monthly instalment, unrounded."""
    if months <= 0:
        raise ValueError("a loan needs at least one month")
    rate = annual_rate_pct / 1200
    if rate == 0:
        return principal / months
    return principal * rate / (1 - (1 + rate) ** -months)


def schedule(
    principal: Decimal, annual_rate_pct: Decimal, months: int, currency: str
) -> tuple[Decimal, list[LoanRow]]:
    """The rounded instalment and one row per month, from month 1."""
    rate = annual_rate_pct / 1200
    instalment = round_money(annuity(principal, annual_rate_pct, months), currency)
    rows: list[LoanRow] = []
    remaining = round_money(principal, currency)
    for month in range(1, months + 1):
        interest = round_money(remaining * rate, currency)
        if month == months:
            repaid = remaining
        else:
            # Rounding the instalment up can repay the loan a little early: never below zero.
            repaid = min(max(instalment - interest, Decimal(0)), remaining)
        remaining -= repaid
        rows.append(
            LoanRow(
                month=month,
                instalment=interest + repaid,
                interest=interest,
                principal=repaid,
                remaining=remaining,
            )
        )
    return instalment, rows
