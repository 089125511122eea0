"""The app factory. The engine, Redis and the job queue live in the lifespan."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from genesis import __version__
from genesis.config import Settings, get_settings
from genesis.core.coach.types import Coach
from genesis.jobs import InProcessJobs, JobQueue, running_recovery
from genesis.runtime import Runtime, build_runtime
from genesis.web.api import auth, briefs, coaching, finances, health, logo, website, whatsapp
from genesis.web.docs import install_docs
from genesis.web.errors import install_error_handlers
from genesis.web.headers import SecurityHeaders
from genesis.web.openapi import install_openapi
from genesis.web.pages import STATIC_DIR
from genesis.web.pages import router as pages_router
from genesis.web.streams import StreamSlots


def create_app(settings: Settings | None = None, *, coach: Coach | None = None) -> FastAPI:
    settings = settings or get_settings()
    logging.basicConfig(level=settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = build_runtime(settings, coach=coach)
        jobs = _job_queue(settings, runtime)
        runtime.enqueue_agents = jobs.enqueue_agents
        runtime.enqueue_whatsapp = jobs.enqueue_whatsapp
        app.state.runtime, app.state.jobs = runtime, jobs
        async with contextlib.AsyncExitStack() as stack:
            stack.push_async_callback(runtime.aclose)
            stack.push_async_callback(jobs.aclose)
            if isinstance(jobs, InProcessJobs):
                # This process runs the jobs, so it also recovers the ones that died.
                await stack.enter_async_context(running_recovery(runtime))
            yield

    app = FastAPI(
        title="Genesis Coach",
        version=__version__,
        description="Business coaching for African entrepreneurs, in French and English.",
        lifespan=lifespan,
        # /docs is ours (web/docs.py): Swagger UI from the installed package, no CDN.
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        # No OpenTelemetry is set up here: FastAPI's own would look its providers up
        # on every request (about 1% of a step's CPU) to find them unconfigured.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.stream_slots = StreamSlots(settings.max_streams_per_user)
    app.add_middleware(SecurityHeaders, hsts=settings.env == "production")
    install_error_handlers(app)
    install_openapi(app)
    # First: routes are matched in order, and WhatsApp's webhook is the route that
    # must answer fastest (its paths collide with no other).
    app.include_router(whatsapp.router)
    api = APIRouter(prefix="/api/v1")
    api.include_router(auth.router)
    api.include_router(coaching.router)
    api.include_router(briefs.router)
    api.include_router(finances.router)
    api.include_router(logo.router)
    api.include_router(website.router)
    app.include_router(api)
    app.include_router(health.router)
    app.include_router(pages_router)
    install_docs(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _job_queue(settings: Settings, runtime: Runtime) -> JobQueue:
    if settings.jobs == "taskiq":
        # Imported here: taskiq costs memory a process on in-process jobs never needs.
        from genesis.worker import TaskiqJobs

        return TaskiqJobs(settings)
    return InProcessJobs(runtime)
