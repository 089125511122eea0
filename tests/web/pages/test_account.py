"""Sign-up and log-in mistakes, log-out, deleting the account, and friendly errors."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from genesis.security import create_access_token, decode_access_token, token_seconds_left
from tests.web.pages.forms import answer, csrf_of, form, register, start_session


async def test_sign_up_mistakes_are_explained(browser: httpx.AsyncClient) -> None:
    page = await browser.get("/register")
    data = form(page.text, "/register").data(name="", email="not-an-email", password="short")
    r = await browser.post("/register", data=data)
    assert r.status_code == 422
    for text in ("Saisissez votre nom.", "Saisissez une adresse e-mail valide.", "8 caractères"):
        assert text in r.text
    await register(browser)
    await browser.post("/logout", data={"csrf": csrf_of((await browser.get("/")).text)})
    page = await browser.get("/register")
    data = form(page.text, "/register").data(
        name="Awa", email="AWA@example.com", password="another-pass"
    )
    r = await browser.post("/register", data=data)
    assert r.status_code == 422
    assert "Un compte existe déjà avec cet e-mail." in r.text


async def test_wrong_password_then_log_in_and_resume(browser: httpx.AsyncClient) -> None:
    await register(browser)
    path = await start_session(browser, business_name="Chez Awa")
    await answer(browser, path, "Poulet")
    r = await browser.post("/logout", data={"csrf": csrf_of((await browser.get(path)).text)})
    assert r.headers["location"] == "/?notice=logged_out"
    assert "Vous êtes déconnecté." in (await browser.get(r.headers["location"])).text
    assert (await browser.get(path)).status_code == 303  # to the log-in page

    page = await browser.get("/login", params={"next": path})
    r = await browser.post(
        "/login", data=form(page.text, "/login").data(email="awa@example.com", password="nope-nope")
    )
    assert r.status_code == 401
    assert "E-mail ou mot de passe incorrect." in r.text
    r = await browser.post(
        "/login",
        data=form(r.text, "/login").data(email="awa@example.com", password="s3cret-pass"),
    )
    assert r.status_code == 303
    assert r.headers["location"] == path
    resumed = await browser.get(path)
    assert "Poulet" in resumed.text  # the conversation is where it stopped


async def test_delete_account_needs_confirmation(browser: httpx.AsyncClient) -> None:
    await register(browser)
    await start_session(browser, business_name="Chez Awa")
    account = await browser.get("/app/account")
    delete = form(account.text, "/app/account/delete")
    r = await browser.post("/app/account/delete", data=delete.data())
    assert r.status_code == 422
    assert "Cochez la case pour confirmer." in r.text

    r = await browser.post("/app/account/delete", data=delete.data(confirm="yes"))
    assert r.status_code == 303
    assert r.headers["location"] == "/?notice=account_deleted"
    assert (await browser.get("/app/sessions")).status_code == 303  # signed out
    page = await browser.get("/login")
    r = await browser.post(
        "/login",
        data=form(page.text, "/login").data(email="awa@example.com", password="s3cret-pass"),
    )
    assert r.status_code == 401  # the account is gone


async def test_errors_never_show_a_stack_trace(browser: httpx.AsyncClient) -> None:
    await register(browser)
    for path in ("/app/sessions/not-a-session", "/app/sessions/x/download/exe", "/app/what"):
        r = await browser.get(path)
        assert r.status_code == 404, path
        assert "Traceback" not in r.text
        assert r.headers["content-type"].startswith("text/html")


async def test_pages_send_protective_headers(browser: httpx.AsyncClient) -> None:
    r = await browser.get("/")
    assert r.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


async def test_the_sign_in_slides_once_half_its_life_is_used(
    browser: httpx.AsyncClient, app: FastAPI
) -> None:
    await register(browser)
    settings = app.state.runtime.settings
    fresh = browser.cookies["genesis_session"]
    r = await browser.get("/app/sessions")
    assert r.status_code == 200
    assert "genesis_session" not in r.headers.get("set-cookie", "")  # still young

    user_id, generation = decode_access_token(fresh, settings.secret_key)
    aging = create_access_token(user_id, generation, settings.secret_key, minutes=10)  # of 60
    browser.cookies.delete("genesis_session")
    browser.cookies.set("genesis_session", aging, domain="testserver.local")
    r = await browser.get("/app/sessions")
    assert r.status_code == 200
    renewed = r.cookies["genesis_session"]
    assert renewed != aging
    left = token_seconds_left(renewed, settings.secret_key)
    assert left > settings.access_token_minutes * 60 - 60


async def test_a_weak_password_is_refused_with_the_reason(browser: httpx.AsyncClient) -> None:
    for password, reason in (
        ("12345678", "une simple suite"),
        ("motdepasse", "fait partie des plus courants"),
        (" " * 8, "que d'espaces"),
        ("awa@example.com", "ni en être tiré"),
        ("aaaaaaaa", "répète les mêmes caractères"),
    ):
        page = await browser.get("/register")
        data = form(page.text, "/register").data(
            name="Awa", email="awa@example.com", password=password
        )
        r = await browser.post("/register", data=data)
        assert r.status_code == 422, password
        assert reason in r.text.replace("&#39;", "'"), password
    assert "genesis_session" not in browser.cookies  # no account, not signed in
