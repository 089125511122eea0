"""The web app for entrepreneurs: server-rendered pages in French and English.

Mounted by ``genesis.web.app``: ``router`` (every page) and ``STATIC_DIR`` (one CSS
and one JS file). Routes parse the form, call one use-case and render.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from genesis.core.errors import NotFoundError
from genesis.web.pages import account, brief, coach, finances, logo, public, published, sessions
from genesis.web.pages.render import STATIC_DIR, PageRoute

router = APIRouter(include_in_schema=False)
router.include_router(public.router)
router.include_router(sessions.router)
router.include_router(account.router)
router.include_router(brief.router)
router.include_router(coach.router)
router.include_router(logo.router)
router.include_router(finances.router)
router.include_router(published.router)

_unknown = APIRouter(route_class=PageRoute, include_in_schema=False)


@_unknown.get("/app/{rest:path}")
async def unknown_page(rest: str) -> Response:
    raise NotFoundError("No such page.")


router.include_router(_unknown)

__all__ = ["STATIC_DIR", "router"]
