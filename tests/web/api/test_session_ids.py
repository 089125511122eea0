"""Session ids in paths: anything that is not a UUID is a 404 on every route (a
NUL was a 500 on PostgreSQL), and a path accepts the spellings a body does."""

from __future__ import annotations

import uuid
from types import ModuleType

import httpx
from fastapi import FastAPI
from fastapi.routing import APIRoute

from genesis.web.api import briefs as api_briefs
from genesis.web.api import coaching as api_coaching
from genesis.web.api import logo as api_logo
from genesis.web.pages import brief as page_brief
from genesis.web.pages import coach as page_coach
from genesis.web.pages import logo as page_logo
from tests.conftest import asgi_client, signup
from tests.web.pages.forms import csrf_of, register

BAD_IDS = ["%00", "abc%00def", "not-a-uuid", "1" * 37, "%F0%9F%92%A9"]


def id_routes(modules: tuple[ModuleType, ...], prefix: str = "") -> list[tuple[str, str]]:
    """(method, path) of every route of ``modules`` with a session id in its path."""
    found = [
        (method, prefix + route.path)
        for module in modules
        for route in module.router.routes
        if isinstance(route, APIRoute) and "{session_id}" in route.path
        for method in sorted(route.methods)
    ]
    assert len(found) >= 6, found  # keeps up with new routes
    return found


API_ROUTES = id_routes((api_briefs, api_coaching, api_logo), "/api/v1")
PAGE_ROUTES = id_routes((page_brief, page_coach, page_logo))


def concrete(path: str, session_id: str) -> str:
    return (
        path.replace("{session_id}", session_id)
        .replace("{fmt}", "pdf")
        .replace("{path:path}", "index.html")
    )


async def test_a_malformed_session_id_in_an_api_path_is_404(client: httpx.AsyncClient) -> None:
    auth = await signup(client)
    for bad in BAD_IDS:
        for method, path in API_ROUTES:
            r = await client.request(method, concrete(path, bad), headers=auth)
            assert r.status_code == 404, (method, path, bad, r.text)
            assert r.json() == {
                "error": "NotFoundError",
                "detail": "No coaching session with this id.",
            }


async def test_a_malformed_session_id_in_a_page_path_is_a_404_page(app: FastAPI) -> None:
    async with asgi_client(app) as browser:
        await register(browser)
        token = csrf_of((await browser.get("/app/sessions")).text)
        for bad in BAD_IDS:
            for method, path in PAGE_ROUTES:
                data = {"csrf": token} if method == "POST" else None
                r = await browser.request(method, concrete(path, bad), data=data)
                assert r.status_code == 404, (method, path, bad)
                assert r.headers["content-type"].startswith("text/html")


SPELLINGS = (
    str.upper,
    lambda s: s.replace("-", ""),
    lambda s: "{" + s + "}",
    lambda s: "urn:uuid:" + s,
)


async def test_a_path_takes_the_spellings_a_body_takes(client: httpx.AsyncClient) -> None:
    auth = await signup(client)
    sid = (await client.post("/api/v1/coaching/start", json={}, headers=auth)).json()["session_id"]
    assert uuid.UUID(sid)
    for n, spell in enumerate(SPELLINGS):
        other = spell(sid)
        r = await client.post(
            "/api/v1/coaching/step",
            json={"session_id": other, "user_response": f"Poulet braisé numéro {n}"},
            headers=auth,
        )
        assert r.status_code == 200, r.text
        assert r.json()["session_id"] == sid
        r = await client.get(f"/api/v1/coaching/session/{other}", headers=auth)
        assert r.status_code == 200, (other, r.text)
        assert r.json()["session_id"] == sid
