"""Published websites at ``/s/{slug}``: public (no login, no cookie read or set),
served as they were stored when published (never rendered from the brief here),
and meant to be found by search engines. An unknown or taken-down address is a
404 page; taking a site down shows at once (``no-cache``: a browser or proxy must
ask again, and gets a cheap 304 while the page has not changed)."""

from __future__ import annotations

import hashlib
from typing import Final

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from genesis import service
from genesis.core.errors import NotFoundError
from genesis.web.deps import RuntimeDep
from genesis.web.pages.render import PageRoute, error_page

router = APIRouter(route_class=PageRoute, include_in_schema=False)

PUBLIC_HEADERS: Final = {
    "Cache-Control": "no-cache",
    # A visitor's click on a link of the page tells the other site nothing.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


@router.get("/s/{slug}")
async def published_site(slug: str, request: Request, rt: RuntimeDep) -> Response:
    try:
        page = await service.public_site(rt, slug)
    except NotFoundError:
        return error_page(request, 404, "site_not_found")
    # A new publication is a new moment: the tag changes with every one.
    digest = hashlib.sha256(f"{slug} {page.published_at.isoformat()}".encode()).hexdigest()
    etag = f'"{digest[:32]}"'
    headers = {**PUBLIC_HEADERS, "Content-Security-Policy": page.csp, "ETag": etag}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return HTMLResponse(page.html, headers=headers)
