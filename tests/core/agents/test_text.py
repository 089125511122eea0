"""Length limits that end at a sentence or a clause, never on an ellipsis."""

from __future__ import annotations

import pytest

from genesis.core.agents.text import fit

LONG_EN = (
    "We sell second-hand dresses to young women in Kisumu; they try them on at the stall "
    "or order on WhatsApp, and we deliver the same evening. Returns are free."
)
LONG_FR = (
    "Nous livrons des sacs de riz et d'huile aux boutiques de quartier avec un paiement "
    "à 15 jours pour les commerçants qui commandent chaque semaine."
)


def test_short_text_is_unchanged() -> None:
    assert fit("We fix phones.", 60) == "We fix phones."


def test_whole_sentences_first() -> None:
    assert fit(LONG_EN + " " + LONG_EN, 200) == LONG_EN


@pytest.mark.parametrize("limit", [40, 60, 80, 100, 120, 150])
@pytest.mark.parametrize("text", [LONG_EN, LONG_FR])
def test_a_cut_ends_a_clause_with_a_full_stop(text: str, limit: int) -> None:
    cut = fit(text, limit)
    assert len(cut) <= limit
    assert "…" not in cut
    assert cut.endswith(".")
    last = cut.rstrip(".").split()[-1].lower()
    assert last not in {"the", "a", "on", "or", "pour", "les", "à", "de", "avec", "and", "to"}


def test_the_trailing_subordinate_clause_is_dropped() -> None:
    assert fit(LONG_FR, 80) == "Nous livrons des sacs de riz et d'huile aux boutiques de quartier."
    assert fit(LONG_EN, 90) == "We sell second-hand dresses to young women in Kisumu."


def test_a_title_gets_no_full_stop() -> None:
    cut = fit("Boutique Mama Wanjiru: second-hand clothes in Nairobi and Kisumu", 40, end="")
    assert cut == "Boutique Mama Wanjiru"
