"""How one reply changes a coaching session, as a pure function.

The service reads the stored session into a :class:`SessionState`, asks the
coach for a :class:`~genesis.core.coach.types.Reply`, and writes back the state
:func:`apply_reply` returns, with the state-machine event it fired. Nothing
here reads a clock, a database or the network: ``now`` is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from genesis.core.coach.types import Reply
from genesis.core.steps import (
    CoachingStepEnum,
    SessionEventEnum,
    SessionStatusEnum,
    next_status,
    step_after,
)

# Time between two messages counted as active coaching at most: an idle tab is not work.
MAX_ACTIVE_GAP_SECONDS = 600

SYNTHESIS = CoachingStepEnum.SYNTHESIS


@dataclass(frozen=True, slots=True)
class SessionState:
    """What a reply can change in a session, and what it is judged against."""

    status: SessionStatusEnum
    plan: tuple[CoachingStepEnum, ...]
    current_step: CoachingStepEnum
    step_completion: Mapping[str, bool]
    to_improve: tuple[str, ...]
    retry_count: int
    language: str
    language_fixed: bool
    cultural_context: Mapping[str, Any]
    sector_context: Mapping[str, Any]
    coaching_confidence: float
    coaching_duration: int
    last_activity_at: datetime
    # The last accepted answer of each step and its score, by step value.
    answers: Mapping[str, str]
    scores: Mapping[str, float]
    finance_assumptions: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The session after one reply, and what happened to it."""

    state: SessionState
    event: SessionEventEnum
    # The step the session asks now; None once every step of the plan is complete.
    next_step: CoachingStepEnum | None
    # The step the reply answered, and whether the reply completes it.
    answered_step: CoachingStepEnum
    completes: bool
    # Seconds of active coaching this reply adds (capped: an idle tab is not work).
    active_seconds: int


def apply_reply(state: SessionState, reply: Reply, text: str, now: datetime) -> Outcome:
    """The session after the coach's ``reply`` to ``text`` at ``now``.

    A refused answer counts one more follow-up; an accepted one completes the
    step (marked "to improve" when weak) and moves to the next incomplete step
    of the plan; at the synthesis, a confirmation ends coaching and a request to
    revise reopens the step it names (the REVISE event).
    """
    step = state.current_step
    completion = dict(state.step_completion)
    to_improve = list(state.to_improve)
    retry_count = 0
    current = step
    following: CoachingStepEnum | None
    if step is SYNTHESIS and reply.revise_step is not None:
        completion[reply.revise_step.value] = False
        completion[step.value] = False
        current = following = reply.revise_step
        event = SessionEventEnum.REVISE
    elif not reply.accepted:
        retry_count = state.retry_count + 1
        following = step
        event = SessionEventEnum.ANSWER
    else:
        completion[step.value] = True
        to_improve = [v for v in to_improve if v != step.value]
        if reply.to_improve:
            to_improve.append(step.value)
        done = {value for value, complete in completion.items() if complete}
        following = step_after(state.plan, step, done)
        if following is None:
            event = SessionEventEnum.COACHING_DONE
        else:
            current = following
            event = SessionEventEnum.ANSWER

    completes = (reply.accepted and step is not SYNTHESIS) or reply.confirmed
    answers, scores = dict(state.answers), dict(state.scores)
    finance_assumptions = state.finance_assumptions
    if completes and step is not SYNTHESIS:
        answers[step.value] = (reply.reformulation or text) if reply.structured else text
        scores[step.value] = reply.confidence
    if completes and reply.structured is not None:
        finance_assumptions = reply.structured
    gap = int((now - state.last_activity_at).total_seconds())
    active = max(0, min(gap, MAX_ACTIVE_GAP_SECONDS))
    new_state = replace(
        state,
        status=next_status(state.status, event),
        current_step=current,
        step_completion=completion,
        to_improve=tuple(to_improve),
        retry_count=retry_count,
        language=state.language if state.language_fixed else reply.language,
        language_fixed=True,
        cultural_context=merge_context(state.cultural_context, reply.cultural_context),
        sector_context=merge_context(state.sector_context, reply.sector_context),
        # A step reopened from the synthesis no longer counts until answered again.
        coaching_confidence=mean_confidence({k: v for k, v in scores.items() if completion.get(k)}),
        coaching_duration=state.coaching_duration + active,
        last_activity_at=now,
        answers=answers,
        scores=scores,
        finance_assumptions=finance_assumptions,
    )
    return Outcome(new_state, event, following, step, completes, active)


def merge_context(current: Mapping[str, Any], detected: Mapping[str, Any]) -> dict[str, Any]:
    """Detected keys fill gaps; what the person gave (or was detected first) stays."""
    if not detected:
        return dict(current)
    if current.get("country_code") and detected.get("country_code") not in (
        None,
        current["country_code"],
    ):
        return dict(current)  # another country mentioned in passing does not move the business
    if current.get("sector") and detected.get("sector") not in (None, current["sector"]):
        return dict(current)
    return {**detected, **current}


def mean_confidence(scores: Mapping[str, float]) -> float:
    """The session's confidence: the mean of its accepted steps' scores (synthesis aside)."""
    values = [v for k, v in scores.items() if k != SYNTHESIS.value]
    return round(sum(values) / len(values), 4) if values else 0.0
