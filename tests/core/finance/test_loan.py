"""Loan schedules repay exactly the principal, month by month."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from genesis.core.finance.loan import annuity, schedule
from genesis.core.finance.money import currency_decimals
from tests.core.finance.strategies import CURRENCIES, SETTINGS


@SETTINGS
@given(
    principal=st.decimals(min_value=0, max_value=100_000_000, places=0),
    rate=st.decimals(min_value=0, max_value=60, places=2),
    months=st.integers(min_value=1, max_value=120),
    currency=st.sampled_from(CURRENCIES),
)
def test_the_schedule_repays_exactly_the_principal(
    principal: Decimal, rate: Decimal, months: int, currency: str
) -> None:
    instalment, rows = schedule(principal, rate, months, currency)
    assert len(rows) == months
    assert sum(row.principal for row in rows) == principal
    assert rows[-1].remaining == 0
    remaining = principal
    for row in rows:
        assert row.interest == row.instalment - row.principal
        assert row.interest >= 0
        assert row.principal >= 0
        remaining -= row.principal
        assert row.remaining == remaining
    # every instalment but the last is the constant one (or less once the loan is repaid)
    assert all(row.instalment <= instalment for row in rows[:-1])
    exponent = -currency_decimals(currency)
    assert all(row.interest.as_tuple().exponent >= exponent for row in rows)


def test_a_zero_rate_loan_is_the_principal_split_evenly() -> None:
    instalment, rows = schedule(Decimal(120_000), Decimal(0), 12, "XOF")
    assert instalment == Decimal(10_000)
    assert {row.instalment for row in rows} == {Decimal(10_000)}
    assert sum(row.interest for row in rows) == 0


def test_an_instalment_rounded_up_never_repays_more_than_was_borrowed() -> None:
    # 11 francs over 7 months: 1.57 -> 2 a month would repay 14; the schedule stops at 11.
    instalment, rows = schedule(Decimal(11), Decimal(0), 7, "XOF")
    assert instalment == 2
    assert [row.principal for row in rows] == [2, 2, 2, 2, 2, 1, 0]
    assert rows[-1].remaining == 0


def test_the_annuity_formula_matches_a_bank_table() -> None:
    # 1 000 000 at 12 % a year over 12 months: 88 848.79 a month (any loan calculator).
    assert annuity(Decimal(1_000_000), Decimal(12), 12).quantize(Decimal("0.01")) == Decimal(
        "88848.79"
    )


def test_a_loan_needs_a_month() -> None:
    with pytest.raises(ValueError, match="at least one month"):
        annuity(Decimal(100), Decimal(10), 0)
