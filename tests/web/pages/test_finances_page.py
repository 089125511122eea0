"""The financial plan's figures corrected in a plain form: the plan follows at once."""

from __future__ import annotations

import html

import httpx
from fastapi import FastAPI

from genesis import service
from genesis.core.finance.model import Assumptions
from genesis.core.finance.parameters import tax_rates
from genesis.runtime import Runtime
from genesis.store import queries
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
    brief = await answer(browser, path, press="Je confirme cette synthèse")
    assert brief.url.path == path + "/brief"  # the brief starts once the synthesis is confirmed
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
    # A filled row keeps its labels in view (no placeholder that vanishes once typed in).
    assert '<label class="cell"><span>Durée (ans)</span><input name="inv_0_years"' in page.text

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


async def test_a_tax_by_turnover_is_kept_until_one_rate_is_typed(
    browser: httpx.AsyncClient, app: FastAPI
) -> None:
    path = await _brief_made(browser, app)
    session_id = path.rstrip("/").split("/")[-1]
    rt: Runtime = app.state.runtime
    async with rt.reading() as db:
        s = await queries.session_by_public_id(db, session_id)
        assert s is not None
        assert s.finance_assumptions is not None
        user_id, stored = s.user_id, Assumptions.model_validate(s.finance_assumptions)
    banded, _ = tax_rates("NG")  # 0 %, 20 %, 30 % by yearly turnover
    await service.update_finances(
        rt, user_id, session_id, stored.model_copy(update={"rates": banded})
    )
    page = await browser.get(path + "/finances")
    hint = "0\u00a0% jusqu'à 25\u202f000\u202f000\u00a0F\u202fCFA, 20\u00a0% jusqu'à"
    assert hint in html.unescape(page.text)
    edit = form(page.text, "/finances")
    r = await browser.post(path + "/finances", data=edit.data())  # nothing changed
    assert r.status_code == 303
    view = await service.get_finances(rt, user_id, session_id)
    assert len(view.assumptions["rates"]["corporate_tax_bands"]) == 3
    r = await browser.post(path + "/finances", data=edit.data(corporate_tax_pct="25"))
    assert r.status_code == 303
    view = await service.get_finances(rt, user_id, session_id)
    assert view.assumptions["rates"]["corporate_tax_bands"] == []
    assert view.assumptions["rates"]["corporate_tax_pct"] == "25"
