"""A form the pages cannot read is a clear 400 or 413 page on every POST route,
never a 500."""

from __future__ import annotations

import httpx

from tests.web.pages.forms import register, start_session
from tests.web.pages.test_security import post_paths

FORM_UNREADABLE_FR = "Le formulaire n&#39;a pas pu être lu"
TOO_LARGE_FR = "trop volumineux pour ce formulaire"


def too_many_fields() -> tuple[bytes, str]:
    body = "&".join(f"f{i}=x" for i in range(1001)).encode()
    return body, "application/x-www-form-urlencoded"


def multipart_without_boundary() -> tuple[bytes, str]:
    return b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', (
        "multipart/form-data"
    )


def multipart_with_a_large_part() -> tuple[bytes, str]:
    part = b"a" * (1024 * 1024 + 10)
    body = (
        b'--bound\r\nContent-Disposition: form-data; name="answer"\r\n\r\n'
        + part
        + b"\r\n--bound--\r\n"
    )
    return body, "multipart/form-data; boundary=bound"


UNREADABLE = (
    (too_many_fields, 400, FORM_UNREADABLE_FR),
    (multipart_without_boundary, 400, FORM_UNREADABLE_FR),
    (multipart_with_a_large_part, 413, TOO_LARGE_FR),
)


async def test_an_unreadable_form_is_a_clear_page_on_every_route(
    browser: httpx.AsyncClient,
) -> None:
    await register(browser)
    path = await start_session(browser, business_name="Chez Awa")
    for make, status, message in UNREADABLE:
        body, content_type = make()
        for target in post_paths(path):
            r = await browser.post(target, content=body, headers={"content-type": content_type})
            assert r.status_code == status, (make.__name__, target, r.status_code)
            assert r.headers["content-type"].startswith("text/html"), target
            assert message in r.text, target
            assert "Traceback" not in r.text
    assert (await browser.get(path)).status_code == 200  # still signed in, nothing broken
