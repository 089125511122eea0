"""What every sub-agent takes and returns.

An agent is a pure async function of the coaching answers and context. Its
result carries a status: ``ok`` (the offline path, or a configured provider
that answered), ``fallback`` (a configured provider failed and the offline path
stood in) or ``failed`` (nothing usable).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

AGENT_NAMES: tuple[str, ...] = (
    "market_research",
    "content_generation",
    "logo_creation",
    "seo_optimization",
    "template_selection",
    "financial_plan",
)
# Agents that only run for sessions whose plan has the step they need.
NEEDS_STEP: dict[str, str] = {"financial_plan": "finances"}


def agents_for(plan: Iterable[str]) -> tuple[str, ...]:
    """The agents a session runs: all, but those needing a step its plan lacks
    (a session started before the finances step has no financial plan)."""
    steps = set(plan)
    return tuple(name for name in AGENT_NAMES if NEEDS_STEP.get(name, name) in steps | {name})


AgentStatus = Literal["ok", "fallback", "failed"]
# An agent is done when it has a result to show: its own, or the offline one.
DONE_STATUSES: frozenset[str] = frozenset({"ok", "fallback"})


def is_done(status: object) -> bool:
    """Whether an agent with this status (as stored: anything) has its result."""
    return status in DONE_STATUSES


class AgentInput(BaseModel):
    """The coaching answers and context a run of the agents starts from."""

    model_config = ConfigDict(frozen=True)

    session_id: str
    language: Literal["fr", "en"]
    business_name: str | None = None
    # Accepted answers by step value ("vision", "mission", ...).
    answers: dict[str, str] = Field(default_factory=dict)
    cultural_context: dict[str, Any] = Field(default_factory=dict)
    sector_context: dict[str, Any] = Field(default_factory=dict)
    # The coach's score of each accepted answer, and the steps accepted weak (after
    # the follow-ups ran out, or "move on"): a brief built on them says so.
    answer_scores: dict[str, float] = Field(default_factory=dict)
    to_improve: list[str] = Field(default_factory=list)
    # The financial plan's assumptions (core.finance.model.Assumptions as JSON), from
    # the finances step or corrected since; None when the session has no such step.
    finances: dict[str, Any] | None = None


class AgentResult(BaseModel):
    status: AgentStatus
    data: dict[str, Any] = Field(default_factory=dict)
    error: str | None = None
    duration_ms: int = 0
