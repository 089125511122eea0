"""What every page shares: templates, the request's language, user and CSRF token,
and the route class that turns any error into a friendly page."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Final
from urllib.parse import quote

import jinja2
from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, RedirectResponse, Response

from genesis import service
from genesis.core import errors
from genesis.core.coach.types import Language
from genesis.runtime import Runtime
from genesis.store.models import User
from genesis.web.deps import RuntimeDep
from genesis.web.errors import CsrfError, status_of
from genesis.web.pages import cookies
from genesis.web.pages.i18n import Translator, as_language, from_accept_language

log = logging.getLogger(__name__)

WEB_DIR: Final = Path(__file__).resolve().parent.parent
STATIC_DIR: Final = WEB_DIR / "static"
TEMPLATES_DIR: Final = WEB_DIR / "templates"

# No inline script or style anywhere, so the policy can be this strict.
PAGE_CSP: Final = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'; object-src 'none'"
)

templates = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


@cache
def static_url(name: str) -> str:
    """``/static/<name>?v=<hash>``: cacheable for long, renewed when the file changes."""
    digest = hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]
    return f"/static/{name}?v={digest}"


templates.globals["static_url"] = static_url
# Fields of the agents' data that are for machines, not for the person reading.
templates.globals["hidden_keys"] = frozenset(
    {"country_code", "country_known", "template_id", "detected_tones", "score", "alternatives"}
)


def format_number(value: object, language: str = "fr") -> str:
    """1234567.8 -> "1 234 568" (fr) or "1,234,568" (en); small numbers keep 2 decimals."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    text = f"{value:,.0f}" if abs(value) >= 1000 or value == int(value) else f"{value:,.2f}"
    if language == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


templates.filters["num"] = format_number


def local_path(target: str | None, default: str = "/app/sessions") -> str:
    """``target`` if it is a path on this site, else ``default``: no open redirects."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default


def security_headers(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
    return response


@dataclass
class Page:
    """One page request: its language, signed-in user and CSRF token."""

    request: Request
    rt: Runtime
    lang: Language
    user: User | None = None
    csrf_cookie: str = ""
    csrf_is_new: bool = False
    drop_auth: bool = False
    renewed: service.AccessToken | None = None
    _translators: dict[str, Translator] = field(default_factory=dict)

    @property
    def t(self) -> Translator:
        if self.lang not in self._translators:
            self._translators[self.lang] = Translator(self.lang)
        return self._translators[self.lang]

    @property
    def csrf(self) -> str:
        return cookies.csrf_token(self.rt.settings, self.csrf_cookie)

    @property
    def user_id(self) -> int:
        if self.user is None:
            raise LoginRequiredError(self.request.url.path)
        return self.user.id

    def html(self, template: str, **context: Any) -> str:
        return templates.get_template(template).render(page=self, t=self.t, **context)

    def render(self, template: str, status_code: int = 200, **context: Any) -> Response:
        return self.finish(HTMLResponse(self.html(template, **context), status_code))

    def redirect(self, url: str) -> Response:
        return self.finish(RedirectResponse(url, status_code=303))

    def finish(self, response: Response) -> Response:
        if self.csrf_is_new:
            cookies.set_csrf(response, self.rt.settings, self.csrf_cookie)
        if self.drop_auth:
            cookies.clear_auth(response, self.rt.settings)
        elif self.renewed is not None:
            cookies.set_auth(
                response, self.rt.settings, self.renewed.token, self.renewed.expires_in
            )
        return security_headers(response)


class LoginRequiredError(Exception):
    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def request_language(request: Request) -> Language:
    chosen = as_language(request.cookies.get(cookies.LANG_COOKIE))
    return chosen or from_accept_language(request.headers.get("accept-language", ""))


async def get_page(request: Request, rt: RuntimeDep) -> Page:
    csrf_cookie = request.cookies.get(cookies.CSRF_COOKIE) or ""
    page = Page(request, rt, request_language(request), csrf_cookie=csrf_cookie)
    if not csrf_cookie:
        page.csrf_cookie, page.csrf_is_new = cookies.new_csrf_secret(), True
    token = request.cookies.get(cookies.AUTH_COOKIE)
    if token:
        try:
            page.user = await service.user_from_token(rt, token)
        except errors.InvalidCredentialsError:  # expired, or the account is gone
            page.drop_auth = True
        else:
            page.renewed = service.renewed_token(rt, page.user, token)
    if page.user is not None:
        page.lang = as_language(page.user.preferred_language) or page.lang
    return page


PageDep = Annotated[Page, Depends(get_page)]


async def get_user_page(page: PageDep) -> Page:
    if page.user is None:
        raise LoginRequiredError(page.request.url.path)
    return page


UserPageDep = Annotated[Page, Depends(get_user_page)]


# Larger than any form of the pages (a logo upload has its own, smaller limit).
MAX_FORM_BYTES: Final = 1_000_000


async def checked_form(request: Request, page: PageDep) -> FormData:
    """The posted form, once its CSRF token is checked (every POST depends on it).
    A body that is too large is a 413 and a malformed one a 400 (both as pages)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_FORM_BYTES:
        raise HTTPException(413)
    form = await request.form()
    cookie = request.cookies.get(cookies.CSRF_COOKIE)
    if not cookies.csrf_ok(page.rt.settings, cookie, form.get(cookies.CSRF_FIELD)):
        await form.close()  # an uploaded file is spooled to disk: let it go now
        raise CsrfError
    return form


