"""Start without a session id resumes the person's active session, as the seed
describes; "new": true (and the web app's "New session") starts another."""

from __future__ import annotations

import httpx

from tests.answers import FULL_RUN_FR
from tests.web.pages.forms import register, start_session


async def _start(client: httpx.AsyncClient, auth: dict[str, str], **body: object) -> httpx.Response:
    return await client.post("/api/v1/coaching/start", json=body, headers=auth)


async def test_start_resumes_the_active_session_unless_asked_for_a_new_one(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    first = await _start(client, auth, language="fr")
    assert first.status_code == 201
    sid = first.json()["session_id"]
    r = await client.post(
        "/api/v1/coaching/step",
        json={"session_id": sid, "user_response": FULL_RUN_FR["vision"]},
        headers=auth,
    )
    assert r.json()["current_step"] == "mission"

    again = await _start(client, auth, language="en", business_name="Autre")
    assert again.status_code == 200  # resumed, the rest of the body left aside
    assert again.json()["session_id"] == sid
    assert again.json()["current_step"] == "mission"
    assert again.json()["language"] == "fr"

    other = await _start(client, auth, new=True, language="en")
    assert other.status_code == 201
    assert other.json()["session_id"] != sid
    latest = await _start(client, auth)
    assert latest.status_code == 200
    assert latest.json()["session_id"] == other.json()["session_id"]  # the most recent

    listed = await client.get("/api/v1/coaching/sessions", headers=auth)
    assert len(listed.json()) == 2


async def test_a_finished_coaching_is_not_resumed(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await _start(client, auth, coaching_plan=["offre", "synthesis"])).json()["session_id"]
    for step in ("offre", "synthesis"):
        r = await client.post(
            "/api/v1/coaching/step",
            json={"session_id": sid, "user_response": FULL_RUN_FR[step], "step": step},
            headers=auth,
        )
        assert r.json()["is_step_complete"], r.text
    assert r.json()["status"] == "coaching_complete"
    fresh = await _start(client, auth)
    assert fresh.status_code == 201
    assert fresh.json()["session_id"] != sid


async def test_resume_and_new_together_is_422(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await _start(client, auth)).json()["session_id"]
    r = await _start(client, auth, session_id=sid, new=True)
    assert r.status_code == 422
    assert "not both" in r.json()["detail"]


async def test_the_new_session_button_always_starts_a_new_one(
    client: httpx.AsyncClient,
) -> None:
    await register(client)
    first = await start_session(client, business_name="Chez Awa")
    second = await start_session(client, business_name="Awa Traiteur")
    assert first != second
    page = await client.get("/app/sessions")
    assert "Chez Awa" in page.text
    assert "Awa Traiteur" in page.text
