"""The person's own logo from the coaching page: a small file form (multipart,
CSRF-checked like every form), and a button to go back to the generated logo."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status
from starlette.datastructures import FormData, UploadFile
from starlette.responses import Response

from genesis import service
from genesis.core.agents.svg import MAX_SVG_BYTES
from genesis.core.errors import InvalidLogoError
from genesis.service import ConversationView
from genesis.service.logo import LOGO_STATUSES
from genesis.web.deps import SessionIdDep
from genesis.web.pages.render import FormDep, Page, PageRoute, UserPageDep, templates

router = APIRouter(prefix="/app/sessions", route_class=PageRoute, include_in_schema=False)

# Room for the multipart envelope and the CSRF field around the file.
MAX_FORM_BYTES = MAX_SVG_BYTES + 10_000


def logo_form(s: ConversationView) -> dict[str, bool]:
    """For the coaching page: whether the form shows, and whether a logo is set."""
    return {"open": s.status in LOGO_STATUSES, "uploaded": s.uploaded_logo}


templates.globals["logo_form"] = logo_form


async def small_body(request: Request) -> None:
    """Refuse an oversized upload before the form is read."""
    length = request.headers.get("content-length", "")
    if not length.isdigit() or int(length) > MAX_FORM_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE)


@router.post("/{session_id}/logo", dependencies=[Depends(small_body)])
async def upload(session_id: SessionIdDep, page: UserPageDep, form: FormDep) -> Response:
    try:
        await service.set_logo(page.rt, page.user_id, session_id, await _svg_text(page, form))
    except InvalidLogoError as refused:
        return page.render("logo_refused.html", 422, session_id=session_id, why=refused.reason)
    return page.redirect(f"/app/sessions/{session_id}#logo")


async def _svg_text(page: Page, form: FormData) -> str:
    file = form.get("logo")
    try:
        if not isinstance(file, UploadFile) or not file.filename:
            raise InvalidLogoError("No file.", page.t("logo_no_file"))
        raw = await file.read(MAX_SVG_BYTES + 1)
    finally:
        await form.close()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidLogoError("Not UTF-8.", page.t("logo_not_text")) from None


@router.post("/{session_id}/logo/remove")
async def remove(session_id: SessionIdDep, page: UserPageDep, form: FormDep) -> Response:
    await service.clear_logo(page.rt, page.user_id, session_id)
    return page.redirect(f"/app/sessions/{session_id}#logo")
