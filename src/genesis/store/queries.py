"""Every query of the service, in one place. Callers own the transaction."""

from __future__ import annotations

import functools
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    Table,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal_column,
    select,
    type_coerce,
    union_all,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from genesis.core.errors import StaleStateError
from genesis.core.steps import CoachingStepEnum, SessionStatusEnum
from genesis.store.db import DriverStatement, on_driver
from genesis.store.models import (
    BusinessBrief,
    CoachingSession,
    CoachingStep,
    IdempotencyRecord,
    JSONType,
    User,
    Website,
)

SESSIONS: Table = CoachingSession.__table__  # type: ignore[assignment]
STEPS: Table = CoachingStep.__table__  # type: ignore[assignment]
BRIEFS: Table = BusinessBrief.__table__  # type: ignore[assignment]
HISTORY = SESSIONS.c.conversation_history
# What an answer may change on its session (the conversation is appended to apart).
ANSWER_COLUMNS = (
    "current_step",
    "status",
    "language",
    "language_fixed",
    "step_completion",
    "coaching_confidence",
    "retry_count",
    "cultural_context",
    "sector_context",
    "to_improve",
    "finance_assumptions",
    "coaching_duration",
    "last_activity_at",
)


async def user_by_email(db: AsyncSession, email: str) -> User | None:
    result = await db.execute(select(User).where(User.email == email))
    return result.scalar_one_or_none()


async def user_by_id(db: AsyncSession, user_id: int) -> User | None:
    return await db.get(User, user_id)


async def token_generation(db: AsyncSession | AsyncConnection, user_id: int) -> int | None:
    """The account's token generation; None when there is no such account."""
    stmt = select(User.token_generation).where(User.id == user_id)
    return (await db.execute(stmt)).scalar_one_or_none()


async def delete_user(db: AsyncSession, user_id: int) -> None:
    # The foreign keys cascade to sessions, steps and briefs in the database.
    await db.execute(delete(User).where(User.id == user_id))


async def session_of_user(
    db: AsyncSession, user_id: int, session_id: str, *, for_update: bool = False
) -> CoachingSession | None:
    """The caller's session; None for a session that is another user's."""
    stmt = select(CoachingSession).where(
        CoachingSession.session_id == session_id, CoachingSession.user_id == user_id
    )
    if for_update:
        stmt = stmt.with_for_update()
    result = await db.execute(stmt)
    return result.scalar_one_or_none()


async def session_version(db: AsyncSession, user_id: int, session_id: str) -> int | None:
    """The version of the caller's session (None: no such session, or not theirs)."""
    stmt = select(CoachingSession.version).where(
        CoachingSession.session_id == session_id, CoachingSession.user_id == user_id
    )
    return (await db.execute(stmt)).scalar_one_or_none()


async def active_session_of_user(
    db: AsyncSession, user_id: int, statuses: Collection[SessionStatusEnum]
) -> str | None:
    """The id of the caller's most recently used session in one of ``statuses``."""
    stmt = (
        select(CoachingSession.session_id)
        .where(CoachingSession.user_id == user_id, CoachingSession.status.in_(statuses))
        .order_by(CoachingSession.last_activity_at.desc(), CoachingSession.id.desc())
        .limit(1)
    )
    return (await db.execute(stmt)).scalar_one_or_none()


async def session_by_public_id(
    db: AsyncSession, session_id: str, *, for_update: bool = False
) -> CoachingSession | None:
    stmt = select(CoachingSession).where(CoachingSession.session_id == session_id)
    if for_update:
        stmt = stmt.with_for_update()
    result = await db.execute(stmt)
    return result.scalar_one_or_none()


async def sessions_of_user(
    db: AsyncSession, user_id: int, status: SessionStatusEnum | None = None
) -> Sequence[CoachingSession]:
    stmt = select(CoachingSession).where(CoachingSession.user_id == user_id)
    if status is not None:
        stmt = stmt.where(CoachingSession.status == status)
    stmt = stmt.order_by(CoachingSession.created_at.desc(), CoachingSession.id.desc())
    return (await db.execute(stmt)).scalars().all()


async def sessions_by_status(
    db: AsyncSession, statuses: Sequence[SessionStatusEnum], *, limit: int = 1000
) -> Sequence[CoachingSession]:
    """The seed's status query: e.g. the sessions waiting for their sub-agents."""
    stmt = (
        select(CoachingSession)
        .where(CoachingSession.status.in_(statuses))
        .order_by(CoachingSession.updated_at)
        .limit(limit)
    )
    return (await db.execute(stmt)).scalars().all()


