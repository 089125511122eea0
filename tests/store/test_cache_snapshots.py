"""A session's snapshot (the live copy) rebuilds what reads need from it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from genesis.core.steps import CoachingStepEnum, SessionStatusEnum
from genesis.store.cache import session_from_snapshot, snapshot
from genesis.store.models import CoachingSession

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def session() -> CoachingSession:
    s = CoachingSession(
        session_id="0b8e5f8e-2f0c-4c1e-9d1a-6f1d2b3c4d5e",
        user_id=7,
        status=SessionStatusEnum.IN_PROGRESS,
        current_step=CoachingStepEnum.VISION,
        language="fr",
        language_fixed=True,
        business_name="Chez Awa",
        step_completion={"vision": False, "synthesis": False},
        coaching_confidence=0.0,
        retry_count=1,
        cultural_context={"country_code": "SN"},
        sector_context={"sector": "restaurant"},
        coaching_plan=["vision", "synthesis"],
        to_improve=[],
        conversation_history=[],
        version=3,
    )
    s.say("coach", "Votre vision ?", NOW)
    s.say("user", "vague", NOW)
    s.say("coach", "Plus précis ?", NOW)
    s.say("user", "vague", NOW, force=True)  # "move on" is not a reply of the step
    s.current_step = CoachingStepEnum.SYNTHESIS
    s.say("coach", "Synthèse", NOW)
    s.say("user", "hmm", NOW)
    s.say("coach", "Confirmez-vous ?", NOW)
    return s


def test_a_snapshot_survives_json_and_rebuilds_the_session() -> None:
    s = session()
    snap = json.loads(json.dumps(snapshot(s, {"vision": "v"}, {"vision": 0.9}, ["oui"])))
    assert (snap["current_step"], snap["status"], snap["version"]) == (
        "synthesis",
        "in_progress",
        3,
    )
    assert (snap["answers"], snap["scores"], snap["last_examples"]) == (
        {"vision": "v"},
        {"vision": 0.9},
        ["oui"],
    )
    back = session_from_snapshot(snap)
    assert back.current_step is CoachingStepEnum.SYNTHESIS
    assert back.status is SessionStatusEnum.IN_PROGRESS
    assert back.last_coach_message() == "Confirmez-vous ?"
    assert back.step_replies() == s.step_replies() == ["hmm"]
    assert (back.business_name, back.cultural_context, back.version) == (
        "Chez Awa",
        {"country_code": "SN"},
        3,
    )


def test_the_replies_of_a_step_leave_move_on_requests_out() -> None:
    s = session()
    s.current_step = CoachingStepEnum.VISION
    s.conversation_history = s.conversation_history[:4]
    assert s.step_replies() == ["vague"]


@pytest.mark.parametrize("missing", ["step_replies", "to_improve", None])
def test_an_entry_from_another_version_of_the_code_is_refused(missing: str | None) -> None:
    snap = snapshot(session(), {}, {}, [])
    if missing is None:
        snap["status"] = "nonsense"
    else:
        del snap[missing]
    with pytest.raises((KeyError, ValueError, TypeError)):
        session_from_snapshot(snap)
