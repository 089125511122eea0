"""CSRF on every form post, and sessions that are not yours answer 404."""

from __future__ import annotations

import httpx
import pytest
from fastapi.routing import APIRoute

from genesis.web.pages import account, brief, coach, logo, public, sessions
from tests.web.pages.forms import answer, csrf_of, form, register, start_session

CSRF_MESSAGE_FR = "Ce formulaire a expiré ou ne vient pas de ce site."


def post_paths(session_path: str) -> list[str]:
    """Every POST route of the pages, with a real session id filled in."""
    sid = session_path.rsplit("/", 1)[1]
    paths = [
        r.path.replace("{session_id}", sid)
        for module in (public, sessions, account, brief, coach, logo)
        for r in module.router.routes
        if isinstance(r, APIRoute) and "POST" in r.methods
    ]
    assert len(paths) >= 10, paths  # the list below must keep up with new forms
    return paths


async def test_every_form_post_needs_the_csrf_token(
    browser: httpx.AsyncClient, other_browser: httpx.AsyncClient
) -> None:
    await register(browser)
    path = await start_session(browser, business_name="Chez Awa")
    page = await browser.get(path)
    good = form(page.text, "/answer").data(answer="Une réponse qui ne doit jamais arriver.")
    # A token that is valid, but for another browser's CSRF cookie.
    foreign = csrf_of((await other_browser.get("/login")).text)

    for target in post_paths(path):
        for token in (None, "forged", foreign):
            data = {k: v for k, v in good.items() if k != "csrf"}
            data.update(confirm="yes", language="en", email="x@example.com", password="p" * 9)
            if token is not None:
                data["csrf"] = token
            r = await browser.post(target, data=data)
            assert r.status_code == 403, (target, token, r.status_code)
            assert CSRF_MESSAGE_FR in r.text, target
            assert "Traceback" not in r.text

    # Nothing happened: still signed in, same language, no answer, account alive.
    page = await browser.get(path)
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text
    assert 'class="msg you"' not in page.text
    assert (await browser.get("/app/account")).status_code == 200


async def test_csrf_cookie_without_the_form_field_is_refused(browser: httpx.AsyncClient) -> None:
    await browser.get("/login")  # sets the CSRF cookie
    r = await browser.post("/login", data={"email": "a@example.com", "password": "x" * 9})
    assert r.status_code == 403


async def test_the_auth_cookie_is_httponly_and_samesite(browser: httpx.AsyncClient) -> None:
    page = await browser.get("/register")
    data = form(page.text, "/register").data(
        name="Awa", email="awa@example.com", password="s3cret-pass", language="fr"
    )
    r = await browser.post("/register", data=data)
    cookies = {c.split("=", 1)[0]: c.lower() for c in r.headers.get_list("set-cookie")}
    assert "httponly" in cookies["genesis_session"]
    assert "samesite=lax" in cookies["genesis_session"]
    assert "secure" not in cookies["genesis_session"]  # development: plain http works
    assert "httponly" in cookies["genesis_csrf"]


async def test_another_users_session_is_not_found(
    browser: httpx.AsyncClient, other_browser: httpx.AsyncClient
) -> None:
    await register(browser, "awa@example.com")
    path = await start_session(browser, business_name="Chez Awa")
    await answer(browser, path, "Poulet")

    await register(other_browser, "moussa@example.com")
    own = await other_browser.get("/app/sessions")
    token = csrf_of(own.text)
    for suffix in ("", "/brief", "/progress", "/download/pdf", "/logo.svg", "/site/"):
        r = await other_browser.get(path + suffix)
        assert r.status_code == 404, suffix
        assert "n&#39;existe pas, ou elle ne vous appartient pas" in r.text
        assert "Chez Awa" not in r.text
    for suffix in ("/answer", "/complete", "/retry"):
        r = await other_browser.post(
            path + suffix, data={"csrf": token, "answer": "Je prends la main sur cette session."}
        )
        assert r.status_code == 404, suffix
    # The owner's session is untouched.
    page = await browser.get(path)
    assert page.text.count('class="msg you"') == 1


@pytest.mark.parametrize("path", ["/app/sessions", "/app/start", "/app/account"])
async def test_pages_need_a_login(browser: httpx.AsyncClient, path: str) -> None:
    r = await browser.get(path)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=" + path


async def test_login_goes_back_where_it_was_asked_only_on_this_site(
    browser: httpx.AsyncClient, other_browser: httpx.AsyncClient
) -> None:
    await register(other_browser, "awa@example.com")
    for next_path, expected in (
        ("/app/account", "/app/account"),
        ("//evil.example", "/app/sessions"),
    ):
        page = await browser.get("/login", params={"next": next_path})
        data = form(page.text, "/login").data(email="awa@example.com", password="s3cret-pass")
        r = await browser.post("/login", data=data)
        assert r.status_code == 303
        assert r.headers["location"] == expected
        r = await browser.post(
            "/logout", data={"csrf": csrf_of((await browser.get(expected)).text)}
        )
        assert r.status_code == 303


def test_cookies_are_secure_in_production() -> None:
    from starlette.responses import Response

    from genesis.config import Settings
    from genesis.web.pages import cookies

    settings = Settings(env="production", secret_key="p" * 48, _env_file=None)  # type: ignore[call-arg]
    response = Response()
    cookies.set_auth(response, settings, "token", 60)
    cookies.set_csrf(response, settings, "value")
    for header in response.headers.getlist("set-cookie"):
        assert "; secure" in header.lower()
        assert "httponly" in header.lower()
