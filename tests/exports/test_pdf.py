"""The financial plan in the PDF brief: its tables, the cash flow on a landscape
page, the two charts, amounts that keep their currency in Latin-1."""

from __future__ import annotations

import re
import time
import zlib

from genesis import exports
from tests.briefs import as_brief
from tests.exports.plans import ZONES, content_with_plan, short_of_cash, typical_business

LANDSCAPE = b"/MediaBox [0 0 841.89 595.28]"
PORTRAIT = b"/MediaBox [0 0 595.28 841.89]"


def _streams(pdf: bytes) -> bytes:
    chunks = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            chunks.append(match.group(1))
    return b"\n".join(chunks)


def _rgb(hex_colour: str) -> bytes:
    """How fpdf2 writes a fill colour: three fractions with four decimals."""
    parts = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return " ".join(f"{p:.4f}".rstrip("0").rstrip(".") for p in parts).encode()


def test_the_plan_in_a_french_pdf() -> None:
    started = time.perf_counter()
    pdf = exports.to_pdf(as_brief(content_with_plan(typical_business())))
    elapsed = time.perf_counter() - started
    assert pdf.startswith(b"%PDF-")
    text = _streams(pdf)
    for words in (
        "Plan financier",
        "Indicateurs clés",
        "Budget de départ : besoins",
        "Plan de trésorerie de la première année",
        "Compte de résultat prévisionnel sur 3 ans",
        "Bilan à la fin de l'année 1",
        "Hypothèses",
        "à confirmer avec un comptable",
        "Trésorerie en fin de mois, année 1",
    ):
        assert words.encode("latin-1") in text, words
    # Amounts in CFA francs: digit groups and the symbol survive Latin-1.
    assert b"(1 077 472\xa0F CFA)" in text
    assert b"(3 472 320)" in text
    # The 14-column cash flow has a landscape page; the rest is portrait (the default).
    assert pdf.count(LANDSCAPE) == 1
    assert PORTRAIT in pdf
    # The charts are drawn: the bars' green fills the page streams.
    assert _rgb("#0a5132") + b" rg" in text
    assert elapsed < 3


def test_an_english_pdf_keeps_the_currency_of_a_symbol_latin1_lacks() -> None:
    pdf = exports.to_pdf(as_brief(content_with_plan(ZONES["NGN"]())))
    text = _streams(pdf)
    assert b"Financial plan" in text
    assert b"(NGN\xa0218,750.00)" in text  # the break-even revenue: "\u20a6" is not Latin-1


def test_a_short_plan_shows_its_warnings_and_negative_cash_in_red() -> None:
    text = _streams(exports.to_pdf(as_brief(content_with_plan(short_of_cash()))))
    assert b"Points to watch" in text
    assert b"Cash goes below zero" in text
    assert _rgb("#a3161c") + b" rg" in text  # red text for negative amounts and warnings


def test_without_a_plan_the_pdf_says_so() -> None:
    text = _streams(exports.to_pdf(as_brief({"language": "fr", "business_name": "Solo"})))
    assert "Le plan financier n'est pas disponible.".encode("latin-1") in text
