"""Coaching: start or resume, answer, read, list, delete, assists."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from genesis.core.coach.types import CoachContext, CoachMode, Help, Language, Proposals, Reply
from genesis.core.errors import (
    InvalidCredentialsError,
    InvalidTransitionError,
    NotFoundError,
    StaleStateError,
)
from genesis.core.steps import (
    ANSWERING_STATUSES,
    CoachingStepEnum,
    SessionEventEnum,
    SessionStatusEnum,
    empty_completion,
    next_status,
    next_step,
    validate_plan,
)
from genesis.runtime import Runtime
from genesis.service.common import SESSION_NOT_FOUND, fingerprint, owned, replay, session_key
from genesis.store import queries
from genesis.store.cache import Snapshot
from genesis.store.models import (
    CoachingSession,
    CoachingStep,
    IdempotencyRecord,
    utcnow,
)

# Time between two messages counted as active coaching at most: an idle tab is not work.
MAX_ACTIVE_GAP_SECONDS = 600
# The same answer again within this time is a double tap or a retry, not a new answer.
DOUBLE_SUBMIT_WINDOW_SECONDS = 60


@dataclass(slots=True)
class CoachingState:
    """What start and step answer: the real current state plus the coach's words."""

    session_id: str
    status: SessionStatusEnum
    current_step: CoachingStepEnum
    coach_message: str
    examples: list[str]
    progress: dict[str, bool]
    is_step_complete: bool
    confidence_score: float
    coaching_confidence: float
    retry_count: int
    coaching_plan: list[str]
    language: str
    version: int
    coach_mode: CoachMode = "offline"
    to_improve: list[str] = field(default_factory=list)
    created: bool = False


@dataclass(slots=True)
class SessionDetail:
    session: CoachingSession
    steps: Sequence[CoachingStep]
    has_brief: bool


def _state(
    s: CoachingSession,
    *,
    message: str,
    examples: list[str],
    is_step_complete: bool = False,
    confidence: float = 0.0,
    coach_mode: CoachMode = "offline",
    created: bool = False,
) -> CoachingState:
    return CoachingState(
        session_id=s.session_id,
        status=s.status,
        current_step=s.current_step,
        coach_message=message,
        examples=examples,
        progress=dict(s.step_completion),
        is_step_complete=is_step_complete,
        confidence_score=confidence,
        coaching_confidence=s.coaching_confidence,
        retry_count=s.retry_count,
        coaching_plan=list(s.coaching_plan),
        language=s.language,
        version=s.version,
        coach_mode=coach_mode,
        to_improve=list(s.to_improve),
        created=created,
    )


def plan_of(s: CoachingSession) -> tuple[CoachingStepEnum, ...]:
    return tuple(CoachingStepEnum(v) for v in s.coaching_plan)


def _context(rt: Runtime, s: CoachingSession, answers: dict[str, str]) -> CoachContext:
    language: Language = "en" if s.language == "en" else "fr"
    return CoachContext(
        language=language,
        plan=plan_of(s),
        step=s.current_step,
        retry_count=s.retry_count,
        answers=answers,
        to_improve=frozenset(s.to_improve),
        cultural_context=dict(s.cultural_context),
        sector_context=dict(s.sector_context),
        business_name=s.business_name,
        language_fixed=s.language_fixed,
        max_follow_ups=rt.settings.max_follow_ups,
        step_replies=tuple(step_replies(s)),
    )


def step_replies(s: CoachingSession) -> list[str]:
    """The person's replies at the current step since it was last opened, oldest
    first ("move on" requests aside): the finances step rebuilds its draft from them."""
    replies: list[str] = []
    for entry in reversed(s.conversation_history):
        if entry.get("step") != s.current_step.value:
            break
        if entry.get("role") == "user" and not entry.get("force"):
            replies.append(str(entry.get("message", "")))
    return replies[::-1]


def _say(
    s: CoachingSession, role: str, message: str, now: datetime, *, force: bool = False
) -> None:
    entry: dict[str, Any] = {
        "role": role,
        "message": message,
        "step": s.current_step.value,
        "at": now.isoformat(),
    }
    if force:
        entry["force"] = True  # "move on": the same text again is a new request
    s.conversation_history = [*s.conversation_history, entry]  # reassign: JSON is not tracked


def _last_coach_message(s: CoachingSession) -> str:
    for entry in reversed(s.conversation_history):
        if entry.get("role") == "coach":
            return str(entry.get("message", ""))
    return ""


# ------------------------------------------------------------------- cache snapshots

