"""Realistic agent inputs and brief contents, shared by the agents' and exports' tests.

Two businesses cover both languages and two regions: a Senegalese restaurant
coached in French (XOF, OHADA country) and a Kenyan software studio coached in
English (KES). ``brief_content`` runs the real agents offline and the real
assembly, then adds the keys ``service.get_brief`` adds, so the exports are
tested on exactly what they receive in production.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

# The Dakar caterer is the benchmark's too: one copy, in bench/.
from bench.brief_inputs import senegal_restaurant as senegal_restaurant

from genesis.core.agents.brief import Brief, assemble_brief
from genesis.core.agents.runner import run_agents
from genesis.core.agents.types import AGENT_NAMES, AgentInput, agents_for
from genesis.core.ports import LLMError, SearchHit

KENYA_ANSWERS = {
    "vision": "To be the software partner every small shop in East Africa trusts by 2030.",
    "mission": (
        "We build simple mobile apps for small retailers in Nairobi so they can track stock, "
        "take M-Pesa payments and reorder on time."
    ),
    "clientele": (
        "Our customers are owners of small shops and pharmacies in Nairobi with 1 to 10 staff."
    ),
    "differentiation": (
        "Unlike international software, our app works offline, in Swahili and English, and "
        "costs less than a daily newspaper."
    ),
    "offre": "A stock and sales app at 1,500 KES a month, with set-up and training included.",
}


def kenya_tech(**changes: Any) -> AgentInput:
    values: dict[str, Any] = {
        "session_id": "sess-ke-tech",
        "language": "en",
        "business_name": "DukaSoft",
        "answers": KENYA_ANSWERS,
        "cultural_context": {
            "country": "Kenya",
            "country_code": "KE",
            "city": "Nairobi",
            "currency": "KES",
            "languages": ["en", "sw"],
        },
        "sector_context": {"sector": "technology", "keywords": ["app", "software"]},
    }
    values.update(changes)
    return AgentInput(**values)


async def brief_content(inp: AgentInput, *, llm: Any = None, search: Any = None) -> dict[str, Any]:
    """What ``service.get_brief`` would return for this input, agents run for real."""
    results = await run_agents(
        inp, AGENT_NAMES if inp.finances else agents_for(()), llm=llm, search=search, timeout_s=10
    )
    content = assemble_brief(inp, results).model_dump(mode="json")
    content.update(
        session_id=inp.session_id,
        language=inp.language,
        status="completed",
        generated_at="2025-01-15T10:00:00+00:00",
    )
    return content


def as_brief(content: dict[str, Any]) -> Brief:
    """A brief content as the exports receive it: read into the typed brief, as
    ``service.get_brief`` reads what is stored."""
    return Brief.model_validate(content)


class FakeLLM:
    """An in-process LLMPort: waits ``delay`` seconds, then replies or raises.

    ``replies`` maps a word of the system prompt to the reply for that agent;
    without a match it raises LLMError, like a schema-breaking answer would.
    """

    def __init__(
        self,
        *,
        delay: float = 0.0,
        replies: Mapping[str, dict[str, Any]] | None = None,
        error: Exception | None = None,
    ) -> None:
        self.delay = delay
        self.replies = dict(replies or {})
        self.error = error
        self.calls: list[str] = []

    async def chat_json(
        self,
        messages: Sequence[Mapping[str, str]],
        *,
        schema: Mapping[str, Any],
        timeout_s: float | None = None,
    ) -> dict[str, Any]:
        system = messages[0]["content"]
        self.calls.append(system)
        await asyncio.sleep(self.delay)
        if self.error is not None:
            raise self.error
        for word, reply in self.replies.items():
            if word in system:
                return reply
        raise LLMError("no scripted reply")


class FakeSearch:
    def __init__(self, *, delay: float = 0.0, error: Exception | None = None) -> None:
        self.delay = delay
        self.error = error
        self.queries: list[str] = []

    async def search(self, query: str, *, language: str, limit: int = 5) -> list[SearchHit]:
        self.queries.append(query)
        await asyncio.sleep(self.delay)
        if self.error is not None:
            raise self.error
        return [
            SearchHit("Marché de la restauration", "https://example.org/restauration", "..."),
            SearchHit("Not a web link", "ftp://example.org/x", "..."),
        ][:limit]
