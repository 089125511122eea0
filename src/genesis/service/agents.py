"""The sub-agents' run and the business brief.

``complete_session`` commits the hand-over, then enqueues one job; the job
(``run_agents``) takes a lease on the session, runs the agents that have no
result yet concurrently, saves each result as it arrives, and assembles the
brief. A job that dies stops renewing its lease; ``recover_stalled`` finds such
sessions by a status query and enqueues them again, and only the agents that
had not finished run again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from genesis.core.agents.brief import SEED_FIELDS, Brief, assemble_brief
from genesis.core.agents.runner import run_agents as run_agent_set
from genesis.core.agents.types import AGENT_NAMES, AgentInput, AgentResult, agents_for, is_done
from genesis.core.errors import (
    BriefNotReadyError,
    CoachingIncompleteError,
    InvalidTransitionError,
    NotFoundError,
)
from genesis.core.steps import (
    ANSWERING_STATUSES,
    BRIEF_STATUSES,
    SessionEventEnum,
    SessionStatusEnum,
    missing_steps,
    next_status,
)
from genesis.runtime import Runtime
from genesis.service.common import SESSION_NOT_FOUND, fingerprint, owned, replay, session_key
from genesis.service.session_view import plan_of
from genesis.store import queries
from genesis.store.models import BusinessBrief, CoachingSession, IdempotencyRecord, utcnow

log = logging.getLogger(__name__)

# A run asked for this recently is left to the job that was just enqueued.
RECOVERY_GRACE_SECONDS = 10
# Jobs that may claim one run before it is failed: each one died before finishing.
MAX_AGENT_ATTEMPTS = 3


async def complete_session(
    rt: Runtime, user_id: int, session_id: str, *, idempotency_key: str | None = None
) -> SessionStatusEnum:
    """Hand a session whose coaching is complete to its sub-agents (run after commit)."""
    request = fingerprint("complete", session_id)
    async with rt.locks.hold(session_id):
        async with rt.transaction() as db:
            if idempotency_key is not None:
                replayed = await replay(db, user_id, idempotency_key, request)
                if replayed is not None:
                    return SessionStatusEnum(replayed["status"])
            s = await owned(db, user_id, session_id, for_update=True)
            if s.status in ANSWERING_STATUSES:
                missing = [m.value for m in missing_steps(plan_of(s), s.step_completion)]
                raise CoachingIncompleteError(
                    "Coaching is not complete: these steps are left: " + ", ".join(missing) + ".",
                    missing,
                )
            s.status = next_status(s.status, SessionEventEnum.AGENTS_TRIGGERED)
            s.agents_requested_at = utcnow()
            s.agents_attempts = 0
            status = s.status
            if idempotency_key is not None:
                db.add(
                    IdempotencyRecord(
                        user_id=user_id,
                        key=idempotency_key,
                        request_hash=request,
                        response={"session_id": session_id, "status": status.value},
                    )
                )
        await rt.cache.delete(session_id)
    await _enqueue(rt, session_id)  # after the commit: the job sees the new status
    return status


async def retry_agents(rt: Runtime, user_id: int, session_id: str) -> SessionStatusEnum:
    """Run the failed agents of a FAILED session again."""
    async with rt.locks.hold(session_id):
        async with rt.transaction() as db:
            s = await owned(db, user_id, session_id, for_update=True)
            if s.status is not SessionStatusEnum.FAILED:
                raise InvalidTransitionError(
                    f"The session is '{s.status.value}': only a failed run can be retried."
                )
            s.status = next_status(s.status, SessionEventEnum.RETRY)
            s.agents_requested_at = utcnow()
            s.agents_lease_until = None
            s.agents_attempts = 0
            s.failure_reason = None
            brief = await queries.brief_of_session(db, s.id)
            if brief is not None:
                for name in AGENT_NAMES:
                    saved = getattr(brief, name)
                    if saved is not None and not is_done(saved.get("status")):
                        setattr(brief, name, None)  # failed: runs again
            status = s.status
        await rt.cache.delete(session_id)
    await _enqueue(rt, session_id)
    return status


async def _enqueue(rt: Runtime, session_id: str) -> None:
    """Send the job. The run is already committed as requested: if the queue is
    down, the recovery loop enqueues it later, so the caller still gets its 202."""
    if rt.enqueue_agents is None:
        return
    try:
        await rt.enqueue_agents(session_id)
    except Exception:
        log.exception("could not enqueue the sub-agents of %s; recovery will retry", session_id)


# ----------------------------------------------------------------------------- the job


@dataclass(slots=True)
class _Claim:
    inp: AgentInput
    results: dict[str, AgentResult]
    pending: list[str]


async def run_agents(rt: Runtime, session_id: str) -> None:
    """The job. Idempotent: a finished session, or one another job holds, is left alone."""
    owner = uuid.uuid4().hex
    claim = await _claim(rt, session_id, owner)
    if claim is None:
        return
    renewer = asyncio.create_task(_renew_lease(rt, session_id, owner))
    try:

        async def save(name: str, result: AgentResult) -> None:
            await _save_result(rt, session_id, owner, name, result)

        fresh = await run_agent_set(
            claim.inp,
            claim.pending,
            llm=rt.llm,
            search=rt.search,
            timeout_s=rt.settings.agent_timeout_seconds,
            on_result=save,
        )
    finally:
        renewer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewer
    await _finish(rt, session_id, owner, claim.inp, {**claim.results, **fresh})


async def _claim(rt: Runtime, session_id: str, owner: str) -> _Claim | None:
    now = utcnow()
    async with rt.transaction() as db:
        s = await queries.session_by_public_id(db, session_id, for_update=True)
        if s is None or s.status is not SessionStatusEnum.SUB_AGENTS_RUNNING:
            return None
        if s.agents_lease_until is not None and s.agents_lease_until > now:
            return None  # a live job holds it
        if s.agents_attempts >= MAX_AGENT_ATTEMPTS:
            s.status = next_status(s.status, SessionEventEnum.FAIL)
            s.agents_lease_until = s.agents_lease_owner = None
            s.failure_reason = (
                f"The sub-agents' job stopped {s.agents_attempts} times before finishing "
                "(the server log says why). Retry once the cause is fixed."
            )
            log.error("session %s failed: %s", session_id, s.failure_reason)
            return None
        s.agents_attempts += 1
        s.agents_lease_owner = owner
        s.agents_lease_until = now + timedelta(seconds=rt.settings.agents_lease_seconds)
        brief = await queries.brief_of_session(db, s.id)
        if brief is None:
            brief = BusinessBrief(session_pk=s.id, content={})
            db.add(brief)
        results = saved_results(brief)
        inp = agent_input(s, await queries.accepted_answers(db, s.id))
        plan = list(s.coaching_plan)
    pending = [name for name in agents_for(plan) if name not in results]
    log.info("agents for %s: %s to run, %s done", session_id, pending, sorted(results))
    return _Claim(inp, results, pending)


def saved_results(brief: BusinessBrief) -> dict[str, AgentResult]:
    results = {}
    for name in AGENT_NAMES:
        saved = getattr(brief, name)
        if saved is not None and is_done(saved.get("status")):
            known = {k: v for k, v in saved.items() if k in AgentResult.model_fields}
            results[name] = AgentResult.model_validate(known)
    return results


def agent_input(s: CoachingSession, accepted: dict[str, tuple[str, float]]) -> AgentInput:
    return AgentInput(
        session_id=s.session_id,
        language="en" if s.language == "en" else "fr",
        business_name=s.business_name,
        answers={step: text for step, (text, _) in accepted.items()},
        answer_scores={step: score for step, (_, score) in accepted.items()},
        to_improve=list(s.to_improve),
        cultural_context=dict(s.cultural_context),
        sector_context=dict(s.sector_context),
        finances=dict(s.finance_assumptions) if s.finance_assumptions else None,
    )


async def _save_result(
    rt: Runtime, session_id: str, owner: str, name: str, result: AgentResult
) -> None:
    """One agent's result, committed as soon as it is there (a crash keeps it)."""
    async with rt.transaction() as db:
        s = await queries.session_by_public_id(db, session_id, for_update=True)
        if s is None or s.agents_lease_owner != owner:
            return  # the session was deleted, or another job took over
        brief = await queries.brief_of_session(db, s.id)
        if brief is not None:
            saved = {**result.model_dump(mode="json"), "finished_at": utcnow().isoformat()}
            setattr(brief, name, saved)
        s.agents_lease_until = utcnow() + timedelta(seconds=rt.settings.agents_lease_seconds)


