"""Coaching: start or resume, answer, read, list, complete, delete, assists."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response, status

from genesis import service
from genesis.core.coach.places import start_context
from genesis.core.steps import SessionStatusEnum
from genesis.web.api.schemas import (
    CoachingOut,
    CompleteOut,
    ConversationPageOut,
    HelpItemOut,
    HelpOut,
    ProposalsOut,
    SessionOut,
    SessionRefIn,
    SessionSummaryOut,
    StartIn,
    StepIn,
    StepOut,
    error_responses,
)
from genesis.web.deps import ClaimsDep, RuntimeDep, SessionIdDep, UserIdDep

router = APIRouter(prefix="/coaching", tags=["coaching"])

# A retried request with the same key replays the first response and records nothing.
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="Any unique string (a UUID); the same key replays the first response.",
    ),
]


def _out(state: service.CoachingState, status_code: int = status.HTTP_200_OK) -> Response:
    """The state as CoachingOut's JSON, made in one pass (pydantic's serializer), not
    FastAPI's dump, validate again and json.dumps of a returned model: the step's
    reply is on its hot path."""
    fields = {name: getattr(state, name) for name in CoachingOut.model_fields}
    body = CoachingOut(**fields).model_dump_json()
    return Response(body, status_code=status_code, media_type="application/json")


@router.post(
    "/start",
    response_model=CoachingOut,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {
            "description": "An existing session resumed: the one named, or your active one",
            "model": CoachingOut,
        },
        **error_responses(401, 404, 422),
    },
)
async def start(body: StartIn, user_id: UserIdDep, rt: RuntimeDep) -> Response:
    state = await service.start_session(
        rt,
        user_id,
        session_id=body.session_id,
        new=body.new,
        language=body.language,
        business_name=body.business_name,
        cultural_context=_place(body),
        sector_context=body.sector_context.model_dump() if body.sector_context else None,
        coaching_plan=body.coaching_plan,
    )
    return _out(state, status.HTTP_201_CREATED if state.created else status.HTTP_200_OK)


def _place(body: StartIn) -> dict[str, Any] | None:
    given = body.cultural_context
    if given is None:
        return None
    return start_context(body.language or "fr", given.country or "", given.city or "")


@router.post(
    "/step",
    response_model=CoachingOut,
    responses=error_responses(
        401,
        404,
        409,
        422,
        503,
        e409="The answer is for a step or version the session is no longer at, or the "
        "session does not take answers in its state.",
    ),
)
async def step(
    body: StepIn, claims: ClaimsDep, rt: RuntimeDep, idempotency_key: IdempotencyKey = None
) -> Response:
    # The token's account is checked in the statement that reads the session.
    state = await service.submit_answer(
        rt,
        claims.user_id,
        body.session_id,
        body.user_response,
        force=body.force,
        expected_step=body.step,
        expected_version=body.version,
        idempotency_key=idempotency_key,
        token_generation=claims.token_generation,
    )
    return _out(state)


# The answers (turns) a GET of a session returns at most: a long session loads as
# fast as a short one; older answers are a `before` away.
PAGE_DEFAULT = 50
PAGE_MAX = 200


@router.get(
    "/session/{session_id}",
    response_model=SessionOut,
    responses=error_responses(
        401,
        404,
        422,
        e422="`limit` or `before` out of range (`before` past the session's last answer).",
    ),
    description="The session's current state with the most recent page of its conversation: "
    "the last `limit` answers (each the person's message, the coach's reply and its step "
    "row) and, when the page reaches the start, the coach's first question. To page back, "
    "send the `conversation.before` of a page as `before`; it is null on the page that "
    "reaches the first answer.",
)
async def read_session(
    session_id: SessionIdDep,
    user_id: UserIdDep,
    rt: RuntimeDep,
    limit: Annotated[
        int, Query(ge=1, le=PAGE_MAX, description="Answers (turns) on the page.")
    ] = PAGE_DEFAULT,
    before: Annotated[
        int | None,
        Query(
            ge=1,
            description="The page ends before this answer (0-based turn number): the "
            "`conversation.before` of the page after it. Leave it out for the latest page.",
        ),
    ] = None,
) -> SessionOut:
    page = await service.session_page(rt, user_id, session_id, limit=limit, before=before)
    s = page.session
    summary = SessionSummaryOut.model_validate(s).model_dump()
    return SessionOut(
        **summary,
        retry_count=s.retry_count,
        cultural_context=s.cultural_context,
        sector_context=s.sector_context,
        coaching_plan=s.coaching_plan,
        conversation_history=s.conversation_history,
        conversation=ConversationPageOut(
            turns=page.turns,
            first_turn=page.first_turn,
            first_entry=page.first_entry,
            before=page.first_turn or None,
        ),
        coaching_duration=s.coaching_duration,
        to_improve=s.to_improve,
        failure_reason=s.failure_reason,
        version=s.version,
        steps=[StepOut.model_validate(st) for st in page.steps],
        has_brief=page.has_brief,
    )


@router.get(
    "/sessions", response_model=list[SessionSummaryOut], responses=error_responses(401, 422)
)
async def list_sessions(
    user_id: UserIdDep, rt: RuntimeDep, status: SessionStatusEnum | None = None
) -> list[SessionSummaryOut]:
    sessions = await service.list_sessions(rt, user_id, status)
    return [SessionSummaryOut.model_validate(s) for s in sessions]


@router.post(
    "/complete",
    response_model=CompleteOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(
        401,
        404,
        409,
        422,
        503,
        e409="Coaching is not complete (`missing_steps` lists what is left), or the "
        "session was already handed to the agents.",
    ),
)
async def complete(
    body: SessionRefIn, user_id: UserIdDep, rt: RuntimeDep, idempotency_key: IdempotencyKey = None
) -> CompleteOut:
    new_status = await service.complete_session(
        rt, user_id, body.session_id, idempotency_key=idempotency_key
    )
    return CompleteOut(session_id=body.session_id, status=new_status)


@router.delete(
    "/session/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404, 503),
)
async def delete_session(session_id: SessionIdDep, user_id: UserIdDep, rt: RuntimeDep) -> Response:
    await service.delete_session(rt, user_id, session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/help", response_model=HelpOut, responses=error_responses(401, 404, 409, 422))
async def help_(body: SessionRefIn, user_id: UserIdDep, rt: RuntimeDep) -> HelpOut:
    result = await service.coaching_help(rt, user_id, body.session_id)
    return HelpOut(
        session_id=body.session_id,
        step=result.step,
        questions=[HelpItemOut(question=i.question, hint=i.hint) for i in result.items],
        coach_mode=result.coach_mode,
    )


@router.post(
    "/proposals", response_model=ProposalsOut, responses=error_responses(401, 404, 409, 422)
)
async def proposals(body: SessionRefIn, user_id: UserIdDep, rt: RuntimeDep) -> ProposalsOut:
    result = await service.coaching_proposals(rt, user_id, body.session_id)
    return ProposalsOut(
        session_id=body.session_id,
        step=result.step,
        proposals=result.proposals,
        coach_mode=result.coach_mode,
    )
