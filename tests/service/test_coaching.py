"""start_session, resume_session and submit_answer, on the database, with a coach
whose replies the test chooses."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from genesis import service
from genesis.core.errors import IdempotencyKeyReusedError, StaleStateError
from genesis.core.steps import CoachingStepEnum, SessionStatusEnum
from genesis.runtime import Runtime
from genesis.store import queries
from genesis.store.models import CoachingSession
from tests.service.conftest import ScriptedCoach, reply

S = CoachingStepEnum


async def steps_of(rt: Runtime, user_id: int, sid: str) -> list[tuple[str, bool, str]]:
    detail = await service.get_session(rt, user_id, sid)
    return [(st.step_name.value, st.is_complete, st.user_response) for st in detail.steps]


async def test_an_answer_is_recorded_with_its_state_change(
    rt: Runtime, user_id: int, scripted: ScriptedCoach
) -> None:
    started = await service.start_session(rt, user_id, language="fr", business_name="Chez Awa")
    assert started.created
    assert started.status is SessionStatusEnum.INITIALIZED
    scripted.replies = [reply(False, "Plus précis ?"), reply(True, "Bien. Votre mission ?")]

    refused = await service.submit_answer(rt, user_id, started.session_id, "vague")
    assert (refused.current_step, refused.retry_count) == (S.VISION, 1)
    assert refused.status is SessionStatusEnum.IN_PROGRESS
    assert refused.version == started.version + 1

    accepted = await service.submit_answer(rt, user_id, started.session_id, "Devenir...")
    assert accepted.current_step is S.MISSION
    assert accepted.is_step_complete
    assert accepted.progress["vision"] is True
    assert accepted.retry_count == 0
    assert accepted.coach_message == "Bien. Votre mission ?"
    assert scripted.contexts[1].retry_count == 1  # the coach was told of the follow-up
    assert await steps_of(rt, user_id, started.session_id) == [
        ("vision", False, "vague"),
        ("vision", True, "Devenir..."),
    ]
    detail = await service.get_session(rt, user_id, started.session_id)
    history = detail.session.conversation_history
    # The person's words at the step they answered, the coach's at the step it asks now.
    assert [(e["role"], e["step"]) for e in history[-2:]] == [
        ("user", "vision"),
        ("coach", "mission"),
    ]
    # The live copy was refreshed after the commit, at the new version.
    snap = await rt.cache.get(started.session_id)
    assert snap is not None
    assert (snap["version"], snap["current_step"]) == (accepted.version, "mission")
    assert snap["answers"] == {"vision": "Devenir..."}


async def test_revise_from_the_synthesis_then_confirm(
    rt: Runtime, user_id: int, scripted: ScriptedCoach
) -> None:
    sid = (
        await service.start_session(rt, user_id, coaching_plan=["vision", "synthesis"])
    ).session_id
    scripted.replies = [
        reply(),
        reply(False, "Reprenons la vision.", revise_step=S.VISION),
        reply(True, "Voici la synthèse."),
        reply(True, "Merci !", confirmed=True),
    ]
    assert (await service.submit_answer(rt, user_id, sid, "v1")).current_step is S.SYNTHESIS
    reopened = await service.submit_answer(rt, user_id, sid, "changer la vision")
    assert reopened.current_step is S.VISION
    assert reopened.status is SessionStatusEnum.IN_PROGRESS
    assert reopened.progress == {"vision": False, "synthesis": False}
    assert (await service.submit_answer(rt, user_id, sid, "v2")).current_step is S.SYNTHESIS
    assert scripted.contexts[-1].answers == {"vision": "v2"}
    done = await service.submit_answer(rt, user_id, sid, "oui")
    assert done.status is SessionStatusEnum.COACHING_COMPLETE
    assert done.progress == {"vision": True, "synthesis": True}


async def test_a_replay_records_nothing_and_answers_the_same(
    rt: Runtime, user_id: int, scripted: ScriptedCoach
) -> None:
    sid = (await service.start_session(rt, user_id, language="fr")).session_id
    scripted.replies = [reply(), reply()]
    first = await service.submit_answer(rt, user_id, sid, "v", idempotency_key="k1")
    again = await service.submit_answer(rt, user_id, sid, "v", idempotency_key="k1")
    assert again == first
    assert again.current_step is S.MISSION  # the enums, not their stored values
    assert again.status is SessionStatusEnum.IN_PROGRESS
    with pytest.raises(IdempotencyKeyReusedError):
        await service.submit_answer(rt, user_id, sid, "other", idempotency_key="k1")
    # Without a key, the same text moments later is a double tap: nothing new.
    tapped = await service.submit_answer(rt, user_id, sid, "v")
    assert (tapped.current_step, tapped.version) == (S.MISSION, first.version)
    assert len(scripted.contexts) == 1
    assert len(await steps_of(rt, user_id, sid)) == 1
    # "Move on" resends the same text with force: that is a new request.
    await service.submit_answer(rt, user_id, sid, "v", force=True)
    assert len(scripted.contexts) == 2


async def test_a_stale_answer_is_refused_and_records_nothing(
    rt: Runtime, user_id: int, scripted: ScriptedCoach
) -> None:
    started = await service.start_session(rt, user_id, language="fr")
    sid = started.session_id
    with pytest.raises(StaleStateError, match="'mission'"):
        await service.submit_answer(rt, user_id, sid, "x", expected_step=S.MISSION)
    with pytest.raises(StaleStateError, match="version"):
        await service.submit_answer(rt, user_id, sid, "x", expected_version=started.version + 5)
    assert scripted.contexts == []
    assert await steps_of(rt, user_id, sid) == []


async def _rename(rt: Runtime, sid: str) -> None:
    """Another writer: the session renamed, its version moved on."""
    async with rt.transaction() as db:
        await db.execute(
            update(CoachingSession)
            .where(CoachingSession.session_id == sid)
            .values(business_name="Autre", version=CoachingSession.version + 1)
        )


async def test_a_slow_coach_holds_no_transaction_and_a_changed_session_is_stale(
    rt: Runtime, user_id: int, scripted: ScriptedCoach
) -> None:
    scripted.waits_on_network = True
    sid = (await service.start_session(rt, user_id, language="fr")).session_id
    scripted.replies = [reply()]
    assert (await service.submit_answer(rt, user_id, sid, "v")).current_step is S.MISSION

    async def another_writer() -> None:
        # A write lands while the coach thinks: possible only if the lock was lost.
        await _rename(rt, sid)

    scripted.meanwhile = another_writer
    scripted.replies = [reply()]
    with pytest.raises(StaleStateError, match="changed while the coach was thinking"):
        await service.submit_answer(rt, user_id, sid, "m")
    async with rt.reading() as db:
        s = await queries.session_by_public_id(db, sid)
        assert s is not None
        assert s.current_step is S.MISSION
    assert len(await steps_of(rt, user_id, sid)) == 1


async def test_start_resumes_the_active_session_unless_a_new_one_is_asked(
    rt: Runtime, user_id: int
) -> None:
    first = await service.start_session(rt, user_id, language="en")
    resumed = await service.start_session(rt, user_id)
    assert (resumed.session_id, resumed.created) == (first.session_id, False)
    assert resumed.coach_message == first.coach_message
    other = await service.start_session(rt, user_id, new=True, language="fr")
    assert other.created
    assert other.session_id != first.session_id


async def test_an_answer_that_loses_the_race_is_judged_again_under_the_row_lock(
    rt: Runtime, user_id: int, scripted: ScriptedCoach
) -> None:
    """PostgreSQL writes an answer in one statement, with no transaction around the
    read; a write that lands meanwhile (the session's lock lost) makes it start
    again in a transaction that locks the row: recorded once, judged on the new row."""
    if rt.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's answer is one transaction that takes the write lock first")
    sid = (await service.start_session(rt, user_id, language="fr")).session_id

    async def another_writer() -> None:
        scripted.meanwhile = None
        await _rename(rt, sid)

    scripted.meanwhile = another_writer
    scripted.replies = [reply(message="first"), reply(message="again")]
    state = await service.submit_answer(rt, user_id, sid, "v")
    assert state.coach_message == "again"
    assert len(scripted.contexts) == 2
    assert await steps_of(rt, user_id, sid) == [("vision", True, "v")]
    detail = await service.get_session(rt, user_id, sid)
    assert [e["role"] for e in detail.session.conversation_history] == ["coach", "user", "coach"]
    assert detail.session.business_name == "Autre"
    assert state.version == detail.session.version
