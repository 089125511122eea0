"""A double tap on "send" records one answer: each rendered form carries its own
idempotency key, and the page passes it to ``service.submit_answer``."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI

from genesis.runtime import Runtime
from genesis.store import queries
from tests.answers import FULL_RUN_FR
from tests.web.pages.forms import form, register, start_session


async def user_answers(app: FastAPI, path: str) -> list[str]:
    """The answers stored for the session (the database, not the page)."""
    runtime: Runtime = app.state.runtime
    async with runtime.sessionmaker() as db:
        s = await queries.session_by_public_id(db, path.rsplit("/", 1)[1])
    assert s is not None
    return [e["message"] for e in s.conversation_history if e["role"] == "user"]


async def test_the_same_form_posted_twice_records_one_answer(
    browser: httpx.AsyncClient, app: FastAPI
) -> None:
    await register(browser)
    path = await start_session(browser, language="fr")
    page = await browser.get(path)
    data = form(page.text, "/answer").data(answer=FULL_RUN_FR["vision"])

    first = await browser.post(path + "/answer", data=data)
    second = await browser.post(path + "/answer", data=data)
    assert first.status_code == second.status_code == 303
    assert await user_answers(app, path) == [FULL_RUN_FR["vision"]]
    after = await browser.get(path)
    assert 'aria-current="step">Mission<' in after.text  # one step forward, not two


async def test_a_double_tap_in_flight_records_one_answer(
    browser: httpx.AsyncClient, app: FastAPI
) -> None:
    await register(browser)
    path = await start_session(browser, language="fr")
    page = await browser.get(path)
    data = form(page.text, "/answer").data(answer="Poulet")
    headers = {"X-Fragment": "1"}
    responses = await asyncio.gather(
        *(browser.post(path + "/answer", data=data, headers=headers) for _ in range(3))
    )
    assert [r.status_code for r in responses] == [200, 200, 200]
    # A vague answer twice would be two follow-ups; it is one.
    assert await user_answers(app, path) == ["Poulet"]
    final = await browser.get(path)
    assert final.text.count('class="msg you"') == 1


async def test_a_new_render_is_a_new_answer(browser: httpx.AsyncClient, app: FastAPI) -> None:
    """The key is per form render: answering again from a fresh page is a new answer."""
    await register(browser)
    path = await start_session(browser, language="fr")
    for text in ("Poulet", "Du poulet braisé"):
        page = await browser.get(path)
        r = await browser.post(path + "/answer", data=form(page.text, "/answer").data(answer=text))
        assert r.status_code == 303
    assert await user_answers(app, path) == ["Poulet", "Du poulet braisé"]


async def test_a_stale_form_does_not_answer_the_wrong_step(
    browser: httpx.AsyncClient, app: FastAPI
) -> None:
    """A form from a tab left on the vision step, once the session moved on."""
    await register(browser)
    path = await start_session(browser, language="fr")
    old_tab = form((await browser.get(path)).text, "/answer")
    fresh = form((await browser.get(path)).text, "/answer")
    await browser.post(path + "/answer", data=fresh.data(answer=FULL_RUN_FR["vision"]))

    r = await browser.post(path + "/answer", data=old_tab.data(answer="Une autre vision"))
    assert r.status_code == 303
    assert r.headers["location"].endswith("?notice=stale")
    page = await browser.get(r.headers["location"])
    assert "La session avait avancé" in page.text
    assert await user_answers(app, path) == [FULL_RUN_FR["vision"]]


async def test_the_form_key_alone_makes_a_replay(browser: httpx.AsyncClient, app: FastAPI) -> None:
    # Another text under the same form key (a resubmitted, edited form) is still the
    # first request: the key decides, not the text.
    await register(browser)
    path = await start_session(browser, language="fr")
    page = await browser.get(path)
    answer_form = form(page.text, "/answer")
    first = await browser.post(path + "/answer", data=answer_form.data(answer="Poulet"))
    assert first.status_code == 303
    second = await browser.post(
        path + "/answer", data=answer_form.data(answer=FULL_RUN_FR["vision"])
    )
    assert second.status_code in (303, 422)
    assert await user_answers(app, path) == ["Poulet"]
