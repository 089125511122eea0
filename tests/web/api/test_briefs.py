"""The sub-agents' run and the brief through the API, with in-process jobs:
progress (JSON and server-sent events), the brief in four formats, a failed
agent and its retry."""

from __future__ import annotations

import asyncio
import io
import json
import uuid
import zipfile
from collections.abc import AsyncIterator
from xml.etree import ElementTree

import httpx
import pytest
from fastapi import FastAPI

from genesis.config import Settings
from genesis.core.agents import runner
from genesis.core.agents.brief import Brief
from genesis.core.agents.types import AGENT_NAMES, AgentInput, AgentResult
from genesis.core.coach.types import Coach
from genesis.core.contact import SiteContact
from tests.answers import FULL_RUN_FR
from tests.conftest import asgi_client, running_app, signup
from tests.fake_llm import FakeLLM
from tests.web.api.test_coaching import drain_jobs

SEED_FIELDS = (
    "business_name",
    "vision",
    "mission",
    "target_audience",
    "differentiation",
    "value_proposition",
    "sector",
    "location",
)


async def coached(client: httpx.AsyncClient, auth: dict[str, str]) -> str:
    """A session whose coaching is complete (not yet handed to the agents)."""
    r = await client.post(
        "/api/v1/coaching/start",
        json={"language": "fr", "business_name": "Chez Awa"},
        headers=auth,
    )
    sid: str = r.json()["session_id"]
    for step, text in FULL_RUN_FR.items():
        r = await client.post(
            "/api/v1/coaching/step",
            json={"session_id": sid, "user_response": text, "step": step},
            headers=auth,
        )
        assert r.json()["is_step_complete"], r.text
    return sid


async def complete(client: httpx.AsyncClient, auth: dict[str, str], sid: str) -> None:
    r = await client.post("/api/v1/coaching/complete", json={"session_id": sid}, headers=auth)
    assert r.status_code == 202, r.text


