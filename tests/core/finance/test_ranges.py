"""Typical ranges for "I don't know": by sector and income level, always estimates."""

from __future__ import annotations

from decimal import Decimal

import pytest

from genesis.core.finance.ranges import income_level, sector_working_capital, typical_ranges
from genesis.core.taxonomy import SECTORS


@pytest.mark.parametrize("sector", SECTORS)
def test_every_sector_has_ranges_in_both_languages(sector: str) -> None:
    for language in ("fr", "en"):
        found = typical_ranges(sector, "SN", language)  # type: ignore[arg-type]
        assert found.estimate is True
        assert found.currency == "XOF"
        assert {r.key for r in found.ranges} == {
            "price", "units_per_month", "unit_cost", "unit_cost_share_pct", "rent", "salary",
            "startup_investment",
        }  # fmt: skip
        for item in found.ranges:
            assert 0 <= item.low <= item.high, (sector, item.key)
            assert item.label


def test_amounts_are_converted_with_the_shipped_rate() -> None:
    # Restaurant price 1.5-5 USD (lower-middle income: factor 1) x 605 XOF per USD
    # = 907.5-3 025, shown with two significant digits: 910-3 000.
    found = typical_ranges("restaurant", "SN", "fr")
    price = next(r for r in found.ranges if r.key == "price")
    assert (price.low, price.high) == (Decimal(910), Decimal(3000))
    assert found.converted
    assert "605 XOF" in found.note
    assert "Estimations" in found.note


def test_a_currency_without_a_rate_stays_in_dollars_and_says_so() -> None:
    found = typical_ranges("retail", "SS", "en")  # the South Sudanese pound moves too fast
    assert found.currency == "USD"
    assert not found.converted
    assert "US dollars" in found.note
    assert "GDP per capita" in found.note


def test_income_level_scales_money_not_counts() -> None:
    low = typical_ranges("services", "BI", "en")  # Burundi: low income
    high = typical_ranges("services", "SC", "en")  # Seychelles: high income
    assert (low.income_level, high.income_level) == ("low", "high")
    units = {r.key: r for r in low.ranges}["units_per_month"]
    assert (units.low, units.high) == (Decimal(20), Decimal(200))
    assert units.currency is None


def test_an_unknown_country_or_sector_still_answers() -> None:
    found = typical_ranges("space travel", None, "en")
    assert found.sector == "services"
    assert found.currency == "USD"
    assert found.income_level == "lower_middle"
    assert "unknown" in found.note


def test_income_levels_follow_the_world_bank_thresholds() -> None:
    assert income_level(Decimal(800)) == "low"
    assert income_level(Decimal(2000)) == "lower_middle"
    assert income_level(Decimal(6000)) == "upper_middle"
    assert income_level(Decimal(20000)) == "high"
    assert income_level(None) == "lower_middle"


def test_sector_working_capital_days() -> None:
    assert sector_working_capital("retail").stock_days == 30
    assert sector_working_capital("technology").customer_days == 30
    assert sector_working_capital("unknown").customer_days == 15  # services
