"""The brief's one-page website: its contact details, publishing it at a public
address (``/s/{slug}``, no login needed) and taking it down."""

from __future__ import annotations

from fastapi import APIRouter, Request

from genesis import service
from genesis.web.api.schemas import (
    ContactIn,
    ContactOut,
    WebsiteOut,
    WebsiteStatusOut,
    error_responses,
)
from genesis.web.deps import RuntimeDep, SessionIdDep, UserIdDep, site_url

router = APIRouter(prefix="/coaching/session/{session_id}/website", tags=["website"])


def website_status(request: Request, view: service.WebsiteView) -> WebsiteStatusOut:
    return WebsiteStatusOut(
        published=view.published,
        url=site_url(request, view.slug) if view.published else None,
        published_at=view.published_at,
    )


def website_out(request: Request, view: service.WebsiteView) -> WebsiteOut:
    contact = view.contact
    return WebsiteOut(
        **website_status(request, view).model_dump(),
        session_id=view.session_id,
        contact=ContactOut(
            whatsapp=contact.whatsapp,
            phone=contact.phone,
            hours=contact.hours,
            address=contact.address,
            whatsapp_link=contact.whatsapp_link or None,
        ),
    )


@router.get("", response_model=WebsiteOut, responses=error_responses(401, 404))
async def website(
    session_id: SessionIdDep, request: Request, user_id: UserIdDep, rt: RuntimeDep
) -> WebsiteOut:
    """The website's contact details, and whether and where it is published."""
    view = await service.get_website(rt, user_id, session_id)
    return website_out(request, view)


@router.get("/contact", response_model=ContactOut, responses=error_responses(401, 404))
async def get_contact(
    session_id: SessionIdDep, request: Request, user_id: UserIdDep, rt: RuntimeDep
) -> ContactOut:
    """The contact details the website shows (empty strings: not given)."""
    view = await service.get_website(rt, user_id, session_id)
    return website_out(request, view).contact


@router.put(
    "/contact",
    response_model=WebsiteOut,
    responses=error_responses(
        401,
        404,
        422,
        503,
        e422="A detail cannot be used (`field` names it): a phone number with letters "
        "or too few digits, text too long...",
    ),
)
async def put_contact(
    session_id: SessionIdDep,
    body: ContactIn,
    request: Request,
    user_id: UserIdDep,
    rt: RuntimeDep,
) -> WebsiteOut:
    """Replace the contact details (phone numbers are kept as digits with an optional
    +). A published website is published again with them at once."""
    view = await service.set_contact(
        rt,
        user_id,
        session_id,
        whatsapp=body.whatsapp,
        phone=body.phone,
        hours=body.hours,
        address=body.address,
    )
    return website_out(request, view)


@router.post(
    "/publish",
    response_model=WebsiteOut,
    responses=error_responses(
        401, 404, 409, 503, e409="The brief is not ready yet (the session's status says why)."
    ),
)
async def publish(
    session_id: SessionIdDep, request: Request, user_id: UserIdDep, rt: RuntimeDep
) -> WebsiteOut:
    """Publish the website (or publish it again after a change): `url` is its public
    address, which anyone can open without logging in and which stays the same
    every time it is published again."""
    view = await service.publish_site(rt, user_id, session_id)
    return website_out(request, view)


@router.delete("/publish", response_model=WebsiteOut, responses=error_responses(401, 404, 503))
async def unpublish(
    session_id: SessionIdDep, request: Request, user_id: UserIdDep, rt: RuntimeDep
) -> WebsiteOut:
    """Take the website down: its address answers 404 at once (publishing again
    brings it back at the same address)."""
    view = await service.unpublish_site(rt, user_id, session_id)
    return website_out(request, view)