async def test_the_brief_after_a_full_run(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await coached(client, auth)
    r = await client.get(f"/api/v1/coaching/session/{sid}/brief", headers=auth)
    assert r.status_code == 409
    assert "coaching_complete" in r.json()["detail"]

    await complete(client, auth, sid)
    await drain_jobs(app)
    progress = (await client.get(f"/api/v1/coaching/session/{sid}/progress", headers=auth)).json()
    assert progress["status"] == "completed"
    assert progress["finished"] == progress["total"] == 6  # five agents and the financial plan
    assert all(
        a["status"] == "ok" and a["duration_ms"] is not None for a in progress["agents"].values()
    )

    brief = (await client.get(f"/api/v1/coaching/session/{sid}/brief", headers=auth)).json()
    for name in SEED_FIELDS:
        assert brief[name], name
    assert brief["business_name"] == "Chez Awa"
    assert brief["sector"] == "restaurant"
    assert "Dakar" in brief["location"]
    assert brief["vision"] == FULL_RUN_FR["vision"]
    for name in AGENT_NAMES:
        assert brief[name]["status"] == "ok"
        assert set(brief[name]) >= {"status", "data", "error", "duration_ms"}
    figures = brief["market_research"]["data"]["figures"]
    assert figures
    assert all(f["source"] and f["year"] for f in figures)
    ElementTree.fromstring(brief["logo_creation"]["data"]["svg"])
    seo = brief["seo_optimization"]["data"]
    assert 0 < len(seo["meta_title"]) <= 60
    assert 0 < len(seo["meta_description"]) <= 160
    assert 0 < brief["overall_confidence"] <= 1
    assert 0 < brief["brief_completeness"] <= 1


async def test_the_brief_in_every_format(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await coached(client, auth)
    await complete(client, auth, sid)
    await drain_jobs(app)
    url = f"/api/v1/coaching/session/{sid}/brief"

    md = await client.get(url, params={"format": "md"}, headers=auth)
    assert md.headers["content-type"].startswith("text/markdown")
    assert "Chez Awa" in md.text
    assert "attachment" in md.headers["content-disposition"]

    pdf = await client.get(url, params={"format": "pdf"}, headers=auth)
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    site = await client.get(url, params={"format": "site"}, headers=auth)
    assert site.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(site.content)) as archive:
        assert {"index.html", "styles.css", "logo.svg"} <= set(archive.namelist())
        assert 'lang="fr"' in archive.read("index.html").decode()

    bad = await client.get(url, params={"format": "docx"}, headers=auth)
    assert bad.status_code == 422


async def test_another_users_brief_is_404(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await coached(client, auth)
    await complete(client, auth, sid)
    await drain_jobs(app)
    intruder = await signup(client, email="intruder@example.com")
    for path in ("brief", "progress"):
        r = await client.get(f"/api/v1/coaching/session/{sid}/{path}", headers=intruder)
        assert r.status_code == 404
    r = await client.post(f"/api/v1/coaching/session/{sid}/retry", headers=intruder)
    assert r.status_code == 404


async def test_progress_streams_server_sent_events(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await coached(client, auth)
    await complete(client, auth, sid)
    events = []
    async with client.stream(
        "GET",
        f"/api/v1/coaching/session/{sid}/progress",
        headers={**auth, "Accept": "text/event-stream"},
    ) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        async for line in r.aiter_lines():
            if line.startswith("data: "):
                events.append(json.loads(line.removeprefix("data: ")))
    # The stream ends by itself once the run is over, the last event says so.
    assert events[-1]["status"] == "completed"
    assert events[-1]["finished"] == 6
    finished = [e["finished"] for e in events]
    assert finished == sorted(finished)


@pytest.fixture
async def slow_llm_app(
    settings: Settings, coach: Coach, fake_llm: FakeLLM
) -> AsyncIterator[FastAPI]:
    """An LLM is configured, but it takes 5 s to say nothing useful; agents have 2.5 s
    (room for the in-thread fake to see the requests on a busy machine)."""
    fake_llm.default = ("sleep", 5, {"unexpected": True})
    slow = settings.model_copy(
        update={"llm_base_url": fake_llm.base_url, "agent_timeout_seconds": 2.5}
    )
    async with running_app(slow, coach) as application:
        yield application


async def test_a_slow_llm_gives_an_honest_fallback_brief(
    slow_llm_app: FastAPI, fake_llm: FakeLLM
) -> None:
    async with asgi_client(slow_llm_app) as client:
        auth = await signup(client)
        sid = await coached(client, auth)
        await complete(client, auth, sid)
        await drain_jobs(slow_llm_app)
        brief = (await client.get(f"/api/v1/coaching/session/{sid}/brief", headers=auth)).json()
    assert fake_llm.requests, "the agents asked the LLM"
    fallbacks = [n for n in AGENT_NAMES if brief[n]["status"] == "fallback"]
    assert fallbacks
    assert all(brief[n]["error"] for n in fallbacks)
    assert {brief[n]["status"] for n in AGENT_NAMES} <= {"ok", "fallback"}
    assert brief["overall_confidence"] < 1


async def failed_run(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> str:
    """A session whose run failed: its template agent is broken until ``monkeypatch.undo()``."""

    async def broken(inp: AgentInput, **_: object) -> AgentResult:
        raise RuntimeError("the template catalogue is unreadable")

    monkeypatch.setitem(runner.AGENTS, "template_selection", broken)  # type: ignore[arg-type]
    sid = await coached(client, auth)
    await complete(client, auth, sid)
    await drain_jobs(app)
    return sid


async def test_a_failed_agent_fails_the_run_and_a_retry_completes_it(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = await failed_run(client, auth, app, monkeypatch)
    url = f"/api/v1/coaching/session/{sid}"
    progress = (await client.get(url + "/progress", headers=auth)).json()
    assert progress["status"] == "failed"
    assert progress["agents"]["template_selection"]["status"] == "failed"
    assert "template_selection" in progress["failure_reason"]
    assert "unreadable" in progress["failure_reason"]
    finished_at = {
        n: a["finished_at"] for n, a in progress["agents"].items() if a["status"] == "ok"
    }
    assert len(finished_at) == 5
    r = await client.get(url + "/brief", headers=auth)
    assert r.status_code == 409
    assert "failed" in r.json()["detail"]

    monkeypatch.undo()  # repaired
    r = await client.post(url + "/retry", headers=auth)
    assert r.status_code == 202, r.text
    await drain_jobs(app)
    progress = (await client.get(url + "/progress", headers=auth)).json()
    assert progress["status"] == "completed"
    assert progress["agents"]["template_selection"]["status"] == "ok"
    for name, at in finished_at.items():  # the agents that had succeeded did not run again
        assert progress["agents"][name]["finished_at"] == at

    r = await client.post(url + "/retry", headers=auth)
    assert r.status_code == 409  # only a failed run can be retried


async def test_a_brief_built_on_forced_vague_answers_says_so(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    good_sid = await coached(client, auth)
    await complete(client, auth, good_sid)
    r = await client.post("/api/v1/coaching/start", json={"language": "fr"}, headers=auth)
    sid = r.json()["session_id"]
    # The same words for every step: naming the step tells them from a double tap.
    for step in list(FULL_RUN_FR)[:-1]:
        r = await client.post(
            "/api/v1/coaching/step",
            json={
                "session_id": sid,
                "user_response": "je ne sais pas",
                "force": True,
                "step": step,
            },
            headers=auth,
        )
        assert r.json()["is_step_complete"], r.text
    confirm = await client.post(
        "/api/v1/coaching/step",
        json={"session_id": sid, "user_response": "Oui, je confirme.", "step": "synthesis"},
        headers=auth,
    )
    assert confirm.json()["status"] == "coaching_complete", confirm.text
    await complete(client, auth, sid)
    await drain_jobs(app)
    good = (await client.get(f"/api/v1/coaching/session/{good_sid}/brief", headers=auth)).json()
    weak = (await client.get(f"/api/v1/coaching/session/{sid}/brief", headers=auth)).json()
    assert weak["overall_confidence"] < 0.5 < good["overall_confidence"]
    assert weak["brief_completeness"] < good["brief_completeness"]
    assert any("améliorer" in w for w in weak["warnings"])


async def test_a_job_that_keeps_dying_ends_failed_not_in_a_loop(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    from genesis import service
    from genesis.service import agents as agents_service

    async def crash(*_: object, **__: object) -> None:
        raise RuntimeError("the database went away mid-run")

    runtime = app.state.runtime
    monkeypatch.setattr(agents_service, "_finish", crash)
    monkeypatch.setattr(runtime.settings, "agents_lease_seconds", 0.05)
    monkeypatch.setattr(agents_service, "RECOVERY_GRACE_SECONDS", 0)
    sid = await coached(client, auth)
    await complete(client, auth, sid)
    await drain_jobs(app)
    url = f"/api/v1/coaching/session/{sid}/progress"
    for _ in range(agents_service.MAX_AGENT_ATTEMPTS):  # the first job, then recoveries
        assert (await client.get(url, headers=auth)).json()["status"] == "sub_agents_running"
        await asyncio.sleep(0.1)  # the dead job's lease runs out
        assert await service.recover_stalled(runtime) == [sid]
        await drain_jobs(app)
    progress = (await client.get(url, headers=auth)).json()
    assert progress["status"] == "failed"
    assert "stopped 3 times" in progress["failure_reason"]

    monkeypatch.undo()  # the cause is fixed: a retry completes the run
    r = await client.post(f"/api/v1/coaching/session/{sid}/retry", headers=auth)
    assert r.status_code == 202
    await drain_jobs(app)
    assert (await client.get(url, headers=auth)).json()["status"] == "completed"


def serve_brief(monkeypatch: pytest.MonkeyPatch, content: dict[str, object]) -> None:
    """The service gives this brief content, whatever the session (the routes,
    rendering and downloads stay real)."""
    from genesis import service

    async def get_brief(*_: object) -> Brief:
        return Brief.model_validate(content)  # as the content is now

    async def site_contact(*_: object) -> SiteContact:
        return SiteContact()  # no contact details given

    monkeypatch.setattr(service, "get_brief", get_brief)
    monkeypatch.setattr(service, "site_contact", site_contact)


async def test_the_financial_plan_as_a_spreadsheet(
    client: httpx.AsyncClient, auth: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    from tests.briefs import brief_content, senegal_restaurant
    from tests.exports.plans import section, xof_restaurant

    content = await brief_content(senegal_restaurant(business_name="Chez Awa"))
    content["financial_plan"] = section(xof_restaurant())
    serve_brief(monkeypatch, content)
    url = f"/api/v1/coaching/session/{uuid.uuid4()}/brief"  # served by the stand-in

    r = await client.get(url, params={"format": "xlsx"}, headers=auth)
    assert r.status_code == 200
    assert r.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert r.headers["content-disposition"] == 'attachment; filename="chez-awa-finances.xlsx"'
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames[0] == "Hypothèses"
    assert str(book["Budget de départ"]["B4"].value).startswith("=")
    md = await client.get(url, params={"format": "md"}, headers=auth)
    assert "## Plan financier" in md.text
    pdf = await client.get(url, params={"format": "pdf"}, headers=auth)
    assert pdf.content.startswith(b"%PDF")

    for missing in (None, {"status": "failed", "data": {}, "error": "x", "duration_ms": 1}):
        content.pop("financial_plan", None)
        if missing is not None:
            content["financial_plan"] = missing
        r = await client.get(url, params={"format": "xlsx"}, headers=auth)
        assert r.status_code == 404
        assert "financial plan" in r.json()["detail"]
        for fmt in ("md", "pdf", "site"):  # every other format still renders
            assert (await client.get(url, params={"format": fmt}, headers=auth)).status_code == 200