async def steps_of_session(
    db: AsyncSession, session_pk: int, *, last: int | None = None
) -> Sequence[CoachingStep]:
    """The session's steps in order; with ``last``, only the latest ``last`` of them
    (read backwards from the index: a long session costs what a short one does)."""
    stmt = select(CoachingStep).where(CoachingStep.session_pk == session_pk)
    if last is None:
        return (await db.execute(stmt.order_by(CoachingStep.id))).scalars().all()
    latest = (await db.execute(stmt.order_by(CoachingStep.id.desc()).limit(last))).scalars().all()
    return latest[::-1]


async def count_steps(db: AsyncSession, session_pk: int) -> int:
    stmt = (
        select(func.count()).select_from(CoachingStep).where(CoachingStep.session_pk == session_pk)
    )
    return int((await db.execute(stmt)).scalar_one())


async def accepted_answers(
    db: AsyncSession | AsyncConnection, session_pk: int
) -> dict[str, tuple[str, float]]:
    """(answer, score) of each step's last accepted answer, in the order of the steps;
    a revision replaces the earlier. One probe of the partial index per step: the
    answers refused or revised before do not make a long session slower."""
    probes = [
        select(
            CoachingStep.step_name,
            CoachingStep.user_response,
            CoachingStep.confidence_score,
            CoachingStep.validation_criteria,
        )
        # The bare column, not IS TRUE: the partial index's own predicate.
        .where(
            CoachingStep.session_pk == session_pk,
            CoachingStep.step_name == step,
            CoachingStep.is_complete,
        )
        .order_by(CoachingStep.id.desc())
        .limit(1)
        .subquery()
        for step in CoachingStepEnum
    ]
    stmt = union_all(*(select(probe) for probe in probes))
    rows = (await db.execute(stmt)).all()
    order = {step.value: i for i, step in enumerate(CoachingStepEnum)}
    # A step that gathers several replies (the finances) keeps its answer, the
    # summary, beside the last reply.
    found = {
        CoachingStepEnum(step).value: (str((criteria or {}).get("answer") or text), score)
        for step, text, score, criteria in rows
    }
    return dict(sorted(found.items(), key=lambda item: order[item[0]]))


async def last_examples(db: AsyncSession, session_pk: int) -> list[str]:
    """The examples the coach gave with its last message."""
    stmt = (
        select(CoachingStep.examples_provided)
        .where(CoachingStep.session_pk == session_pk)
        .order_by(CoachingStep.id.desc())
        .limit(1)
    )
    return list((await db.execute(stmt)).scalar_one_or_none() or [])


async def idempotency_record(db: AsyncSession, user_id: int, key: str) -> IdempotencyRecord | None:
    stmt = select(IdempotencyRecord).where(
        IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
    )
    return (await db.execute(stmt)).scalar_one_or_none()


async def brief_of_session(db: AsyncSession, session_pk: int) -> BusinessBrief | None:
    result = await db.execute(select(BusinessBrief).where(BusinessBrief.session_pk == session_pk))
    return result.scalar_one_or_none()


async def brief_exists(db: AsyncSession, session_pk: int) -> bool:
    stmt = (
        select(func.count())
        .select_from(BusinessBrief)
        .where(BusinessBrief.session_pk == session_pk)
    )
    return bool((await db.execute(stmt)).scalar_one())


async def website_of_session(
    db: AsyncSession, session_pk: int, *, for_update: bool = False
) -> Website | None:
    stmt = select(Website).where(Website.session_pk == session_pk)
    if for_update:
        stmt = stmt.with_for_update()
    return (await db.execute(stmt)).scalar_one_or_none()


async def slug_taken(db: AsyncSession, slug: str) -> bool:
    stmt = select(func.count()).select_from(Website).where(Website.slug == slug)
    return bool((await db.execute(stmt)).scalar_one())


@dataclass(frozen=True, slots=True)
class PublishedPage:
    html: str
    csp: str
    published_at: datetime


async def published_page(db: AsyncSession, slug: str) -> PublishedPage | None:
    """The page published at ``slug``, as stored (None: unknown or taken down).
    One probe of the slug's unique index."""
    stmt = select(Website.html, Website.csp, Website.published_at).where(
        Website.slug == slug, Website.html.is_not(None)
    )
    row = (await db.execute(stmt)).one_or_none()
    if row is None or row.csp is None or row.published_at is None:
        return None
    return PublishedPage(row.html, row.csp, row.published_at)


