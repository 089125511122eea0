"""The weight budget of the coaching page, in bytes on the wire (uncompressed):
at most 60 KB on first load (the page and everything it references) and at most
10 KB per answer round-trip (request and response, headers included)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin

import httpx
from fastapi import FastAPI

from tests.answers import FULL_RUN_FR
from tests.conftest import asgi_client
from tests.web.pages.forms import form, register, start_session

FIRST_LOAD_BUDGET = 60 * 1024
ROUND_TRIP_BUDGET = 10 * 1024
# What a phone browser sends with every request, besides cookies.
BROWSER_HEADERS = {
    "user-agent": (
        "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Mobile Safari/537.36"
    ),
    "accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "accept-language": "fr-FR,fr;q=0.9,en;q=0.8",
    "accept-encoding": "gzip, deflate",
}
STEPS = ("vision", "mission", "clientele", "differentiation", "offre", "finances")
_REFERENCE = re.compile(r'(?:src|href)="([^"#]+)"')
_CSS_URL = re.compile(r"url\(['\"]?([^'\")]+)")


def request_bytes(request: httpx.Request) -> int:
    line = f"{request.method} {request.url.raw_path.decode()} HTTP/1.1\r\n"
    headers = sum(len(k) + len(v) + 4 for k, v in request.headers.raw)
    return len(line) + headers + 2 + len(request.content)


def response_bytes(response: httpx.Response) -> int:
    line = f"HTTP/1.1 {response.status_code} {response.reason_phrase}\r\n"
    headers = sum(len(k) + len(v) + 4 for k, v in response.headers.raw)
    return len(line) + headers + 2 + len(response.content)


def exchange_bytes(response: httpx.Response) -> int:
    return request_bytes(response.request) + response_bytes(response)


def references(html: str) -> Iterator[str]:
    """Resources a browser loads for the page (links the person may follow aside)."""
    for tag in re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", html):
        for ref in _REFERENCE.findall(tag):
            if not ref.startswith("data:"):
                yield ref


async def first_load(client: httpx.AsyncClient, path: str) -> dict[str, int]:
    """Bytes of the page and of each resource it references, as a browser with an
    empty cache fetches them."""
    page = await client.get(path)
    assert page.status_code == 200
    sizes = {path: exchange_bytes(page)}
    pending = list(references(page.text))
    while pending:
        ref = urljoin(str(page.url), pending.pop())
        if ref in sizes:
            continue
        resource = await client.get(ref)
        assert resource.status_code == 200, ref
        sizes[ref] = exchange_bytes(resource)
        if resource.headers["content-type"].startswith("text/css"):
            pending.extend(u for u in _CSS_URL.findall(resource.text) if not u.startswith("data:"))
    return sizes


async def test_coaching_page_first_load_and_round_trips_fit_the_budget(
    app: FastAPI, browser: httpx.AsyncClient
) -> None:
    browser.headers.update(BROWSER_HEADERS)
    await register(browser)
    path = await start_session(
        browser, business_name="Chez Awa", sector="restaurant", country="SN", city="Dakar"
    )
    answers = [("Poulet", None), *((FULL_RUN_FR[s], None) for s in STEPS)]
    answers.append(("", "Je confirme cette synthèse"))
    first_loads: list[int] = []
    js_trips: list[int] = []
    plain_trips: list[int] = []
    for i, (text, press) in enumerate(answers):
        # A new visitor's first load of the page at this point of the session.
        async with asgi_client(app, cookies=browser.cookies, headers=BROWSER_HEADERS) as fresh:
            sizes = await first_load(fresh, path)
        assert any("/static/app.css" in ref for ref in sizes)
        assert any("/static/app.js" in ref for ref in sizes)
        first_loads.append(sum(sizes.values()))

        page = await browser.get(path)
        data = form(page.text, "/answer").data(press, answer=text)
        if i % 2 == 0:  # with the script: one fetch, a fragment back
            r = await browser.post(path + "/answer", data=data, headers={"X-Fragment": "1"})
            assert r.status_code == 200
            assert r.headers["x-fragment"] == "1"
            js_trips.append(exchange_bytes(r))
        else:  # without it: the post, its redirect, and the page again
            r = await browser.post(path + "/answer", data=data)
            assert r.status_code == 303
            again = await browser.get(r.headers["location"].split("#")[0])
            plain_trips.append(exchange_bytes(r) + exchange_bytes(again))

    final = await browser.get(path)
    assert "Étapes terminées : 7 sur 7" in final.text
    print(  # shown with -s: the measured numbers for the README
        f"\nfirst load max {max(first_loads)} B; fragment round-trips max {max(js_trips)} B; "
        f"no-JS round-trips (post+redirect+page) max {max(plain_trips)} B"
    )
    assert max(first_loads) <= FIRST_LOAD_BUDGET, first_loads
    assert max(js_trips) <= ROUND_TRIP_BUDGET, js_trips
    assert max(plain_trips) <= ROUND_TRIP_BUDGET, plain_trips
