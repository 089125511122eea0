"""Search-engine basics for a one-page site of a local business.

Local businesses are found by "what + where" searches ("traiteur Dakar",
"solar installation Kisumu"), so keywords cross the sector's search terms with
the city (or the country), in the session's language. Search engines cut titles
near 60 characters and descriptions near 155: both are built to fit and are cut
at a word boundary, never mid-word. The slug is plain ASCII for any name.
"""

from __future__ import annotations

import json
from typing import Any

from genesis.core.agents import voice
from genesis.core.agents.data import load_json
from genesis.core.agents.facts import Facts, read_facts
from genesis.core.agents.provider import UnusableReplyError, improved, with_llm
from genesis.core.agents.text import first_sentence, fit, sentence, slugify, squash
from genesis.core.agents.types import AgentInput, AgentResult
from genesis.core.ports import LLMPort, SearchPort

META_TITLE_MAX = 60
# Search engines show some 155-160 characters: 155 is shown whole everywhere.
META_DESCRIPTION_MAX = 155
SECONDARY_MAX = 8
LLM_FIELDS = ("primary_keyword", "secondary_keywords", "meta_title", "meta_description")


async def run(
    inp: AgentInput,
    *,
    llm: LLMPort | None,
    search: SearchPort | None,
    provider_timeout_s: float,
) -> AgentResult:
    facts = read_facts(inp)
    offline = seo_plan(facts, detected=_detected_keywords(inp.sector_context))
    improve = with_llm(llm, _refine, facts, provider_timeout_s)
    return await improved(offline, improve, what="LLM SEO", timeout_s=provider_timeout_s)


def seo_plan(facts: Facts, *, detected: list[str] | None = None) -> dict[str, Any]:
    """The offline SEO plan."""
    seo = load_json("seo.json")
    terms: list[str] = list(seo["keywords"][facts.sector][facts.language])
    where = (facts.city or facts.country or "").lower()
    primary = squash(f"{terms[0]} {where}").lower()
    secondary = _secondary(facts, terms, detected or [], where)
    place = (
        facts.city or facts.country or ("votre ville" if facts.language == "fr" else "your city")
    )
    headings = seo["headings"][facts.language]
    return {
        "primary_keyword": primary,
        "secondary_keywords": [k for k in secondary if k != primary][:SECONDARY_MAX],
        "meta_title": meta_title(facts),
        "meta_description": meta_description(facts),
        "slug": slugify(facts.name if facts.named else f"{facts.sector_label} {where}") or "site",
        "headings": {"h1": _h1(facts), "h2": list(headings)},
        "local_seo": [
            voice.typeset(item.format(place=place), facts.language)
            for item in seo["checklist"][facts.language]
        ],
        "language": facts.language,
    }


def meta_title(facts: Facts) -> str:
    """The most informative title that fits in 60 characters."""
    sector = facts.sector_label
    join = " à " if facts.language == "fr" else " in "
    candidates = []
    if facts.city:
        candidates.append(f"{facts.name} | {sector.capitalize()}{join}{facts.city}")
        candidates.append(f"{facts.name} | {facts.city}")
    candidates.append(f"{facts.name} | {sector.capitalize()}")
    for candidate in candidates:
        if len(candidate) <= META_TITLE_MAX:
            return candidate
    return fit(facts.name, META_TITLE_MAX, end="")


def meta_description(facts: Facts) -> str:
    """The mission (or offer), then the place, as whole sentences in at most 155
    characters: cut at a clause, never with an ellipsis."""
    body = first_sentence(facts.said("mission") or facts.said("offre"))
    if not body:
        body = (
            f"{facts.sector_label.capitalize()} : découvrez {facts.name}"
            if facts.language == "fr"
            else f"{facts.sector_label.capitalize()}: discover {facts.name}"
        )
    place = facts.place
    where = f" {place}." if place and place.split(",")[0].lower() not in body.lower() else ""
    if len(where) > META_DESCRIPTION_MAX // 3:
        where = ""
    text = fit(sentence(body), META_DESCRIPTION_MAX - len(where)) + where
    return voice.typeset(text, facts.language)


def _h1(facts: Facts) -> str:
    if not facts.city:
        return f"{facts.name} - {facts.sector_label}"
    join = "à" if facts.language == "fr" else "in"
    return f"{facts.name} - {facts.sector_label} {join} {facts.city}"


def _secondary(facts: Facts, terms: list[str], detected: list[str], where: str) -> list[str]:
    keywords: list[str] = []
    country = (facts.country or "").lower()

    def add(text: str) -> None:
        text = squash(text).lower()
        if text and text not in keywords:
            keywords.append(text)

    for term in terms[1:]:
        add(f"{term} {where}")
    for word in detected[:3]:  # the person's own words for the offer
        if word.lower() not in {t.lower() for t in terms}:
            add(f"{word} {where}")
    if country and country != where:
        add(f"{terms[0]} {country}")
    if facts.named:
        add(facts.name)
    for term in terms[1:]:
        add(term)
    return keywords


def _detected_keywords(sector_context: dict[str, Any]) -> list[str]:
    words = sector_context.get("keywords")
    if not isinstance(words, list):
        return []
    return [w.strip() for w in words if isinstance(w, str) and 2 < len(w.strip()) <= 30]


async def _refine(
    data: dict[str, Any], facts: Facts, llm: LLMPort, timeout_s: float
) -> dict[str, Any]:
    language = "French" if facts.language == "fr" else "English"
    schema = {
        "type": "object",
        "properties": {
            "primary_keyword": {"type": "string"},
            "secondary_keywords": {"type": "array", "items": {"type": "string"}},
            "meta_title": {"type": "string"},
            "meta_description": {"type": "string"},
        },
        "required": list(LLM_FIELDS),
    }
    draft = {k: data[k] for k in LLM_FIELDS}
    reply = await llm.chat_json(
        [
            {
                "role": "system",
                "content": f"Improve the local SEO of a small business website, in {language}. "
                "Keywords are what people in that city would type. meta_title at most 60 "
                "characters, meta_description at most 155. Invent no facts. JSON only.",
            },
            {"role": "user", "content": json.dumps(draft, ensure_ascii=False)},
        ],
        schema=schema,
        timeout_s=timeout_s,
    )
    primary = reply.get("primary_keyword")
    secondary = reply.get("secondary_keywords")
    title, description = reply.get("meta_title"), reply.get("meta_description")
    if not all(isinstance(v, str) and v.strip() for v in (primary, title, description)):
        raise UnusableReplyError("the SEO reply misses a keyword, title or description")
    if not isinstance(secondary, list) or not all(isinstance(k, str) for k in secondary):
        raise UnusableReplyError("the secondary keywords are not a list of strings")
    return {
        **data,
        "primary_keyword": squash(str(primary)).lower(),
        "secondary_keywords": [squash(k).lower() for k in secondary if k.strip()][:SECONDARY_MAX],
        # The limits hold whatever the model wrote.
        "meta_title": fit(str(title), META_TITLE_MAX, end=""),
        "meta_description": fit(str(description), META_DESCRIPTION_MAX),
        "written_by": "llm",
    }