async def _renew_lease(rt: Runtime, session_id: str, owner: str) -> None:
    lease = rt.settings.agents_lease_seconds
    while True:
        await asyncio.sleep(lease / 4)
        try:
            async with rt.transaction() as db:
                s = await queries.session_by_public_id(db, session_id, for_update=True)
                if s is None or s.agents_lease_owner != owner:
                    return
                s.agents_lease_until = utcnow() + timedelta(seconds=lease)
        except Exception:  # a missed renewal is survivable; recovery is the backstop
            log.exception("could not renew the agents lease of %s", session_id)


async def _finish(
    rt: Runtime, session_id: str, owner: str, inp: AgentInput, results: dict[str, AgentResult]
) -> None:
    failed = {n: r for n, r in results.items() if not is_done(r.status)}
    async with rt.transaction() as db:
        s = await queries.session_by_public_id(db, session_id, for_update=True)
        if s is None or s.agents_lease_owner != owner:
            return
        if s.status is not SessionStatusEnum.SUB_AGENTS_RUNNING:
            return
        s.agents_lease_until = None
        s.agents_lease_owner = None
        if failed:
            s.status = next_status(s.status, SessionEventEnum.FAIL)
            s.failure_reason = "; ".join(
                f"{name}: {result.error or 'failed'}" for name, result in sorted(failed.items())
            )
            return
        # Every result is in: the brief is generated in the same transaction, so a
        # crash can never leave a "ready" session with an empty brief.
        s.status = next_status(s.status, SessionEventEnum.AGENTS_DONE)
        brief = await queries.brief_of_session(db, s.id)
        if brief is None:  # claimed runs always have one; be loud if not
            raise RuntimeError(f"session {session_id} has results but no brief row")
        store_brief(brief, assemble_brief(inp, results).model_dump(mode="json"))
        s.status = next_status(s.status, SessionEventEnum.BRIEF_GENERATED)
    await rt.cache.delete(session_id)


