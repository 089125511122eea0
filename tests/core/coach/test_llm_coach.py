"""The LLM coach over real HTTP, against a local fake OpenAI-compatible server.

Success, slow, HTTP 500 and malformed JSON: whatever the LLM does, the reply is
either the LLM's (``coach_mode="llm"``) or the offline coach's own decision
(``coach_mode="offline"``); an answer is never accepted because the LLM failed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from genesis.core.coach.llm_coach import LLMCoach
from genesis.core.coach.offline import OfflineCoach
from genesis.core.coach.types import CoachContext
from genesis.core.steps import DEFAULT_PLAN, CoachingStepEnum
from genesis.llm import OpenAICompatibleLLM
from tests.fake_llm import FakeLLM

GOOD_MISSION = (
    "Nous préparons et livrons des repas sénégalais sains aux employés de bureau de Dakar, "
    "en cuisinant chaque matin des produits frais du marché et en livrant à moto."
)
VAGUE_MISSION = "Faire du business et gagner de l'argent avec mon entreprise."
ACCEPT = {
    "accepted": True,
    "confidence": 0.9,
    "missing": [],
    "follow_up": "",
    "reformulation": "Votre mission : des repas sains livrés aux bureaux de Dakar.",
}
REFUSE = {
    "accepted": False,
    "confidence": 0.3,
    "missing": ["for whom"],
    "follow_up": "Pour qui préparez-vous ces repas, précisément ?",
    "reformulation": "",
}


def _ctx(step: CoachingStepEnum = CoachingStepEnum.MISSION) -> CoachContext:
    answers = {"vision": "Devenir le traiteur de référence à Dakar d'ici 2030."}
    return CoachContext(
        language="fr",
        plan=DEFAULT_PLAN,
        step=step,
        answers=answers if step is not CoachingStepEnum.VISION else {},
        cultural_context={"country": "Senegal", "country_code": "SN", "city": "Dakar"},
        sector_context={"sector": "restaurant"},
    )


@pytest.fixture
async def coach(fake_llm: FakeLLM) -> AsyncIterator[LLMCoach]:
    client = OpenAICompatibleLLM(fake_llm.base_url, "m", timeout_s=0.5, max_retries=0)
    yield LLMCoach(OfflineCoach(), client, timeout_s=0.5)
    await client.aclose()


async def test_the_llm_accepts_and_reformulates(coach: LLMCoach, fake_llm: FakeLLM) -> None:
    fake_llm.replies = [ACCEPT]
    reply = await coach.answer(_ctx(), GOOD_MISSION)
    assert reply.accepted
    assert reply.coach_mode == "llm"
    assert reply.reformulation == ACCEPT["reformulation"]
    # The reformulation is followed by the next step's question, with its examples.
    assert reply.message.startswith(ACCEPT["reformulation"])
    assert reply.examples
    # The LLM was told the step, the context and the answer.
    sent = str(fake_llm.requests[0]["messages"])
    assert "mission" in sent
    assert "Dakar" in sent


async def test_the_llm_asks_a_follow_up(coach: LLMCoach, fake_llm: FakeLLM) -> None:
    fake_llm.replies = [REFUSE]
    reply = await coach.answer(_ctx(), GOOD_MISSION)
    assert not reply.accepted
    assert reply.coach_mode == "llm"
    assert reply.message == REFUSE["follow_up"]


@pytest.mark.parametrize(
    "behaviour",
    [("sleep", 2, ACCEPT), ("status", 500), "{accepted: yes", {"accepted": "yes"}],
    ids=["slow", "http-500", "malformed-json", "schema-violation"],
)
async def test_a_failing_llm_never_accepts_a_vague_answer(
    coach: LLMCoach, fake_llm: FakeLLM, behaviour: object
) -> None:
    fake_llm.replies = [behaviour]
    offline = await OfflineCoach().answer(_ctx(), VAGUE_MISSION)
    reply = await coach.answer(_ctx(), VAGUE_MISSION)
    assert not offline.accepted
    assert not reply.accepted
    assert reply.coach_mode == "offline"
    assert reply.message == offline.message


@pytest.mark.parametrize("behaviour", [("sleep", 2, ACCEPT), ("status", 500), "not json"], ids=str)
async def test_a_failing_llm_leaves_the_offline_decision(
    coach: LLMCoach, fake_llm: FakeLLM, behaviour: object
) -> None:
    fake_llm.replies = [behaviour]
    reply = await coach.answer(_ctx(), GOOD_MISSION)
    offline = await OfflineCoach().answer(_ctx(), GOOD_MISSION)
    assert reply.coach_mode == "offline"
    assert (reply.accepted, reply.confidence) == (offline.accepted, offline.confidence)


async def test_gibberish_and_forced_answers_never_reach_the_llm(
    coach: LLMCoach, fake_llm: FakeLLM
) -> None:
    gibberish = await coach.answer(_ctx(), "qsdkjfh qsdkjh")
    assert not gibberish.accepted
    forced = await coach.answer(_ctx(), VAGUE_MISSION, force=True)
    assert forced.accepted
    assert forced.to_improve
    assert fake_llm.requests == []


async def test_help_and_proposals_from_the_llm(coach: LLMCoach, fake_llm: FakeLLM) -> None:
    fake_llm.replies = [
        {
            "questions": [
                {"question": "Qui mange vos repas ?", "hint": "Pensez aux bureaux."},
                {"question": "Comment les livrez-vous ?", "hint": "Moto, à pied..."},
            ]
        },
        {"proposals": [f"Proposition numéro {i} : des repas sains livrés." for i in (1, 2, 3)]},
    ]
    help_ = await coach.help(_ctx())
    assert help_.coach_mode == "llm"
    assert help_.items[0].question == "Qui mange vos repas ?"
    proposals = await coach.proposals(_ctx())
    assert proposals.coach_mode == "llm"
    assert len(proposals.proposals) == 3


async def test_help_and_proposals_fall_back_offline(coach: LLMCoach, fake_llm: FakeLLM) -> None:
    fake_llm.replies = [("status", 500), {"proposals": ["too short"]}]
    help_ = await coach.help(_ctx())
    assert help_.coach_mode == "offline"
    assert 2 <= len(help_.items) <= 3
    proposals = await coach.proposals(_ctx())
    assert proposals.coach_mode == "offline"
    assert len(proposals.proposals) == 3
