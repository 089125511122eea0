"""The core loop with plain form posts only (no JavaScript): start, answer (a vague
answer first, then its follow-up), the assists, the synthesis, completion, the brief."""

from __future__ import annotations

import html
import io
import re
import zipfile

import httpx
from fastapi import FastAPI

from tests.answers import FULL_RUN_FR
from tests.web.api.test_coaching import drain_jobs
from tests.web.pages.forms import answer, form, forms, register, start_session

STEPS = ("vision", "mission", "clientele", "differentiation", "offre", "finances")


def user_messages(page: str) -> list[str]:
    found = re.findall(r'<li class="msg you" data-i="\d+"><b>[^<]*</b><p>([^<]*)</p>', page)
    return [html.unescape(m) for m in found]


async def coach_to_synthesis(browser: httpx.AsyncClient) -> str:
    await register(browser)
    path = await start_session(
        browser,
        business_name="Chez Awa",
        sector="restaurant",
        country="SN",
        city="Dakar",
        language="fr",
    )
    for step in STEPS:
        page = await answer(browser, path, FULL_RUN_FR[step])
        assert page.status_code == 200
    return path


async def test_no_js_core_loop(browser: httpx.AsyncClient, app: FastAPI) -> None:
    await register(browser)
    path = await start_session(
        browser, business_name="Chez Awa", sector="restaurant", country="SN", city="Dakar"
    )
    page = await browser.get(path)
    assert page.status_code == 200
    assert "Étapes terminées : 0 sur 7" in page.text
    assert 'aria-current="step">Vision<' in page.text
    assert "move_on" not in page.text

    # A vague answer: the coach stays on the step and asks a follow-up; "move on" appears.
    page = await answer(browser, path, "Poulet")
    assert "Étapes terminées : 0 sur 7" in page.text
    assert user_messages(page.text)[-1] == "Poulet"
    assert form(page.text, "/answer").button("Passer à l'étape suivante")

    for step in STEPS:
        page = await answer(browser, path, FULL_RUN_FR[step])
    assert "Étapes terminées : 6 sur 7" in page.text
    assert 'aria-current="step">Synthèse<' in page.text

    # The synthesis: revise one step, answer it again, then confirm.
    page = await answer(browser, path, press="Revoir l'étape Mission")
    assert 'aria-current="step">Mission<' in page.text
    page = await answer(browser, path, FULL_RUN_FR["mission"])
    assert 'aria-current="step">Synthèse<' in page.text
    synthesis = await browser.get(path)
    confirm = form(synthesis.text, "/answer").data("Je confirme cette synthèse")
    # Confirming hands the session to the agents at once: the brief page follows.
    r = await browser.post(path + "/answer", data=confirm)
    assert r.status_code == 303
    assert r.headers["location"] == path + "/brief"
    # A second tap on the same form lands on the same brief, nothing breaks.
    r = await browser.post(path + "/answer", data=confirm)
    assert r.headers["location"] == path + "/brief"
    page = await browser.get(path)
    assert "Étapes terminées : 7 sur 7" in page.text

    await drain_jobs(app)
    # The progress the brief page listens to, with the page cookie: JSON or SSE.
    progress = await browser.get(path + "/progress")
    assert progress.json()["brief_ready"] is True
    assert progress.json()["finished"] == 6  # five agents and the financial plan
    stream = await browser.get(path + "/progress", headers={"Accept": "text/event-stream"})
    assert stream.headers["content-type"].startswith("text/event-stream")
    assert stream.text.startswith("event: progress\ndata: {")
    brief = await browser.get(path + "/brief")
    assert brief.status_code == 200
    for heading in ("De la vision à l&#39;offre", "Aperçu du marché", "Textes du site web"):
        assert heading in brief.text
    assert 'src="data:image/svg+xml;base64,' in brief.text
    assert "<svg" not in brief.text  # the logo is an image, never markup of the page

    pdf = await browser.get(path + "/download/pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    md = await browser.get(path + "/download/md")
    assert md.status_code == 200
    assert md.text.startswith("#")
    site = await browser.get(path + "/download/site")
    assert zipfile.ZipFile(io.BytesIO(site.content)).namelist()
    preview = await browser.get(path + "/site/")
    assert preview.status_code == 200
    assert preview.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'self'" in preview.headers["content-security-policy"]
    logo = await browser.get(path + "/logo.svg")
    assert logo.headers["content-type"].startswith("image/svg+xml")

    sessions = await browser.get("/app/sessions")
    assert "Chez Awa" in sessions.text
    assert path + "/brief" in sessions.text


async def test_examples_help_and_proposals_without_js(browser: httpx.AsyncClient) -> None:
    await register(browser)
    path = await start_session(browser, business_name="Chez Awa", sector="restaurant")
    page = await browser.get(path)
    examples = re.findall(r'<a href="\?fill=(\d+)#answer" data-fill>([^<]+)</a>', page.text)
    assert len(examples) >= 2

    # An example as a link: the answer box comes back filled with it.
    filled = await browser.get(path + "?fill=0")
    assert form(filled.text, "/answer").fields["answer"] == html.unescape(examples[0][1])

    help_page = await browser.get(path + "?assist=help")
    assert 'id="assist"' in help_page.text
    assert help_page.text.count("<li><b>") >= 2

    proposals_page = await browser.get(path + "?assist=proposals")
    proposals = [f for f in forms(proposals_page.text) if "proposals" in f.attrs.get("class", "")]
    assert len(proposals) == 1
    assert len(proposals[0].buttons) == 3
    name, value = proposals[0].buttons[0][:2]
    r = await browser.post(path + "/answer", data={**proposals[0].fields, name: value})
    assert r.status_code == 303
    after = await browser.get(path)
    assert user_messages(after.text)[-1] == value


async def test_move_on_after_a_follow_up(browser: httpx.AsyncClient) -> None:
    await register(browser)
    path = await start_session(browser, language="fr")
    await answer(browser, path, "Poulet")
    page = await answer(browser, path, "Du poulet braisé", press="Passer à l'étape suivante")
    assert 'class="done">Vision<' in page.text
    assert 'aria-current="step">Mission<' in page.text


async def test_move_on_with_an_empty_box_reuses_the_last_answer(
    browser: httpx.AsyncClient,
) -> None:
    """Right after the follow-up: the same text again, but with force, is a new request."""
    await register(browser)
    path = await start_session(browser, language="fr")
    await answer(browser, path, "Poulet")
    page = await answer(browser, path, press="Passer à l'étape suivante")
    assert 'aria-current="step">Mission<' in page.text
    assert user_messages(page.text)[-1] == "Poulet"


async def test_brief_page_before_the_end_of_coaching(browser: httpx.AsyncClient) -> None:
    await register(browser)
    path = await start_session(browser)
    page = await browser.get(path + "/brief")
    assert page.status_code == 200
    assert "Le coaching n&#39;est pas encore terminé." in page.text
    assert (await browser.get(path + "/download/pdf")).status_code == 409


async def test_empty_answer_is_refused_with_a_message(browser: httpx.AsyncClient) -> None:
    await register(browser)
    path = await start_session(browser)
    page = await browser.get(path)
    r = await browser.post(path + "/answer", data=form(page.text, "/answer").data(answer="  "))
    assert r.status_code == 303
    again = await browser.get(r.headers["location"].split("#")[0])
    assert "Écrivez d&#39;abord une réponse." in again.text
    assert 'aria-invalid="true"' in again.text
    assert not user_messages(again.text)


async def test_confirm_outside_the_synthesis_means_nothing(browser: httpx.AsyncClient) -> None:
    await register(browser)
    path = await start_session(browser, language="fr")
    page = await browser.get(path)
    data = form(page.text, "/answer").data(answer="")
    forged = {**data, "choice": "confirm"}  # the synthesis button, posted at the vision step
    r = await browser.post(path + "/answer", data=forged)
    assert r.status_code == 303
    page = await browser.get(r.headers["location"].split("#")[0])
    assert 'aria-current="step">Vision<' in page.text
    assert not user_messages(page.text)