def store_brief(brief: BusinessBrief, content: dict[str, Any]) -> None:
    for name in SEED_FIELDS:
        setattr(brief, name, content.get(name))
    for name in AGENT_NAMES:
        if name in content:  # keep what was saved with the result (finished_at)
            setattr(brief, name, {**(getattr(brief, name) or {}), **content[name]})
    brief.overall_confidence = float(content.get("overall_confidence", 0.0))
    brief.brief_completeness = float(content.get("brief_completeness", 0.0))
    brief.content = content


# ---------------------------------------------------------------------------- recovery


async def recover_stalled(rt: Runtime) -> list[str]:
    """Enqueue again the runs whose job died (no live lease). Safe to run anywhere,
    any time: a job that finds a live lease leaves the session alone."""
    now = utcnow()
    grace = now - timedelta(seconds=min(RECOVERY_GRACE_SECONDS, rt.settings.agents_lease_seconds))
    async with rt.sessionmaker() as db:
        candidates = await queries.sessions_by_status(db, [SessionStatusEnum.SUB_AGENTS_RUNNING])
    stalled = [
        s.session_id
        for s in candidates
        if (s.agents_lease_until is None or s.agents_lease_until < now)
        and (s.agents_requested_at is None or s.agents_requested_at < grace)
    ]
    for session_id in stalled:
        log.warning("re-enqueuing the sub-agents of session %s (no live job)", session_id)
        await _enqueue(rt, session_id)
    return stalled


