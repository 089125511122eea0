"""What every response carries, the offline docs page, and an OpenAPI document
that tells the truth about errors."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from genesis.config import Settings
from tests.conftest import asgi_client, running_app, signup


@pytest.fixture
def empty_database_url(tmp_path: Path) -> str:
    """SQLite only: nothing here depends on the database."""
    return f"sqlite+aiosqlite:///{tmp_path / 'genesis.db'}"


async def test_nothing_is_content_sniffed(client: httpx.AsyncClient) -> None:
    auth = await signup(client)
    for r in (
        await client.get("/api/v1/auth/me", headers=auth),
        await client.get("/api/v1/auth/me"),  # an error
        await client.get("/static/app.css"),
        await client.get("/static/swagger-ui/swagger-ui.css"),
        await client.get("/healthz"),
        await client.get("/openapi.json"),
    ):
        assert r.headers["x-content-type-options"] == "nosniff", r.url
        assert "strict-transport-security" not in r.headers  # development: plain http


async def test_hsts_in_production(settings: Settings) -> None:
    production = settings.model_copy(update={"env": "production"})
    async with running_app(production) as app, asgi_client(app) as client:
        for path in ("/healthz", "/", "/static/app.css"):
            r = await client.get(path)
            assert r.headers["strict-transport-security"] == "max-age=31536000", path


async def test_the_docs_page_loads_nothing_from_elsewhere(client: httpx.AsyncClient) -> None:
    r = await client.get("/docs")
    assert r.status_code == 200
    policy = r.headers["content-security-policy"]
    assert "script-src 'self';" in policy
    assert "default-src 'none'" in policy
    assert "http" not in r.text.replace('rel="stylesheet"', "")
    for asset in ("/static/swagger-ui/swagger-ui-bundle.js", "/static/swagger-ui/swagger-ui.css"):
        assert asset in r.text
        assert (await client.get(asset)).status_code == 200
    assert (await client.get("/redoc")).status_code == 404  # it loaded from a CDN


async def test_the_openapi_documents_the_real_errors(app: FastAPI) -> None:
    spec = app.openapi()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    error = spec["components"]["schemas"]["ErrorOut"]
    assert set(error["required"]) == {"error", "detail"}
    ref = {"$ref": "#/components/schemas/ErrorOut"}
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for code, response in responses.items():
                if code.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == ref, (method, path, code)
            if path.startswith("/api/v1/coaching") or path == "/api/v1/auth/me":
                assert "401" in responses, (method, path)
            if "{session_id}" in path:
                assert "404" in responses, (method, path)

    def codes(path: str, method: str) -> set[str]:
        return set(spec["paths"][path][method]["responses"])

    assert {"401", "422", "429"} <= codes("/api/v1/auth/login", "post")
    assert {"400", "401", "429"} <= codes("/api/v1/auth/token", "post")
    assert {"409", "422", "429"} <= codes("/api/v1/auth/register", "post")
    assert {"404", "409", "422", "503"} <= codes("/api/v1/coaching/step", "post")
    assert "429" in codes("/api/v1/coaching/session/{session_id}/progress", "get")


async def test_a_validation_error_has_the_documented_shape(client: httpx.AsyncClient) -> None:
    r = await client.post("/api/v1/auth/login", json={"email": "nope"})
    assert r.status_code == 422
    assert set(r.json()) == {"error", "detail"}
