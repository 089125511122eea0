"""An answer reads only the end of the conversation, and still sees every reply at
the current step however far back they go."""

from __future__ import annotations

import pytest

from genesis import service
from genesis.runtime import Runtime
from genesis.service import live
from tests.service.conftest import ScriptedCoach, reply


async def test_replies_at_the_step_are_all_seen_past_the_tail(
    rt: Runtime, user_id: int, scripted: ScriptedCoach, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "HISTORY_TAIL", 3)
    sid = (await service.start_session(rt, user_id, new=True)).session_id
    scripted.replies = [reply(accepted=False, message=f"more {i}") for i in range(5)]
    for i in range(5):
        await service.submit_answer(rt, user_id, sid, f"reply {i}")
    # The coach is given every reply at this step, oldest first, not the tail's two.
    assert scripted.contexts[-1].step_replies == tuple(f"reply {i}" for i in range(4))
    detail = await service.get_session(rt, user_id, sid)
    assert len(detail.session.conversation_history) == 1 + 2 * 5
    assert [st.user_response for st in detail.steps] == [f"reply {i}" for i in range(5)]
    # A double tap is still one: the tail holds the last answer.
    state = await service.submit_answer(rt, user_id, sid, "reply 4")
    assert state.version == detail.session.version