# ------------------------------------------------------------------- progress and brief


@dataclass(frozen=True, slots=True)
class BriefPage:
    """What the brief page shows, read at once: the session, its agents' progress,
    and its brief once there is one."""

    session_id: str
    business_name: str | None
    language: str
    status: SessionStatusEnum
    progress: dict[str, Any]
    brief: Brief | None


async def brief_page(rt: Runtime, user_id: int, session_id: str) -> BriefPage:
    async with rt.sessionmaker() as db:
        s = await owned(db, user_id, session_id)
        row = await queries.brief_of_session(db, s.id)
    ready = s.status in BRIEF_STATUSES and row is not None
    return BriefPage(
        session_id=s.session_id,
        business_name=s.business_name,
        language=s.language,
        status=s.status,
        progress=_progress(s, row),
        brief=_brief(s, row) if ready else None,
    )


async def agents_progress(rt: Runtime, user_id: int, session_id: str) -> dict[str, Any]:
    """Each agent's status, for progress bars."""
    async with rt.sessionmaker() as db:
        s = await owned(db, user_id, session_id)
        brief = await queries.brief_of_session(db, s.id)
    return _progress(s, brief)


def _progress(s: CoachingSession, brief: BusinessBrief | None) -> dict[str, Any]:
    running = s.status is SessionStatusEnum.SUB_AGENTS_RUNNING
    names = agents_for(s.coaching_plan)
    agents: dict[str, dict[str, Any]] = {}
    for name in names:
        saved = getattr(brief, name) if brief is not None else None
        if saved is None:
            state = "running" if running else "pending"
            agents[name] = {
                "status": state,
                "duration_ms": None,
                "error": None,
                "finished_at": None,
            }
        else:
            agents[name] = {
                "status": saved.get("status"),
                "duration_ms": saved.get("duration_ms"),
                "error": saved.get("error"),
                "finished_at": saved.get("finished_at"),
            }
    finished = sum(1 for a in agents.values() if is_done(a["status"]))
    return {
        "session_id": s.session_id,
        "status": s.status.value,
        "agents": agents,
        "finished": finished,
        "total": len(names),
        "failure_reason": s.failure_reason,
        "brief_ready": s.status in BRIEF_STATUSES,
    }


async def get_brief(rt: Runtime, user_id: int, session_id: str) -> Brief:
    """The brief: the seed fields, the agents' results, the confidences."""
    async with rt.sessionmaker() as db:
        s = await owned(db, user_id, session_id)
        brief = await queries.brief_of_session(db, s.id)
    return _brief(s, brief)


async def get_brief_for_export(rt: Runtime, session_id: str) -> Brief:
    """The same, for an operator's command line (no owner check)."""
    async with rt.sessionmaker() as db:
        s = await queries.session_by_public_id(db, session_key(session_id))
        if s is None:
            raise NotFoundError(SESSION_NOT_FOUND)
        brief = await queries.brief_of_session(db, s.id)
    return _brief(s, brief)


def _brief(s: CoachingSession, brief: BusinessBrief | None) -> Brief:
    if s.status not in BRIEF_STATUSES or brief is None:
        raise BriefNotReadyError(
            f"The brief is not ready: the session is '{s.status.value}'."
            + (f" Reason: {s.failure_reason}" if s.failure_reason else "")
        )
    return Brief.model_validate(
        {
            **brief.content,
            "session_id": s.session_id,
            "language": s.language,
            "status": s.status.value,
            "generated_at": brief.updated_at.isoformat(),
        }
    )
