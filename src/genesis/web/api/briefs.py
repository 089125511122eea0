"""The sub-agents' progress (JSON or server-sent events), retries, and the brief
in its five formats."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import JSONResponse, StreamingResponse

from genesis import exports, service
from genesis.runtime import Runtime
from genesis.web.api.schemas import CompleteOut
from genesis.web.deps import RuntimeDep, UserIdDep

router = APIRouter(prefix="/coaching/session/{session_id}", tags=["brief"])

TERMINAL = {"completed", "failed"}
SSE_POLL_SECONDS = 0.5
SSE_HEARTBEAT_SECONDS = 15.0
SSE_MAX_SECONDS = 600.0


@router.post("/retry", response_model=CompleteOut, status_code=status.HTTP_202_ACCEPTED)
async def retry(session_id: str, user_id: UserIdDep, rt: RuntimeDep) -> CompleteOut:
    """Run the failed sub-agents of a failed session again."""
    new_status = await service.retry_agents(rt, user_id, session_id)
    return CompleteOut(session_id=session_id, status=new_status)


@router.get(
    "/progress",
    responses={200: {"content": {"text/event-stream": {}}, "description": "JSON or SSE"}},
)
async def progress(
    session_id: str, request: Request, user_id: UserIdDep, rt: RuntimeDep
) -> Response:
    """Each agent's status. With ``Accept: text/event-stream``, a stream of
    ``progress`` events, one per change, until the run is over."""
    first = await service.agents_progress(rt, user_id, session_id)  # 404 before streaming
    if "text/event-stream" not in request.headers.get("accept", ""):
        return JSONResponse(first)
    return StreamingResponse(
        progress_events(rt, user_id, session_id, first, request),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def progress_events(
    rt: Runtime, user_id: int, session_id: str, first: dict[str, Any], request: Request
) -> AsyncIterator[str]:
    """Server-sent ``progress`` events, one per change, until the run is over (also
    used by the brief page, with the cookie's user)."""
    loop = asyncio.get_running_loop()
    started = last_sent = loop.time()
    current = first
    yield _event(current)
    while current["status"] not in TERMINAL and loop.time() - started < SSE_MAX_SECONDS:
        await asyncio.sleep(SSE_POLL_SECONDS)
        if await request.is_disconnected():
            return
        latest = await service.agents_progress(rt, user_id, session_id)
        if latest != current:
            current = latest
            last_sent = loop.time()
            yield _event(current)
        elif loop.time() - last_sent > SSE_HEARTBEAT_SECONDS:
            last_sent = loop.time()
            yield ": still working\n\n"  # keeps proxies from closing an idle stream


def _event(data: dict[str, Any]) -> str:
    return f"event: progress\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


@router.get(
    "/brief",
    responses={
        200: {
            "content": {
                "application/json": {},
                "text/markdown": {},
                "application/pdf": {},
                "application/zip": {},
                exports.XLSX_MEDIA_TYPE: {},
            }
        }
    },
)
async def brief(
    session_id: str,
    user_id: UserIdDep,
    rt: RuntimeDep,
    format: Annotated[Literal["json", "md", "pdf", "site", "xlsx"], Query()] = "json",
) -> Response:
    """The business brief: JSON (default), Markdown, PDF, a one-page website (zip), or
    its financial plan as a spreadsheet of formulas (xlsx; 404 when it has none)."""
    content = await service.get_brief(rt, user_id, session_id)
    if format == "json":
        return JSONResponse(content)
    name = exports.file_stem(content)
    if format == "md":
        return _download(
            exports.to_markdown(content).encode(), "text/markdown; charset=utf-8", f"{name}.md"
        )
    if format == "pdf":
        pdf = await rt.run_cpu(exports.to_pdf, content)
        return _download(pdf, "application/pdf", f"{name}.pdf")
    if format == "xlsx":
        workbook = await rt.run_cpu(exports.to_xlsx, content)
        return _download(workbook, exports.XLSX_MEDIA_TYPE, exports.xlsx_name(content))
    archive = await rt.run_cpu(exports.to_site_zip, content)
    return _download(archive, "application/zip", f"{name}-site.zip")


def _download(body: bytes, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
