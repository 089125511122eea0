"""A person's own logo through the API: sanitised, used by the brief and its
exports, refused with a reason when it is not safe, and only before the brief."""

from __future__ import annotations

import io
import zipfile

import httpx
import pytest
from fastapi import FastAPI

from genesis.core.agents.svg import sanitize_svg
from tests.conftest import signup
from tests.web.api.test_briefs import coached, complete, failed_run
from tests.web.api.test_coaching import drain_jobs

SVG = {"content-type": "image/svg+xml"}
LOGO = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" class="inkscape">'
    '<circle cx="20" cy="20" r="18" style="fill:#0A7E4F"/>'
    '<text x="20" y="26" text-anchor="middle" fill="#fff">AD</text></svg>'
)


def logo_url(sid: str) -> str:
    return f"/api/v1/coaching/session/{sid}/logo"


async def start(client: httpx.AsyncClient, auth: dict[str, str]) -> str:
    r = await client.post("/api/v1/coaching/start", json={"language": "en"}, headers=auth)
    assert r.status_code == 201, r.text
    sid: str = r.json()["session_id"]
    return sid


async def test_an_uploaded_logo_is_used_by_the_brief_and_its_exports(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await coached(client, auth)
    r = await client.put(logo_url(sid), content=LOGO.encode(), headers={**auth, **SVG})
    assert r.status_code == 204, r.text
    assert r.content == b""
    await complete(client, auth, sid)
    await drain_jobs(app)

    url = f"/api/v1/coaching/session/{sid}/brief"
    logo = (await client.get(url, headers=auth)).json()["logo_creation"]
    assert logo["status"] == "ok"
    assert logo["data"]["kind"] == "uploaded"
    clean = logo["data"]["svg"]
    assert clean == sanitize_svg(LOGO)
    assert 'fill="#0A7E4F"' in clean
    assert "class=" not in clean

    site = await client.get(url, params={"format": "site"}, headers=auth)
    with zipfile.ZipFile(io.BytesIO(site.content)) as archive:
        assert archive.read("logo.svg").decode() == clean
    md = (await client.get(url, params={"format": "md"}, headers=auth)).text
    assert f"```svg\n{clean}\n```" in md

    # The brief exists: the logo can no longer change.
    r = await client.put(logo_url(sid), content=LOGO.encode(), headers={**auth, **SVG})
    assert r.status_code == 409
    assert "brief" in r.json()["detail"]
    assert (await client.delete(logo_url(sid), headers=auth)).status_code == 409


async def test_a_cleared_logo_gives_the_generated_one_back(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI
) -> None:
    sid = await coached(client, auth)
    r = await client.put(logo_url(sid), content=LOGO.encode(), headers={**auth, **SVG})
    assert r.status_code == 204
    assert (await client.delete(logo_url(sid), headers=auth)).status_code == 204
    await complete(client, auth, sid)
    await drain_jobs(app)
    brief = (await client.get(f"/api/v1/coaching/session/{sid}/brief", headers=auth)).json()
    assert brief["logo_creation"]["data"]["kind"] in ("monogram", "wordmark")


async def test_a_malicious_logo_is_refused_with_the_reason(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = await start(client, auth)
    cases = {
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>': "<script>",
        '<svg xmlns="http://www.w3.org/2000/svg"><rect OnClick="x()"/></svg>': "event handler",
        '<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript:x()"/></svg>': "links",
        '<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>': "DOCTYPE",
        "<html><body>hello</body></html>": "root element",
    }
    for body, why in cases.items():
        r = await client.put(logo_url(sid), content=body.encode(), headers={**auth, **SVG})
        assert r.status_code == 422, body
        assert r.json()["error"] == "InvalidLogoError"
        assert r.json()["detail"].startswith("The SVG logo was refused: ")
        assert why in r.json()["detail"], (body, r.json())
    r = await client.put(logo_url(sid), content=b"\xff\xfe<svg/>", headers={**auth, **SVG})
    assert r.status_code == 422
    assert "UTF-8" in r.json()["detail"]
    # Nothing was stored.
    detail = (await client.get(f"/api/v1/coaching/session/{sid}", headers=auth)).json()
    assert "uploaded_logo_svg" not in detail["sector_context"]


async def test_only_svg_bodies_of_a_sane_size_are_read(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = await start(client, auth)
    for content_type in ("application/json", "text/plain", "image/png", ""):
        headers = {**auth, "content-type": content_type} if content_type else auth
        r = await client.put(logo_url(sid), content=LOGO.encode(), headers=headers)
        assert r.status_code == 415, content_type
        assert "image/svg+xml" in r.json()["detail"]
    r = await client.put(
        logo_url(sid),
        content=LOGO.encode(),
        headers={**auth, "content-type": "image/svg+xml; charset=utf-8"},
    )
    assert r.status_code == 204
    huge = LOGO.replace("</svg>", "<rect/>" * 20_000 + "</svg>").encode()
    r = await client.put(logo_url(sid), content=huge, headers={**auth, **SVG})
    assert r.status_code == 413


async def test_another_users_session_is_404_and_sign_in_is_required(
    client: httpx.AsyncClient, auth: dict[str, str]
) -> None:
    sid = await start(client, auth)
    intruder = await signup(client, email="intruder@example.com")
    r = await client.put(logo_url(sid), content=LOGO.encode(), headers={**intruder, **SVG})
    assert r.status_code == 404
    assert (await client.delete(logo_url(sid), headers=intruder)).status_code == 404
    unknown = logo_url("00000000-0000-0000-0000-000000000000")
    assert (
        await client.put(unknown, content=LOGO.encode(), headers={**auth, **SVG})
    ).status_code == 404
    assert (await client.put(logo_url(sid), content=LOGO.encode(), headers=SVG)).status_code == 401


async def test_after_a_failed_run_a_new_logo_is_made_on_retry(
    client: httpx.AsyncClient, auth: dict[str, str], app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = await failed_run(client, auth, app, monkeypatch)
    url = f"/api/v1/coaching/session/{sid}"
    progress = (await client.get(url + "/progress", headers=auth)).json()
    assert progress["status"] == "failed"
    assert progress["agents"]["logo_creation"]["status"] == "ok"  # the generated one

    r = await client.put(logo_url(sid), content=LOGO.encode(), headers={**auth, **SVG})
    assert r.status_code == 204, r.text
    monkeypatch.undo()
    assert (await client.post(url + "/retry", headers=auth)).status_code == 202
    await drain_jobs(app)
    brief = (await client.get(url + "/brief", headers=auth)).json()
    assert brief["logo_creation"]["data"]["kind"] == "uploaded"
