"""One table maps errors to HTTP status codes, for the API and the pages alike;
one JSON shape for every error of the API (the pages say it in words)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from genesis.core import errors


class CsrfError(Exception):
    """A page's POST without the CSRF cookie and its matching hidden field."""


# The first class an error is an instance of gives its code (subclasses first).
STATUS_BY_ERROR: dict[type[Exception], int] = {
    errors.NotFoundError: status.HTTP_404_NOT_FOUND,
    errors.InvalidTransitionError: status.HTTP_409_CONFLICT,
    errors.CoachingIncompleteError: status.HTTP_409_CONFLICT,
    errors.StaleStateError: status.HTTP_409_CONFLICT,
    errors.EmailTakenError: status.HTTP_409_CONFLICT,
    errors.InvalidPlanError: status.HTTP_422_UNPROCESSABLE_CONTENT,
    errors.InvalidCredentialsError: status.HTTP_401_UNAUTHORIZED,
    errors.TooManyRequestsError: status.HTTP_429_TOO_MANY_REQUESTS,
    errors.BriefNotReadyError: status.HTTP_409_CONFLICT,
    errors.IdempotencyKeyReusedError: status.HTTP_422_UNPROCESSABLE_CONTENT,
    errors.InvalidLogoError: status.HTTP_422_UNPROCESSABLE_CONTENT,
    errors.InvalidCursorError: status.HTTP_422_UNPROCESSABLE_CONTENT,
    errors.InvalidContactError: status.HTTP_422_UNPROCESSABLE_CONTENT,
    errors.WeakPasswordError: status.HTTP_422_UNPROCESSABLE_CONTENT,
    errors.InvalidEmailError: status.HTTP_422_UNPROCESSABLE_CONTENT,
    errors.BusyError: status.HTTP_503_SERVICE_UNAVAILABLE,
    errors.RenderTimeoutError: status.HTTP_503_SERVICE_UNAVAILABLE,
    errors.GenesisError: status.HTTP_400_BAD_REQUEST,
    RequestValidationError: status.HTTP_422_UNPROCESSABLE_CONTENT,
    CsrfError: status.HTTP_403_FORBIDDEN,
}


def status_of(exc: Exception) -> int | None:
    """The status code of ``exc``; None for an error nobody expected (a 500)."""
    return next((code for cls, code in STATUS_BY_ERROR.items() if isinstance(exc, cls)), None)


def error_body(name: str, detail: str, **extra: Any) -> dict[str, Any]:
    return {"error": name, "detail": detail, **extra}


async def _domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, errors.GenesisError)
    code = status_of(exc) or status.HTTP_400_BAD_REQUEST
    extra: dict[str, Any] = {}
    headers: dict[str, str] = {}
    if isinstance(exc, errors.CoachingIncompleteError):
        extra["missing_steps"] = exc.missing
    if isinstance(exc, errors.InvalidContactError):
        extra["field"] = exc.field
    if isinstance(exc, errors.TooManyRequestsError):
        headers["Retry-After"] = str(exc.retry_after)
    if isinstance(exc, errors.BusyError):
        headers["Retry-After"] = "1"
    if isinstance(exc, errors.InvalidCredentialsError):
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(error_body(type(exc).__name__, exc.detail, **extra), code, headers)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        problems.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
    return JSONResponse(
        error_body("ValidationError", "; ".join(problems) or "Invalid request."),
        STATUS_BY_ERROR[RequestValidationError],
    )


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    name = {
        400: "BadRequestError",
        401: "NotAuthenticatedError",
        404: "NotFoundError",
        405: "MethodNotAllowedError",
        413: "ContentTooLargeError",
        415: "UnsupportedMediaTypeError",
    }
    return JSONResponse(
        error_body(name.get(exc.status_code, "HTTPError"), str(exc.detail)),
        exc.status_code,
        headers=getattr(exc, "headers", None),
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(errors.GenesisError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
