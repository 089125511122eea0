"""The brief page shows its sources as a person reads them: named, in the page's
language, never as raw keys or codes."""

from __future__ import annotations

import asyncio
import re

import pytest

from genesis.core.agents.sources import language_name, readable_sources
from genesis.web.pages.brief import brief_view
from tests.briefs import as_brief, brief_content, kenya_tech, senegal_restaurant


def _brief(language: str):  # type: ignore[no-untyped-def]
    inp = senegal_restaurant() if language == "fr" else kenya_tech()
    return as_brief(asyncio.run(brief_content(inp)))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_market_shows_no_raw_data(language: str) -> None:
    shown = brief_view(_brief(language))
    for raw in ("sector", "sector_label", "capital", "languages", "currency", "data_sources"):
        assert raw not in shown["market"]
    text = " ".join(f"{s.name} {s.gave}" for s in shown["sources"])
    assert not re.search(r"\b(?:en|fr|sw|wo|ff)\b(?:\s|,|$)", text)  # no language codes
    assert "SP.POP" not in text
    assert "_" not in text


def test_sources_are_named_in_french() -> None:
    sources = brief_view(_brief("fr"))["sources"]
    assert sources[0].name == "Banque mondiale (World Bank Open Data)"
    assert sources[0].gave.startswith("population, croissance annuelle de la population, PIB")
    assert sources[1].gave == "capitale Dakar ; langues français, wolof, pulaar, mandingue"
    assert sources[2].name == "Repères sectoriels de Genesis Coach"


def test_sources_are_named_in_english() -> None:
    sources = brief_view(_brief("en"))["sources"]
    assert sources[0].name == "World Bank (World Bank Open Data)"
    assert sources[1].gave == "capital Nairobi; languages English, Swahili"


def test_unknown_language_codes_are_left_out() -> None:
    assert language_name("ha", "fr") == "haoussa"
    assert language_name("zz", "en") is None
    market = _brief("en").market_data
    assert market is not None
    odd = market.model_copy(update={"languages": ["xx"], "capital": ""})
    assert all("xx" not in s.gave for s in readable_sources(odd, "en"))


def test_a_stored_english_citation_reads_in_french() -> None:
    brief = _brief("fr")
    content = brief.model_dump(mode="json")
    for figure in content["market_research"]["data"]["figures"]:
        figure["source"] = figure["source"].replace("Banque mondiale", "World Bank")
    content["market_research"]["data"]["figures"][1]["source"] += " (computed)"
    old = type(brief).model_validate(content)
    figures = brief_view(old)["figures"]
    assert all(f["source"].startswith("Banque mondiale, ") for f in figures)
    assert "(calculé)" in figures[1]["source"]
