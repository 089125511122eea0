"""The sub-agents' progress (JSON or server-sent events), retries, and the brief
in its five formats."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import JSONResponse

from genesis import exports, service
from genesis.web.api.schemas import BriefOut, CompleteOut, ProgressOut, error_responses
from genesis.web.api.website import website_status
from genesis.web.deps import RuntimeDep, SessionIdDep, UserIdDep, stream_slots
from genesis.web.streams import progress_stream

router = APIRouter(prefix="/coaching/session/{session_id}", tags=["brief"])


@router.post(
    "/retry",
    response_model=CompleteOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(401, 404, 409, 503, e409="Only a failed run can be retried."),
)
async def retry(session_id: SessionIdDep, user_id: UserIdDep, rt: RuntimeDep) -> CompleteOut:
    """Run the failed sub-agents of a failed session again."""
    new_status = await service.retry_agents(rt, user_id, session_id)
    return CompleteOut(session_id=session_id, status=new_status)


@router.get(
    "/progress",
    response_model=ProgressOut,
    responses={
        200: {
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
            "description": "JSON, or server-sent `progress` events",
        },
        **error_responses(
            401, 404, 429, e429="Too many live progress streams open for this person."
        ),
    },
)
async def progress(
    session_id: SessionIdDep, request: Request, user_id: UserIdDep, rt: RuntimeDep
) -> Response:
    """Each agent's status. With ``Accept: text/event-stream``, a stream of
    ``progress`` events, one per change, until the run is over."""
    first = await service.agents_progress(rt, user_id, session_id)  # 404 before streaming
    if "text/event-stream" not in request.headers.get("accept", ""):
        return JSONResponse(first)
    return progress_stream(rt, stream_slots(request), user_id, session_id, first, request)


@router.get(
    "/brief",
    response_model=BriefOut,
    responses={
        200: {
            "content": {
                "application/json": {},
                "text/markdown": {},
                "application/pdf": {},
                "application/zip": {},
                exports.XLSX_MEDIA_TYPE: {},
            }
        },
        **error_responses(
            401,
            404,
            409,
            422,
            503,
            e409="The brief is not ready yet (the session's status says why).",
            e503="The PDF took too long to make and was stopped.",
        ),
    },
)
async def brief(
    session_id: SessionIdDep,
    request: Request,
    user_id: UserIdDep,
    rt: RuntimeDep,
    format: Annotated[Literal["json", "md", "pdf", "site", "xlsx"], Query()] = "json",
) -> BriefOut | Response:
    """The business brief: JSON (default), Markdown, PDF, a one-page website (zip), or
    its financial plan as a spreadsheet of formulas (xlsx; 404 when it has none).
    The JSON's `website` says whether its website is published, and where; the
    website (zip) shows the contact details set with PUT .../website/contact."""
    brief = await service.get_brief(rt, user_id, session_id)
    if format == "json":
        site = await service.get_website(rt, user_id, session_id)
        website = website_status(request, site).model_dump()
        return BriefOut.model_validate({**brief.model_dump(), "website": website})
    contact = await service.site_contact(rt, user_id, session_id) if format == "site" else None
    download = await rt.export(brief, format, contact)
    return Response(
        download.body,
        media_type=download.media_type,
        headers={"Content-Disposition": f'attachment; filename="{download.filename}"'},
    )
