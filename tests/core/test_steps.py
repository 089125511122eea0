import itertools

import pytest

from genesis.core.errors import InvalidPlanError, InvalidTransitionError
from genesis.core.steps import (
    DEFAULT_PLAN,
    TRANSITIONS,
    CoachingStepEnum,
    SessionEventEnum,
    SessionStatusEnum,
    can,
    missing_steps,
    next_status,
    next_step,
    validate_plan,
)

S = SessionStatusEnum
E = SessionEventEnum

# The transitions the specification requires, by name.
REQUIRED = {
    (S.INITIALIZED, E.ANSWER): S.IN_PROGRESS,
    (S.IN_PROGRESS, E.ANSWER): S.IN_PROGRESS,
    (S.IN_PROGRESS, E.COACHING_DONE): S.COACHING_COMPLETE,
    (S.COACHING_COMPLETE, E.AGENTS_TRIGGERED): S.SUB_AGENTS_RUNNING,
    (S.SUB_AGENTS_RUNNING, E.AGENTS_DONE): S.BRIEF_READY,
    (S.BRIEF_READY, E.BRIEF_GENERATED): S.COMPLETED,
    (S.IN_PROGRESS, E.FAIL): S.FAILED,
    (S.COACHING_COMPLETE, E.FAIL): S.FAILED,
    (S.SUB_AGENTS_RUNNING, E.FAIL): S.FAILED,
}


# The whole state machine, written out here rather than read from the table it checks.
EXPECTED = {
    **REQUIRED,
    (S.INITIALIZED, E.COACHING_DONE): S.COACHING_COMPLETE,
    (S.IN_PROGRESS, E.REVISE): S.IN_PROGRESS,  # at the synthesis, a step is reopened
    (S.BRIEF_READY, E.FAIL): S.FAILED,
    (S.FAILED, E.RETRY): S.SUB_AGENTS_RUNNING,
}


def test_the_table_is_the_expected_machine() -> None:
    assert TRANSITIONS == EXPECTED


@pytest.mark.parametrize(("status", "event"), list(itertools.product(S, E)))
def test_every_status_event_pair(status: S, event: E) -> None:
    if (status, event) in EXPECTED:
        assert can(status, event)
        assert next_status(status, event) is EXPECTED[(status, event)]
    else:
        assert not can(status, event)
        with pytest.raises(InvalidTransitionError) as info:
            next_status(status, event)
        assert status.value in info.value.detail


def test_required_transitions_are_in_the_table() -> None:
    for pair, target in REQUIRED.items():
        assert TRANSITIONS[pair] is target


def test_terminal_and_answer_rules() -> None:
    # A completed session takes nothing; failure comes only from the FAIL event.
    assert not any(status is S.COMPLETED for status, _ in TRANSITIONS)
    assert all(
        target is not S.FAILED or event is E.FAIL for (_, event), target in TRANSITIONS.items()
    )


def test_default_plan() -> None:
    assert validate_plan(None) == list(DEFAULT_PLAN)
    assert [s.value for s in DEFAULT_PLAN] == [
        "vision",
        "mission",
        "clientele",
        "differentiation",
        "offre",
        "finances",
        "synthesis",
    ]


def test_custom_plan_any_order_synthesis_last() -> None:
    plan = validate_plan(["offre", "vision", "synthesis"])
    assert plan == [CoachingStepEnum.OFFRE, CoachingStepEnum.VISION, CoachingStepEnum.SYNTHESIS]


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (["vision", "mission"], "end with"),
        (["synthesis", "vision"], "end with"),
        (["vision", "vision", "synthesis"], "twice"),
        (["vision", "marketing", "synthesis"], "Unknown step"),
        (["synthesis"], "at least one"),
        ([], "end with"),
    ],
)
def test_invalid_plans(plan: list[str], message: str) -> None:
    with pytest.raises(InvalidPlanError, match=message):
        validate_plan(plan)


def test_next_and_missing_steps() -> None:
    plan = [CoachingStepEnum.VISION, CoachingStepEnum.OFFRE, CoachingStepEnum.SYNTHESIS]
    completion = {"vision": True, "offre": False, "synthesis": False}
    assert next_step(plan, completion) is CoachingStepEnum.OFFRE
    assert missing_steps(plan, completion) == [CoachingStepEnum.OFFRE, CoachingStepEnum.SYNTHESIS]
    assert next_step(plan, dict.fromkeys(completion, True)) is None
