"""Coaching: start or resume a session, answer its current step.

An answer runs one at a time per session (a lock), records nothing twice (the
Idempotency-Key or a double tap within seconds), and is judged by the coach and
applied by the core's rule (core.session.apply_reply) in one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from genesis.core.coach.types import CoachContext, Language, Reply
from genesis.core.errors import (
    InvalidCredentialsError,
    InvalidTransitionError,
    StaleStateError,
)
from genesis.core.session import apply_reply
from genesis.core.steps import (
    ANSWERING_STATUSES,
    CoachingStepEnum,
    SessionStatusEnum,
    empty_completion,
    validate_plan,
)
from genesis.runtime import Runtime
from genesis.service.common import fingerprint, replay, session_key
from genesis.service.live import answering_session, cached_session, remember, split_answers
from genesis.service.session_view import (
    CoachingState,
    coach_context,
    coaching_state,
    session_state,
    write_state,
)
from genesis.store import queries
from genesis.store.cache import Snapshot
from genesis.store.models import (
    CoachingSession,
    IdempotencyRecord,
    utcnow,
)

# The same answer again within this time is a double tap or a retry, not a new answer.
DOUBLE_SUBMIT_WINDOW_SECONDS = 60


async def start_session(
    rt: Runtime,
    user_id: int,
    *,
    session_id: str | None = None,
    new: bool = False,
    language: Language | None = None,
    business_name: str | None = None,
    cultural_context: dict[str, Any] | None = None,
    sector_context: dict[str, Any] | None = None,
    coaching_plan: Sequence[str] | None = None,
) -> CoachingState:
    """Resume the caller's ``session_id`` where it stopped; without one, resume their
    active session (initialized or in progress, the most recently used), unless
    ``new`` asks for another; else create one (the other arguments shape it)."""
    if session_id is not None:
        return await resume_session(rt, user_id, session_id)
    plan = validate_plan(coaching_plan)
    language_fixed = language is not None
    if not new or language is None:
        # One read for both: the active session, else the account's language.
        async with rt.sessionmaker() as db:
            active = None
            if not new:
                active = await queries.active_session_of_user(db, user_id, ANSWERING_STATUSES)
            user = (
                await queries.user_by_id(db, user_id)
                if active is None and language is None
                else None
            )
        if active is not None:
            return await resume_session(rt, user_id, active)
        if language is None:
            if user is None:
                raise InvalidCredentialsError("The account of this token no longer exists.")
            language = "en" if user.preferred_language == "en" else "fr"
    now = utcnow()
    s = CoachingSession(
        user_id=user_id,
        session_id=str(uuid.uuid4()),
        status=SessionStatusEnum.INITIALIZED,
        current_step=plan[0],
        language=language,
        language_fixed=language_fixed,
        business_name=business_name,
        step_completion=empty_completion(plan),
        coaching_plan=[p.value for p in plan],
        cultural_context=dict(cultural_context or {}),
        sector_context=dict(sector_context or {}),
        conversation_history=[],
        to_improve=[],
        coaching_confidence=0.0,
        retry_count=0,
        last_activity_at=now,
    )
    prompt = await rt.coach.prompt(coach_context(rt, s, {}))
    s.say("coach", prompt.message, now)
    try:
        async with rt.transaction() as db:
            db.add(s)
    except IntegrityError:  # the account was deleted after its token was issued
        raise InvalidCredentialsError("The account of this token no longer exists.") from None
    await remember(rt, s, {}, {}, prompt.examples)
    return coaching_state(s, message=prompt.message, examples=prompt.examples, created=True)


async def resume_session(rt: Runtime, user_id: int, session_id: str) -> CoachingState:
    s, answers = await cached_session(rt, user_id, session_id)
    if s.status in ANSWERING_STATUSES:
        prompt = await rt.coach.prompt(coach_context(rt, s, answers))
        return coaching_state(s, message=prompt.message, examples=prompt.examples)
    return coaching_state(s, message=s.last_coach_message(), examples=[])


def _is_double_submit(
    s: CoachingSession,
    text: str,
    force: bool,
    expected_step: CoachingStepEnum | None,
    now: datetime,
) -> bool:
    """The same request as the last answer, moments ago: a double tap or a network
    retry. "Move on" after a refused answer resends its text with ``force``: new.
    A client that names the step it answers is new when it names another step
    (the same words may well answer two steps)."""
    history = s.conversation_history
    if len(history) < 2 or history[-2].get("role") != "user":
        return False
    last = history[-2]
    if last.get("message") != text or bool(last.get("force")) != force:
        return False
    if expected_step is not None and last.get("step") != expected_step.value:
        return False
    try:
        at = datetime.fromisoformat(str(last["at"]))
    except (KeyError, ValueError):
        return False
    if at.tzinfo is None:  # every entry is written with its offset; not one of ours
        return False
    return bool((now - at).total_seconds() < DOUBLE_SUBMIT_WINDOW_SECONDS)


async def submit_answer(
    rt: Runtime,
    user_id: int,
    session_id: str,
    text: str,
    *,
    force: bool = False,
    expected_step: CoachingStepEnum | None = None,
    expected_version: int | None = None,
    idempotency_key: str | None = None,
    token_generation: int | None = None,
) -> CoachingState:
    """Judge one answer and record it with the state change, all or nothing: on
    PostgreSQL without an Idempotency-Key in one statement that is its own
    transaction, else in one transaction.

    With ``token_generation`` (the caller's token's), the token is checked in the
    statement that reads the session: no query of its own.

    Answers to one session run one at a time (``rt.locks``). A replay (same
    Idempotency-Key, or the same text again within seconds) records nothing and
    answers the current state. A coach that answers from memory (the offline
    one: well under a millisecond) judges inside the transaction; one that
    waits on the network (an LLM) judges between a read and a write
    transaction, holding no database connection or row lock meanwhile (the
    version column guards the write).
    """
    request = fingerprint("step", session_id, text, force, expected_step, expected_version)
    checks = _Checks(text, force, expected_step, expected_version, idempotency_key is not None)
    slow_coach = rt.coach.waits_on_network
    key = session_key(session_id)
    # The live copy comes with the lock, and the new one goes with its release.
    async with rt.locks.hold(key, rt.cache.entry(key)) as held:
        snap = held.snapshot if held.fetched else await rt.cache.get(key)
        if not slow_coach and idempotency_key is None and rt.engine.dialect.name == "postgresql":
            fast = await _answer_in_one_statement(rt, user_id, key, checks, snap, token_generation)
            if fast is not None:
                s, prep, state = fast
                await remember(rt, s, prep.answers, prep.scores, state.examples, held)
                return state
        # A slow coach's first transaction only reads: it writes after the judgement.
        async with rt.reading() if slow_coach else rt.transaction() as db:
            s = await answering_session(
                db, user_id, key, for_update=not slow_coach, token_generation=token_generation
            )
            if idempotency_key is not None:
                replayed = await replay(db, user_id, idempotency_key, request)
                if replayed is not None:
                    return CoachingState.replayed(replayed)
            prep = await _prepare(rt, db, s, checks, snap)
            if prep.done is None and not slow_coach:
                reply = await _judge(rt, prep, checks)
                state = await _record(db, s, prep, checks, reply)
                _keep(db, user_id, idempotency_key, request, state)
        if prep.done is not None:
            state = prep.done
        elif slow_coach:
            reply = await _judge(rt, prep, checks)
            async with rt.transaction() as db:
                s = await answering_session(db, user_id, key, for_update=True)
                if s.version != prep.version:  # only if the session lock was lost meanwhile
                    raise StaleStateError(
                        "The session changed while the coach was thinking: send the answer again."
                    )
                state = await _record(db, s, prep, checks, reply)
                _keep(db, user_id, idempotency_key, request, state)
        await remember(rt, s, prep.answers, prep.scores, state.examples, held)
    return state


async def _answer_in_one_statement(
    rt: Runtime,
    user_id: int,
    key: str,
    checks: _Checks,
    snap: Snapshot | None,
    token_generation: int | None,
) -> tuple[CoachingSession, _Prepared, CoachingState] | None:
    """The usual answer on PostgreSQL (an offline coach, no Idempotency-Key), with no
    transaction around it: the session is read on an autocommit connection, the
    answer judged, and the session's new state, its conversation and the step row
    written by one statement, committed on its own before the reply. The version
    guards that write as the row lock would have: when another writer went first
    (only possible with the session's lock lost, Redis down), None, and the caller
    does it all again in a transaction that locks the row (and so sees a double
    tap as one)."""
    async with rt.glance() as conn:
        s = await answering_session(
            conn, user_id, key, for_update=False, token_generation=token_generation
        )
        prep = await _prepare(rt, conn, s, checks, snap)
        if prep.done is not None:
            return s, prep, prep.done
        reply = await _judge(rt, prep, checks)
        try:
            state = await _record(conn, s, prep, checks, reply)
        except StaleStateError:
            return None
    return s, prep, state


@dataclass(frozen=True, slots=True)
class _Checks:
    text: str
    force: bool
    expected_step: CoachingStepEnum | None
    expected_version: int | None
    keyed: bool  # an Idempotency-Key came with the answer


@dataclass(slots=True)
class _Prepared:
    """What an answer is judged against, read from the session before the coach speaks."""

    now: datetime
    version: int
    answers: dict[str, str] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    ctx: CoachContext | None = None
    done: CoachingState | None = None  # a replay: nothing to judge


async def _judge(rt: Runtime, prep: _Prepared, checks: _Checks) -> Reply:
    if prep.ctx is None:
        raise RuntimeError("a replay has nothing to judge")
    return await rt.coach.answer(prep.ctx, checks.text, force=checks.force)


def _keep(
    db: AsyncSession, user_id: int, key: str | None, request: str, state: CoachingState
) -> None:
    """Remember the response under the Idempotency-Key, in the answer's transaction."""
    if key is not None:
        db.add(
            IdempotencyRecord(
                user_id=user_id, key=key, request_hash=request, response=asdict(state)
            )
        )


async def _prepare(
    rt: Runtime,
    db: AsyncSession | AsyncConnection,
    s: CoachingSession,
    checks: _Checks,
    snap: Snapshot | None,
) -> _Prepared:
    now = utcnow()
    # With an Idempotency-Key the key alone tells a retry from a new answer.
    double = not checks.keyed and _is_double_submit(
        s, checks.text, checks.force, checks.expected_step, now
    )
    if s.status not in ANSWERING_STATUSES:
        if double:  # the answer that completed coaching, again
            done = coaching_state(s, message=s.last_coach_message(), examples=[])
            return _Prepared(now, s.version, done=done)
        raise InvalidTransitionError(
            f"The session is '{s.status.value}': it is not taking answers."
        )
    if snap is not None and snap.get("version") == s.version and "scores" in snap:
        # The live copy agrees with the row: trust it, save a query.
        answers, scores = dict(snap["answers"]), dict(snap["scores"])
    else:
        answers, scores = split_answers(await queries.accepted_answers(db, s.id))
    if double:  # before the step check: the step it answered has moved on
        examples = list(snap.get("last_examples", [])) if snap else []
        done = coaching_state(s, message=s.last_coach_message(), examples=examples)
        return _Prepared(now, s.version, answers, scores, done=done)
    expected_step = checks.expected_step
    if expected_step is not None and expected_step is not s.current_step:
        raise StaleStateError(
            f"This answer is for the step '{expected_step.value}', but the session is at "
            f"'{s.current_step.value}'."
        )
    if checks.expected_version is not None and checks.expected_version != s.version:
        raise StaleStateError(
            f"The session has changed (version {s.version}, not {checks.expected_version})."
        )
    return _Prepared(now, s.version, answers, scores, ctx=coach_context(rt, s, answers))


async def _record(
    db: AsyncSession | AsyncConnection,
    s: CoachingSession,
    prep: _Prepared,
    checks: _Checks,
    reply: Reply,
) -> CoachingState:
    """Apply the coach's reply to the session (locked, or guarded by its version)
    and add the step row."""
    text = checks.text
    outcome = apply_reply(session_state(s, prep.answers, prep.scores), reply, text, prep.now)
    step = outcome.answered_step
    said = len(s.conversation_history)
    s.say("user", text, prep.now, force=checks.force)
    write_state(s, outcome.state)
    s.say("coach", reply.message, prep.now)
    row = {
        "step_name": step,
        "step_order": outcome.state.plan.index(step) + 1,
        "user_response": text,
        "coach_message": reply.message,
        "examples_provided": reply.examples,
        "validation_criteria": {
            "met": reply.met_criteria,
            "missing": reply.missing_criteria,
            "to_improve": reply.to_improve,
            "coach_mode": reply.coach_mode,
            "revise_step": reply.revise_step.value if reply.revise_step else None,
            # A step answered over several replies keeps its answer (the summary).
            **({"answer": reply.reformulation} if reply.structured is not None else {}),
        },
        "is_complete": outcome.completes,
        "confidence_score": reply.confidence,
        "step_duration": outcome.active_seconds,
    }
    # One statement on PostgreSQL (two on SQLite), the version guarding the
    # session's write: a concurrent writer fails here.
    s.version = await queries.save_answer(db, s, s.conversation_history[said:], row, prep.now)
    prep.answers.update(outcome.state.answers)
    prep.scores.update(outcome.state.scores)
    return coaching_state(
        s,
        message=reply.message,
        examples=reply.examples,
        is_step_complete=reply.accepted,
        confidence=reply.confidence,
        coach_mode=reply.coach_mode,
    )