async def delete_session(db: AsyncSession, session_pk: int) -> None:
    await db.execute(delete(CoachingSession).where(CoachingSession.id == session_pk))


# ----------------------------------------------------------- answering, history bounded
#
# A step needs the session's state and the end of its conversation (the last
# messages, the replies at the current step), never the whole of it: the
# conversation is read from its end and appended to in SQL, so a session with
# 500 answers is read and written as fast as one with ten.


def _history_tail(dialect: str, tail: ColumnElement[int]) -> ColumnElement[Any]:
    sliced: ColumnElement[Any]
    if dialect == "postgresql":
        sliced = func.jsonb_path_query_array(
            HISTORY,
            literal_column("'$[$from to last]'"),
            func.jsonb_build_object(
                "from", func.greatest(func.jsonb_array_length(HISTORY) - tail, 0)
            ),
        )
    else:  # SQLite: the elements from the offset (json_each walks them in order)
        sliced = (
            select(func.json_group_array(func.json(literal_column("value"))))
            .select_from(func.json_each(HISTORY))
            .where(literal_column("key") >= func.json_array_length(HISTORY) - tail)
            .correlate(SESSIONS)
            .scalar_subquery()
        )
    return type_coerce(sliced, JSONType)


def _history_length(dialect: str) -> ColumnElement[int]:
    if dialect == "postgresql":
        return func.jsonb_array_length(HISTORY)
    return func.json_array_length(HISTORY)


def _history_appended(entries: list[dict[str, Any]]) -> ColumnElement[Any]:
    """SQLite's append (PostgreSQL's is ``||`` in _answer_statement): json_insert
    at '$[#]' appends, one entry after another."""
    args: list[Any] = []
    for entry in entries:
        args += ["$[#]", func.json(json.dumps(entry))]
    return func.json_insert(HISTORY, *args)


@dataclass(slots=True)
class Answering:
    """A session to work on: detached, with the end of its conversation only."""

    session: CoachingSession
    # The whole conversation's length, and the owner's current token generation.
    history_length: int
    token_generation: int


# Every column of a session but its conversation, in the order the statement reads them.
_ANSWERING_COLUMNS = [c for c in SESSIONS.c if c.name != "conversation_history"]
_ANSWERING_NAMES = tuple(c.name for c in _ANSWERING_COLUMNS)


@functools.cache
def _answering_statement(dialect: str, for_update: bool) -> Select[Any]:
    """Built once: the statement and its cache key are reused by every step."""
    generation = (
        select(User.token_generation).where(User.id == SESSIONS.c.user_id).scalar_subquery()
    )
    tail = bindparam("tail", type_=Integer)
    stmt = select(
        *_ANSWERING_COLUMNS, _history_tail(dialect, tail), _history_length(dialect), generation
    ).where(
        SESSIONS.c.session_id == bindparam("public_id", type_=String),
        SESSIONS.c.user_id == bindparam("owner", type_=Integer),
    )
    return stmt.with_for_update(of=SESSIONS) if for_update else stmt


async def _core(db: AsyncSession | AsyncConnection) -> AsyncConnection:
    """The connection to run a Core statement on: the session's own, or ``db``.
    Core execution skips the ORM's statement handling (plain columns need none)."""
    return db if isinstance(db, AsyncConnection) else await db.connection()


async def session_for_answer(
    db: AsyncSession | AsyncConnection,
    user_id: int,
    session_id: str,
    *,
    tail: int,
    for_update: bool = False,
) -> Answering | None:
    """The caller's session with only the last ``tail`` entries of its conversation,
    and the account's token generation (read in the same statement: the step
    checks its token there); None when the session is not theirs."""
    params = {"tail": tail, "public_id": session_id, "owner": user_id}
    row: Sequence[Any] | None
    driver = on_driver(db)
    if driver is not None and not for_update:  # no lock outside a transaction anyway
        row = await _driver_statement(driver.dialect, "answering").fetchrow(driver, params)
    else:
        conn = await _core(db)
        stmt = _answering_statement(conn.dialect.name, for_update)
        row = (await conn.execute(stmt, params)).one_or_none()
    if row is None:
        return None
    values = dict(zip(_ANSWERING_NAMES, row, strict=False))
    s = CoachingSession(**values, conversation_history=list(row[-3] or []))
    return Answering(s, int(row[-2] or 0), int(row[-1]))


