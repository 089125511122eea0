"""Website copy: rephrased from the answers, placeholders marked, LLM validated."""

from __future__ import annotations

from genesis.core.agents import website_copy
from tests.briefs import FakeLLM, kenya_tech, senegal_restaurant

GOOD_COPY = {
    "hero_title": "Des repas sains livrés au bureau",
    "hero_subtitle": "Chez Awa & Fils cuisine chaque matin et livre en 20 minutes au Plateau.",
    "about": "Chez Awa & Fils prépare des repas sénégalais sains pour les bureaux de Dakar.",
    "services": [
        {"title": "Menu du jour", "description": "Plat, jus local et fruit."},
        {"title": "Livraison", "description": "À moto, en 20 minutes."},
        {"title": "Événements", "description": "Repas pour vos réunions."},
    ],
    "value_proposition": "Manger sain au bureau, sans perdre de temps.",
    "call_to_action": "Commandez sur WhatsApp",
}


async def test_french_copy_rephrases_the_answers() -> None:
    result = await website_copy.run(
        senegal_restaurant(), llm=None, search=None, provider_timeout_s=1
    )
    data = result.data
    assert result.status == "ok"
    assert data["hero_title"] == "Chez Awa & Fils\u00a0: restauration à Dakar"
    assert data["hero_subtitle"].startswith("Nous préparons et livrons")
    # "Nos clients sont ..." is rephrased, not pasted.
    assert "Nous servons en priorité les employés de bureau du Plateau" in data["about"]
    assert "Notre ambition\u00a0: devenir d’ici 2030" in data["about"]
    assert len(data["services"]) == 3
    assert data["services"][0]["description"].startswith("Un menu du jour à 2 500 FCFA")
    assert data["value_proposition"].startswith("Pour les employés de bureau du Plateau")
    assert data["call_to_action"]


async def test_contact_placeholders_are_marked_and_listed() -> None:
    fr = (
        await website_copy.run(senegal_restaurant(), llm=None, search=None, provider_timeout_s=1)
    ).data
    assert fr["contact"]["whatsapp"] == "[à compléter]"
    assert fr["placeholders"] == ["contact.whatsapp", "contact.phone", "contact.hours"]
    en = (await website_copy.run(kenya_tech(), llm=None, search=None, provider_timeout_s=1)).data
    assert en["contact"]["phone"] == "[to fill in]"
    assert en["about"].startswith("We build simple mobile apps")
    assert "We mainly serve owners of small shops" in en["about"]


async def test_unnamed_business_is_a_placeholder() -> None:
    result = await website_copy.run(
        senegal_restaurant(business_name=None), llm=None, search=None, provider_timeout_s=1
    )
    assert result.data["placeholders"][0] == "business_name"
    assert result.data["hero_title"].startswith("Votre entreprise")


async def test_empty_answers_still_give_copy() -> None:
    result = await website_copy.run(
        senegal_restaurant(answers={}), llm=None, search=None, provider_timeout_s=1
    )
    assert result.status == "ok"
    assert result.data["hero_subtitle"]
    assert result.data["about"]
    assert len(result.data["services"]) == 2  # no offer: the two sector services


async def test_llm_copy_is_used_when_valid() -> None:
    llm = FakeLLM(replies={"website": GOOD_COPY})
    result = await website_copy.run(
        senegal_restaurant(), llm=llm, search=None, provider_timeout_s=1
    )
    assert result.status == "ok"
    assert result.data["hero_title"] == GOOD_COPY["hero_title"]
    assert result.data["written_by"] == "llm"
    assert result.data["contact"]["whatsapp"] == "[à compléter]"  # never from the model


async def test_invalid_llm_copy_falls_back() -> None:
    llm = FakeLLM(replies={"website": {**GOOD_COPY, "services": []}})
    result = await website_copy.run(
        senegal_restaurant(), llm=llm, search=None, provider_timeout_s=1
    )
    assert result.status == "fallback"
    assert result.error is not None
    assert "schema" in result.error
    assert result.data["written_by"] == "offline"
