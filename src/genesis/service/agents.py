"""The sub-agents' run and the business brief."""

from __future__ import annotations

from genesis.core.errors import (
    CoachingIncompleteError,
)
from genesis.core.steps import (
    ANSWERING_STATUSES,
    CoachingStepEnum,
    SessionEventEnum,
    SessionStatusEnum,
    missing_steps,
    next_status,
)
from genesis.runtime import Runtime
from genesis.service.coaching import plan_of
from genesis.service.common import fingerprint, owned, replay
from genesis.store import queries
from genesis.store.models import (
    BusinessBrief,
    CoachingSession,
    IdempotencyRecord,
)


async def complete_session(
    rt: Runtime, user_id: int, session_id: str, *, idempotency_key: str | None = None
) -> SessionStatusEnum:
    """Hand a session whose coaching is complete to its sub-agents (run after commit)."""
    request = fingerprint("complete", session_id)
    async with rt.locks.hold(session_id):
        async with rt.sessionmaker() as db, db.begin():
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
    if rt.jobs is not None:
        await rt.jobs.enqueue_agents(session_id)  # after the commit: the job sees the status
    return status


async def run_agents(rt: Runtime, session_id: str) -> None:
    """The job: build the session's brief. Idempotent: a finished session is left alone."""
    async with rt.sessionmaker() as db, db.begin():
        s = await queries.session_by_public_id(db, session_id, for_update=True)
        if s is None or s.status is not SessionStatusEnum.SUB_AGENTS_RUNNING:
            return
        answers = await queries.accepted_texts(db, s.id)
        brief = await queries.brief_of_session(db, s.id)
        if brief is None:
            brief = BusinessBrief(session_id=s.id, content={})
            db.add(brief)
        _fill_seed_fields(brief, s, answers)
        s.status = next_status(s.status, SessionEventEnum.AGENTS_DONE)
        s.status = next_status(s.status, SessionEventEnum.BRIEF_GENERATED)
    await rt.cache.delete(session_id)


def _fill_seed_fields(brief: BusinessBrief, s: CoachingSession, answers: dict[str, str]) -> None:
    place = [s.cultural_context.get("city"), s.cultural_context.get("country")]
    brief.business_name = s.business_name
    brief.vision = answers.get("vision")
    brief.mission = answers.get("mission")
    brief.target_audience = answers.get("clientele")
    brief.differentiation = answers.get("differentiation")
    brief.value_proposition = answers.get("offre")
    brief.sector = s.sector_context.get("sector")
    brief.location = ", ".join(str(p) for p in place if p) or None
    asked = [st for st in s.coaching_plan if st != CoachingStepEnum.SYNTHESIS.value]
    brief.brief_completeness = round(sum(1 for st in asked if answers.get(st)) / len(asked), 4)
    brief.overall_confidence = s.coaching_confidence
    brief.content = {"answers": answers}