# The step row's columns an answer writes (besides its session and timestamps).
STEP_COLUMNS = (
    "step_name",
    "step_order",
    "user_response",
    "coach_message",
    "examples_provided",
    "validation_criteria",
    "is_complete",
    "confidence_score",
    "step_duration",
)


@functools.cache
def _answer_statement(with_finances: bool) -> Any:
    """PostgreSQL's write of an answer, built once (per shape: SQL NULL stays for
    the finances until they exist): the session's UPDATE, guarded by its version,
    and the step row inserted from its RETURNING. Only the parameters change from
    one answer to the next, so the statement's construction, cache key and
    compilation are not paid per step."""
    names = [n for n in ANSWER_COLUMNS if with_finances or n != "finance_assumptions"]
    answered = (
        update(SESSIONS)
        .where(
            SESSIONS.c.id == bindparam("pk", type_=Integer),
            SESSIONS.c.version == bindparam("old_version", type_=Integer),
        )
        .values(
            **{n: bindparam(f"s_{n}", type_=SESSIONS.c[n].type) for n in names},
            conversation_history=HISTORY.op("||")(bindparam("said", type_=JSONType)),
            version=SESSIONS.c.version + 1,
            updated_at=bindparam("now", type_=SESSIONS.c.updated_at.type),
        )
        .returning(SESSIONS.c.id, SESSIONS.c.version)
        .cte("answered")
    )
    row = ["created_at", "updated_at", *STEP_COLUMNS]
    stamped = {"created_at": "now", "updated_at": "now"}
    values = [bindparam(stamped.get(n, f"t_{n}"), type_=STEPS.c[n].type) for n in row]
    return (
        insert(STEPS)
        .from_select(["session_pk", *row], select(answered.c.id, *values))
        .returning(select(answered.c.version).scalar_subquery())
    )


@functools.cache
def _driver_statement(
    dialect: Dialect, name: Literal["answering", "answer", "answer_with_finances"]
) -> DriverStatement:
    """A step's statements, compiled once per engine to run on asyncpg itself
    (outside a transaction: ``Runtime.glance``)."""
    if name == "answering":
        return DriverStatement.of(_answering_statement("postgresql", False), dialect)
    return DriverStatement.of(_answer_statement(name == "answer_with_finances"), dialect)


async def save_answer(
    db: AsyncSession | AsyncConnection,
    s: CoachingSession,
    said: list[dict[str, Any]],
    step: dict[str, Any],
    now: datetime,
) -> int:
    """Write an answer: the session's new state, ``said`` appended to its
    conversation, and the step row (``step``: the STEP_COLUMNS); one statement on
    PostgreSQL, two on SQLite. Returns the new version; StaleStateError when
    another writer changed the session first."""
    conn = await _core(db)
    dialect = conn.dialect.name
    values: dict[str, Any] = {name: getattr(s, name) for name in ANSWER_COLUMNS}
    if values["finance_assumptions"] is None:  # SQL NULL stays, not a JSON null
        del values["finance_assumptions"]
    version: int | None
    if dialect == "postgresql":
        params = {f"s_{k}": v for k, v in values.items()} | {
            f"t_{k}": step[k] for k in STEP_COLUMNS
        }
        params |= {"pk": s.id, "old_version": s.version, "said": said, "now": now}
        with_finances = "finance_assumptions" in values
        driver = on_driver(db)
        if driver is not None:
            shape = "answer_with_finances" if with_finances else "answer"
            found = await _driver_statement(driver.dialect, shape).fetchrow(driver, params)
            version = None if found is None else found[0]
        else:
            stmt = _answer_statement(with_finances)
            version = (await conn.execute(stmt, params)).scalar_one_or_none()
    else:
        answered = (
            update(SESSIONS)
            .where(SESSIONS.c.id == s.id, SESSIONS.c.version == s.version)
            .values(
                **values,
                conversation_history=_history_appended(said),
                version=SESSIONS.c.version + 1,
                updated_at=now,
            )
            .returning(SESSIONS.c.id, SESSIONS.c.version)
        )
        updated = (await db.execute(answered)).one_or_none()
        version = None if updated is None else updated.version
        if version is not None:
            row = {"created_at": now, "updated_at": now, **step}
            await db.execute(insert(STEPS).values(session_pk=s.id, **row))
    if version is None:
        raise StaleStateError("The session changed meanwhile: send the answer again.")
    return int(version)


