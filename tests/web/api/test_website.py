"""The brief's one-page website through the API: contact details, publishing at a
public address served without login, republishing, taking it down, and the
site going with its session or account. Real runs of the offline agents, on
both databases."""

from __future__ import annotations

import io
import re
import zipfile

import httpx
from fastapi import FastAPI

from tests.conftest import asgi_client, signup
from tests.web.api.test_briefs import coached, complete
from tests.web.api.test_coaching import drain_jobs


async def ready(client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI) -> str:
    """A session whose brief is ready."""
    sid = await coached(client, auth)
    await complete(client, auth, sid)
    await drain_jobs(app)
    return sid


def site(sid: str, rest: str = "") -> str:
    return f"/api/v1/coaching/session/{sid}/website{rest}"


def public_path(url: str) -> str:
    path = httpx.URL(url).path
    assert re.fullmatch(r"/s/chez-awa-[a-z2-9]{8}", path), path
    return path


async def test_contact_details_publish_and_take_down(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await ready(client, auth, app)
    r = await client.get(site(sid, "/contact"), headers=auth)
    assert r.status_code == 200
    assert r.json() == {
        "whatsapp": "",
        "phone": "",
        "hours": "",
        "address": "",
        "whatsapp_link": None,
    }
    brief = (await client.get(f"/api/v1/coaching/session/{sid}/brief", headers=auth)).json()
    assert brief["website"] == {"published": False, "url": None, "published_at": None}

    contact = {
        "whatsapp": "+221 77-123 45 67",
        "phone": "00221 33 800 00 00",
        "hours": "<script>alert(1)</script> Lun-Sam 8h-20h",
        "address": "Rue 10, Médina, Dakar",
    }
    r = await client.put(site(sid, "/contact"), json=contact, headers=auth)
    assert r.status_code == 200, r.text
    saved = r.json()["contact"]
    assert saved["whatsapp"] == "+221771234567"
    assert saved["phone"] == "+221338000000"
    assert saved["whatsapp_link"] == "https://wa.me/221771234567"
    assert r.json()["published"] is False

    r = await client.post(site(sid, "/publish"), headers=auth)
    assert r.status_code == 200, r.text
    published = r.json()
    assert published["published"] is True
    assert published["url"].startswith("http://testserver/s/chez-awa-")
    path = public_path(published["url"])

    brief = (await client.get(f"/api/v1/coaching/session/{sid}/brief", headers=auth)).json()
    assert brief["website"]["published"] is True
    assert brief["website"]["url"] == published["url"]

    # Anyone can open it: no token, no cookie.
    async with asgi_client(app) as visitor:
        page = await visitor.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "set-cookie" not in page.headers
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "script-src" not in csp
    assert "'unsafe-inline'" not in csp
    assert re.search(r"style-src 'sha256-[A-Za-z0-9+/=]+'", csp)
    assert "frame-ancestors 'none'" in csp
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "noindex" not in page.text
    assert "x-robots-tag" not in page.headers
    html = page.text
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Lun-Sam 8h-20h" in html
    assert 'href="https://wa.me/221771234567"' in html
    assert 'href="tel:+221338000000"' in html
    assert "Rue 10, Médina, Dakar" in html
    assert "compléter" not in html  # every contact detail was given
    assert 'src="data:image/svg+xml;base64,' in html  # self-contained: nothing to fetch
    assert 'href="styles.css"' not in html

    # A second visit is a cheap 304 while the page has not changed.
    async with asgi_client(app) as visitor:
        again = await visitor.get(path, headers={"If-None-Match": page.headers["etag"]})
    assert again.status_code == 304

    # New contact details while published: the page shows them at once.
    r = await client.put(site(sid, "/contact"), json={"hours": "7j/7"}, headers=auth)
    assert r.json()["url"] == published["url"]
    html = (await client.get(path)).text
    assert "7j/7" in html
    assert "wa.me" not in html
    assert "tel:" not in html
    assert html.count("[à compléter]") == 2

    # Republishing keeps the address.
    r = await client.post(site(sid, "/publish"), headers=auth)
    assert r.json()["url"] == published["url"]

    # Taking it down: 404 at once, a clear page; the brief says so.
    r = await client.delete(site(sid, "/publish"), headers=auth)
    assert r.status_code == 200
    assert r.json()["published"] is False
    assert r.json()["url"] is None
    gone = await client.get(path)
    assert gone.status_code == 404
    assert "jamais été publié" in gone.text or "never published" in gone.text
    brief = (await client.get(f"/api/v1/coaching/session/{sid}/brief", headers=auth)).json()
    assert brief["website"]["published"] is False
    # Taking down what is down changes nothing.
    assert (await client.delete(site(sid, "/publish"), headers=auth)).status_code == 200

    # Publishing again brings it back at the same address.
    r = await client.post(site(sid, "/publish"), headers=auth)
    assert r.json()["url"] == published["url"]
    assert (await client.get(path)).status_code == 200


async def test_the_zip_and_the_preview_show_the_contact_details(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await ready(client, auth, app)
    r = await client.get(f"/api/v1/coaching/session/{sid}/brief?format=site", headers=auth)
    index = zipfile.ZipFile(io.BytesIO(r.content)).read("index.html").decode()
    assert index.count("[à compléter]") == 3
    await client.put(site(sid, "/contact"), json={"whatsapp": "+22177 123 45 67"}, headers=auth)
    r = await client.get(f"/api/v1/coaching/session/{sid}/brief?format=site", headers=auth)
    index = zipfile.ZipFile(io.BytesIO(r.content)).read("index.html").decode()
    assert 'href="https://wa.me/221771234567"' in index
    assert 'href="styles.css"' in index  # the zip keeps its three files
    assert index.count("[à compléter]") == 2  # phone and hours, still to fill in


async def test_a_brief_not_ready_is_a_409(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    sid = await coached(client, auth)
    r = await client.post(site(sid, "/publish"), headers=auth)
    assert r.status_code == 409
    assert r.json()["error"] == "BriefNotReadyError"
    # Contact details can be set before the brief is ready.
    r = await client.put(site(sid, "/contact"), json={"phone": "77 123 45 67"}, headers=auth)
    assert r.status_code == 200
    assert r.json()["contact"]["phone"] == "771234567"


async def test_invalid_contact_details_are_422(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = await coached(client, auth)
    for body, field in (
        ({"whatsapp": "call me"}, "whatsapp"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "+1234567890123456"}, "phone"),
        ({"hours": "8h\x0720h"}, "hours"),
    ):
        r = await client.put(site(sid, "/contact"), json=body, headers=auth)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["field"] == field
    for body in ({"hours": "x" * 201}, {"address": "x" * 301}, {"phone": "1" * 33}, {"fax": "1"}):
        r = await client.put(site(sid, "/contact"), json=body, headers=auth)
        assert r.status_code == 422, (body, r.text)
    assert (await client.get(site(sid, "/contact"), headers=auth)).json()["phone"] == ""


async def test_another_users_session_is_404(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await ready(client, auth, app)
    url = (await client.post(site(sid, "/publish"), headers=auth)).json()["url"]
    other = await signup(client, "other@example.com")
    for method, path in (
        ("GET", site(sid)),
        ("GET", site(sid, "/contact")),
        ("PUT", site(sid, "/contact")),
        ("POST", site(sid, "/publish")),
        ("DELETE", site(sid, "/publish")),
    ):
        r = await client.request(method, path, headers=other, json={} if method == "PUT" else None)
        assert r.status_code == 404, (method, path, r.text)
    assert (await client.get(public_path(url))).status_code == 200  # still up
    r = await client.post(site(sid, "/publish"))
    assert r.status_code == 401


async def test_unknown_addresses_are_404(client: httpx.AsyncClient) -> None:
    for path in ("/s/chez-awa-abcdefgh", "/s/NOT_A_SLUG", "/s/" + "a" * 200, "/s/a%00b"):
        r = await client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("text/html")


async def test_deleting_the_session_or_the_account_takes_the_site_down(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await ready(client, auth, app)
    path = public_path((await client.post(site(sid, "/publish"), headers=auth)).json()["url"])
    r = await client.delete(f"/api/v1/coaching/session/{sid}", headers=auth)
    assert r.status_code == 204, r.text
    assert (await client.get(path)).status_code == 404

    sid = await ready(client, auth, app)
    path = public_path((await client.post(site(sid, "/publish"), headers=auth)).json()["url"])
    r = await client.delete("/api/v1/auth/me", headers=auth)
    assert r.status_code == 204, r.text
    assert (await client.get(path)).status_code == 404


async def test_the_public_url_setting(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await ready(client, auth, app)
    settings = app.state.runtime.settings
    object.__setattr__(settings, "public_url", "https://coach.example.org/")
    r = await client.post(site(sid, "/publish"), headers=auth)
    assert r.json()["url"].startswith("https://coach.example.org/s/chez-awa-")


def test_the_routes_are_documented(app: FastAPI) -> None:
    schema = app.openapi()
    publish = schema["paths"]["/api/v1/coaching/session/{session_id}/website/publish"]
    assert {"post", "delete"} <= set(publish)
    assert {"401", "404", "409"} <= set(publish["post"]["responses"])
    contact = schema["paths"]["/api/v1/coaching/session/{session_id}/website/contact"]
    assert {"get", "put"} <= set(contact)
    assert "422" in contact["put"]["responses"]
