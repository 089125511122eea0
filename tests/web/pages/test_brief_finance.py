"""The financial plan on the brief page, without JavaScript: indicators and
warnings first, the two charts as images of our own SVG, the tables, and the
spreadsheet download. The brief's content is served as the financial agent
leaves it (the page, its rendering and its downloads are real)."""

from __future__ import annotations

import base64
import dataclasses
import html
import io
import re
import xml.etree.ElementTree as ET
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from genesis import service
from genesis.core.agents.brief import Brief
from genesis.core.steps import SessionStatusEnum
from tests.briefs import brief_content, senegal_restaurant
from tests.exports.plans import section, short_of_cash, typical_business
from tests.web.pages.forms import register, start_session
from tests.web.pages.test_page_weight import exchange_bytes

# The brief page with its plan, as a phone fetches it (charts inside): ~47 KB measured.
BRIEF_PAGE_BUDGET = 64 * 1024


async def _brief_page(
    browser: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, plan: dict[str, Any] | None
) -> tuple[str, dict[str, Any]]:
    """A session whose brief is ready, with this financial section (None: none)."""
    await register(browser)
    path = await start_session(browser, business_name="Chez Awa", sector="restaurant")
    content = await brief_content(senegal_restaurant(business_name="Chez Awa"))
    content.pop("financial_plan", None)
    if plan is not None:
        content["financial_plan"] = plan
    real = service.brief_page

    async def brief_page(*args: Any) -> Any:
        view = await real(*args)  # as after the agents' run, with the content as it is now
        brief = Brief.model_validate(content)
        return dataclasses.replace(view, status=SessionStatusEnum.BRIEF_READY, brief=brief)

    async def get_brief(*_: Any) -> Brief:
        return Brief.model_validate(content)

    monkeypatch.setattr(service, "brief_page", brief_page)
    monkeypatch.setattr(service, "get_brief", get_brief)
    return path, content


def _images(page: str) -> list[tuple[str, str]]:
    return [
        (base64.b64decode(src).decode(), html.unescape(alt))
        for src, alt in re.findall(
            r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]*)" width="360"', page
        )
    ]


async def test_the_plan_on_the_brief_page(
    browser: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = await _brief_page(browser, monkeypatch, section(typical_business()))
    page = await browser.get(path + "/brief")
    assert page.status_code == 200
    text = page.text
    assert '<h2 id="h-finance">Plan financier</h2>' in text
    # Indicators and warnings first, then the charts, the download, the tables.
    order = [
        "Indicateurs clés",
        "Retour sur investissement",
        "Points d&#39;attention",
        "data:image/svg+xml;base64,",
        "/download/xlsx",
        "<summary>Budget de départ : besoins</summary>",
        "<summary>Plan de trésorerie de la première année</summary>",
        "<summary>Hypothèses</summary>",
    ]
    positions = [text.index(marker, text.index('id="h-finance"')) for marker in order]
    assert positions == sorted(positions)
    assert "<details open><summary>Compte de résultat prévisionnel sur 3 ans" in text
    assert "<td>1\u202f800\u202f000</td>" in text  # amounts as CFA francs are written
    assert "<script" not in text.split("</main>")[0].split("<main")[1]
    assert "<svg" not in text  # charts are images of our SVG, never markup of the page
    charts = _images(text)
    assert len(charts) == 2
    for svg, alt in charts:
        root = ET.fromstring(svg)
        desc = root.find("{http://www.w3.org/2000/svg}desc")
        assert desc is not None
        assert alt == desc.text  # the image says in words what the chart shows
    assert "Trésorerie en fin de mois, année 1" in text
    assert text.count('href="' + path + '/download/xlsx"') == 2  # downloads, and the section

    workbook = await browser.get(path + "/download/xlsx")
    assert workbook.status_code == 200
    assert workbook.headers["content-disposition"] == (
        'attachment; filename="chez-awa-finances.xlsx"'
    )
    assert load_workbook(io.BytesIO(workbook.content)).sheetnames[0] == "Hypothèses"
    print(f"\nbrief page with its financial plan: {exchange_bytes(page)} B")
    assert exchange_bytes(page) <= BRIEF_PAGE_BUDGET


async def test_negative_cash_is_flagged_on_the_page(
    browser: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = await _brief_page(browser, monkeypatch, section(short_of_cash()))
    text = (await browser.get(path + "/brief")).text
    assert "Cash goes below zero in month(s)" in text
    assert re.search(r'<td class="neg">-[\d,]+</td>', text)
    assert '<dd class="neg">' in text  # the lowest cash of year 1, below zero


async def test_without_a_plan_the_page_and_downloads_still_work(
    browser: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, content = await _brief_page(browser, monkeypatch, None)
    text = (await browser.get(path + "/brief")).text
    assert "h-finance" not in text  # a brief from before the finances step
    assert "/download/xlsx" not in text
    assert (await browser.get(path + "/download/xlsx")).status_code == 404
    assert (await browser.get(path + "/download/pdf")).content.startswith(b"%PDF")

    content["financial_plan"] = {"status": "failed", "data": {}, "error": "x", "duration_ms": 1}
    text = (await browser.get(path + "/brief")).text
    section_html = text[text.index('id="h-finance"') :]
    assert "Cette partie n&#39;est pas disponible." in section_html.split("</section>")[0]
    assert "/download/xlsx" not in text
