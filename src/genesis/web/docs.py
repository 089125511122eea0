"""The interactive API documentation (Swagger UI) served from this process: its
script and styles come from the installed ``fastapi-offline`` package, nothing
from a CDN, and a strict Content-Security-Policy allows nothing else."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Final

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse

from genesis.web.pages.render import static_url

ASSETS_URL: Final = "/static/swagger-ui"
# Swagger UI sets inline styles as it draws; no inline script is needed.
DOCS_CSP: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)

router = APIRouter(include_in_schema=False)


def assets_dir() -> Path:
    return Path(str(resources.files("fastapi_offline").joinpath("static")))


@router.get("/docs")
async def docs() -> HTMLResponse:
    html = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Genesis Coach API</title>
<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">
<link rel="icon" href="{ASSETS_URL}/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
<script src="{static_url("docs.js")}"></script>
</body>
</html>
"""
    return HTMLResponse(
        html, headers={"Content-Security-Policy": DOCS_CSP, "Cache-Control": "no-cache"}
    )


def install_docs(app: FastAPI) -> None:
    """The /docs page and its assets (mount before the app's own /static)."""
    app.include_router(router)
    app.mount(ASSETS_URL, StaticFiles(directory=assets_dir()), name="swagger-ui")
