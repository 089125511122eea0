"""One table of status codes: the API and the pages answer every error alike."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.requests import Request

from genesis.core import errors
from genesis.web.errors import STATUS_BY_ERROR, CsrfError, install_error_handlers, status_of
from genesis.web.pages.render import error_response


def an_error(cls: type[Exception]) -> Exception:
    """One instance of ``cls``, whatever its constructor asks for."""
    special: dict[type[Exception], Exception] = {
        errors.CoachingIncompleteError: errors.CoachingIncompleteError("x", ["vision"]),
        errors.WeakPasswordError: errors.WeakPasswordError("x", "common"),
        errors.TooManyRequestsError: errors.TooManyRequestsError("x", 3),
        errors.TooManyAttemptsError: errors.TooManyAttemptsError("x", 3),
        errors.TooManyStreamsError: errors.TooManyStreamsError("x", 3),
        errors.RenderTimeoutError: errors.RenderTimeoutError("x", "PDF"),
        errors.InvalidLogoError: errors.InvalidLogoError("x", "why"),
        errors.InvalidContactError: errors.InvalidContactError("x", "phone"),
        RequestValidationError: RequestValidationError([]),
        CsrfError: CsrfError(),
    }
    return special.get(cls) or cls("x")


def every_error() -> list[type[Exception]]:
    found: list[type[Exception]] = [RequestValidationError, CsrfError]
    todo: list[type[Exception]] = [errors.GenesisError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def request(path: str = "/app/sessions") -> Request:
    return Request(
        {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b""}
    )


@pytest.mark.parametrize("cls", every_error(), ids=lambda c: c.__name__)
async def test_the_pages_answer_the_apis_status(cls: type[Exception]) -> None:
    exc = an_error(cls)
    code = status_of(exc)
    assert code is not None
    if isinstance(exc, errors.InvalidCredentialsError):
        return  # a page sends the person to the login form instead
    response = await error_response(request(), exc)
    assert response.status_code == code
    assert b"<html" in bytes(response.body)


@pytest.mark.parametrize(
    "cls", [c for c in every_error() if c is not CsrfError], ids=lambda c: c.__name__
)
async def test_the_api_answers_the_tables_status(cls: type[Exception]) -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    async def boom() -> None:
        raise an_error(cls)

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        r = await c.get("/boom")
    assert r.status_code == status_of(an_error(cls))
    assert r.json()["error"] in (cls.__name__, "ValidationError")


def test_the_table_names_a_subclass_before_its_base() -> None:
    classes = list(STATUS_BY_ERROR)
    for i, cls in enumerate(classes):
        assert not any(issubclass(later, cls) and later is not cls for later in classes[i + 1 :]), (
            cls
        )


def test_the_disagreements_of_old_are_settled() -> None:
    # The pages used to answer 400 where the API answered these.
    assert status_of(errors.EmailTakenError("x")) == 409
    for cls in (errors.InvalidPlanError, errors.IdempotencyKeyReusedError):
        assert status_of(cls("x")) == 422
    assert status_of(errors.InvalidLogoError("x", "why")) == 422
    assert status_of(RuntimeError("bug")) is None
