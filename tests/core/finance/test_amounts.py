"""Amounts, rates and durations as people type them on a phone, in French and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from genesis.core.finance.amounts import parse_amount, parse_duration, parse_percentage

D = Decimal

FRENCH = [
    # (text, session currency, value, currency)
    ("2 500 FCFA", "XOF", D(2500), "XOF"),
    ("2500f", "XOF", D(2500), "XOF"),
    ("2500 F", "XAF", D(2500), "XAF"),
    ("2.500 F CFA", "XAF", D(2500), "XAF"),
    ("2 500 francs CFA", "XOF", D(2500), "XOF"),
    ("45 000", "XOF", D(45000), None),
    ("45000", "XOF", D(45000), None),
    ("1,2 million", "XOF", D(1_200_000), None),
    ("1,5 millions de francs", "XOF", D(1_500_000), "XOF"),
    ("2 millions", "XAF", D(2_000_000), None),
    ("deux mille", "XOF", D(2000), None),
    ("deux mille cinq cents", "XOF", D(2500), None),
    ("trois cent mille francs", "XOF", D(300_000), "XOF"),
    ("3 mille", "XOF", D(3000), None),
    ("45 mille", "XOF", D(45000), None),
    ("vingt-cinq mille", "XOF", D(25000), None),
    ("vingt et un mille", "XOF", D(21000), None),
    ("soixante-dix mille", "XOF", D(70000), None),
    ("quatre-vingt-dix mille", "XOF", D(90000), None),
    ("un million", "XOF", D(1_000_000), None),
    ("un million et demi", "XOF", D(1_500_000), None),
    ("un million deux cent mille", "XOF", D(1_200_000), None),
    ("1 million 200 000", "XOF", D(1_200_000), None),
    ("15 000 ariary", "MGA", D(15000), "MGA"),
    ("15000 Ar", "MGA", D(15000), "MGA"),
    ("le plat est à 1500 francs", "XOF", D(1500), "XOF"),
    ("je vends à 2500 FCFA le plat", "XOF", D(2500), "XOF"),
    ("3 plats à 2500 FCFA", "XOF", D(2500), "XOF"),
    ("50 000 F par mois", "XOF", D(50000), "XOF"),
    ("150 dh", "MAD", D(150), "MAD"),
    ("1.234,50 dirhams", "MAD", D("1234.50"), "MAD"),
    ("2 500,50", "MAD", D("2500.50"), None),
    ("12,500 DT", "TND", D("12.500"), "TND"),
    ("12 dinars", "TND", D(12), "TND"),
    ("5000 FG", "GNF", D(5000), "GNF"),
    ("2000 frw", "RWF", D(2000), "RWF"),
    ("10 000 FC", "CDF", D(10000), "CDF"),
    ("environ 300", "XOF", D(300), None),
    ("rien", "XOF", D(0), "XOF"),
]

ENGLISH = [
    ("45k", "KES", D(45000), None),
    ("45K", "NGN", D(45000), None),
    ("2.5k", "GHS", D(2500), None),
    ("1.2m", "NGN", D(1_200_000), None),
    ("1.2 million naira", "NGN", D(1_200_000), "NGN"),
    ("60 cedis", "GHS", D(60), "GHS"),
    ("GH₵ 60", "GHS", D(60), "GHS"),
    ("GHS 1,500.50", "GHS", D("1500.50"), "GHS"),
    ("₦45,000", "NGN", D(45000), "NGN"),
    ("N45,000", "NGN", D(45000), "NGN"),
    ("45,000 naira", "NGN", D(45000), "NGN"),
    ("KSh 350", "KES", D(350), "KES"),
    ("Ksh350", "KES", D(350), "KES"),
    ("kes 1,200", "KES", D(1200), "KES"),
    ("350/=", "KES", D(350), "KES"),
    ("500 bob", "KES", D(500), "KES"),
    ("USh 5,000", "UGX", D(5000), "UGX"),
    ("TSh 2,000", "TZS", D(2000), "TZS"),
    ("R150", "ZAR", D(150), "ZAR"),
    ("R 1 500", "ZAR", D(1500), None),  # "R" spaced from the digits is not the rand
    ("150 rand", "ZAR", D(150), "ZAR"),
    ("two thousand shillings", "UGX", D(2000), "UGX"),
    ("two hundred and fifty", "KES", D(250), None),
    ("a thousand", "KES", D(1000), None),
    ("half a million", "NGN", D(500_000), None),
    ("500 birr", "ETB", D(500), "ETB"),
    ("K500", "ZMW", D(500), "ZMW"),
    ("MK 2,000", "MWK", D(2000), "MWK"),
    ("$200", "KES", D(200), "USD"),
    ("$200", "LRD", D(200), "LRD"),
    ("200 dollars", "NAD", D(200), "NAD"),
    ("€50", "XOF", D(50), "EUR"),
    ("about 300", "GHS", D(300), None),
    ("I sell each for 300 cedis", "GHS", D(300), "GHS"),
    ("nothing", "KES", D(0), "KES"),
]


@pytest.mark.parametrize(("text", "session", "value", "currency"), FRENCH)
def test_french_amounts(text: str, session: str, value: Decimal, currency: str | None) -> None:
    parsed = parse_amount(text, language="fr", session_currency=session)
    assert parsed is not None, text
    assert parsed.value == value
    assert parsed.currency == currency


@pytest.mark.parametrize(("text", "session", "value", "currency"), ENGLISH)
def test_english_amounts(text: str, session: str, value: Decimal, currency: str | None) -> None:
    parsed = parse_amount(text, language="en", session_currency=session)
    assert parsed is not None, text
    assert parsed.value == value
    assert parsed.currency == currency


@pytest.mark.parametrize(
    ("text", "language", "low", "high"),
    [
        ("entre 2000 et 3000", "fr", D(2000), D(3000)),
        ("entre 2 et 3 millions", "fr", D(2_000_000), D(3_000_000)),
        ("de 1500 à 2000 FCFA", "fr", D(1500), D(2000)),
        ("2000 ou 3000", "fr", D(2000), D(3000)),
        ("45-50k", "en", D(45000), D(50000)),
        ("between 200 and 300 cedis", "en", D(200), D(300)),
        ("between two and three thousand", "en", D(2000), D(3000)),
        ("300 to 500", "en", D(300), D(500)),
        ("3000 à 2000", "fr", D(2000), D(3000)),
    ],
)
def test_ranges_give_their_midpoint_and_say_so(
    text: str, language: str, low: Decimal, high: Decimal
) -> None:
    parsed = parse_amount(text, language=language, session_currency="XOF")  # type: ignore[arg-type]
    assert parsed is not None
    assert parsed.is_range
    assert (parsed.low, parsed.high) == (low, high)
    assert parsed.value == (low + high) / 2


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("pas cher", "fr"),
        ("je ne sais pas", "fr"),
        ("un peu", "fr"),
        ("beaucoup", "fr"),
        ("ça dépend", "fr"),
        ("a lot", "en"),
        ("I don't know", "en"),
        ("cheap", "en"),
        ("3 plats à 2500", "fr"),  # two numbers, none tied to a currency: which one?
        ("77 123 45 67", "fr"),  # a phone number
        ("500 naira or 2 dollars", "en"),  # two currencies
        ("1.2.3", "en"),
        ("12 %", "fr"),  # a rate, not an amount
        ("", "en"),
    ],
)
def test_unclear_text_is_not_guessed(text: str, language: str) -> None:
    assert parse_amount(text, language=language, session_currency="XOF") is None  # type: ignore[arg-type]


def test_a_shared_currency_name_follows_the_session_or_stays_open() -> None:
    assert parse_amount("2500 FCFA", session_currency="XAF").currency == "XAF"  # type: ignore[union-attr]
    open_cfa = parse_amount("2500 FCFA", session_currency=None)
    assert open_cfa is not None
    assert open_cfa.currency is None
    assert open_cfa.currency_candidates == ("XOF", "XAF")
    shillings = parse_amount("two thousand shillings", language="en", session_currency="GHS")
    assert shillings is not None
    assert shillings.currency is None
    assert "KES" in shillings.currency_candidates
    explicit = parse_amount("2500 XAF", session_currency="XOF")
    assert explicit is not None
    assert explicit.currency == "XAF"


def test_approximations_are_flagged() -> None:
    for text in ("environ 300", "à peu près 5000", "about 300", "around 2k", "~500"):
        parsed = parse_amount(text, language="en", session_currency="XOF")
        assert parsed is not None, text
        assert parsed.approximate, text
    exact = parse_amount("300", session_currency="XOF")
    assert exact is not None
    assert not exact.approximate


@pytest.mark.parametrize(
    ("text", "language", "percent", "period"),
    [
        ("12 %", "fr", D(12), None),
        ("12%", "en", D(12), None),
        ("12% par an", "fr", D(12), "year"),
        ("12 % l'an", "fr", D(12), "year"),
        ("taux de 10 pour cent", "fr", D(10), None),
        ("1,5 % par mois", "fr", D("1.5"), "month"),
        ("1.5% a month", "en", D("1.5"), "month"),
        ("2% monthly", "en", D(2), "month"),
        ("18 percent per year", "en", D(18), "year"),
        ("24% p.a.", "en", D(24), "year"),
        ("12% on an investment", "en", D(12), None),
    ],
)
def test_percentages(text: str, language: str, percent: Decimal, period: str | None) -> None:
    parsed = parse_percentage(text, language=language)  # type: ignore[arg-type]
    assert parsed is not None, text
    assert parsed.percent == percent
    assert parsed.period == period


def test_a_monthly_rate_is_twelve_times_a_year_and_a_bare_number_needs_asking() -> None:
    monthly = parse_percentage("1.5% a month", language="en")
    assert monthly is not None
    assert monthly.annual_percent == D(18)
    assert parse_percentage("12", language="en") is None
    bare = parse_percentage("12", language="en", bare_number=True)
    assert bare is not None
    assert bare.percent == 12
    assert parse_percentage("pas cher", language="fr") is None
    ranged = parse_percentage("entre 10 et 12 %", language="fr")
    assert ranged is not None
    assert ranged.is_range
    assert ranged.percent == 11


@pytest.mark.parametrize(
    ("text", "language", "months"),
    [
        ("24 mois", "fr", 24),
        ("2 ans", "fr", 24),
        ("deux ans", "fr", 24),
        ("un an", "fr", 12),
        ("un an et demi", "fr", 18),
        ("1 an et 6 mois", "fr", 18),
        ("2 ans et demi", "fr", 30),
        ("52 semaines", "fr", 12),
        ("18 months", "en", 18),
        ("2 years", "en", 24),
        ("a year", "en", 12),
        ("a year and a half", "en", 18),
        ("1.5 years", "en", 18),
        ("three years", "en", 36),
    ],
)
def test_durations(text: str, language: str, months: int) -> None:
    parsed = parse_duration(text, language=language)  # type: ignore[arg-type]
    assert parsed is not None, text
    assert parsed.months == months


def test_a_bare_duration_needs_its_unit() -> None:
    assert parse_duration("24") is None
    in_months = parse_duration("24", default_unit="month")
    assert in_months is not None
    assert in_months.months == 24
    in_years = parse_duration("3", default_unit="year")
    assert in_years is not None
    assert in_years.months == 36
    assert parse_duration("longtemps") is None