# ------------------------------------------------------------- a session read in pages
#
# GET of a session returns its state and one page of its conversation: the
# entries of ``limit`` answers (turns) and their step rows, read from the end of
# the conversation and of the index, so a session with 500 answers is read as
# fast as one with ten. A turn is one answer: the person's message, the coach's
# reply and its step row; the conversation is the coach's first question and then
# two entries a turn (``1 + 2 * turns``), which is how every writer appends to it.


def _history_range(
    dialect: str, start: ColumnElement[int], stop: ColumnElement[int]
) -> ColumnElement[Any]:
    """The conversation's entries ``[start, stop)`` as one JSON array."""
    sliced: ColumnElement[Any]
    if dialect == "postgresql":
        sliced = func.jsonb_path_query_array(
            HISTORY,
            literal_column("'$[$from to $to]'"),
            func.jsonb_build_object("from", start, "to", stop - 1),
        )
    else:
        sliced = (
            select(func.json_group_array(func.json(literal_column("value"))))
            .select_from(func.json_each(HISTORY))
            .where(literal_column("key") >= start, literal_column("key") < stop)
            .correlate(SESSIONS)
            .scalar_subquery()
        )
    return type_coerce(sliced, JSONType)


@functools.cache
def _page_statement(dialect: str) -> Select[Any]:
    """Built once: the session, one range of its conversation, its length, and
    whether a brief exists. ``start`` and ``stop`` count from the start, or, when
    ``from_end`` is true, back from the end of the conversation."""
    length = _history_length(dialect)
    from_end = bindparam("from_end", type_=Integer)
    start = bindparam("start", type_=Integer)
    stop = bindparam("stop", type_=Integer)
    first = case((from_end == 1, length - start), else_=start)
    last = case((from_end == 1, length - stop), else_=stop)
    has_brief = (
        select(BRIEFS.c.id).where(BRIEFS.c.session_pk == SESSIONS.c.id).exists().label("brief")
    )
    return select(
        *_ANSWERING_COLUMNS, _history_range(dialect, first, last), length, has_brief
    ).where(
        SESSIONS.c.session_id == bindparam("public_id", type_=String),
        SESSIONS.c.user_id == bindparam("owner", type_=Integer),
    )


@dataclass(slots=True)
class SessionPage:
    """A session, detached, with one page of its conversation and its step rows."""

    session: CoachingSession
    steps: Sequence[CoachingStep]
    has_brief: bool
    # Answers (turns) in the whole session, the first turn of the page, and the
    # index of the page's first entry in the whole conversation.
    turns: int
    first_turn: int
    first_entry: int


class CursorPastEnd(ValueError):
    """``before`` names a turn the session does not have (yet)."""

    def __init__(self, turns: int) -> None:
        super().__init__(turns)
        self.turns = turns


async def session_page(
    db: AsyncSession, user_id: int, session_id: str, *, limit: int, before: int | None
) -> SessionPage | None:
    """The caller's session with the turns ``[before - limit, before)`` of its
    conversation (the last ``limit`` turns without ``before``); None when the session
    is not theirs, CursorPastEnd when ``before`` is past its last turn."""
    params: dict[str, Any] = {"public_id": session_id, "owner": user_id}
    if before is None:  # one more entry: the first question, when the page reaches it
        params |= {"from_end": 1, "start": 2 * limit + 1, "stop": 0}
    else:
        first = max(0, before - limit)
        params |= {"from_end": 0, "start": 0 if first == 0 else 1 + 2 * first}
        params["stop"] = 1 + 2 * before
    row = (await db.execute(_page_statement(db.get_bind().dialect.name), params)).one_or_none()
    if row is None:
        return None
    length = int(row[-2] or 0)
    turns = max(0, (length - 1) // 2)
    entries = list(row[-3] or [])
    if before is None:
        first = max(0, turns - limit)
        if first > 0:  # the extra entry is the previous turn's coach reply
            entries = entries[-2 * limit :]
        before = turns
    elif before > turns:
        raise CursorPastEnd(turns)
    values = dict(zip(_ANSWERING_NAMES, row, strict=False))
    s = CoachingSession(**values, conversation_history=entries)
    # Counted from the first step row, which an answer recorded since the statement
    # above cannot shift (counted from the end, it would: a row too new, one lost).
    stmt = (
        select(CoachingStep)
        .where(CoachingStep.session_pk == s.id)
        .order_by(CoachingStep.id)
        .offset(first)
        .limit(before - first)
    )
    steps = list((await db.execute(stmt)).scalars().all()) if before > first else []
    first_entry = 0 if first == 0 else 1 + 2 * first
    return SessionPage(s, steps, bool(row[-1]), turns, first, first_entry)
