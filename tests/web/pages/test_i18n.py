"""Every text in French and English, following the person's choice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

import genesis.web
from genesis.core.agents.types import AGENT_NAMES
from genesis.core.steps import CoachingStepEnum, SessionStatusEnum
from genesis.core.taxonomy import SECTORS
from genesis.web.pages.coach import NOTICES
from tests.web.pages.forms import csrf_of, form, register, start_session

WEB = Path(genesis.web.__file__).parent


def test_both_languages_have_the_same_texts_and_every_used_key() -> None:
    fr = json.loads((WEB / "i18n" / "messages_fr.json").read_text(encoding="utf-8"))
    en = json.loads((WEB / "i18n" / "messages_en.json").read_text(encoding="utf-8"))
    assert fr.keys() == en.keys()
    for key in fr:
        assert fr[key].strip(), key
        assert en[key].strip(), key
        assert re.findall(r"{\w+}", fr[key]) == re.findall(r"{\w+}", en[key]), key
    used = set()
    for path in [*(WEB / "templates").glob("*.html"), *(WEB / "pages").glob("*.py")]:
        if path.name != "i18n.py":
            used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']\s*[,)]""", path.read_text()))
    assert len(used) > 50, "the t('...') calls were not found"
    # Keys built from data: every value of the data has its text.
    used |= {f"step_{s.value}" for s in CoachingStepEnum}
    used |= {f"status_{s.value}" for s in SessionStatusEnum}
    used |= {f"sector_{s}" for s in SECTORS}
    used |= {f"agent_{a}" for a in AGENT_NAMES}
    used |= {f"agent_status_{s}" for s in ("pending", "running", "ok", "fallback", "failed")}
    used |= {f"lang_{lang}" for lang in ("fr", "en")}
    used |= {f"notice_{n}" for n in NOTICES}
    assert used <= fr.keys(), sorted(used - fr.keys())


async def test_landing_follows_the_browser_then_the_switch(browser: httpx.AsyncClient) -> None:
    en = await browser.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in en.text
    assert "Build your business plan with a coach" in en.text

    fr = await browser.get("/", headers={"Accept-Language": "fr-SN,fr;q=0.9"})
    assert '<html lang="fr">' in fr.text
    assert "Construisez votre projet" in fr.text

    switch = form(fr.text, "/language")
    assert switch.fields["language"] == "en"
    r = await browser.post("/language", data=switch.data())
    assert r.status_code == 303
    assert r.headers["location"] == "/"
    # The choice now wins over the browser's language.
    chosen = await browser.get("/", headers={"Accept-Language": "fr"})
    assert '<html lang="en">' in chosen.text


async def test_the_account_language_is_used_and_can_be_changed(
    browser: httpx.AsyncClient,
) -> None:
    await register(browser, language="en")
    page = await browser.get("/app/sessions", headers={"Accept-Language": "fr"})
    assert '<html lang="en">' in page.text
    assert "My sessions" in page.text

    account = await browser.get("/app/account")
    r = await browser.post(
        "/app/account/language",
        data=form(account.text, "/app/account/language").data(language="fr"),
    )
    assert r.headers["location"] == "/app/account?saved=1"
    saved = await browser.get(r.headers["location"])
    assert '<html lang="fr">' in saved.text
    assert "Votre préférence est enregistrée." in saved.text


async def test_session_pages_speak_the_session_language(browser: httpx.AsyncClient) -> None:
    await register(browser, language="fr")
    path = await start_session(browser, language="en", business_name="Mama's Kitchen")
    page = await browser.get(path)
    assert '<html lang="en">' in page.text
    assert "Your answer" in page.text
    assert "Steps done: 0 of 7" in page.text
    assert 'action="/language"' not in page.text  # the coach's language is the session's
    # The rest of the app stays in the person's language.
    sessions = await browser.get("/app/sessions")
    assert '<html lang="fr">' in sessions.text


async def test_error_pages_are_in_the_persons_language(browser: httpx.AsyncClient) -> None:
    r = await browser.get("/app/nothing-here", headers={"Accept-Language": "en"})
    assert r.status_code == 404
    assert '<html lang="en">' in r.text
    assert "This page does not exist, or it is not yours." in r.text
    r = await browser.post("/login", data={"csrf": "x"}, headers={"Accept-Language": "fr"})
    assert r.status_code == 403
    assert '<html lang="fr">' in r.text
    assert csrf_of((await browser.get("/login")).text)
