"""The coaching API end to end, on SQLite and PostgreSQL, with the offline coach."""

from __future__ import annotations

import uuid

import httpx
import pytest
from fastapi import FastAPI

from genesis.jobs import InProcessJobs
from genesis.runtime import Runtime
from tests.answers import FULL_RUN_FR
from tests.conftest import signup

ANSWERS = FULL_RUN_FR


async def start(client: httpx.AsyncClient, auth: dict[str, str], **payload: object) -> dict:
    """A new session (``"new": true``: without it, the active session is resumed)."""
    r = await client.post("/api/v1/coaching/start", json={"new": True, **payload}, headers=auth)
    assert r.status_code == 201, r.text
    return r.json()


async def answer(client: httpx.AsyncClient, auth: dict[str, str], sid: str, text: str) -> dict:
    r = await client.post(
        "/api/v1/coaching/step", json={"session_id": sid, "user_response": text}, headers=auth
    )
    assert r.status_code == 200, r.text
    return r.json()


async def drain_jobs(app: FastAPI) -> None:
    """Wait for the sub-agents' jobs the app runs in process."""
    jobs = app.state.jobs
    assert isinstance(jobs, InProcessJobs)
    await jobs.drain()


async def test_full_coaching_run(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    started = await start(client, auth, language="fr", business_name="Chez Awa")
    sid = started["session_id"]
    assert uuid.UUID(sid)
    assert started["status"] == "initialized"
    assert started["current_step"] == "vision"
    assert started["coach_message"]
    assert started["progress"] == dict.fromkeys(ANSWERS, False)
    assert started["coaching_plan"] == list(ANSWERS)

    out = await answer(client, auth, sid, "Poulet")  # too short: a follow-up
    assert out["is_step_complete"] is False
    assert out["retry_count"] == 1
    assert out["current_step"] == "vision"
    assert out["status"] == "in_progress"

    for step, text in ANSWERS.items():
        out = await answer(client, auth, sid, text)
        assert out["is_step_complete"] is True, step
        assert out["progress"][step] is True
        assert out["retry_count"] == 0
    assert out["status"] == "coaching_complete"
    assert all(out["progress"].values())

    r = await client.get(f"/api/v1/coaching/session/{sid}", headers=auth)
    detail = r.json()
    assert detail["status"] == "coaching_complete"
    assert len(detail["steps"]) == 8  # seven accepted answers and one follow-up
    assert [s["step_name"] for s in detail["steps"] if s["is_complete"]] == list(ANSWERS)
    roles = [m["role"] for m in detail["conversation_history"]]
    assert roles[0] == "coach"
    assert roles.count("user") == 8
    assert 0.9 <= detail["coaching_confidence"] <= 1.0  # every step answered well
    assert detail["has_brief"] is False
    assert detail["version"] >= 9

    r = await client.post("/api/v1/coaching/complete", json={"session_id": sid}, headers=auth)
    assert r.status_code == 202
    assert r.json()["status"] == "sub_agents_running"
    await drain_jobs(app)
    r = await client.get(f"/api/v1/coaching/session/{sid}", headers=auth)
    assert r.json()["status"] == "completed"
    assert r.json()["has_brief"] is True

    r = await client.post("/api/v1/coaching/complete", json={"session_id": sid}, headers=auth)
    assert r.status_code == 409
    assert "completed" in r.json()["detail"]


async def test_resume_returns_the_real_current_step(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await start(client, auth, language="en"))["session_id"]
    await answer(client, auth, sid, ANSWERS["vision"])
    r = await client.post("/api/v1/coaching/start", json={"session_id": sid}, headers=auth)
    assert r.status_code == 200
    resumed = r.json()
    assert resumed["current_step"] == "mission"
    assert resumed["progress"]["vision"] is True
    assert resumed["language"] == "en"
    assert "mission" in resumed["coach_message"].lower()


async def test_another_users_session_is_404(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await start(client, auth))["session_id"]
    other = await signup(client, "other@example.com")
    unknown = str(uuid.uuid4())
    for target in (sid, unknown):
        calls = [
            client.get(f"/api/v1/coaching/session/{target}", headers=other),
            client.post("/api/v1/coaching/start", json={"session_id": target}, headers=other),
            client.post(
                "/api/v1/coaching/step",
                json={"session_id": target, "user_response": "three words here"},
                headers=other,
            ),
            client.post("/api/v1/coaching/complete", json={"session_id": target}, headers=other),
            client.delete(f"/api/v1/coaching/session/{target}", headers=other),
        ]
        for call in calls:
            r = await call
            assert r.status_code == 404, r.text
            assert r.json() == {
                "error": "NotFoundError",
                "detail": "No coaching session with this id.",
            }
    # The owner's session is untouched.
    r = await client.get(f"/api/v1/coaching/session/{sid}", headers=auth)
    assert r.status_code == 200
    assert r.json()["steps"] == []


async def test_complete_before_the_end_lists_missing_steps(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await start(client, auth))["session_id"]
    await answer(client, auth, sid, ANSWERS["vision"])
    r = await client.post("/api/v1/coaching/complete", json={"session_id": sid}, headers=auth)
    assert r.status_code == 409
    assert r.json()["error"] == "CoachingIncompleteError"
    assert r.json()["missing_steps"] == [
        "mission",
        "clientele",
        "differentiation",
        "offre",
        "finances",
        "synthesis",
    ]


async def test_answer_after_coaching_is_409(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await start(client, auth, coaching_plan=["offre", "synthesis"]))["session_id"]
    await answer(client, auth, sid, ANSWERS["offre"])
    out = await answer(client, auth, sid, ANSWERS["synthesis"])
    assert out["status"] == "coaching_complete"
    r = await client.post(
        "/api/v1/coaching/step",
        json={"session_id": sid, "user_response": "one more answer please"},
        headers=auth,
    )
    assert r.status_code == 409
    assert r.json()["error"] == "InvalidTransitionError"
    assert "coaching_complete" in r.json()["detail"]


async def test_custom_plan_order_is_followed(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    out = await start(client, auth, coaching_plan=["clientele", "vision", "synthesis"])
    assert out["current_step"] == "clientele"
    out = await answer(client, auth, out["session_id"], ANSWERS["clientele"])
    assert out["current_step"] == "vision"
    assert out["progress"] == {"clientele": True, "vision": False, "synthesis": False}


@pytest.mark.parametrize(
    "plan", [["vision", "mission"], ["vision", "vision", "synthesis"], ["nope", "synthesis"]]
)
async def test_invalid_plan_is_422(
    client: httpx.AsyncClient, auth: dict[str, str], plan: list[str]
) -> None:
    r = await client.post("/api/v1/coaching/start", json={"coaching_plan": plan}, headers=auth)
    assert r.status_code == 422
    assert r.json()["error"] == "InvalidPlanError"


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({"user_response": ""}, "user_response"),
        ({"user_response": "   "}, "user_response"),
        ({"user_response": "x" * 5001}, "5000"),
        ({"user_response": "ok", "session_id": "not-a-uuid"}, "UUID"),
        ({"user_response": "ok", "step": "marketing"}, "step"),
    ],
)
async def test_bad_step_input_is_422(
    client: httpx.AsyncClient, auth: dict[str, str], payload: dict[str, str], fragment: str
) -> None:
    sid = (await start(client, auth))["session_id"]
    r = await client.post(
        "/api/v1/coaching/step", json={"session_id": sid, **payload}, headers=auth
    )
    assert r.status_code == 422
    assert fragment in r.json()["detail"]
    detail = (await client.get(f"/api/v1/coaching/session/{sid}", headers=auth)).json()
    assert detail["steps"] == []  # nothing recorded


