"""The logo form on the coaching page: a multipart upload, CSRF-checked."""

from __future__ import annotations

import html

import httpx

from tests.web.pages.forms import csrf_of, form, register, start_session

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">'
    '<circle cx="20" cy="20" r="18" fill="#0A7E4F"/></svg>'
)
RECEIVED_FR = "Votre logo a été reçu"


async def test_a_logo_is_uploaded_from_the_coaching_page(browser: httpx.AsyncClient) -> None:
    await register(browser)
    path = await start_session(browser, business_name="Chez Awa")
    page = await browser.get(path)
    upload = form(page.text, "/logo")
    assert upload.attrs["enctype"] == "multipart/form-data"
    assert RECEIVED_FR not in page.text
    files = {"logo": ("logo.svg", LOGO.encode(), "image/svg+xml")}

    # Without the CSRF field, or with a forged one, nothing is stored.
    for fields in ({}, {"csrf": "forged"}):
        r = await browser.post(path + "/logo", data=fields, files=files)
        assert r.status_code == 403
    assert RECEIVED_FR not in (await browser.get(path)).text

    r = await browser.post(path + "/logo", data=upload.fields, files=files)
    assert r.status_code == 303, r.text
    assert r.headers["location"] == path + "#logo"
    page = await browser.get(path)
    assert RECEIVED_FR in page.text

    # A file that is not safe is refused with the reason, in the page's language.
    evil = {"logo": ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>', "")}
    r = await browser.post(path + "/logo", data={"csrf": csrf_of(page.text)}, files=evil)
    assert r.status_code == 422
    assert "Ce fichier n'a pas pu être utilisé comme logo" in html.unescape(r.text)
    assert "event handler (onload)" in r.text
    assert f'href="{path}#logo"' in r.text
    no_file = {"logo": ("", b"", "application/octet-stream")}
    r = await browser.post(path + "/logo", data={"csrf": csrf_of(page.text)}, files=no_file)
    assert r.status_code == 422
    assert "aucun fichier" in r.text

    # Back to the generated logo.
    remove = form(page.text, "/logo/remove")
    r = await browser.post(path + "/logo/remove", data=remove.fields)
    assert r.status_code == 303
    assert RECEIVED_FR not in (await browser.get(path)).text


async def test_another_persons_session_is_404(
    browser: httpx.AsyncClient, other_browser: httpx.AsyncClient
) -> None:
    await register(browser)
    path = await start_session(browser)
    await register(other_browser, email="intruder@example.com")
    page = await other_browser.get("/app/start")
    files = {"logo": ("logo.svg", LOGO.encode(), "image/svg+xml")}
    r = await other_browser.post(path + "/logo", data={"csrf": csrf_of(page.text)}, files=files)
    assert r.status_code == 404


async def test_an_oversized_upload_is_refused_before_it_is_read(
    browser: httpx.AsyncClient,
) -> None:
    await register(browser)
    path = await start_session(browser)
    page = await browser.get(path)
    files = {"logo": ("big.svg", b"<svg>" + b" " * 200_000 + b"</svg>", "image/svg+xml")}
    r = await browser.post(path + "/logo", data={"csrf": csrf_of(page.text)}, files=files)
    assert r.status_code == 413
