"""Reads whose cost must not grow with a session's history: each step's last
accepted answer, the latest steps."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from genesis.core.errors import StaleStateError
from genesis.core.steps import CoachingStepEnum, SessionStatusEnum
from genesis.store import queries
from genesis.store.db import DriverStatement, create_engine, create_write_sessionmaker, on_driver
from genesis.store.models import CoachingSession, CoachingStep, User

NOW = datetime(2026, 12, 3, tzinfo=UTC)
V, M = CoachingStepEnum.VISION, CoachingStepEnum.MISSION


SID = "00000000-0000-4000-8000-000000000001"


async def _session(
    db: AsyncSession,
    answers: list[tuple[CoachingStepEnum, str, bool]],
    history: list[dict[str, Any]] | None = None,
) -> int:
    user = User(email="a@example.com", name="A", hashed_password="h")
    db.add(user)
    await db.flush()
    s = CoachingSession(
        user_id=user.id,
        session_id=SID,
        status=SessionStatusEnum.IN_PROGRESS,
        coaching_plan=[step.value for step in CoachingStepEnum],
        step_completion={},
        cultural_context={},
        sector_context={},
        conversation_history=history or [],
        to_improve=[],
        last_activity_at=NOW,
    )
    db.add(s)
    await db.flush()
    for i, (step, answer, accepted) in enumerate(answers):
        db.add(
            CoachingStep(
                session_pk=s.id,
                step_name=step,
                step_order=1,
                user_response=answer,
                coach_message="ok",
                examples_provided=[],
                validation_criteria={},
                is_complete=accepted,
                confidence_score=i / 10,
            )
        )
    await db.flush()
    return s.id


async def test_each_steps_last_accepted_answer_in_the_order_of_the_plan(db: AsyncSession) -> None:
    pk = await _session(
        db,
        [
            (M, "mission refused", False),
            (V, "first vision", True),
            (M, "mission", True),
            (V, "vision revised", True),
            (V, "a later refused vision", False),
        ],
    )
    answers = await queries.accepted_answers(db, pk)
    assert answers == {"vision": ("vision revised", 0.3), "mission": ("mission", 0.2)}
    assert list(answers) == ["vision", "mission"]


async def test_the_latest_steps_come_in_order(db: AsyncSession) -> None:
    pk = await _session(db, [(V, f"answer {i}", False) for i in range(7)])
    latest = await queries.steps_of_session(db, pk, last=3)
    assert [s.user_response for s in latest] == ["answer 4", "answer 5", "answer 6"]
    assert len(await queries.steps_of_session(db, pk)) == 7
    assert await queries.count_steps(db, pk) == 7


async def test_accepted_answers_probe_the_partial_index_on_sqlite(db: AsyncSession) -> None:
    if db.get_bind().dialect.name != "sqlite":
        pytest.skip("the planner of a tiny PostgreSQL table may rightly prefer a scan")
    plan = await db.execute(
        text(
            "EXPLAIN QUERY PLAN SELECT user_response FROM coaching_steps"
            " WHERE session_pk = 1 AND step_name = 'vision' AND coaching_steps.is_complete = 1"
            " ORDER BY id DESC LIMIT 1"
        )
    )
    assert "ix_coaching_steps_accepted" in " ".join(str(row[-1]) for row in plan)


def _said(n: int) -> list[dict[str, Any]]:
    return [{"role": "user" if i % 2 else "coach", "message": f"m{i}"} for i in range(n)]


@pytest.mark.parametrize(("entries", "tail", "expected"), [(30, 5, 5), (3, 5, 3), (0, 5, 0)])
async def test_an_answer_reads_the_end_of_the_conversation_only(
    db: AsyncSession, entries: int, tail: int, expected: int
) -> None:
    await _session(db, [], history=_said(entries))
    user_id = (await db.execute(text("SELECT user_id FROM coaching_sessions"))).scalar_one()
    other = {"role": "coach", "message": "another session's"}
    db.add(
        CoachingSession(
            user_id=user_id,
            session_id=SID[:-1] + "2",
            coaching_plan=[],
            conversation_history=[other] * 7,
            last_activity_at=NOW,
        )
    )
    await db.flush()
    found = await queries.session_for_answer(db, user_id, SID, tail=tail, for_update=True)
    assert found is not None
    s, length = found.session, found.history_length
    assert length == entries
    assert (
        found.token_generation
        == (await db.execute(text("SELECT token_generation FROM users"))).scalar_one()
    )
    assert s.conversation_history == _said(entries)[entries - expected :]
    assert s.current_step is CoachingStepEnum.VISION
    assert s.status is SessionStatusEnum.IN_PROGRESS
    assert await queries.session_for_answer(db, user_id + 1, SID, tail=tail) is None


async def test_an_answer_is_appended_and_the_version_guards_it(db: AsyncSession) -> None:
    pk = await _session(db, [], history=_said(3))
    user_id = (await db.execute(text("SELECT user_id FROM coaching_sessions"))).scalar_one()
    found = await queries.session_for_answer(db, user_id, SID, tail=2)
    assert found is not None
    s = found.session
    s.retry_count = 1
    s.current_step = M
    step = {
        "step_name": V,
        "step_order": 1,
        "user_response": "une réponse",
        "coach_message": "merci",
        "examples_provided": ["x"],
        "validation_criteria": {"met": []},
        "is_complete": True,
        "confidence_score": 0.5,
        "step_duration": 3,
    }
    said = [{"role": "user", "message": "une réponse"}, {"role": "coach", "message": "merci"}]
    version = await queries.save_answer(db, s, said, step, NOW)
    assert version == s.version + 1
    db.expire_all()
    row = (await db.execute(text("SELECT id FROM coaching_sessions"))).scalar_one()
    saved = await db.get(CoachingSession, row)
    assert saved is not None
    assert saved.conversation_history == [*_said(3), *said]
    assert (saved.retry_count, saved.current_step, saved.version) == (1, M, version)
    assert [st.user_response for st in await queries.steps_of_session(db, pk)] == ["une réponse"]
    with pytest.raises(StaleStateError):  # s still carries the version read before
        await queries.save_answer(db, s, said, step, NOW)


async def test_outside_a_transaction_a_step_reads_and_writes_as_inside_one(
    database_url: str,
) -> None:
    """On PostgreSQL an autocommit connection (Runtime.glance) runs the step's two
    statements on asyncpg itself: the same session, the same row written, the
    same version guard as through SQLAlchemy in a transaction."""
    engine = create_engine(database_url)
    try:
        async with create_write_sessionmaker(engine)() as db, db.begin():
            await _session(db, [(V, "avant", True)], history=_said(5))
            user_id = (await db.execute(text("SELECT user_id FROM coaching_sessions"))).scalar_one()
        async with create_write_sessionmaker(engine)() as db, db.begin():
            inside = await queries.session_for_answer(db, user_id, SID, tail=3)
        async with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                await conn.execution_options(isolation_level="AUTOCOMMIT")
                assert on_driver(conn) is conn
            outside = await queries.session_for_answer(conn, user_id, SID, tail=3)
            assert inside is not None
            assert outside is not None
            columns = [c.key for c in CoachingSession.__table__.columns]
            assert {c: getattr(outside.session, c) for c in columns} == {
                c: getattr(inside.session, c) for c in columns
            }
            assert (outside.history_length, outside.token_generation) == (
                inside.history_length,
                inside.token_generation,
            )
            assert outside.session.status is SessionStatusEnum.IN_PROGRESS
            s = outside.session
            s.current_step, s.retry_count, s.cultural_context = M, 2, {"country_code": "SN"}
            step = {
                "step_name": M,
                "step_order": 2,
                "user_response": "réponse",
                "coach_message": "merci",
                "examples_provided": ["é"],
                "validation_criteria": {"met": ["a"]},
                "is_complete": False,
                "confidence_score": 0.25,
                "step_duration": 4,
            }
            said = [{"role": "user", "message": "réponse", "at": NOW.isoformat()}]
            version = await queries.save_answer(conn, s, said, step, NOW)
            assert version == s.version + 1
            with pytest.raises(StaleStateError):  # s still carries the version read before
                await queries.save_answer(conn, s, said, step, NOW)
            if conn.in_transaction():  # SQLite: no autocommit connection
                await conn.commit()
        async with create_write_sessionmaker(engine)() as db, db.begin():
            saved = (await db.execute(select(CoachingSession))).scalar_one()
            assert saved.conversation_history == [*_said(5), *said]
            assert (saved.current_step, saved.retry_count, saved.version) == (M, 2, version)
            assert saved.cultural_context == {"country_code": "SN"}
            rows = await queries.steps_of_session(db, saved.id)
            assert [(r.step_name, r.examples_provided, r.validation_criteria) for r in rows] == [
                (V, [], {}),
                (M, ["é"], {"met": ["a"]}),
            ]
            assert rows[-1].created_at == NOW
    finally:
        await engine.dispose()


@pytest.mark.postgres
async def test_a_connection_dropped_under_a_driver_statement_is_not_pooled_again(
    pg_url: str,
) -> None:
    engine = create_engine(pg_url, pool_size=1)
    dropped = DriverStatement("SELECT pg_terminate_backend(pg_backend_pid())", (), ())
    try:
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            with pytest.raises(Exception):  # noqa: B017, PT011 (whatever the driver raises)
                await dropped.fetchrow(conn, {})
        async with engine.connect() as conn:  # the pool's one connection is a new one
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            pid = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
            refused = DriverStatement("SELECT 1 / 0", (), ())
            with pytest.raises(Exception):  # noqa: B017, PT011
                await refused.fetchrow(conn, {})
        async with engine.connect() as conn:  # a statement refused keeps its connection
            assert (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one() == pid
    finally:
        await engine.dispose()
