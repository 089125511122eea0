"""Website copy in the session's language, built from the coaching answers.

Offline, the copy rephrases the person's own words (mission as the subtitle,
differentiation as the value proposition, vision and clientele in "about") and
completes the offer with two services typical of the sector. Contact details
are never guessed: WhatsApp, phone and opening hours are visible placeholders
listed in ``placeholders`` so the brief cannot pass them off as real. With an
LLM the copy is rewritten from the same facts, validated, and the offline copy
stands in when the reply is missing or invalid.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from genesis.core.agents.data import load_json
from genesis.core.agents.facts import Facts, read_facts
from genesis.core.agents.provider import UnusableReplyError, improved, with_llm
from genesis.core.agents.text import first_sentence, lower_first, sentence, shorten
from genesis.core.agents.types import AgentInput, AgentResult
from genesis.core.ports import LLMPort, SearchPort

PLACEHOLDER = {"fr": "[à compléter]", "en": "[to fill in]"}
WORDS = {
    "fr": {
        "offer": "Notre offre",
        "serve": "Nous servons en priorité {who}",
        "ambition": "Notre ambition : {what}",
        "title": "{name} : {sector} à {city}",
        "title_nowhere": "{name} : {sector}",
        "fallback_subtitle": "Votre partenaire en {sector}.",
        "fallback_value": "Un service fiable et proche de vous, en {sector}.",
    },
    "en": {
        "offer": "Our offer",
        "serve": "We mainly serve {who}",
        "ambition": "Our ambition: {what}",
        "title": "{name}: {sector} in {city}",
        "title_nowhere": "{name}: {sector}",
        "fallback_subtitle": "Your partner in {sector}.",
        "fallback_value": "Reliable {sector}, close to you.",
    },
}
# "Nos clients sont ..." / "Our customers are ..." say nothing the sentence does not.
_CLIENTELE_LEAD = {
    "fr": re.compile(
        r"^(?:(?:nos|mes|notre|ma|la|les)\s+)?(?:clients?|clientèle|cible)"
        r"(?:\s+(?:sont|est|visée|principale))*\s*[:,]?\s*",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"^(?:(?:our|my|the)\s+)?(?:customers|clients|clientele|target(?:\s+market)?)"
        r"(?:\s+(?:are|is))?\s*[:,]?\s*",
        re.IGNORECASE,
    ),
}


class Service(BaseModel):
    title: str = Field(min_length=2, max_length=60)
    description: str = Field(min_length=5, max_length=240)


class Copy(BaseModel):
    """What an LLM may rewrite; contact details stay placeholders."""

    hero_title: str = Field(min_length=2, max_length=90)
    hero_subtitle: str = Field(min_length=5, max_length=200)
    about: str = Field(min_length=20, max_length=1200)
    services: list[Service] = Field(min_length=3, max_length=3)
    value_proposition: str = Field(min_length=5, max_length=300)
    call_to_action: str = Field(min_length=2, max_length=60)


async def run(
    inp: AgentInput,
    *,
    llm: LLMPort | None,
    search: SearchPort | None,
    provider_timeout_s: float,
) -> AgentResult:
    facts = read_facts(inp)
    offline = website_copy(facts)
    improve = with_llm(llm, _rewrite, facts, provider_timeout_s)
    return await improved(offline, improve, what="LLM copywriting", timeout_s=provider_timeout_s)


def website_copy(facts: Facts) -> dict[str, Any]:
    """The offline copy."""
    words = WORDS[facts.language]
    sector = facts.sector_label
    catalog = load_json("content_catalog.json")["sectors"][facts.sector][facts.language]
    mission = first_sentence(facts.answer("mission"))
    vision = first_sentence(facts.answer("vision"))
    offer = first_sentence(facts.answer("offre"))
    difference = first_sentence(facts.answer("differentiation"))
    clientele = _clientele(facts)

    if facts.city:
        title = words["title"].format(name=facts.name, sector=sector, city=facts.city)
    else:
        title = words["title_nowhere"].format(name=facts.name, sector=sector)
    about_parts = [sentence(mission)] if mission else []
    if clientele:
        about_parts.append(sentence(words["serve"].format(who=clientele)))
    if vision:
        about_parts.append(sentence(words["ambition"].format(what=lower_first(vision))))
    services = []
    if offer:
        services.append({"title": words["offer"], "description": shorten(sentence(offer), 240)})
    for service_title, description in catalog["services"]:
        services.append({"title": service_title, "description": description})
    placeholder = PLACEHOLDER[facts.language]
    placeholders = ["contact.whatsapp", "contact.phone", "contact.hours"]
    if not facts.named:
        placeholders.insert(0, "business_name")
    return {
        "language": facts.language,
        "hero_title": shorten(title, 90),
        "hero_subtitle": shorten(sentence(mission or vision), 200)
        or words["fallback_subtitle"].format(sector=sector),
        "about": " ".join(about_parts) or words["fallback_subtitle"].format(sector=sector),
        "services": services[:3],
        "value_proposition": shorten(sentence(difference or offer), 300)
        or words["fallback_value"].format(sector=sector),
        "call_to_action": catalog["cta"],
        "contact": {
            "whatsapp": placeholder,
            "phone": placeholder,
            "hours": placeholder,
            "location": facts.place or placeholder,
        },
        "placeholders": placeholders + ([] if facts.place else ["contact.location"]),
        "written_by": "offline",
    }


def _clientele(facts: Facts) -> str:
    text = first_sentence(facts.answer("clientele")).rstrip(".!")
    text = _CLIENTELE_LEAD[facts.language].sub("", text, count=1)
    return lower_first(text)


async def _rewrite(
    data: dict[str, Any], facts: Facts, llm: LLMPort, timeout_s: float
) -> dict[str, Any]:
    language = "French" if facts.language == "fr" else "English"
    system = (
        f"You write the copy of a one-page website for a small business in Africa, in {language}. "
        "Use only the facts given. Never invent prices, figures, addresses, phone numbers or "
        "awards. Keep sentences short and concrete. Reply with a JSON object only."
    )
    brief = {
        "business_name": facts.name,
        "sector": facts.sector_label,
        "place": facts.place,
        "answers": {k: facts.answer(k) for k in ("vision", "mission", "clientele")},
        "differentiation": facts.answer("differentiation"),
        "offer": facts.answer("offre"),
        "draft": {k: data[k] for k in Copy.model_fields},
    }
    reply = await llm.chat_json(
        [
            {"role": "system", "content": system},
            {"role": "user", "content": json.dumps(brief, ensure_ascii=False)},
        ],
        schema=Copy.model_json_schema(),
        timeout_s=timeout_s,
    )
    try:
        copy = Copy.model_validate(reply)
    except ValidationError as exc:
        raise UnusableReplyError(
            f"the copy does not match the schema ({exc.error_count()} errors)"
        ) from exc
    return {**data, **copy.model_dump(), "written_by": "llm"}
