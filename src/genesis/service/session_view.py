"""The stored session as the core sees it (state, coach context) and as callers
get it back (:class:`CoachingState`, :class:`SessionDetail`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from genesis.core.agents.logo import UPLOADED_LOGO_KEY
from genesis.core.coach.types import CoachContext, CoachMode, Language
from genesis.core.session import SessionState
from genesis.core.steps import CoachingStepEnum, SessionStatusEnum
from genesis.runtime import Runtime
from genesis.store.models import CoachingSession, CoachingStep


@dataclass(slots=True)
class CoachingState:
    """What start and step answer: the real current state plus the coach's words."""

    session_id: str
    status: SessionStatusEnum
    current_step: CoachingStepEnum
    coach_message: str
    examples: list[str]
    progress: dict[str, bool]
    is_step_complete: bool
    confidence_score: float
    coaching_confidence: float
    retry_count: int
    coaching_plan: list[str]
    language: str
    version: int
    coach_mode: CoachMode = "offline"
    to_improve: list[str] = field(default_factory=list)
    created: bool = False

    @classmethod
    def replayed(cls, stored: dict[str, Any]) -> CoachingState:
        """The state kept under an Idempotency-Key (JSON: enums as their values)."""
        return cls(
            **{
                **stored,
                "status": SessionStatusEnum(stored["status"]),
                "current_step": CoachingStepEnum(stored["current_step"]),
            }
        )


@dataclass(frozen=True, slots=True)
class ConversationView:
    """A session as the coaching page shows it: a plain copy of the row."""

    session_id: str
    business_name: str | None
    language: str
    status: SessionStatusEnum
    current_step: CoachingStepEnum
    coaching_plan: list[str]
    step_completion: dict[str, bool]
    to_improve: list[str]
    retry_count: int
    conversation_history: list[dict[str, Any]]
    # The person gave their own logo (it replaces the generated one).
    uploaded_logo: bool
    # The index of ``conversation_history``'s first entry in the whole conversation
    # (the page reads its end only).
    history_start: int = 0

    @property
    def history_length(self) -> int:
        return self.history_start + len(self.conversation_history)

    @classmethod
    def of(cls, s: CoachingSession, history_start: int = 0) -> ConversationView:
        return cls(
            session_id=s.session_id,
            business_name=s.business_name,
            language=s.language,
            status=s.status,
            current_step=s.current_step,
            coaching_plan=list(s.coaching_plan),
            step_completion=dict(s.step_completion),
            to_improve=list(s.to_improve),
            retry_count=s.retry_count,
            conversation_history=list(s.conversation_history),
            uploaded_logo=bool(s.sector_context.get(UPLOADED_LOGO_KEY)),
            history_start=history_start,
        )


@dataclass(slots=True)
class SessionDetail:
    session: CoachingSession
    steps: Sequence[CoachingStep]
    has_brief: bool


def coaching_state(
    s: CoachingSession,
    *,
    message: str,
    examples: list[str],
    is_step_complete: bool = False,
    confidence: float = 0.0,
    coach_mode: CoachMode = "offline",
    created: bool = False,
) -> CoachingState:
    return CoachingState(
        session_id=s.session_id,
        status=s.status,
        current_step=s.current_step,
        coach_message=message,
        examples=examples,
        progress=dict(s.step_completion),
        is_step_complete=is_step_complete,
        confidence_score=confidence,
        coaching_confidence=s.coaching_confidence,
        retry_count=s.retry_count,
        coaching_plan=list(s.coaching_plan),
        language=s.language,
        version=s.version,
        coach_mode=coach_mode,
        to_improve=list(s.to_improve),
        created=created,
    )


def plan_of(s: CoachingSession) -> tuple[CoachingStepEnum, ...]:
    return tuple(CoachingStepEnum(v) for v in s.coaching_plan)


def coach_context(rt: Runtime, s: CoachingSession, answers: dict[str, str]) -> CoachContext:
    language: Language = "en" if s.language == "en" else "fr"
    return CoachContext(
        language=language,
        plan=plan_of(s),
        step=s.current_step,
        retry_count=s.retry_count,
        answers=answers,
        to_improve=frozenset(s.to_improve),
        cultural_context=dict(s.cultural_context),
        sector_context=dict(s.sector_context),
        business_name=s.business_name,
        language_fixed=s.language_fixed,
        max_follow_ups=rt.settings.max_follow_ups,
        step_replies=tuple(s.step_replies()),
    )


def session_state(
    s: CoachingSession, answers: dict[str, str], scores: dict[str, float]
) -> SessionState:
    """The row as the core's rules see it."""
    return SessionState(
        status=s.status,
        plan=plan_of(s),
        current_step=s.current_step,
        step_completion=dict(s.step_completion),
        to_improve=tuple(s.to_improve),
        retry_count=s.retry_count,
        language=s.language,
        language_fixed=s.language_fixed,
        cultural_context=dict(s.cultural_context),
        sector_context=dict(s.sector_context),
        coaching_confidence=s.coaching_confidence,
        coaching_duration=s.coaching_duration,
        last_activity_at=s.last_activity_at,
        answers=answers,
        scores=scores,
        finance_assumptions=s.finance_assumptions,
    )


def write_state(s: CoachingSession, state: SessionState) -> None:
    """Copy what the rules changed back to the row. Only changed columns are set
    (the UPDATE stays small), JSON ones as new objects: changes inside one are
    not tracked."""
    new: dict[str, Any] = {
        "status": state.status,
        "current_step": state.current_step,
        "step_completion": dict(state.step_completion),
        "to_improve": list(state.to_improve),
        "retry_count": state.retry_count,
        "language": state.language,
        "language_fixed": state.language_fixed,
        "cultural_context": dict(state.cultural_context),
        "sector_context": dict(state.sector_context),
        "coaching_confidence": state.coaching_confidence,
        "coaching_duration": state.coaching_duration,
        "last_activity_at": state.last_activity_at,
        "finance_assumptions": (
            dict(state.finance_assumptions) if state.finance_assumptions is not None else None
        ),
    }
    for name, value in new.items():
        if getattr(s, name) != value:
            setattr(s, name, value)