async def test_stale_step_is_409_and_records_nothing(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await start(client, auth))["session_id"]
    r = await client.post(
        "/api/v1/coaching/step",
        json={"session_id": sid, "user_response": ANSWERS["mission"], "step": "mission"},
        headers=auth,
    )
    assert r.status_code == 409
    assert r.json()["error"] == "StaleStateError"
    detail = (await client.get(f"/api/v1/coaching/session/{sid}", headers=auth)).json()
    assert detail["steps"] == []


async def test_list_sessions_newest_first_and_by_status(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    first = (await start(client, auth))["session_id"]
    second = (await start(client, auth))["session_id"]
    await answer(client, auth, second, ANSWERS["vision"])
    r = await client.get("/api/v1/coaching/sessions", headers=auth)
    assert [s["session_id"] for s in r.json()] == [second, first]
    r = await client.get("/api/v1/coaching/sessions?status=in_progress", headers=auth)
    assert [s["session_id"] for s in r.json()] == [second]
    r = await client.get("/api/v1/coaching/sessions?status=bogus", headers=auth)
    assert r.status_code == 422


async def test_delete_session(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    sid = (await start(client, auth))["session_id"]
    await answer(client, auth, sid, ANSWERS["vision"])
    r = await client.delete(f"/api/v1/coaching/session/{sid}", headers=auth)
    assert r.status_code == 204
    r = await client.get(f"/api/v1/coaching/session/{sid}", headers=auth)
    assert r.status_code == 404


async def test_account_deletion_cascades(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    from sqlalchemy import func, select

    from genesis.store.models import BusinessBrief, CoachingSession, CoachingStep, User

    sid = (await start(client, auth, coaching_plan=["vision", "synthesis"]))["session_id"]
    await answer(client, auth, sid, ANSWERS["vision"])
    await answer(client, auth, sid, ANSWERS["synthesis"])
    await client.post("/api/v1/coaching/complete", json={"session_id": sid}, headers=auth)
    await drain_jobs(app)
    keep = await signup(client, "keep@example.com")
    await start(client, keep)

    r = await client.delete("/api/v1/auth/me", headers=auth)
    assert r.status_code == 204
    assert (await client.get("/api/v1/auth/me", headers=auth)).status_code == 401

    runtime: Runtime = app.state.runtime
    async with runtime.sessionmaker() as db:
        counts = {
            model.__name__: (await db.execute(select(func.count()).select_from(model))).scalar()
            for model in (User, CoachingSession, CoachingStep, BusinessBrief)
        }
    assert counts == {"User": 1, "CoachingSession": 1, "CoachingStep": 0, "BusinessBrief": 0}


async def test_follow_ups_then_move_on(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    sid = (await start(client, auth, language="fr"))["session_id"]
    out = await answer(client, auth, sid, "Poulet")
    assert out["is_step_complete"] is False
    # "Move on" with the same words moments later is a new request, not a double tap.
    r = await client.post(
        "/api/v1/coaching/step",
        json={"session_id": sid, "user_response": "Poulet", "force": True},
        headers=auth,
    )
    out = r.json()
    assert out["is_step_complete"] is True
    assert out["current_step"] == "mission"
    detail = (await client.get(f"/api/v1/coaching/session/{sid}", headers=auth)).json()
    assert detail["to_improve"] == ["vision"]


async def test_the_coach_never_loops(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    sid = (await start(client, auth, language="en"))["session_id"]
    vague = ["I don't know", "something good", "business stuff"]
    outs = [await answer(client, auth, sid, text) for text in vague]
    assert [o["is_step_complete"] for o in outs] == [False, False, True]
    assert [o["retry_count"] for o in outs] == [1, 2, 0]
    assert outs[-1]["current_step"] == "mission"


async def test_context_given_at_start_is_completed_and_wins(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (
        await start(
            client,
            auth,
            language="fr",
            cultural_context={"country": "CI", "city": "Bouaké"},
            sector_context={"sector": "agriculture"},
        )
    )["session_id"]
    await answer(client, auth, sid, FULL_RUN_FR["vision"])  # mentions Dakar and a caterer
    detail = (await client.get(f"/api/v1/coaching/session/{sid}", headers=auth)).json()
    assert detail["cultural_context"]["country_code"] == "CI"
    assert detail["cultural_context"]["currency"] == "XOF"
    assert detail["cultural_context"]["city"] == "Bouaké"
    assert detail["sector_context"]["sector"] == "agriculture"


@pytest.mark.parametrize(
    "payload",
    [
        {"cultural_context": {"country": "Atlantis"}},
        {"cultural_context": {"country_code": ["x"]}},
        {"sector_context": {"sector": "mining"}},
        {"business_name": "Chez\x00Awa"},
    ],
    ids=["unknown-country", "unknown-key", "unknown-sector", "nul"],
)
async def test_bad_start_input_is_422(
    client: httpx.AsyncClient, auth: dict[str, str], payload: dict[str, object]
) -> None:
    r = await client.post("/api/v1/coaching/start", json=payload, headers=auth)
    assert r.status_code == 422, r.text
    assert r.json()["detail"]


async def test_a_nul_character_in_an_answer_is_422(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await start(client, auth))["session_id"]
    r = await client.post(
        "/api/v1/coaching/step",
        json={"session_id": sid, "user_response": "Nous vendons\x00 du pain"},
        headers=auth,
    )
    assert r.status_code == 422
    assert "NUL" in str(r.json()["detail"])