_SNAPSHOT_FIELDS = (
    "session_id",
    "user_id",
    "current_step",
    "status",
    "language",
    "language_fixed",
    "business_name",
    "step_completion",
    "coaching_confidence",
    "retry_count",
    "cultural_context",
    "sector_context",
    "coaching_plan",
    "to_improve",
    "version",
)


def _snapshot(
    s: CoachingSession, answers: dict[str, str], scores: dict[str, float], examples: list[str]
) -> Snapshot:
    snap: Snapshot = {name: getattr(s, name) for name in _SNAPSHOT_FIELDS}
    snap["current_step"] = s.current_step.value
    snap["status"] = s.status.value
    snap["answers"] = answers
    snap["scores"] = scores
    snap["last_message"] = _last_coach_message(s)
    snap["last_examples"] = examples
    snap["step_replies"] = step_replies(s)
    return snap


def _from_snapshot(snap: Snapshot) -> CoachingSession:
    """A detached session rebuilt from the cache, for reads only."""
    fields = {name: snap[name] for name in _SNAPSHOT_FIELDS}
    fields["current_step"] = CoachingStepEnum(fields["current_step"])
    fields["status"] = SessionStatusEnum(fields["status"])
    last = snap.get("last_message") or ""
    step = fields["current_step"].value
    history: list[dict[str, Any]] = [
        {"role": "user", "message": reply, "step": step} for reply in snap["step_replies"]
    ]
    if last:
        history.append({"role": "coach", "message": last, "step": step})
    return CoachingSession(**fields, conversation_history=history)


async def _remember(
    rt: Runtime,
    s: CoachingSession,
    answers: dict[str, str],
    scores: dict[str, float],
    examples: list[str],
) -> None:
    """After the commit: refresh the live copy (a failure only costs speed)."""
    await rt.cache.set(s.session_id, _snapshot(s, answers, scores, examples))


async def _cached_session(
    rt: Runtime, user_id: int, session_id: str
) -> tuple[CoachingSession, dict[str, str]]:
    """The live copy when it is as recent as the database, else the database (which
    refills it). The row's version is read every time: a copy that another
    server could not refresh (Redis unreachable during its write) is never served."""
    key = session_key(session_id)
    snap = await rt.cache.get(key)
    async with rt.sessionmaker() as db:
        version = await queries.session_version(db, user_id, key)
        if version is None:
            raise NotFoundError(SESSION_NOT_FOUND)
        if snap is not None and snap.get("version") == version:
            try:
                return _from_snapshot(snap), dict(snap["answers"])
            except (KeyError, ValueError, TypeError):
                pass  # an entry from another version of the code: repair it below
        s = await owned(db, user_id, key)
        answers, scores = _split(await queries.accepted_answers(db, s.id))
        examples = await queries.last_examples(db, s.id)
    await _remember(rt, s, answers, scores, examples)
    return s, answers


def _split(accepted: dict[str, tuple[str, float]]) -> tuple[dict[str, str], dict[str, float]]:
    return (
        {k: text for k, (text, _) in accepted.items()},
        {k: score for k, (_, score) in accepted.items()},
    )


# ------------------------------------------------------------------------ use-cases


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
    if not new:
        async with rt.sessionmaker() as db:
            active = await queries.active_session_of_user(db, user_id, ANSWERING_STATUSES)
        if active is not None:
            return await resume_session(rt, user_id, active)
    if language is None:
        async with rt.sessionmaker() as db:
            user = await queries.user_by_id(db, user_id)
        if user is None:
            raise InvalidCredentialsError("The account of this token no longer exists.")
        language = "en" if user.preferred_language == "en" else "fr"
        language_fixed = False
    else:
        language_fixed = True
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
    prompt = await rt.coach.prompt(_context(rt, s, {}))
    _say(s, "coach", prompt.message, now)
    try:
        async with rt.transaction() as db:
            db.add(s)
    except IntegrityError:  # the account was deleted after its token was issued
        raise InvalidCredentialsError("The account of this token no longer exists.") from None
    await _remember(rt, s, {}, {}, prompt.examples)
    return _state(s, message=prompt.message, examples=prompt.examples, created=True)


async def resume_session(rt: Runtime, user_id: int, session_id: str) -> CoachingState:
    s, answers = await _cached_session(rt, user_id, session_id)
    if s.status in ANSWERING_STATUSES:
        prompt = await rt.coach.prompt(_context(rt, s, answers))
        return _state(s, message=prompt.message, examples=prompt.examples)
    return _state(s, message=_last_coach_message(s), examples=[])


