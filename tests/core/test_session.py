"""The rule "a reply changes the session like this", with no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from genesis.core.coach.types import Reply
from genesis.core.errors import InvalidTransitionError
from genesis.core.session import (
    MAX_ACTIVE_GAP_SECONDS,
    SessionState,
    apply_reply,
    mean_confidence,
    merge_context,
)
from genesis.core.steps import (
    DEFAULT_PLAN,
    CoachingStepEnum,
    SessionEventEnum,
    SessionStatusEnum,
    empty_completion,
    step_after,
)

S = CoachingStepEnum
T0 = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def state(step: S = S.VISION, **changes: Any) -> SessionState:
    """A session at ``step``, every step before it accepted."""
    done = DEFAULT_PLAN[: DEFAULT_PLAN.index(step)]
    completion = {**empty_completion(DEFAULT_PLAN), **{s.value: True for s in done}}
    base = SessionState(
        status=SessionStatusEnum.IN_PROGRESS if done else SessionStatusEnum.INITIALIZED,
        plan=DEFAULT_PLAN,
        current_step=step,
        step_completion=completion,
        to_improve=(),
        retry_count=0,
        language="fr",
        language_fixed=True,
        cultural_context={},
        sector_context={},
        coaching_confidence=0.0,
        coaching_duration=0,
        last_activity_at=T0,
        answers={s.value: f"answer {s.value}" for s in done},
        scores={s.value: 0.8 for s in done},
    )
    return replace(base, **changes)


def reply(accepted: bool = True, **changes: Any) -> Reply:
    fields: dict[str, Any] = {
        "confidence": 0.9 if accepted else 0.2,
        "message": "ok" if accepted else "more?",
        "examples": [],
        "language": "fr",
        **changes,
    }
    return Reply(accepted=accepted, **fields)


def test_a_refused_answer_counts_a_follow_up_and_stays() -> None:
    out = apply_reply(state(retry_count=1), reply(False), "vague", T0)
    assert out.event is SessionEventEnum.ANSWER
    assert out.next_step is S.VISION
    assert out.state.current_step is S.VISION
    assert out.state.retry_count == 2
    assert out.state.status is SessionStatusEnum.IN_PROGRESS
    assert not out.completes
    assert out.state.answers == {}


def test_an_accepted_answer_completes_the_step_and_moves_on() -> None:
    out = apply_reply(state(S.MISSION, retry_count=2), reply(), "we cook", T0)
    assert out.event is SessionEventEnum.ANSWER
    assert out.answered_step is S.MISSION
    assert out.next_step is S.CLIENTELE
    assert out.state.current_step is S.CLIENTELE
    assert out.completes
    assert out.state.step_completion["mission"] is True
    assert out.state.retry_count == 0
    assert out.state.answers["mission"] == "we cook"
    assert out.state.scores["mission"] == 0.9
    assert out.state.coaching_confidence == round((0.8 + 0.9) / 2, 4)


def test_a_weak_acceptance_is_to_improve_until_answered_well() -> None:
    weak = apply_reply(state(), reply(to_improve=True), "meh", T0).state
    assert weak.to_improve == ("vision",)
    again = replace(weak, current_step=S.VISION)
    assert apply_reply(again, reply(), "better", T0).state.to_improve == ()


def test_a_structured_answer_keeps_its_summary_and_assumptions() -> None:
    figures = {"price": 2500}
    out = apply_reply(
        state(S.FINANCES), reply(reformulation="600 meals", structured=figures), "600", T0
    )
    assert out.state.answers["finances"] == "600 meals"
    assert out.state.finance_assumptions == figures
    assert out.next_step is S.SYNTHESIS


def test_confirming_the_synthesis_ends_coaching() -> None:
    out = apply_reply(state(S.SYNTHESIS), reply(confirmed=True), "oui", T0)
    assert out.event is SessionEventEnum.COACHING_DONE
    assert out.next_step is None
    assert out.state.status is SessionStatusEnum.COACHING_COMPLETE
    assert out.completes
    assert "synthesis" not in out.state.answers
    assert out.state.current_step is S.SYNTHESIS


def test_revising_a_step_fires_revise_and_reopens_it() -> None:
    at_synthesis = state(S.SYNTHESIS, retry_count=1, to_improve=("offre",))
    out = apply_reply(at_synthesis, reply(False, revise_step=S.MISSION), "change mission", T0)
    assert out.event is SessionEventEnum.REVISE
    assert out.state.status is SessionStatusEnum.IN_PROGRESS
    assert out.next_step is S.MISSION
    assert out.state.current_step is S.MISSION
    assert out.state.step_completion["mission"] is False
    assert out.state.step_completion["synthesis"] is False
    assert out.state.retry_count == 0
    assert out.state.to_improve == ("offre",)
    # The reopened step no longer counts in the confidence, its answer stays until replaced.
    assert out.state.answers["mission"] == "answer mission"
    assert out.state.coaching_confidence == 0.8
    # Answered again, the session goes back to the synthesis, not to the step after it.
    back = apply_reply(out.state, reply(), "new mission", T0)
    assert back.next_step is S.SYNTHESIS
    assert back.state.answers["mission"] == "new mission"


def test_an_answer_out_of_coaching_is_refused() -> None:
    done = state(S.SYNTHESIS, status=SessionStatusEnum.COACHING_COMPLETE)
    with pytest.raises(InvalidTransitionError):
        apply_reply(done, reply(), "again", T0)


def test_active_time_is_capped_and_the_clock_moves() -> None:
    out = apply_reply(state(coaching_duration=5), reply(False), "x", T0 + timedelta(seconds=42))
    assert out.active_seconds == 42
    assert out.state.coaching_duration == 47
    assert out.state.last_activity_at == T0 + timedelta(seconds=42)
    idle = apply_reply(state(), reply(False), "x", T0 + timedelta(hours=3))
    assert idle.active_seconds == MAX_ACTIVE_GAP_SECONDS
    skewed = apply_reply(state(), reply(False), "x", T0 - timedelta(seconds=5))
    assert skewed.active_seconds == 0


def test_the_language_is_fixed_by_the_first_answer_only() -> None:
    detected = apply_reply(state(language_fixed=False), reply(language="en"), "x", T0).state
    assert (detected.language, detected.language_fixed) == ("en", True)
    chosen = apply_reply(state(language="fr"), reply(language="en"), "x", T0).state
    assert chosen.language == "fr"


def test_detected_context_fills_gaps_but_never_moves_the_business() -> None:
    assert merge_context({}, {"country_code": "SN"}) == {"country_code": "SN"}
    given = {"country_code": "SN", "city": "Dakar"}
    assert merge_context(given, {"country_code": "CI", "city": "Abidjan"}) == given
    assert merge_context({"sector": "restaurant"}, {"sector": "retail"}) == {"sector": "restaurant"}
    assert merge_context({"city": "Thiès"}, {"city": "Dakar", "country_code": "SN"}) == {
        "city": "Thiès",
        "country_code": "SN",
    }
    out = apply_reply(state(cultural_context=given), reply(cultural_context={"x": 1}), "x", T0)
    assert out.state.cultural_context == {**given, "x": 1}


def test_mean_confidence_leaves_the_synthesis_out() -> None:
    assert mean_confidence({}) == 0.0
    assert mean_confidence({"vision": 0.5, "mission": 1.0, "synthesis": 0.0}) == 0.75


def test_the_step_after_looks_forward_then_wraps() -> None:
    plan = (S.OFFRE, S.VISION, S.MISSION, S.SYNTHESIS)
    assert step_after(plan, S.OFFRE, set()) is S.VISION  # the plan's order, not the enum's
    assert step_after(plan, S.VISION, {"mission"}) is S.SYNTHESIS
    assert step_after(plan, S.MISSION, {"vision"}) is S.SYNTHESIS
    assert step_after(plan, S.SYNTHESIS, {"vision", "mission"}) is S.OFFRE  # wraps round
    assert step_after(plan, S.SYNTHESIS, {"offre", "vision", "mission"}) is None
