"""GET of a session returns its state and one page of its conversation; `before`
pages back to the first answer."""

from __future__ import annotations

import httpx

from tests.web.api.test_coaching import answer, start

ANSWERS = 7


async def _session(client: httpx.AsyncClient, auth: dict[str, str]) -> str:
    sid = str((await start(client, auth, language="fr"))["session_id"])
    for i in range(ANSWERS):
        await answer(client, auth, sid, f"Poulet numéro {i}")
    return sid


async def _get(
    client: httpx.AsyncClient, auth: dict[str, str], sid: str, **params: int
) -> httpx.Response:
    return await client.get(f"/api/v1/coaching/session/{sid}", params=params, headers=auth)


async def test_pages_reach_the_first_answer(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = await _session(client, auth)
    whole = (await _get(client, auth, sid, limit=ANSWERS)).json()
    assert whole["conversation"] == {
        "turns": ANSWERS,
        "first_turn": 0,
        "first_entry": 0,
        "before": None,
    }
    assert len(whole["conversation_history"]) == 1 + 2 * ANSWERS
    assert len(whole["steps"]) == ANSWERS

    pages, params = [], {"limit": 3}
    while True:
        r = await _get(client, auth, sid, **params)
        assert r.status_code == 200, r.text
        page = r.json()
        assert len(page["steps"]) <= 3  # the page size is honoured
        pages.append(page)
        if page["conversation"]["before"] is None:
            break
        params = {"limit": 3, "before": page["conversation"]["before"]}
    assert [p["conversation"]["first_turn"] for p in pages] == [4, 1, 0]
    assert [len(p["steps"]) for p in pages] == [3, 3, 1]
    assert [len(p["conversation_history"]) for p in pages] == [6, 6, 3]
    # Oldest first, the pages put together are the whole conversation and every step row.
    history = [e for p in reversed(pages) for e in p["conversation_history"]]
    assert history == whole["conversation_history"]
    steps = [st["user_response"] for p in reversed(pages) for st in p["steps"]]
    assert steps == [f"Poulet numéro {i}" for i in range(ANSWERS)]
    users = [e["message"] for e in history if e["role"] == "user"]
    assert users == steps
    assert pages[0]["current_step"] == whole["current_step"]
    assert pages[-1]["version"] == whole["version"]  # the state is on every page


async def test_default_page_is_the_latest(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    sid = str((await start(client, auth, language="fr"))["session_id"])
    fresh = (await _get(client, auth, sid)).json()
    assert fresh["conversation"] == {"turns": 0, "first_turn": 0, "first_entry": 0, "before": None}
    assert [e["role"] for e in fresh["conversation_history"]] == ["coach"]
    assert fresh["steps"] == []
    r = await _get(client, auth, sid, before=1)
    assert r.status_code == 422
    assert "has 0 answers, so there is nothing before" in r.json()["detail"]


async def test_bad_cursor_is_422(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    sid = await _session(client, auth)
    r = await _get(client, auth, sid, before=ANSWERS + 1)
    assert r.status_code == 422
    assert r.json()["error"] == "InvalidCursorError"
    assert f"the session has {ANSWERS} answers" in r.json()["detail"]
    for params in ({"before": 0}, {"limit": 0}, {"limit": 201}):
        r = await _get(client, auth, sid, **params)
        assert r.status_code == 422, params
    r = await client.get(f"/api/v1/coaching/session/{sid}?before=abc", headers=auth)
    assert r.status_code == 422
    assert "before" in r.json()["detail"]
    # The last answer is a valid cursor: the page before it.
    r = await _get(client, auth, sid, before=ANSWERS, limit=1)
    assert r.json()["steps"][0]["user_response"] == f"Poulet numéro {ANSWERS - 1}"
