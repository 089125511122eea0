"""A tiny no-JS browser for page tests: read a page's forms and post them as a
browser would (hidden fields, the textarea, the pressed button)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx


@dataclass
class Form:
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    buttons: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, label)
    attrs: dict[str, str] = field(default_factory=dict)

    def button(self, label_part: str) -> tuple[str, str]:
        for name, value, label in self.buttons:
            if label_part in label:
                return name, value
        raise AssertionError(f"no button with {label_part!r} in {self.buttons}")

    def data(self, press: str | None = None, **values: str) -> dict[str, str]:
        data = {**self.fields, **values}
        if press is not None:
            name, value = self.button(press)
            if name:
                data[name] = value
        return data


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._button: tuple[str, str] | None = None
        self._select: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(a.get("action", ""), attrs=a)
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            if a.get("type") == "checkbox" and "checked" not in a:
                return
            self._form.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea, self._text = a.get("name", ""), []
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select is not None:
            # The selected option, else the first, as a browser sends it.
            if "selected" in a or self._select not in self._form.fields:
                self._form.fields[self._select] = a.get("value", "")
        elif tag == "button":
            self._button, self._text = (a.get("name", ""), a.get("value", "")), []

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._form is not None and self._textarea:
            self._form.fields[self._textarea] = "".join(self._text)
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "button" and self._form is not None and self._button is not None:
            self._form.buttons.append((*self._button, "".join(self._text).strip()))
            self._button = None


def forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form(html: str, action_end: str) -> Form:
    found = [f for f in forms(html) if f.action.endswith(action_end)]
    assert found, f"no form posting to ...{action_end}"
    return found[0]


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


async def register(
    client: httpx.AsyncClient,
    email: str = "awa@example.com",
    language: str = "fr",
    password: str = "s3cret-pass",
) -> None:
    """Sign up through the pages; the client keeps the session cookie."""
    page = await client.get("/register")
    data = form(page.text, "/register").data(
        name="Awa Diop", email=email, password=password, language=language
    )
    r = await client.post("/register", data=data)
    assert r.status_code == 303, r.text
    assert r.headers["location"] == "/app/start"


async def start_session(client: httpx.AsyncClient, **values: str) -> str:
    """Start a session through the form; returns the coaching page's path."""
    page = await client.get("/app/start")
    data = form(page.text, "/app/start").data(**values)
    r = await client.post("/app/start", data=data)
    assert r.status_code == 303, r.text
    path: str = r.headers["location"]
    assert path.startswith("/app/sessions/")
    return path


async def answer(
    client: httpx.AsyncClient, path: str, text: str = "", press: str | None = None
) -> httpx.Response:
    """Answer on the coaching page as a person without JavaScript; follows the redirect."""
    page = await client.get(path)
    assert page.status_code == 200, page.text
    data = form(page.text, "/answer").data(press, answer=text)
    r = await client.post(path + "/answer", data=data)
    assert r.status_code == 303, r.text
    return await client.get(r.headers["location"].split("#")[0])
