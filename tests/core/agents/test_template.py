"""Template choice: by sector and tone, explained in the session's language."""

from __future__ import annotations

import re

from genesis.core.agents import template
from genesis.core.agents.data import load_json
from genesis.core.agents.types import AgentInput
from tests.briefs import FakeLLM, kenya_tech, senegal_restaurant


async def _choice(inp: AgentInput) -> dict:  # type: ignore[type-arg]
    result = await template.run(inp, llm=None, search=None, provider_timeout_s=1)
    assert result.status == "ok"
    return result.data


def test_catalogue_has_five_complete_templates() -> None:
    templates = load_json("templates.json")["templates"]
    assert len(templates) >= 5
    for t in templates:
        assert set(t["palette"]) == {"primary", "secondary", "accent", "background", "text"}
        assert all(re.fullmatch(r"#[0-9A-Fa-f]{6}", c) for c in t["palette"].values())
        assert set(t["sections"]) == {"hero", "services", "about", "value", "contact"}
        assert "url(" not in str(t["fonts"])
        assert "@import" not in str(t["fonts"])


async def test_choice_differs_by_sector() -> None:
    restaurant = await _choice(senegal_restaurant())
    tech = await _choice(kenya_tech())
    fashion = await _choice(senegal_restaurant(sector_context={"sector": "fashion"}))
    assert restaurant["template_id"] == "savane"
    assert tech["template_id"] == "lagune"
    assert fashion["template_id"] == "kente"


async def test_tone_breaks_ties() -> None:
    answers = {"vision": "Une clinique de confiance, calme, où le soin passe avant tout."}
    data = await _choice(senegal_restaurant(sector_context={"sector": "health"}, answers=answers))
    assert "calm" in data["detected_tones"]
    assert data["template_id"] in {"baobab", "ecole"}
    assert "rassurant" in data["reason"]


async def test_reason_is_in_the_session_language() -> None:
    fr = await _choice(senegal_restaurant())
    en = await _choice(kenya_tech())
    assert fr["reason"].startswith("« Savane » convient")
    assert "Ordre des sections" in fr["reason"]
    assert en["reason"].startswith("“Lagune” suits the technology business")


async def test_llm_rewrites_only_the_reason() -> None:
    llm = FakeLLM(replies={"template": {"reason": "  Ce modèle met vos plats en valeur.  "}})
    result = await template.run(senegal_restaurant(), llm=llm, search=None, provider_timeout_s=1)
    assert result.status == "ok"
    assert result.data["reason"] == "Ce modèle met vos plats en valeur."
    assert result.data["template_id"] == "savane"
