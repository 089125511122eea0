"""The financial plan's figures corrected in a plain form: the plan follows at once."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.answers import FULL_RUN_FR
from tests.web.pages.forms import answer, form, register, start_session
from tests.web.pages.test_core_loop import STEPS, drain_jobs


async def _brief_made(browser: httpx.AsyncClient, app: FastAPI) -> str:
    await register(browser)
    path = await start_session(
        browser, business_name="Chez Awa", sector="restaurant", country="SN", city="Dakar"
    )
    for step in STEPS:
        await answer(browser, path, FULL_RUN_FR[step])
    page = await answer(browser, path, press="Je confirme cette synthèse")
    r = await browser.post(path + "/complete", data=form(page.text, "/complete").data())
    assert r.status_code == 303
    await drain_jobs(app)
    return path


async def test_correcting_a_price_makes_the_plan_again(
    browser: httpx.AsyncClient, app: FastAPI
) -> None:
    path = await _brief_made(browser, app)
    brief = await browser.get(path + "/brief")
    assert "Corriger les chiffres" in brief.text
    page = await browser.get(path + "/finances")
    assert page.status_code == 200
    edit = form(page.text, "/finances")
    assert edit.fields["unit_price"] == "2500"
    assert edit.fields["fin_1_kind"] == "microfinance"
    assert edit.fields["fin_1_months"] == "18"

    r = await browser.post(
        path + "/finances",
        data=edit.data(unit_price="3 000", inv_2_label="Congélateur", inv_2_amount="250k",
                       inv_2_years="5"),
    )  # fmt: skip
    assert r.status_code == 303
    assert r.headers["location"].endswith("/brief#h-finance")
    again = form((await browser.get(path + "/finances")).text, "/finances")
    assert again.fields["unit_price"] == "3000"
    assert again.fields["inv_2_label"] == "Congélateur"
    assert again.fields["inv_2_amount"] == "250000"
    brief = await browser.get(path + "/brief")
    assert "Congélateur" in brief.text  # in the plan's tables


async def test_an_unreadable_amount_shows_the_form_again_and_changes_nothing(
    browser: httpx.AsyncClient, app: FastAPI
) -> None:
    path = await _brief_made(browser, app)
    edit = form((await browser.get(path + "/finances")).text, "/finances")
    r = await browser.post(path + "/finances", data=edit.data(unit_price="pas cher"))
    assert r.status_code == 422
    assert "pas cher" in r.text  # what the person typed is still there
    assert 'role="alert"' in r.text
    kept = form((await browser.get(path + "/finances")).text, "/finances")
    assert kept.fields["unit_price"] == "2500"
