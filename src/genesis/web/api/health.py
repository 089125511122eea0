"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from genesis.web.api.schemas import error_responses
from genesis.web.deps import RuntimeDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", responses=error_responses(503, e503="The database cannot be reached."))
async def readyz(rt: RuntimeDep) -> JSONResponse:
    try:
        async with rt.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as exc:
        return JSONResponse(
            {"error": "NotReadyError", "detail": f"Database unreachable: {type(exc).__name__}"},
            503,
        )
    return JSONResponse({"status": "ready", "database": "ok"})