def _merge_context(current: dict[str, Any], detected: dict[str, Any]) -> dict[str, Any]:
    """Detected keys fill gaps; what the person gave (or was detected first) stays."""
    if not detected:
        return current
    if current.get("country_code") and detected.get("country_code") not in (
        None,
        current["country_code"],
    ):
        return current  # another country mentioned in passing does not move the business
    if current.get("sector") and detected.get("sector") not in (None, current["sector"]):
        return current
    return {**detected, **current}


def _apply_reply(
    s: CoachingSession, reply: Reply, step: CoachingStepEnum, plan: tuple[CoachingStepEnum, ...]
) -> SessionEventEnum:
    """Change the session by the coach's decision; returns the state-machine event."""
    completion = dict(s.step_completion)
    to_improve = [v for v in s.to_improve if v != step.value]
    if step is CoachingStepEnum.SYNTHESIS and reply.revise_step is not None:
        completion[reply.revise_step.value] = False
        completion[step.value] = False
        s.current_step = reply.revise_step
        s.retry_count = 0
        s.step_completion = completion
        return SessionEventEnum.ANSWER
    if not reply.accepted:
        s.retry_count += 1
        return SessionEventEnum.ANSWER
    completion[step.value] = True
    if reply.to_improve:
        to_improve.append(step.value)
    s.step_completion = completion
    s.to_improve = to_improve
    s.retry_count = 0
    following = next_step(plan, completion)
    if following is None:
        return SessionEventEnum.COACHING_DONE
    s.current_step = following
    return SessionEventEnum.ANSWER


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
) -> CoachingState:
    """Judge one answer and record it, with the state change, in one transaction.

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
    async with rt.locks.hold(session_id):
        # A slow coach's first transaction only reads: it writes after the judgement.
        async with rt.reading() if slow_coach else rt.transaction() as db:
            if idempotency_key is not None:
                replayed = await replay(db, user_id, idempotency_key, request)
                if replayed is not None:
                    return CoachingState(**replayed)
            s = await owned(db, user_id, session_id, for_update=not slow_coach)
            prep = await _prepare(rt, db, s, checks)
            if prep.done is None and not slow_coach:
                reply = await _judge(rt, prep, checks)
                state = await _record(db, s, prep, checks, reply)
                _keep(db, user_id, idempotency_key, request, state)
        if prep.done is not None:
            state = prep.done
        elif slow_coach:
            reply = await _judge(rt, prep, checks)
            async with rt.transaction() as db:
                s = await owned(db, user_id, session_id, for_update=True)
                if s.version != prep.version:  # only if the session lock was lost meanwhile
                    raise StaleStateError(
                        "The session changed while the coach was thinking: send the answer again."
                    )
                state = await _record(db, s, prep, checks, reply)
                _keep(db, user_id, idempotency_key, request, state)
        await _remember(rt, s, prep.answers, prep.scores, state.examples)
    return state


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


async def _prepare(rt: Runtime, db: AsyncSession, s: CoachingSession, checks: _Checks) -> _Prepared:
    now = utcnow()
    # With an Idempotency-Key the key alone tells a retry from a new answer.
    double = not checks.keyed and _is_double_submit(
        s, checks.text, checks.force, checks.expected_step, now
    )
    if s.status not in ANSWERING_STATUSES:
        if double:  # the answer that completed coaching, again
            done = _state(s, message=_last_coach_message(s), examples=[])
            return _Prepared(now, s.version, done=done)
        raise InvalidTransitionError(
            f"The session is '{s.status.value}': it is not taking answers."
        )
    snap = await rt.cache.get(s.session_id)
    if snap is not None and snap.get("version") == s.version and "scores" in snap:
        # The live copy agrees with the row: trust it, save a query.
        answers, scores = dict(snap["answers"]), dict(snap["scores"])
    else:
        answers, scores = _split(await queries.accepted_answers(db, s.id))
    if double:  # before the step check: the step it answered has moved on
        examples = list(snap.get("last_examples", [])) if snap else []
        done = _state(s, message=_last_coach_message(s), examples=examples)
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
    return _Prepared(now, s.version, answers, scores, ctx=_context(rt, s, answers))


async def _record(
    db: AsyncSession, s: CoachingSession, prep: _Prepared, checks: _Checks, reply: Reply
) -> CoachingState:
    """Apply the coach's reply to the (locked) session and add the step row."""
    now, answers, scores, text = prep.now, prep.answers, prep.scores, checks.text
    step = s.current_step
    plan = plan_of(s)
    gap = int((now - s.last_activity_at).total_seconds())
    active = max(0, min(gap, MAX_ACTIVE_GAP_SECONDS))
    _say(s, "user", text, now, force=checks.force)
    event = _apply_reply(s, reply, step, plan)
    _say(s, "coach", reply.message, now)
    if not s.language_fixed:
        s.language = reply.language
        s.language_fixed = True
    s.cultural_context = _merge_context(dict(s.cultural_context), reply.cultural_context)
    s.sector_context = _merge_context(dict(s.sector_context), reply.sector_context)
    s.coaching_duration += active
    s.last_activity_at = now
    completes = (reply.accepted and step is not CoachingStepEnum.SYNTHESIS) or reply.confirmed
    db.add(
        CoachingStep(
            session_id=s.id,
            step_name=step,
            step_order=plan.index(step) + 1,
            user_response=text,
            coach_message=reply.message,
            examples_provided=reply.examples,
            validation_criteria={
                "met": reply.met_criteria,
                "missing": reply.missing_criteria,
                "to_improve": reply.to_improve,
                "coach_mode": reply.coach_mode,
                "revise_step": reply.revise_step.value if reply.revise_step else None,
                # A step answered over several replies keeps its answer (the summary).
                **({"answer": reply.reformulation} if reply.structured is not None else {}),
            },
            is_complete=completes,
            confidence_score=reply.confidence,
            step_duration=active,
        )
    )
    if completes and step is not CoachingStepEnum.SYNTHESIS:
        answers[step.value] = (reply.reformulation or text) if reply.structured else text
        scores[step.value] = reply.confidence
    if completes and reply.structured is not None:
        s.finance_assumptions = reply.structured
    # A step reopened from the synthesis no longer counts until answered again.
    s.coaching_confidence = _mean_confidence(
        {k: v for k, v in scores.items() if s.step_completion.get(k)}
    )
    s.status = next_status(s.status, event)
    await db.flush()  # bumps the version; a concurrent writer fails here, not silently
    state = _state(
        s,
        message=reply.message,
        examples=reply.examples,
        is_step_complete=reply.accepted,
        confidence=reply.confidence,
        coach_mode=reply.coach_mode,
    )
    return state


