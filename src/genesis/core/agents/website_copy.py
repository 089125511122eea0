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

from genesis.core.agents import voice
from genesis.core.agents.data import load_json
from genesis.core.agents.facts import Facts, read_facts
from genesis.core.agents.provider import UnusableReplyError, improved, with_llm
from genesis.core.agents.text import fit, lower_first, sentence
from genesis.core.agents.types import AgentInput, AgentResult
from genesis.core.coach.types import Language
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
        "for_whom": "Pour {who} : {what}",
    },
    "en": {
        "offer": "Our offer",
        "serve": "We mainly serve {who}",
        "ambition": "Our ambition: {what}",
        "title": "{name}: {sector} in {city}",
        "title_nowhere": "{name}: {sector}",
        "fallback_subtitle": "Your partner in {sector}.",
        "fallback_value": "Reliable {sector}, close to you.",
        "for_whom": "For {who}: {what}",
    },
}
# "Contrairement aux gargotes, ..." / "Unlike the supermarkets, ...": the measure,
# not the promise; the value proposition keeps what follows.
_COMPARED_WITH = {
    "fr": re.compile(
        r"^(?:contrairement (?:aux?|à la|à l'|à)|à la différence (?:des?|du)|par rapport (?:aux?|à)"
        r"|comparé(?:e|s)? (?:aux?|à)|face (?:aux?|à))[^,]*,\s*",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"^(?:unlike|compared (?:to|with)|in contrast (?:to|with)|where|while)[^,]*,\s*",
        re.IGNORECASE,
    ),
}
_RELATIVE = re.compile(r"\s(?:qui|qu'|dont|où|who|that|which|whose|where)\s", re.IGNORECASE)
# Keys of the copy that hold data rather than text to typeset.
_NOT_TEXT = frozenset({"language", "placeholders", "written_by"})


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
    """The offline copy: the person's answers as the business speaks them."""
    words = WORDS[facts.language]
    sector = facts.sector_label
    catalog = load_json("website_copy_catalog.json")["sectors"][facts.sector][facts.language]
    mission = facts.said("mission")
    vision = facts.said("vision")
    offer = facts.said("offre")
    who = voice.customers(facts.answer("clientele"), facts.language)

    if facts.city:
        title = words["title"].format(name=facts.name, sector=sector, city=facts.city)
    else:
        title = words["title_nowhere"].format(name=facts.name, sector=sector)
    about_parts = [mission] if mission else []
    if who:
        about_parts.append(sentence(words["serve"].format(who=who)))
    if vision:
        about_parts.append(vision)
    services = []
    if offer:
        bare = facts.said("offre", framed=False)
        services.append({"title": words["offer"], "description": fit(bare, 240)})
    for service_title, description in catalog["services"]:
        services.append({"title": service_title, "description": description})
    placeholder = PLACEHOLDER[facts.language]
    placeholders = ["contact.whatsapp", "contact.phone", "contact.hours"]
    if not facts.named:
        placeholders.insert(0, "business_name")
    copy = {
        "language": facts.language,
        "hero_title": fit(title, 90, end=""),
        "hero_subtitle": fit(mission or vision, 200)
        or words["fallback_subtitle"].format(sector=sector),
        "about": " ".join(about_parts) or words["fallback_subtitle"].format(sector=sector),
        "services": services[:3],
        "value_proposition": fit(value_proposition(facts), 300)
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
    return typeset_copy(copy, facts.language)


def value_proposition(facts: Facts) -> str:
    """Who it is for and what they get, in one sentence of its own: the
    difference without the competitors it was measured against ("Pour les
    employés du Plateau : nous livrons en 20 minutes..."), else the offer."""
    # Bare (no "Notre différence :" frame): the sentence has its own "Pour ... :".
    said = facts.said("differentiation", framed=False)
    core = _COMPARED_WITH[facts.language].sub("", said, count=1)
    core = sentence(core) if core else facts.said("offre")
    if not core:
        return ""
    who = _short_customers(voice.customers(facts.answer("clientele"), facts.language))
    if not who:
        return core
    return sentence(WORDS[facts.language]["for_whom"].format(who=who, what=lower_first(core)))


def typeset_copy(copy: dict[str, Any], language: Language) -> dict[str, Any]:
    """Every text of the copy with the typography of its language."""

    def typeset(value: Any) -> Any:
        if isinstance(value, str):
            return voice.typeset(value, language)
        if isinstance(value, list):
            return [typeset(item) for item in value]
        if isinstance(value, dict):
            return {key: typeset(item) for key, item in value.items()}
        return value

    return {key: value if key in _NOT_TEXT else typeset(value) for key, value in copy.items()}


def _short_customers(who: str) -> str:
    """The group, without what follows it ("les employés de bureau du Plateau")."""
    head = _RELATIVE.split(who, maxsplit=1)[0].strip(" ,;:")
    return fit(head, 80, end="")


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
    return typeset_copy({**data, **copy.model_dump(), "written_by": "llm"}, facts.language)
