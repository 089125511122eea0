"""The financial plan's assumptions: read them, correct them (the plan is made again)."""

from __future__ import annotations

from fastapi import APIRouter

from genesis import service
from genesis.core.finance.model import Assumptions
from genesis.service.finances import FinancesView
from genesis.web.api.schemas import FinancesOut, error_responses
from genesis.web.deps import RuntimeDep, SessionIdDep, UserIdDep

router = APIRouter(prefix="/coaching/session/{session_id}", tags=["finances"])

E409 = (
    "The session has no finances step (it was started before it), or its brief is being "
    "made right now."
)


@router.get(
    "/finances", response_model=FinancesOut, responses=error_responses(401, 404, 409, e409=E409)
)
async def read_finances(
    session_id: SessionIdDep, user_id: UserIdDep, rt: RuntimeDep
) -> FinancesOut:
    """The assumptions the plan is made from, each with where it comes from (given by
    the person, an estimate, or a default to confirm with an accountant)."""
    return _out(await service.get_finances(rt, user_id, session_id))


@router.put(
    "/finances",
    response_model=FinancesOut,
    responses=error_responses(401, 404, 409, 422, e409=E409),
)
async def correct_finances(
    session_id: SessionIdDep, body: Assumptions, user_id: UserIdDep, rt: RuntimeDep
) -> FinancesOut:
    """Replace the assumptions. Once the brief is made, the financial plan is made
    again from them at once, and the brief shows the new plan."""
    return _out(await service.update_finances(rt, user_id, session_id, body))


def _out(view: FinancesView) -> FinancesOut:
    assumptions = Assumptions.model_validate(view.assumptions) if view.assumptions else None
    return FinancesOut(
        session_id=view.session_id, status=view.status, assumptions=assumptions, plan=view.plan
    )
