"""The financial plan's assumptions through the API: read, correct, see the plan move."""

from __future__ import annotations

from decimal import Decimal

import httpx
from fastapi import FastAPI

from tests.answers import FULL_RUN_FR
from tests.conftest import signup
from tests.web.api.test_briefs import coached, complete
from tests.web.api.test_coaching import answer, drain_jobs, start


def _revenue_year_1(plan: dict) -> Decimal:
    rows = plan["data"]["income_statement"]["rows"]
    revenue = next(row for row in rows if row["key"] == "revenue")
    return Decimal(revenue["values"][0])


async def test_the_assumptions_after_coaching_and_the_plan_after_the_brief(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await coached(client, auth)
    url = f"/api/v1/coaching/session/{sid}/finances"
    r = await client.get(url, headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["plan"] is None  # no brief yet
    assumptions = body["assumptions"]
    assert assumptions["currency"] == "XOF"
    assert Decimal(assumptions["products"][0]["unit_price"]) == 2500  # from the offer
    assert Decimal(assumptions["units_per_month"]) == 600
    assert Decimal(assumptions["fixed_costs"]["salaries"]) == 180000
    given = {n["key"] for n in assumptions["notes"] if n["origin"] == "given"}
    assert {"units_per_month", "fixed_costs", "financing"} <= given

    await complete(client, auth, sid)
    await drain_jobs(app)
    brief = (await client.get(f"/api/v1/coaching/session/{sid}/brief", headers=auth)).json()
    assert brief["financial_plan"]["status"] == "ok"
    plan = (await client.get(url, headers=auth)).json()["plan"]
    assert plan["status"] == "ok"
    before = _revenue_year_1(plan)

    # A loan officer doubles the price: the plan and the brief follow at once.
    changed = {**assumptions, "products": [{**assumptions["products"][0], "unit_price": "5000"}]}
    r = await client.put(url, json=changed, headers=auth)
    assert r.status_code == 200, r.text
    after = _revenue_year_1(r.json()["plan"])
    assert abs(after - 2 * before) <= 12  # each month's sales rounded to the franc
    brief = (await client.get(f"/api/v1/coaching/session/{sid}/brief", headers=auth)).json()
    assert _revenue_year_1(brief["financial_plan"]) == after
    assert (await client.get(url, headers=auth)).json()["assumptions"]["products"][0][
        "unit_price"
    ] == "5000"


async def test_bad_assumptions_are_422_and_change_nothing(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = await coached(client, auth)
    url = f"/api/v1/coaching/session/{sid}/finances"
    good = (await client.get(url, headers=auth)).json()["assumptions"]
    for bad in (
        {**good, "currency": "francs"},
        {**good, "products": []},
        {**good, "units_per_month": "-3"},
        {**good, "financing": [{"kind": "bank_loan", "amount": "1000"}]},  # a loan needs terms
        {"anything": 1},
    ):
        r = await client.put(url, json=bad, headers=auth)
        assert r.status_code == 422, bad
        assert r.json()["error"] == "ValidationError"
    assert (await client.get(url, headers=auth)).json()["assumptions"] == good


async def test_a_session_without_the_step_has_no_plan_and_others_see_nothing(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = (await start(client, auth, coaching_plan=["offre", "synthesis"]))["session_id"]
    url = f"/api/v1/coaching/session/{sid}/finances"
    r = await client.get(url, headers=auth)
    assert r.status_code == 409
    assert "finances" in r.json()["detail"]

    mine = (await start(client, auth))["session_id"]
    for step in ("vision", "mission"):
        await answer(client, auth, mine, FULL_RUN_FR[step])
    other = await signup(client, "kofi@example.com")
    r = await client.get(f"/api/v1/coaching/session/{mine}/finances", headers=other)
    assert r.status_code == 404
    r = await client.get(f"/api/v1/coaching/session/{mine}/finances", headers=auth)
    assert r.json()["assumptions"] is None  # the step is not answered yet
