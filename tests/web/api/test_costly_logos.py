"""A logo that costs too much is refused at upload; a PDF that still takes too
long is stopped with a clear error, and logins never wait behind it."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from genesis.config import Settings
from genesis.runtime import Runtime
from genesis.store import queries
from tests.conftest import asgi_client, running_app, signup
from tests.core.agents.test_svg import fan_out
from tests.web.api.test_briefs import coached, complete
from tests.web.api.test_coaching import drain_jobs
from tests.web.pages.forms import form

SVG = {"content-type": "image/svg+xml"}


@pytest.fixture
def empty_database_url(tmp_path: Path) -> str:
    """SQLite only: the costs are in the logo and the renderer, not the database."""
    return f"sqlite+aiosqlite:///{tmp_path / 'genesis.db'}"


async def test_a_logo_drawing_too_much_is_refused_at_upload(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    r = await client.post("/api/v1/coaching/start", json={}, headers=auth)
    sid = r.json()["session_id"]
    r = await client.put(
        f"/api/v1/coaching/session/{sid}/logo",
        content=fan_out(310, 310).encode(),
        headers={**auth, **SVG},
    )
    assert r.status_code == 422
    assert r.json()["error"] == "InvalidLogoError"
    assert "more than 5000 shapes once its <use> copies" in r.json()["detail"]


@pytest.fixture
async def slow_pdf_app(settings: Settings) -> AsyncIterator[FastAPI]:
    async with running_app(settings.model_copy(update={"pdf_timeout_seconds": 1.5})) as app:
        yield app


async def _brief_with_a_costly_logo(
    app: FastAPI, client: httpx.AsyncClient
) -> tuple[str, dict[str, str]]:
    """A finished brief whose logo was stored before uploads were bounded."""
    auth = await signup(client)
    sid = await coached(client, auth)
    await complete(client, auth, sid)
    await drain_jobs(app)
    rt: Runtime = app.state.runtime
    async with rt.transaction() as db:
        s = await queries.session_by_public_id(db, sid)
        assert s is not None
        brief = await queries.brief_of_session(db, s.id)
        assert brief is not None
        content = dict(brief.content)
        logo = dict(content["logo_creation"])
        logo["data"] = {**logo["data"], "svg": fan_out(310, 310)}
        brief.content = {**content, "logo_creation": logo}
    return sid, auth


async def test_a_pdf_over_its_time_is_stopped_and_logins_do_not_wait(
    slow_pdf_app: FastAPI,
) -> None:
    async with asgi_client(slow_pdf_app) as client:
        sid, auth = await _brief_with_a_costly_logo(slow_pdf_app, client)
        started = time.monotonic()
        pdf = asyncio.create_task(
            client.get(f"/api/v1/coaching/session/{sid}/brief?format=pdf", headers=auth)
        )
        await asyncio.sleep(0.7)  # the render is under way (the first one starts its server)
        before = time.monotonic()
        r = await client.post(
            "/api/v1/auth/login", json={"email": "awa@example.com", "password": "s3cret-pass"}
        )
        login_seconds = time.monotonic() - before
        assert r.status_code == 200
        assert not pdf.done()
        r = await pdf
        elapsed = time.monotonic() - started
    print(f"PDF stopped after {elapsed:.2f} s; a login meanwhile took {login_seconds:.3f} s")
    assert r.status_code == 503
    assert r.json()["error"] == "RenderTimeoutError"
    assert "took longer than 1.5 seconds to make and was stopped" in r.json()["detail"]
    assert elapsed < 4
    assert login_seconds < 0.5  # it waited 12 s behind the PDF before
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]  # no CPU burnt


async def test_the_brief_page_says_why_the_pdf_stopped(slow_pdf_app: FastAPI) -> None:
    async with asgi_client(slow_pdf_app) as client:
        sid, _ = await _brief_with_a_costly_logo(slow_pdf_app, client)
    async with asgi_client(slow_pdf_app) as browser:
        page = await browser.get("/login")
        data = form(page.text, "/login").data(email="awa@example.com", password="s3cret-pass")
        assert (await browser.post("/login", data=data)).status_code == 303
        r = await browser.get(f"/app/sessions/{sid}/download/pdf")
    assert r.status_code == 503
    assert "Le PDF a pris trop de temps" in r.text
