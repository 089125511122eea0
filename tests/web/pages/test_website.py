"""The "Your website" section of the brief page, without JavaScript: contact
details (phone-friendly fields, refused values said in words), publishing,
updating and taking the site down, with CSRF-checked forms, in French and English."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import httpx
from fastapi import FastAPI

from genesis.web.pages.i18n import Translator
from tests.web.api.test_website import ready
from tests.web.pages.forms import form, register


async def _ready_brief(browser: httpx.AsyncClient, client: httpx.AsyncClient, app: FastAPI) -> str:
    """The brief page's path, for a brief made by a real run of the offline agents
    (a French session: the page speaks the session's language)."""
    await register(browser)
    r = await client.post(
        "/api/v1/auth/login", json={"email": "awa@example.com", "password": "s3cret-pass"}
    )
    auth = {"Authorization": f"Bearer {r.json()['access_token']}"}
    sid = await ready(client, auth, app)
    return f"/app/sessions/{sid}/brief"


def _public_url(page: str) -> str:
    found = re.search(r'<input id="site-url" type="url" readonly value="([^"]+)"', page)
    assert found, "no public address on the page"
    return html.unescape(found.group(1))


async def test_publish_update_and_take_down_from_the_brief_page(
    browser: httpx.AsyncClient, client: httpx.AsyncClient, app: FastAPI
) -> None:
    path = await _ready_brief(browser, client, app)
    page = (await browser.get(path)).text
    assert '<h2 id="h-website">Votre site web</h2>' in page
    contact = form(page, "/website/contact")
    for name in ("whatsapp", "phone"):
        field = re.search(rf'<input id="site-{name}" name="{name}"[^>]*>', page)
        assert field
        assert 'type="tel"' in field.group(0)
        assert 'inputmode="tel"' in field.group(0)
        assert 'autocomplete="tel"' in field.group(0)
    assert 'autocomplete="street-address"' in page
    assert "site-url" not in page  # not published yet

    r = await browser.post(
        path.replace("/brief", "/website/contact"),
        data=contact.data(
            whatsapp="+221 77 123 45 67", hours="<script>alert(1)</script>", address="Médina"
        ),
    )
    assert r.status_code == 303
    assert r.headers["location"].endswith("/brief?done=saved#website")
    page = (await browser.get(r.headers["location"])).text
    assert "Coordonnées enregistrées" in page
    assert 'value="+221771234567"' in page
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in page

    # The preview shows them too.
    preview = await browser.get(path.replace("/brief", "/site/"))
    assert 'href="https://wa.me/221771234567"' in preview.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in preview.text

    publish = form(page, "/website/publish")
    assert publish.button("Publier mon site")
    r = await browser.post(path.replace("/brief", "/website/publish"), data=publish.data())
    assert r.status_code == 303
    page = (await browser.get(r.headers["location"])).text
    assert "Votre site est en ligne." in page
    url = _public_url(page)
    assert url.startswith("http://testserver/s/chez-awa-")
    assert 'data-copy="site-url"' in page
    share = re.search(r'<a class="button" href="(https://wa\.me/\?text=[^"]+)"', page)
    assert share
    assert url in unquote(html.unescape(share.group(1)))
    assert form(page, "/website/publish").button("Mettre à jour mon site")

    public_path = httpx.URL(url).path
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as visitor:
        site = await visitor.get(public_path)
    assert site.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in site.text
    assert "<script>" not in site.text

    # Update after a change keeps the address.
    page = (await browser.get(path)).text
    r = await browser.post(
        path.replace("/brief", "/website/publish"), data=form(page, "/website/publish").data()
    )
    assert _public_url((await browser.get(r.headers["location"])).text) == url

    # Take it down: the address is a 404 page at once.
    page = (await browser.get(path)).text
    down = form(page, "/website/unpublish")
    assert down.button("Retirer le site")
    r = await browser.post(path.replace("/brief", "/website/unpublish"), data=down.data())
    assert r.status_code == 303
    page = (await browser.get(r.headers["location"])).text
    assert "Votre site a été retiré" in page
    assert "site-url" not in page
    gone = await browser.get(public_path)
    assert gone.status_code == 404
    assert "n&#39;a jamais été publié" in gone.text


async def test_a_wrong_number_is_said_in_words(
    browser: httpx.AsyncClient, client: httpx.AsyncClient, app: FastAPI
) -> None:
    path = await _ready_brief(browser, client, app)
    page = (await browser.get(path)).text
    r = await browser.post(
        path.replace("/brief", "/website/contact"),
        data=form(page, "/website/contact").data(phone="call me", hours="Mon-Sat"),
    )
    assert r.status_code == 422
    assert "Le numéro de téléphone n&#39;est pas valide" in r.text
    assert 'value="call me"' in r.text  # what was typed stays, to correct it
    assert 'aria-invalid="true"' in r.text
    # Nothing was saved.
    assert 'value="Mon-Sat"' not in (await browser.get(path)).text


async def test_forms_need_the_csrf_token_and_the_owner(
    browser: httpx.AsyncClient,
    other_browser: httpx.AsyncClient,
    client: httpx.AsyncClient,
    app: FastAPI,
) -> None:
    path = await _ready_brief(browser, client, app)
    page = (await browser.get(path)).text
    publish = form(page, "/website/publish")
    r = await browser.post(
        path.replace("/brief", "/website/publish"), data={**publish.data(), "csrf": "forged"}
    )
    assert r.status_code == 403
    assert "site-url" not in (await browser.get(path)).text

    await register(other_browser, email="other@example.com")
    other_page = (await other_browser.get("/app/sessions")).text
    other = form(other_page, "/logout").fields.get("csrf", "")
    for action in ("/website/publish", "/website/unpublish", "/website/contact"):
        r = await other_browser.post(path.replace("/brief", action), data={"csrf": other})
        assert r.status_code == 404, action


def test_the_section_speaks_english_too() -> None:
    t = Translator("en")
    assert t("website_title") == "Your website"
    assert t("website_publish") == "Publish my website"
    assert t("website_update") == "Update my website"
    assert t("website_unpublish") == "Take it down"