FormDep = Annotated[FormData, Depends(checked_form)]


def form_text(form: FormData, name: str, max_chars: int = 5000) -> str:
    """A form field, trimmed and bounded; NUL characters (which no database column
    can hold, and no keyboard types) are dropped."""
    value = form.get(name)
    return value.replace("\x00", "").strip()[:max_chars] if isinstance(value, str) else ""


# ----------------------------------------------------------------------------- errors

# What each error says to the person; its status code is the API's (web.errors).
_MESSAGES: Final[dict[type[Exception], str]] = {
    errors.NotFoundError: "error_404",
    CsrfError: "error_403_csrf",
    errors.InvalidTransitionError: "error_409",
    errors.StaleStateError: "error_409",
    errors.CoachingIncompleteError: "error_409",
    errors.BriefNotReadyError: "error_409",
    errors.TooManyRequestsError: "error_429",
    errors.BusyError: "error_503",
    errors.RenderTimeoutError: "error_pdf_timeout",
    errors.GenesisError: "error_400",
    RequestValidationError: "error_400",
}
# Starlette's own refusals: a malformed form (more than 1000 fields, a multipart
# body without its boundary, a part over 1 MB) is a 400.
_HTTP_MESSAGES: Final = {
    400: "error_400_form",
    404: "error_404",
    405: "error_400",
    413: "error_413",
}


def error_page(request: Request, status_code: int, key: str) -> Response:
    """A friendly page in the person's language; never a stack trace."""
    t = Translator(request_language(request))
    html = templates.get_template("error.html").render(
        page=None, t=t, status_code=status_code, message=t(key)
    )
    headers = {"Retry-After": "1"} if status_code == 503 else None
    return security_headers(HTMLResponse(html, status_code, headers=headers))


def _login_redirect(next_path: str) -> Response:
    target = "/login?next=" + quote(local_path(next_path), safe="/")
    return security_headers(RedirectResponse(target, status_code=303))


async def error_response(request: Request, exc: Exception) -> Response:
    if isinstance(exc, LoginRequiredError):
        return _login_redirect(exc.next_path)
    if isinstance(exc, errors.InvalidCredentialsError):
        return _login_redirect(request.url.path)
    if isinstance(exc, HTTPException):  # Starlette's and FastAPI's
        return error_page(
            request, exc.status_code, _HTTP_MESSAGES.get(exc.status_code, "error_400")
        )
    status_code = status_of(exc)
    key = next((key for cls, key in _MESSAGES.items() if isinstance(exc, cls)), None)
    if status_code is not None and key is not None:
        return error_page(request, status_code, key)
    log.exception("page %s failed", request.url.path, exc_info=exc)
    return error_page(request, 500, "error_500")


class PageRoute(APIRoute):
    """A route whose errors, wherever raised (dependencies included), become pages."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except Exception as exc:
                return await error_response(request, exc)

        return guarded
