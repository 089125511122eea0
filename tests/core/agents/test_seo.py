"""SEO: keywords from sector x place, length limits at word boundaries, ASCII slugs."""

from __future__ import annotations

import pytest

from genesis.core.agents import seo
from genesis.core.agents.text import shorten, slugify
from genesis.core.agents.types import AgentInput
from tests.briefs import FakeLLM, kenya_tech, senegal_restaurant

LONG_NAME = "Établissements Généraux de Restauration Africaine et de Traiteur Diallo Frères"
LONG_MISSION = (
    "Nous préparons et livrons chaque jour des repas sénégalais équilibrés et savoureux aux "
    "employés de bureau, aux écoles et aux familles de Dakar, Pikine et Guédiawaye, en "
    "cuisinant des produits frais achetés le matin même au marché de Castors."
)


async def _seo(inp: AgentInput) -> dict:  # type: ignore[type-arg]
    result = await seo.run(inp, llm=None, search=None, provider_timeout_s=1)
    assert result.status == "ok"
    return result.data


def _whole_words(cut: str, original: str) -> bool:
    words = cut.rstrip("…").split()
    return all(word in original.split() for word in words[:-1]) and (
        words[-1].rstrip(",.;:") in {w.rstrip(",.;:") for w in original.split()}
    )


async def test_keywords_cross_sector_and_city_in_the_session_language() -> None:
    fr = await _seo(senegal_restaurant())
    assert fr["primary_keyword"] == "restaurant dakar"
    assert "traiteur dakar" in fr["secondary_keywords"]
    assert "restaurant sénégal" in fr["secondary_keywords"]
    en = await _seo(kenya_tech())
    assert en["primary_keyword"] == "software development nairobi"
    assert "web development nairobi" in en["secondary_keywords"]
    assert en["headings"]["h2"][0] == "Our services"


@pytest.mark.parametrize("make", [senegal_restaurant, kenya_tech], ids=["fr", "en"])
async def test_long_names_fit_the_limits_at_word_boundaries(make) -> None:  # type: ignore[no-untyped-def]
    inp = make(business_name=LONG_NAME, answers={"mission": LONG_MISSION})
    data = await _seo(inp)
    assert len(data["meta_title"]) <= 60
    assert len(data["meta_description"]) <= 155
    assert _whole_words(data["meta_title"], LONG_NAME)
    # A sentence, cut at a clause boundary: never an ellipsis in search results.
    assert "…" not in data["meta_description"] + data["meta_title"]
    assert data["meta_description"].endswith(".")
    body = data["meta_description"].split(". ")[0]  # the place may follow
    assert _whole_words(body, LONG_MISSION)


async def test_short_meta_title_keeps_sector_and_city() -> None:
    data = await _seo(kenya_tech())
    assert data["meta_title"] == "DukaSoft | Technology in Nairobi"
    assert len(data["meta_description"]) <= 160


async def test_slug_strips_accents() -> None:
    data = await _seo(senegal_restaurant(business_name="Épicerie Ndèye & Fils d'Abidjan"))
    assert data["slug"] == "epicerie-ndeye-fils-d-abidjan"
    assert slugify("  Ça coûte très cher !!! ") == "ca-coute-tres-cher"


async def test_local_seo_checklist_names_the_tools_and_the_place() -> None:
    data = await _seo(senegal_restaurant())
    joined = " ".join(data["local_seo"])
    assert "Google Business Profile" in joined
    assert "WhatsApp Business" in joined
    assert "Dakar" in joined


def test_shorten_never_cuts_mid_word() -> None:
    assert shorten("alpha beta gamma", 12) == "alpha beta…"
    assert shorten("alpha beta gamma", 12, ellipsis=False) == "alpha beta"
    assert shorten("alpha beta", 20) == "alpha beta"
    assert len(shorten("x" * 100, 10)) == 10


async def test_llm_seo_is_clamped_to_the_limits() -> None:
    reply = {
        "primary_keyword": "Traiteur Dakar",
        "secondary_keywords": ["repas bureau dakar"],
        "meta_title": "Chez Awa & Fils, le traiteur des bureaux de Dakar livré en vingt minutes",
        "meta_description": LONG_MISSION,
    }
    llm = FakeLLM(replies={"SEO": reply})
    result = await seo.run(senegal_restaurant(), llm=llm, search=None, provider_timeout_s=1)
    assert result.status == "ok"
    assert result.data["primary_keyword"] == "traiteur dakar"
    assert len(result.data["meta_title"]) <= 60
    assert len(result.data["meta_description"]) <= 160
