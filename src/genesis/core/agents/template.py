"""The website template: one of the shipped templates, chosen by sector and tone.

A template is data (palette, system font stacks, section order) so the static
site export and any future theme render the same choice. The choice scores
each template: its sectors count most, then the tones the person's own words
suggest ("familial", "innovant", "fait main"...). The ``reason`` says in the
session's language why this one was picked. With an LLM, only the reason
is rewritten; the choice itself stays deterministic and explainable.
"""

from __future__ import annotations

import json
from typing import Any

from genesis.core.agents.data import load_json
from genesis.core.agents.facts import Facts, read_facts
from genesis.core.agents.provider import clean_str, improved, with_llm
from genesis.core.agents.types import AgentInput, AgentResult
from genesis.core.coach.text import normalize
from genesis.core.ports import LLMPort, SearchPort

SECTOR_POINTS = 3
FIRST_SECTOR_BONUS = 1  # the template's first-listed sector is its home ground
TONE_POINTS = 1
REASON = {
    "fr": (
        "« {name} » convient à l'activité « {sector} »{tones} : {description}. "
        "Ordre des sections : {sections}."
    ),
    "en": (
        "“{name}” suits the {sector} business{tones}: {description}. Section order: {sections}."
    ),
}
TONES_CLAUSE = {
    "fr": " et au ton {tones} de vos réponses",
    "en": " and the {tones} tone of your answers",
}


async def run(
    inp: AgentInput,
    *,
    llm: LLMPort | None,
    search: SearchPort | None,
    provider_timeout_s: float,
) -> AgentResult:
    facts = read_facts(inp)
    offline = choose_template(facts)
    improve = with_llm(llm, _explain, facts, provider_timeout_s)
    return await improved(
        offline, improve, what="LLM template reason", timeout_s=provider_timeout_s
    )


def detect_tones(facts: Facts) -> list[str]:
    """Tones the answers suggest, most mentioned first."""
    catalog = load_json("templates.json")
    text = f" {normalize(' '.join(facts.answers.values()))} "
    counts: dict[str, int] = {}
    for tone, words in catalog["tone_words"].items():
        hits = sum(text.count(f" {normalize(word)} ") for word in words)
        if hits:
            counts[tone] = hits
    return sorted(counts, key=lambda tone: -counts[tone])


def choose_template(facts: Facts) -> dict[str, Any]:
    catalog = load_json("templates.json")
    tones = detect_tones(facts)
    best: dict[str, Any] | None = None
    best_score = -1
    for template in catalog["templates"]:
        score = 0
        if facts.sector in template["sectors"]:
            score += SECTOR_POINTS
            if template["sectors"][0] == facts.sector:
                score += FIRST_SECTOR_BONUS
        score += TONE_POINTS * len(set(tones) & set(template["tones"]))
        if score > best_score:  # ties keep the catalogue order
            best, best_score = template, score
    if best is None:
        raise ValueError("templates.json lists no template")
    matched = [t for t in tones if t in best["tones"]]
    return {
        "template_id": best["id"],
        "name": best["name"],
        "tones": list(best["tones"]),
        "palette": dict(best["palette"]),
        "fonts": dict(best["fonts"]),
        "sections": list(best["sections"]),
        "detected_tones": tones,
        "score": best_score,
        "reason": _reason(facts, best, matched, catalog),
        "alternatives": [t["id"] for t in catalog["templates"] if t["id"] != best["id"]],
    }


def _reason(
    facts: Facts, template: dict[str, Any], matched: list[str], catalog: dict[str, Any]
) -> str:
    language = facts.language
    tone_labels = catalog["tone_labels"][language]
    section_labels = catalog["section_labels"][language]
    joiner = " et " if language == "fr" else " and "
    tones = (
        TONES_CLAUSE[language].format(tones=joiner.join(tone_labels[t] for t in matched))
        if matched
        else ""
    )
    return REASON[language].format(
        name=template["name"],
        sector=facts.sector_label,
        tones=tones,
        description=template["description"][language],
        sections=", ".join(section_labels[s] for s in template["sections"]),
    )


async def _explain(
    data: dict[str, Any], facts: Facts, llm: LLMPort, timeout_s: float
) -> dict[str, Any]:
    language = "French" if facts.language == "fr" else "English"
    schema = {
        "type": "object",
        "properties": {"reason": {"type": "string"}},
        "required": ["reason"],
    }
    facts_text = {
        "business": facts.name,
        "sector": facts.sector_label,
        "template": data["name"],
        "template_tones": data["tones"],
        "sections": data["sections"],
        "draft_reason": data["reason"],
    }
    reply = await llm.chat_json(
        [
            {
                "role": "system",
                "content": f"In {language}, in two sentences at most, explain to the business "
                "owner why this website template suits them. JSON only.",
            },
            {"role": "user", "content": json.dumps(facts_text, ensure_ascii=False)},
        ],
        schema=schema,
        timeout_s=timeout_s,
    )
    return {**data, "reason": clean_str(reply.get("reason"), max_len=400), "written_by": "llm"}
