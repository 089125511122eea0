"""Money is rounded and written as CLDR says, from a table kept in sync with Babel."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from genesis.core.finance.money import (
    currency_decimals,
    currency_symbol,
    format_money,
    known_currencies,
    round_money,
)
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parents[3]
GENERATOR = ROOT / "scripts" / "build_finance_data.py"
NBSP, NNBSP = "\u00a0", "\u202f"


def _generator() -> ModuleType:
    return load_script(GENERATOR)


def test_the_shipped_table_is_in_sync_with_babel() -> None:
    pytest.importorskip("babel")  # a dev dependency: the service never imports it
    generator = _generator()
    shipped = (
        resources.files("genesis.core.finance")
        .joinpath("data/currency_formats.json")
        .read_text("utf-8")
    )
    assert shipped == generator.render(generator.build()), "run scripts/build_finance_data.py"


def test_every_african_currency_is_covered() -> None:
    pack = json.loads(
        resources.files("genesis.core.agents").joinpath("data/market_pack.json").read_text("utf-8")
    )
    needed = {entry["currency"] for entry in pack["countries"].values()}
    assert len(pack["countries"]) == 54
    assert needed <= known_currencies()


SPOT_CHECKS = [
    Decimal("2500"),
    Decimal("1234567.891"),
    Decimal("-98765.4321"),
    Decimal("0.07"),
    Decimal("1000000"),
]


BABEL_CHECKED = ("XOF", "XAF", "NGN", "KES", "GHS", "ZAR", "MAD", "TND", "EGP", "ETB", "MGA", "RWF")


@pytest.mark.parametrize("currency", [*BABEL_CHECKED, "CDF", "USD"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_formats_match_babel_format_currency(currency: str, language: str) -> None:
    babel_numbers = pytest.importorskip("babel.numbers")
    table = json.loads(
        resources.files("genesis.core.finance")
        .joinpath("data/currency_formats.json")
        .read_text("utf-8")
    )
    locale = table["currencies"][currency][language]["locale"]
    for amount in SPOT_CHECKS:
        ours = format_money(amount, currency, language, spacing=False)
        theirs = babel_numbers.format_currency(amount, currency, locale=locale)
        assert ours == theirs, (amount, currency, locale)


@pytest.mark.parametrize(
    ("amount", "currency", "language", "written"),
    [
        (Decimal(2500), "XOF", "fr", f"2{NNBSP}500{NBSP}F{NNBSP}CFA"),
        (Decimal(2500), "XAF", "fr", f"2{NNBSP}500{NBSP}FCFA"),
        (Decimal(2500), "XAF", "en", f"FCFA{NBSP}2,500"),
        (Decimal(45000), "NGN", "en", "₦45,000.00"),
        (Decimal(350), "KES", "en", f"Ksh{NBSP}350.00"),
        (Decimal(60), "GHS", "en", "GH₵60.00"),
        (Decimal(1500), "ZAR", "en", f"R{NBSP}1{NBSP}500,00"),
        (Decimal("1234.5"), "MAD", "fr", f"1{NNBSP}234,50{NBSP}MAD"),
        (Decimal("12.5"), "TND", "fr", f"12,500{NBSP}DT"),
        (Decimal(-2500), "XOF", "fr", f"-2{NNBSP}500{NBSP}F{NNBSP}CFA"),
        (Decimal(15), "XYZ", "en", f"XYZ{NBSP}15.00"),
    ],
)
def test_written_as_people_read_it(
    amount: Decimal, currency: str, language: str, written: str
) -> None:
    # CLDR currency spacing puts a no-break space between a letter symbol and the digits.
    assert format_money(amount, currency, language) == written  # type: ignore[arg-type]


def test_rounding_is_half_up_to_the_minor_unit() -> None:
    assert currency_decimals("XOF") == 0
    assert currency_decimals("NGN") == 2
    assert currency_decimals("TND") == 3
    assert currency_decimals("XYZ") == 2
    assert round_money(Decimal("2500.5"), "XOF") == Decimal(2501)
    assert round_money(Decimal("2499.5"), "XOF") == Decimal(2500)
    assert round_money(Decimal("0.125"), "KES") == Decimal("0.13")
    assert round_money(Decimal("-0.125"), "KES") == Decimal("-0.13")


def test_symbols_are_the_local_ones() -> None:
    assert currency_symbol("NGN", "en") == "₦"
    assert currency_symbol("KES", "en") == "Ksh"
    assert currency_symbol("XOF", "fr") == f"F{NNBSP}CFA"
    assert currency_symbol("XYZ", "fr") == "XYZ"
