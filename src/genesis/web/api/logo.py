"""The person's own logo: an SVG sent as the raw request body, or removed."""

from __future__ import annotations

from typing import Final

from fastapi import APIRouter, HTTPException, Request, Response, status

from genesis import service
from genesis.core.agents.svg import MAX_SVG_BYTES
from genesis.core.errors import InvalidLogoError
from genesis.web.api.schemas import error_responses
from genesis.web.deps import RuntimeDep, SessionIdDep, UserIdDep

router = APIRouter(prefix="/coaching/session/{session_id}", tags=["brief"])

SVG_MEDIA_TYPE: Final = "image/svg+xml"


async def read_svg(request: Request) -> str:
    """The body as SVG text: 415 for another type, 413 past the size limit."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != SVG_MEDIA_TYPE:
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"Send the logo as the raw body with 'Content-Type: {SVG_MEDIA_TYPE}'.",
        )
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_SVG_BYTES:
            raise HTTPException(
                status.HTTP_413_CONTENT_TOO_LARGE,
                f"The logo is larger than {MAX_SVG_BYTES // 1000} KB.",
            )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidLogoError(
            "The SVG logo was refused: it is not UTF-8 text.", "not UTF-8 text"
        ) from None


@router.put(
    "/logo",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {SVG_MEDIA_TYPE: {"schema": {"type": "string"}}},
        }
    },
    responses=error_responses(
        401,
        404,
        409,
        413,
        415,
        422,
        503,
        e409="The brief is already made or being made.",
        e413="Larger than 100 KB.",
        e415="Not sent as image/svg+xml.",
        e422="Refused by the sanitiser (scripts, links outside the file, too many shapes "
        "once <use> copies are counted...); `detail` says why.",
    ),
)
async def put_logo(
    session_id: SessionIdDep, request: Request, user_id: UserIdDep, rt: RuntimeDep
) -> None:
    """Use this SVG as the brief's logo instead of a generated one. It is
    sanitised (only basic shapes, text, gradients and internal references are
    kept); a file with scripts, event handlers or external links is refused."""
    await service.set_logo(rt, user_id, session_id, await read_svg(request))


@router.delete(
    "/logo",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=error_responses(401, 404, 409, 503),
)
async def delete_logo(session_id: SessionIdDep, user_id: UserIdDep, rt: RuntimeDep) -> None:
    """Go back to the generated logo."""
    await service.clear_logo(rt, user_id, session_id)
