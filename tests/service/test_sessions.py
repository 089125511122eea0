"""Reading, listing and deleting sessions; help and proposals."""

from __future__ import annotations

import pytest

from genesis import service
from genesis.core.errors import InvalidTransitionError, NotFoundError
from genesis.core.steps import CoachingStepEnum, SessionStatusEnum
from genesis.runtime import Runtime
from genesis.service import sessions
from tests.service.conftest import ScriptedCoach, reply


async def test_help_and_proposals_are_for_the_current_step_only_while_coaching(
    rt: Runtime, user_id: int, scripted: ScriptedCoach
) -> None:
    sid = (
        await service.start_session(rt, user_id, coaching_plan=["vision", "synthesis"])
    ).session_id
    helped = await service.coaching_help(rt, user_id, sid)
    assert helped.step is CoachingStepEnum.VISION
    assert helped.items
    assert (await service.coaching_proposals(rt, user_id, sid)).proposals
    scripted.replies = [reply(), reply(True, "Merci", confirmed=True)]
    await service.submit_answer(rt, user_id, sid, "v")
    await service.submit_answer(rt, user_id, sid, "oui")
    with pytest.raises(InvalidTransitionError, match="coaching is over"):
        await service.coaching_help(rt, user_id, sid)
    with pytest.raises(InvalidTransitionError):
        await service.coaching_proposals(rt, user_id, sid)


async def test_list_get_and_delete(rt: Runtime, user_id: int) -> None:
    a = (await service.start_session(rt, user_id, language="fr")).session_id
    b = (await service.start_session(rt, user_id, new=True, language="fr")).session_id
    assert [s.session_id for s in await service.list_sessions(rt, user_id)] == [b, a]
    waiting = await service.list_sessions(rt, user_id, SessionStatusEnum.COACHING_COMPLETE)
    assert waiting == []
    detail = await service.get_session(rt, user_id, a.upper())  # any UUID spelling
    assert (detail.session.session_id, detail.steps, detail.has_brief) == (a, [], False)

    assert await rt.cache.get(a) is not None
    await service.delete_session(rt, user_id, a)
    assert await rt.cache.get(a) is None
    with pytest.raises(NotFoundError):
        await service.get_session(rt, user_id, a)
    with pytest.raises(NotFoundError):
        await service.resume_session(rt, user_id, a)
    assert [s.session_id for s in await service.list_sessions(rt, user_id)] == [b]


async def test_another_users_session_is_not_found(rt: Runtime, user_id: int) -> None:
    sid = (await service.start_session(rt, user_id, language="fr")).session_id
    other = await service.register_user(
        rt, email="kofi@example.com", password="s3cret-pass", name="Kofi"
    )
    for use_case in (service.get_session, service.resume_session, service.coaching_help):
        with pytest.raises(NotFoundError):
            await use_case(rt, other.id, sid)


async def test_the_brief_page_reads_the_session_and_its_progress_at_once(
    rt: Runtime, user_id: int
) -> None:
    sid = (await service.start_session(rt, user_id, language="fr", business_name="Awa")).session_id
    view = await service.brief_page(rt, user_id, sid.upper())
    assert (view.session_id, view.business_name, view.language) == (sid, "Awa", "fr")
    assert view.status is SessionStatusEnum.INITIALIZED
    assert view.brief is None  # no brief before the agents' run
    assert view.progress["finished"] == 0
    assert {a["status"] for a in view.progress["agents"].values()} == {"pending"}
    assert view.progress == await service.agents_progress(rt, user_id, sid)


async def test_the_coaching_page_reads_once_and_asks_the_coach_only_what_it_shows(
    rt: Runtime, user_id: int, scripted: ScriptedCoach
) -> None:
    sid = (
        await service.start_session(rt, user_id, coaching_plan=["vision", "synthesis"])
    ).session_id
    plain = await service.coaching_page(rt, user_id, sid)
    assert isinstance(plain.session, service.ConversationView)  # a plain copy, not the row
    assert plain.session.current_step is CoachingStepEnum.VISION
    assert plain.examples == (await service.resume_session(rt, user_id, sid)).examples
    assert (plain.help, plain.proposals) == (None, None)
    helped = await service.coaching_page(rt, user_id, sid, assist="help")
    assert helped.help == await service.coaching_help(rt, user_id, sid)
    assert helped.proposals is None
    proposed = await service.coaching_page(rt, user_id, sid, assist="proposals")
    assert proposed.proposals == await service.coaching_proposals(rt, user_id, sid)
    quiet = await service.coaching_page(rt, user_id, sid, with_question=False)
    assert quiet.examples == []

    scripted.replies = [reply(), reply(True, "Merci", confirmed=True)]
    await service.submit_answer(rt, user_id, sid, "v")
    await service.submit_answer(rt, user_id, sid, "oui")
    done = await service.coaching_page(rt, user_id, sid, assist="help")
    assert done.session.status is SessionStatusEnum.COACHING_COMPLETE
    assert (done.examples, done.help) == ([], None)  # no question once coaching is over
    assert [e["role"] for e in done.session.conversation_history] == [
        "coach",
        *["user", "coach"] * 2,
    ]


async def test_the_coaching_page_reads_the_end_of_a_long_conversation(
    rt: Runtime, user_id: int, scripted: ScriptedCoach, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sessions, "HISTORY_TAIL", 4)
    sid = (await service.start_session(rt, user_id, language="fr")).session_id
    scripted.replies = [reply(), reply(), reply()]
    for text in ("v", "m", "c"):
        await service.submit_answer(rt, user_id, sid, text)
    whole = (await service.coaching_page(rt, user_id, sid)).session
    assert (whole.history_start, whole.history_length) == (0, 7)
    end = (await service.coaching_page(rt, user_id, sid, since=None)).session
    assert (end.history_start, end.history_length) == (3, 7)
    assert end.conversation_history == whole.conversation_history[3:]
    # From a given entry: the end when it holds it, else all of it.
    assert (await service.coaching_page(rt, user_id, sid, since=5)).session.history_start == 3
    assert (await service.coaching_page(rt, user_id, sid, since=1)).session.history_start == 0
