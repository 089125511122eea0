"""The coach's interface: what it is told about a session and what it answers.

The service builds a :class:`CoachContext` from the stored session, asks a
:class:`Coach` for a :class:`Reply` and applies it in one transaction. The
coach never touches storage and never changes the session's status itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from genesis.core.steps import CoachingStepEnum

Language = Literal["fr", "en"]
CoachMode = Literal["offline", "llm"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")


@dataclass(frozen=True, slots=True)
class CoachContext:
    """What the coach knows of a session when it speaks."""

    language: Language
    plan: tuple[CoachingStepEnum, ...]
    step: CoachingStepEnum
    retry_count: int = 0
    # Accepted answers so far, by step value ("vision", ...).
    answers: Mapping[str, str] = field(default_factory=dict)
    # Steps accepted with a low confidence (after follow-ups or "move on").
    to_improve: frozenset[str] = frozenset()
    cultural_context: Mapping[str, Any] = field(default_factory=dict)
    sector_context: Mapping[str, Any] = field(default_factory=dict)
    business_name: str | None = None
    # Whether the language was chosen at start (else detected from answers).
    language_fixed: bool = True
    max_follow_ups: int = 2
    # The person's replies at the current step since it was (re)opened, oldest
    # first: the finances step rebuilds its draft from them.
    step_replies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Prompt:
    """The question of a step, ready to show."""

    step: CoachingStepEnum
    message: str
    examples: list[str]


@dataclass(slots=True)
class Reply:
    """The coach's decision on one answer."""

    accepted: bool
    confidence: float
    message: str  # follow-up question, or reformulation + next question
    examples: list[str]
    language: Language
    met_criteria: list[str] = field(default_factory=list)
    missing_criteria: list[str] = field(default_factory=list)
    # Accepted, but weak: after the follow-ups ran out, or on "move on".
    to_improve: bool = False
    reformulation: str | None = None
    # Context detected in this answer; the service merges it (start wins).
    cultural_context: dict[str, Any] = field(default_factory=dict)
    sector_context: dict[str, Any] = field(default_factory=dict)
    # What an accepted answer says in figures (the finances step: the plan's
    # assumptions as JSON), for the service to store beside the answer.
    structured: dict[str, Any] | None = None
    # Synthesis only: the person confirmed, or asked to revise this step.
    confirmed: bool = False
    revise_step: CoachingStepEnum | None = None
    coach_mode: CoachMode = "offline"


@dataclass(frozen=True, slots=True)
class HelpItem:
    question: str
    hint: str


@dataclass(frozen=True, slots=True)
class Help:
    step: CoachingStepEnum
    items: list[HelpItem]
    coach_mode: CoachMode = "offline"


@dataclass(frozen=True, slots=True)
class Proposals:
    step: CoachingStepEnum
    proposals: list[str]
    coach_mode: CoachMode = "offline"


class Coach(Protocol):
    """A coach. The offline one is the default; an LLM coach wraps it."""

    # True when an answer may wait on the network (an LLM): the service then
    # holds no database connection while the coach thinks.
    waits_on_network: bool

    async def prompt(self, ctx: CoachContext) -> Prompt:
        """The question of ``ctx.step`` (with the synthesis summary for synthesis)."""
        ...

    async def answer(self, ctx: CoachContext, text: str, *, force: bool = False) -> Reply:
        """Judge ``text`` as the answer to ``ctx.step``.

        ``message`` of the reply is either the follow-up (not accepted) or, when
        accepted, the reformulation followed by the question of the step that
        comes next in the plan after ``ctx.step`` (the coach computes it from
        ``ctx.plan`` and ``ctx.answers``), or the synthesis summary.
        """
        ...

    async def help(self, ctx: CoachContext) -> Help: ...

    async def proposals(self, ctx: CoachContext) -> Proposals: ...
