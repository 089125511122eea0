"""Country parameters: all 54 countries, every value sourced with a year or marked to confirm."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources

import pytest

from genesis.core.finance.parameters import (
    TO_CONFIRM,
    country_codes,
    country_parameters,
    tax_rates,
)

RATES = ("corporate_tax", "social_charges", "vat")


def _pack() -> dict:  # type: ignore[type-arg]
    text = resources.files("genesis.core.agents").joinpath("data/market_pack.json").read_text()
    countries: dict = json.loads(text)["countries"]  # type: ignore[type-arg]
    return countries


def test_all_54_countries_with_the_market_pack_currency() -> None:
    pack = _pack()
    assert country_codes() == sorted(pack)
    assert len(country_codes()) == 54
    for code, entry in pack.items():
        found = country_parameters(code)
        assert found is not None
        assert found.currency == entry["currency"], code


@pytest.mark.parametrize("code", sorted(_pack()))
def test_each_value_is_cited_or_to_confirm(code: str) -> None:
    found = country_parameters(code)
    assert found is not None
    for key in RATES:
        value = getattr(found, key)
        assert Decimal(0) <= value.value <= Decimal(50), (code, key)
        if value.to_confirm:
            assert value.source is None
            assert value.year is None
            assert value.note == TO_CONFIRM
        else:
            assert value.source
            assert value.year is not None
            assert 2000 <= value.year <= 2026


def test_sourced_values_include_the_worked_example_zones() -> None:
    sourced = {
        (code, key)
        for code in country_codes()
        for key in RATES
        if not getattr(country_parameters(code), key).to_confirm
    }
    assert ("SN", "corporate_tax") in sourced
    assert ("NG", "vat") in sourced
    assert ("KE", "vat") in sourced
    assert ("ZA", "vat") in sourced
    assert ("GH", "corporate_tax") in sourced


def test_rates_come_with_their_origin_and_overrides_win() -> None:
    rates, notes = tax_rates("NG")
    assert rates.corporate_tax_pct == 0  # small company
    assert rates.vat_pct == Decimal("7.5")
    by_key = {note.key: note for note in notes}
    assert by_key["rates.vat_pct"].origin == "default"
    assert "Nexia" in (by_key["rates.vat_pct"].note or "")
    assert TO_CONFIRM in (by_key["rates.social_charges_pct"].note or "")
    rates, notes = tax_rates("SN", {"social_charges_pct": Decimal(22)})
    assert rates.social_charges_pct == 22
    assert {note.key: note.origin for note in notes}["rates.social_charges_pct"] == "given"


def test_an_unknown_country_gets_defaults_to_confirm() -> None:
    assert country_parameters("FR") is None
    assert country_parameters(None) is None
    rates, notes = tax_rates(None)
    assert rates.vat_pct == 18
    assert all(note.note == TO_CONFIRM for note in notes)
    assert country_parameters("sn") is not None


def test_nigeria_taxes_profit_by_the_years_turnover_unless_overridden() -> None:
    rates, notes = tax_rates("NG")
    assert [(b.turnover_up_to, b.rate_pct) for b in rates.corporate_tax_bands] == [
        (Decimal(25_000_000), 0),
        (Decimal(100_000_000), 20),
        (None, 30),
    ]
    assert rates.corporate_tax_pct == 0
    assert "2026" in str(next(n.note for n in notes if n.key == "rates.corporate_tax_pct"))
    overridden, _ = tax_rates("NG", {"corporate_tax_pct": Decimal(25)})
    assert overridden.corporate_tax_bands == ()
    assert overridden.corporate_rate(Decimal(10**9)) == 25
    assert tax_rates("SN")[0].corporate_tax_bands == ()