def _mean_confidence(scores: dict[str, float]) -> float:
    """The session's confidence: the mean of its accepted steps' scores (synthesis aside)."""
    values = [v for k, v in scores.items() if k != CoachingStepEnum.SYNTHESIS.value]
    return round(sum(values) / len(values), 4) if values else 0.0


async def get_session(rt: Runtime, user_id: int, session_id: str) -> SessionDetail:
    async with rt.sessionmaker() as db:
        s = await owned(db, user_id, session_id)
        steps = await queries.steps_of_session(db, s.id)
        has_brief = await queries.brief_exists(db, s.id)
    return SessionDetail(s, steps, has_brief)


async def list_sessions(
    rt: Runtime, user_id: int, status: SessionStatusEnum | None = None
) -> Sequence[CoachingSession]:
    async with rt.sessionmaker() as db:
        return await queries.sessions_of_user(db, user_id, status)


async def sessions_by_status(
    rt: Runtime, statuses: Sequence[SessionStatusEnum]
) -> Sequence[CoachingSession]:
    async with rt.sessionmaker() as db:
        return await queries.sessions_by_status(db, statuses)


async def delete_session(rt: Runtime, user_id: int, session_id: str) -> None:
    async with rt.locks.hold(session_id):
        async with rt.transaction() as db:
            s = await owned(db, user_id, session_id)
            await queries.delete_session(db, s.id)
        await rt.cache.delete(session_id)


async def coaching_help(rt: Runtime, user_id: int, session_id: str) -> Help:
    ctx = await _answering_context(rt, user_id, session_id)
    return await rt.coach.help(ctx)


async def coaching_proposals(rt: Runtime, user_id: int, session_id: str) -> Proposals:
    ctx = await _answering_context(rt, user_id, session_id)
    return await rt.coach.proposals(ctx)


async def _answering_context(rt: Runtime, user_id: int, session_id: str) -> CoachContext:
    s, answers = await _cached_session(rt, user_id, session_id)
    if s.status not in ANSWERING_STATUSES:
        raise InvalidTransitionError(
            f"The session is '{s.status.value}': coaching is over, there is no step to help with."
        )
    return _context(rt, s, answers)
