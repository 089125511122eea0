"""The coaching state machine, as data.

``TRANSITIONS`` maps (status, event) to the next status. Anything not in the
table is refused with :class:`InvalidTransitionError`, which the API turns into
409. A weak answer is never a failure: only an unrecoverable error leads to
FAILED.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from enum import StrEnum

from genesis.core.errors import InvalidPlanError, InvalidTransitionError


class CoachingStepEnum(StrEnum):
    VISION = "vision"
    MISSION = "mission"
    CLIENTELE = "clientele"
    DIFFERENTIATION = "differentiation"
    OFFRE = "offre"
    FINANCES = "finances"
    SYNTHESIS = "synthesis"


class SessionStatusEnum(StrEnum):
    INITIALIZED = "initialized"
    IN_PROGRESS = "in_progress"
    COACHING_COMPLETE = "coaching_complete"
    SUB_AGENTS_RUNNING = "sub_agents_running"
    BRIEF_READY = "brief_ready"
    COMPLETED = "completed"
    FAILED = "failed"


class SessionEventEnum(StrEnum):
    ANSWER = "answer"  # an answer was recorded, coaching goes on
    COACHING_DONE = "coaching_done"  # every step of the plan is complete
    REVISE = "revise"  # at the synthesis, the person reopens a step
    AGENTS_TRIGGERED = "agents_triggered"
    AGENTS_DONE = "agents_done"
    BRIEF_GENERATED = "brief_generated"
    FAIL = "fail"  # unrecoverable error
    RETRY = "retry"  # a failed run of sub-agents is started again


S = SessionStatusEnum
E = SessionEventEnum

TRANSITIONS: dict[tuple[SessionStatusEnum, SessionEventEnum], SessionStatusEnum] = {
    (S.INITIALIZED, E.ANSWER): S.IN_PROGRESS,
    (S.INITIALIZED, E.COACHING_DONE): S.COACHING_COMPLETE,
    (S.IN_PROGRESS, E.ANSWER): S.IN_PROGRESS,
    (S.IN_PROGRESS, E.COACHING_DONE): S.COACHING_COMPLETE,
    (S.IN_PROGRESS, E.REVISE): S.IN_PROGRESS,
    (S.IN_PROGRESS, E.FAIL): S.FAILED,
    (S.COACHING_COMPLETE, E.AGENTS_TRIGGERED): S.SUB_AGENTS_RUNNING,
    (S.COACHING_COMPLETE, E.FAIL): S.FAILED,
    (S.SUB_AGENTS_RUNNING, E.AGENTS_DONE): S.BRIEF_READY,
    (S.SUB_AGENTS_RUNNING, E.FAIL): S.FAILED,
    (S.BRIEF_READY, E.BRIEF_GENERATED): S.COMPLETED,
    (S.BRIEF_READY, E.FAIL): S.FAILED,
    (S.FAILED, E.RETRY): S.SUB_AGENTS_RUNNING,
}

# Statuses in which the session takes answers to its coaching steps.
ANSWERING_STATUSES = frozenset({S.INITIALIZED, S.IN_PROGRESS})
# Statuses in which the session has its brief.
BRIEF_STATUSES = frozenset({S.BRIEF_READY, S.COMPLETED})

DEFAULT_PLAN: tuple[CoachingStepEnum, ...] = tuple(CoachingStepEnum)


def next_status(status: SessionStatusEnum, event: SessionEventEnum) -> SessionStatusEnum:
    """The status after ``event``, or :class:`InvalidTransitionError`."""
    try:
        return TRANSITIONS[(status, event)]
    except KeyError:
        raise InvalidTransitionError(
            f"The session is '{status.value}': it cannot take the event '{event.value}'."
        ) from None


def can(status: SessionStatusEnum, event: SessionEventEnum) -> bool:
    return (status, event) in TRANSITIONS


def validate_plan(steps: Sequence[str] | None) -> list[CoachingStepEnum]:
    """A custom plan: known steps, no duplicates, synthesis last (and present)."""
    if steps is None:
        return list(DEFAULT_PLAN)
    plan: list[CoachingStepEnum] = []
    known = {s.value for s in CoachingStepEnum}
    for raw in steps:
        if raw not in known:
            raise InvalidPlanError(
                f"Unknown step '{raw}'. Known steps: {', '.join(sorted(known))}."
            )
        step = CoachingStepEnum(raw)
        if step in plan:
            raise InvalidPlanError(f"The step '{raw}' appears twice in the plan.")
        plan.append(step)
    if not plan or plan[-1] is not CoachingStepEnum.SYNTHESIS:
        raise InvalidPlanError("The plan must end with the 'synthesis' step.")
    if len(plan) < 2:
        raise InvalidPlanError("The plan needs at least one step before 'synthesis'.")
    return plan


def next_step(
    plan: Sequence[CoachingStepEnum], completion: dict[str, bool]
) -> CoachingStepEnum | None:
    """The first step of the plan that is not complete, or None when all are."""
    for step in plan:
        if not completion.get(step.value, False):
            return step
    return None


def step_after(
    plan: Sequence[CoachingStepEnum], step: CoachingStepEnum, done: Collection[str]
) -> CoachingStepEnum | None:
    """The step asked once ``step`` is accepted: the first step not ``done`` after it
    in the plan, else from the start (a step reopened from the synthesis goes back
    to what is still open); None when every other step is done."""
    after = plan[plan.index(step) + 1 :] if step in plan else plan
    for candidate in (*after, *plan):
        if candidate is not step and candidate.value not in done:
            return candidate
    return None


def missing_steps(
    plan: Iterable[CoachingStepEnum], completion: dict[str, bool]
) -> list[CoachingStepEnum]:
    return [step for step in plan if not completion.get(step.value, False)]


def empty_completion(plan: Iterable[CoachingStepEnum]) -> dict[str, bool]:
    return {step.value: False for step in plan}
