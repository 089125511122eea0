"""The OpenAPI document says what the app really answers: every error, 422
included, has the app's shape ``{"error": ..., "detail": ...}``."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from genesis.web.api.schemas import ERROR_DESCRIPTIONS

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}


def install_openapi(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _with_real_errors(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


# Bodies FastAPI parses itself: one it cannot read (not UTF-8...) is a 400.
PARSED_BODIES = ("application/json", "application/x-www-form-urlencoded")


def _with_real_errors(schema: dict[str, Any]) -> dict[str, Any]:
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            body_types = operation.get("requestBody", {}).get("content", {})
            if any(kind in body_types for kind in PARSED_BODIES) and "400" not in responses:
                responses["400"] = {
                    "description": "The body could not be read (not UTF-8, or malformed).",
                    "content": {"application/json": {"schema": ERROR_REF}},
                }
            if "422" in responses:
                # FastAPI documents its own validation body; ours is ErrorOut.
                described = responses["422"].get("description", "")
                responses["422"] = {
                    "description": described
                    if described != "Validation Error"
                    else ERROR_DESCRIPTIONS[422],
                    "content": {"application/json": {"schema": ERROR_REF}},
                }
    components = schema.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    return schema
