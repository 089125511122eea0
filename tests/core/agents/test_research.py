"""Market research: sourced figures that match the World Bank CSVs, sector knowledge."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from genesis.core.agents import research
from genesis.core.agents.data import load_json
from genesis.core.agents.types import AgentInput
from genesis.core.taxonomy import SECTORS
from tests.briefs import FakeSearch, kenya_tech, senegal_restaurant

WORLDBANK = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "worldbank"


def _series(name: str, code3: str) -> dict[int, float]:
    if not WORLDBANK.exists():
        pytest.skip("the World Bank CSVs are not on this machine")
    with (WORLDBANK / name).open(encoding="utf-8", newline="") as handle:
        return {
            int(row["Year"]): float(row["Value"])
            for row in csv.DictReader(handle)
            if row["Country Code"] == code3 and row["Value"]
        }


def _input(code: str, language: str = "en") -> AgentInput:
    return AgentInput(
        session_id="s",
        language=language,  # type: ignore[arg-type]
        business_name="Test",
        cultural_context={"country_code": code},
        sector_context={"sector": "retail"},
    )


async def _data(inp: AgentInput) -> dict:  # type: ignore[type-arg]
    result = await research.run(inp, llm=None, search=None, provider_timeout_s=1)
    assert result.status == "ok"
    return result.data


@pytest.mark.parametrize(("code", "code3"), [("SN", "SEN"), ("NG", "NGA"), ("KE", "KEN")])
async def test_figures_match_the_csvs(code: str, code3: str) -> None:
    data = await _data(_input(code))
    figures = {f["label"].split(" (")[0]: f for f in data["figures"]}
    population = _series("population.csv", code3)
    gdp = _series("gdp.csv", code3)
    latest = max(population)
    assert figures["Population"]["value"] == int(population[latest])
    assert figures["Population"]["year"] == latest
    growth = (population[latest] / population[latest - 1] - 1) * 100
    assert figures["Annual population growth"]["value"] == pytest.approx(growth, abs=0.01)
    gdp_year = max(gdp)
    assert figures["GDP"]["value"] == pytest.approx(gdp[gdp_year], abs=1)
    assert figures["GDP"]["year"] == gdp_year
    per_capita = gdp[gdp_year] / population[gdp_year]
    assert figures["GDP per capita"]["value"] == pytest.approx(per_capita, abs=0.1)


@pytest.mark.parametrize("inp", [senegal_restaurant(), kenya_tech()], ids=["SN-fr", "KE-en"])
async def test_every_figure_has_source_and_year(inp: AgentInput) -> None:
    data = await _data(inp)
    assert len(data["figures"]) == 4
    for figure in data["figures"]:
        assert set(figure) == {"label", "value", "unit", "source", "year"}
        # The source in the brief's language: "Banque mondiale" in a French brief.
        bank = "Banque mondiale, " if inp.language == "fr" else "World Bank, "
        assert figure["source"].startswith(bank)
        assert str(figure["year"]) in figure["source"]
        assert isinstance(figure["year"], int)


async def test_senegal_restaurant_in_french_with_local_prices() -> None:
    data = await _data(senegal_restaurant())
    assert data["country"] == "Sénégal"
    assert data["capital"] == "Dakar"
    assert data["currency"] == "XOF"
    assert data["figures"][0]["unit"] == "habitants"
    assert all(p["range"].endswith(" XOF") for p in data["price_ranges"])
    assert all("Indicatif" in p["note"] for p in data["price_ranges"])
    assert any("OHADA" in f for f in data["formalities"])
    assert data["typical_customers"]
    assert data["risks"]
    assert data["opportunities"]


async def test_kenya_prices_in_shillings_and_no_ohada() -> None:
    data = await _data(kenya_tech())
    assert all(" KES" in p["range"] for p in data["price_ranges"])
    assert not any("OHADA" in f for f in data["formalities"])


async def test_unknown_country_keeps_sector_knowledge_without_figures() -> None:
    inp = senegal_restaurant(cultural_context={"city": "Atlantis"})
    data = await _data(inp)
    assert data["country_known"] is False
    assert data["figures"] == []
    assert any("Pays non identifié" in note for note in data["notes"])
    assert data["key_success_factors"]
    assert all(p["range"].endswith(" USD") for p in data["price_ranges"])


async def test_currency_without_a_rate_stays_in_dollars() -> None:
    data = await _data(_input("SS"))
    assert all(p["range"].endswith(" USD") for p in data["price_ranges"])


async def test_search_adds_cited_web_sources() -> None:
    search = FakeSearch()
    result = await research.run(senegal_restaurant(), llm=None, search=search, provider_timeout_s=1)
    assert result.status == "ok"
    assert result.data["sources"] == [
        {"title": "Marché de la restauration", "url": "https://example.org/restauration"}
    ]
    assert "Dakar" in search.queries[0]


def test_sector_knowledge_covers_every_sector_in_both_languages() -> None:
    knowledge = load_json("sector_knowledge.json")["sectors"]
    assert set(knowledge) == set(SECTORS)
    for sector in knowledge.values():
        assert len(sector["prices_usd"]) >= 1
        for language in ("fr", "en"):
            for key in ("customers", "competitors", "success_factors", "risks"):
                assert sector[language][key], key
            assert sector[language]["opportunities"]
            assert sector[language]["formalities"]


def test_market_pack_is_sourced() -> None:
    pack = load_json("market_pack.json")
    assert "ODC-PDDL" in pack["_source"]
    for code in ("SN", "NG", "KE", "CI", "ZA"):
        entry = pack["countries"][code]
        assert entry["population"]["source"].startswith("World Bank, SP.POP.TOTL")
        assert entry["gdp_per_capita"]["year"] == entry["gdp"]["year"]
