"""The financial plan's assumptions: read them, correct them, see the plan move.

The finances step leaves the assumptions on the session; a person (or their loan
officer) corrects a price, a rate or a duration afterwards. A correction is
committed with the plan computed again from it: the financial agent is pure
and takes a few milliseconds, so it runs right here (in the CPU pool, off the
event loop) rather than in a job, and the brief is assembled again in the same
transaction, so the brief never shows a plan older than its assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from genesis.core.agents import finance
from genesis.core.agents.brief import assemble_brief
from genesis.core.errors import InvalidTransitionError
from genesis.core.finance.model import Assumptions
from genesis.core.steps import BRIEF_STATUSES, CoachingStepEnum, SessionStatusEnum
from genesis.runtime import Runtime
from genesis.service.agents import agent_input, saved_results, store_brief
from genesis.service.common import owned
from genesis.store import queries
from genesis.store.models import CoachingSession, utcnow


@dataclass(frozen=True, slots=True)
class FinancesView:
    session_id: str
    status: SessionStatusEnum
    language: str
    # None until the finances step is answered.
    assumptions: dict[str, Any] | None
    # The plan as the brief shows it, when the brief is made (and was asked for).
    plan: dict[str, Any] | None


async def get_finances(
    rt: Runtime, user_id: int, session_id: str, *, with_plan: bool = True
) -> FinancesView:
    """The assumptions and, ``with_plan``, the plan the brief shows (the page, which
    never shows the plan, and its save, which plans again, read no brief)."""
    async with rt.reading() as db:
        s = await owned(db, user_id, session_id)
        _check_plan(s)
        brief = await queries.brief_of_session(db, s.id) if with_plan else None
    return _view(s, brief.financial_plan if brief is not None else None)


async def update_finances(
    rt: Runtime, user_id: int, session_id: str, assumptions: Assumptions
) -> FinancesView:
    """Store corrected assumptions; with a brief made, plan again and update it."""
    stored = assumptions.model_dump(mode="json")
    async with rt.locks.hold(session_id):
        async with rt.transaction() as db:
            s = await owned(db, user_id, session_id, for_update=True)
            _check_plan(s)
            if s.status is SessionStatusEnum.SUB_AGENTS_RUNNING:
                raise InvalidTransitionError(
                    "The brief is being made: correct the figures once it is ready."
                )
            s.finance_assumptions = stored
            brief = await queries.brief_of_session(db, s.id)
            plan = None
            if s.status in BRIEF_STATUSES and brief is not None:
                inp = agent_input(s, await queries.accepted_answers(db, s.id))
                result = await rt.run_cpu(finance.plan_result, stored)
                plan = {**result.model_dump(mode="json"), "finished_at": utcnow().isoformat()}
                brief.financial_plan = plan
                results = {**saved_results(brief), "financial_plan": result}
                store_brief(brief, assemble_brief(inp, results).model_dump(mode="json"))
        await rt.cache.delete(session_id)
    return _view(s, plan)


def _check_plan(s: CoachingSession) -> None:
    if CoachingStepEnum.FINANCES.value not in s.coaching_plan:
        raise InvalidTransitionError(
            "This session was started before the finances step: it has no financial plan."
        )


def _view(s: CoachingSession, plan: dict[str, Any] | None) -> FinancesView:
    return FinancesView(
        session_id=s.session_id,
        status=s.status,
        language=s.language,
        assumptions=dict(s.finance_assumptions) if s.finance_assumptions else None,
        plan=plan,
    )
