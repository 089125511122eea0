"""Cookie auth and CSRF for the pages.

Auth: the ``genesis_session`` cookie holds the same signed JWT the JSON API takes as a
Bearer token (``service.authenticate`` issues it, ``service.user_id_from_token``
checks it): HttpOnly, SameSite=Lax, Secure in production, and it expires with the
token. The JSON API never reads this cookie, so a cross-site request cannot reach it.

CSRF: signed double-submit. ``genesis_csrf`` is a random cookie; every form carries
HMAC(secret key, cookie) in a hidden field, and every POST must bring both. Another
site can neither read the cookie nor compute the field; the cookie is renewed at
log-in and log-out so a planted value does not survive them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Final

from starlette.responses import Response

from genesis.config import Settings
from genesis.core.coach.types import Language

AUTH_COOKIE: Final = "genesis_session"
CSRF_COOKIE: Final = "genesis_csrf"
LANG_COOKIE: Final = "genesis_lang"
CSRF_FIELD: Final = "csrf"
LANG_COOKIE_SECONDS: Final = 365 * 24 * 3600


def _secure(settings: Settings) -> bool:
    return settings.env == "production"


def set_auth(response: Response, settings: Settings, token: str, max_age: int) -> None:
    response.set_cookie(
        AUTH_COOKIE,
        token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=_secure(settings),
        path="/",
    )


def clear_auth(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        AUTH_COOKIE, httponly=True, samesite="lax", secure=_secure(settings), path="/"
    )


def new_csrf_secret() -> str:
    return secrets.token_urlsafe(32)


def set_csrf(response: Response, settings: Settings, value: str) -> None:
    # A browser-session cookie: a form left open overnight still posts once reloaded.
    response.set_cookie(
        CSRF_COOKIE, value, httponly=True, samesite="lax", secure=_secure(settings), path="/"
    )


def csrf_token(settings: Settings, cookie_value: str) -> str:
    """The hidden-field value that goes with ``cookie_value``."""
    mac = hmac.new(settings.secret_key.encode(), b"csrf:" + cookie_value.encode(), hashlib.sha256)
    return mac.hexdigest()


def csrf_ok(settings: Settings, cookie_value: str | None, field_value: object) -> bool:
    if not cookie_value or not isinstance(field_value, str) or not field_value:
        return False
    return hmac.compare_digest(csrf_token(settings, cookie_value), field_value)


def set_language(response: Response, settings: Settings, language: Language) -> None:
    response.set_cookie(
        LANG_COOKIE,
        language,
        max_age=LANG_COOKIE_SECONDS,
        httponly=True,
        samesite="lax",
        secure=_secure(settings),
        path="/",
    )
