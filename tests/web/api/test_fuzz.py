"""Every API operation fuzzed from the app's own OpenAPI document (schemathesis),
against a real `genesis serve`: no answer is a 5xx, and every answer (status,
content type, body) is one the document describes. Bounded: a few examples per
operation. Runs on PostgreSQL when it is configured (it refuses more than SQLite
does: a NUL in a path was a 500 there), else on SQLite."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from genesis.config import Settings
from genesis.web.app import create_app
from tests.conftest import POSTGRES_URL, copy_sqlite, create_pg_database, drop_pg_database
from tests.servers import ApiServer

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# A few examples per operation in the suite, the same ones every run (CI must not turn
# red on a new random draw); GENESIS_FUZZ_EXAMPLES=80 GENESIS_FUZZ_RANDOM=1 to hunt.
EXAMPLES_PER_OPERATION = int(os.environ.get("GENESIS_FUZZ_EXAMPLES", "10"))
DERANDOMIZE = os.environ.get("GENESIS_FUZZ_RANDOM", "") != "1"


@pytest.fixture(scope="module")
def api_server(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("fuzz")
    if POSTGRES_URL:
        url = asyncio.run(create_pg_database(template=request.getfixturevalue("pg_template")))
    else:
        url = copy_sqlite(request.getfixturevalue("sqlite_template"), workdir)
    server = ApiServer(
        {
            "GENESIS_DATABASE_URL": url,
            "GENESIS_REDIS_URL": "",
            "GENESIS_LOG_LEVEL": "WARNING",
            "GENESIS_SECRET_KEY": "fuzz-secret-" + "f" * 40,
            # The fuzzing signs up too: the accounts it needs must not be throttled.
            "GENESIS_REGISTRATIONS_PER_HOUR": "100000",
        },
        workdir,
    )
    server.start()
    try:
        yield server.url
    finally:
        server.stop()
        if POSTGRES_URL:
            asyncio.run(drop_pg_database(url))
    log = server.log.read_text(errors="replace")
    assert "Traceback" not in log, log[-5000:]


class People:
    """One account, signed in, with a session, for each operation: an operation
    that deletes its account or changes its password spoils no other."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.people: dict[str, tuple[dict[str, str], str]] = {}

    def of(self, operation: str) -> tuple[dict[str, str], str]:
        if operation not in self.people:
            email = f"fuzz-{uuid.uuid4().hex[:12]}@example.com"
            with httpx.Client(base_url=self.base, timeout=30) as client:
                account = {"email": email, "password": "fuzz-long-secret"}
                r = client.post("/api/v1/auth/register", json=account | {"name": "Fuzz"})
                assert r.status_code == 201, r.text
                r = client.post("/api/v1/auth/login", json=account)
                auth = {"Authorization": f"Bearer {r.json()['access_token']}"}
                r = client.post("/api/v1/coaching/start", json={"language": "fr"}, headers=auth)
                self.people[operation] = (auth, r.json()["session_id"])
        return self.people[operation]


@pytest.fixture(scope="module")
def people(api_server: str) -> People:
    return People(api_server)


# The document the server serves at /openapi.json, made by the same code.
schema = schemathesis.openapi.from_dict(create_app(Settings(_env_file=None)).openapi())  # type: ignore[call-arg]


def _real_session(value: object, session_id: str) -> object:
    """A generated id that is a well-formed UUID becomes the person's real session,
    so that operations reach past the 404; malformed ones stay as they are."""
    try:
        uuid.UUID(str(value))
    except ValueError:
        return value
    return session_id


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    phases=[Phase.generate],  # schemathesis' explicit phase adds hundreds of cases
    suppress_health_check=list(HealthCheck),
    database=None,  # nothing written to .hypothesis/
    derandomize=DERANDOMIZE,
)
def test_every_operation_answers_as_documented(case: Any, api_server: str, people: People) -> None:
    auth, session_id = people.of(case.operation.label)
    if case.path_parameters and "session_id" in case.path_parameters:
        case.path_parameters["session_id"] = _real_session(
            case.path_parameters["session_id"], session_id
        )
    if isinstance(case.body, dict) and "session_id" in case.body:
        case.body["session_id"] = _real_session(case.body["session_id"], session_id)
    case.call_and_validate(base_url=api_server, headers=auth, checks=CHECKS)
