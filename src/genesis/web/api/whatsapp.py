"""The WhatsApp webhook (GET verification, signed POSTs) and the brief's PDF link.

Off (404) unless the channel is configured. A POST is acknowledged as soon as
its messages are recorded; the coach answers from the job engine.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.background import BackgroundTask

from genesis.runtime import Runtime
from genesis.service import whatsapp
from genesis.web.deps import RuntimeDep, SessionIdDep
from genesis.web.errors import error_body
from genesis.whatsapp.webhook import SIGNATURE_HEADER

router = APIRouter(prefix="/whatsapp", include_in_schema=False)

OFF = "The WhatsApp channel is not configured on this server."


def _off() -> JSONResponse:
    return JSONResponse(error_body("NotFoundError", OFF), status.HTTP_404_NOT_FOUND)


@router.get("/webhook")
async def verify(
    rt: RuntimeDep,
    mode: Annotated[str, Query(alias="hub.mode", max_length=64)] = "",
    token: Annotated[str, Query(alias="hub.verify_token", max_length=512)] = "",
    challenge: Annotated[str, Query(alias="hub.challenge", max_length=512)] = "",
) -> Response:
    """Meta's subscription check: echo the challenge when the verify token matches."""
    settings = rt.settings
    if not settings.whatsapp_enabled:
        return _off()
    expected = settings.whatsapp_verify_token.encode()
    if mode != "subscribe" or not hmac.compare_digest(expected, token.encode()):
        return JSONResponse(
            error_body("ForbiddenError", "hub.mode must be 'subscribe' with the verify token."),
            status.HTTP_403_FORBIDDEN,
        )
    return PlainTextResponse(challenge)


async def receive(request: Request) -> Response:
    """A signed POST from WhatsApp: recorded (committed) before the 200, its
    messages handed to the job engine after the 200 is sent.

    A plain Starlette endpoint (see the add_route below): the raw body is read
    once and nothing else is done before the answer; FastAPI's dependency and
    validation machinery would only add CPU to the route that must answer fastest.
    """
    rt: Runtime = request.app.state.runtime
    if not rt.settings.whatsapp_enabled:
        return _off()
    raw = await request.body()
    try:
        received = await whatsapp.receive(rt, raw, request.headers.get(SIGNATURE_HEADER))
    except whatsapp.InvalidSignatureError as exc:
        return JSONResponse(
            error_body("InvalidSignatureError", str(exc)), status.HTTP_401_UNAUTHORIZED
        )
    except whatsapp.PayloadError as exc:
        return JSONResponse(error_body("BadRequestError", str(exc)), status.HTTP_400_BAD_REQUEST)
    return JSONResponse(
        {
            "received": received.messages,
            "duplicates": received.duplicates,
            "statuses": received.statuses,
        },
        background=BackgroundTask(whatsapp.enqueue, rt, received.numbers),
    )


router.add_route("/whatsapp/webhook", receive, methods=["POST"], include_in_schema=False)


@router.get("/brief/{session_id}.pdf")
async def brief_pdf(
    session_id: SessionIdDep,
    rt: RuntimeDep,
    expires: Annotated[int, Query(ge=0, le=2**40)] = 0,
    signature: Annotated[str, Query(max_length=128)] = "",
) -> Response:
    """The brief's PDF for the Graph API to fetch: the link is signed and expires."""
    if not rt.settings.whatsapp_enabled:
        return _off()
    pdf = await whatsapp.brief_pdf(rt, session_id, expires, signature)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="brief.pdf"'},
    )
