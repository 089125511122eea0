"""Coaching over WhatsApp through the webhook, from the first message to the PDF."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select, update

from genesis import service
from genesis.core.agents.types import AgentResult
from genesis.core.steps import CoachingStepEnum
from genesis.service import whatsapp
from genesis.store import queries
from genesis.store.models import User
from genesis.store.whatsapp import WhatsAppContact, WhatsAppInbound, WhatsAppOutbox
from tests.answers import FULL_RUN_FR
from tests.whatsapp import payloads
from tests.whatsapp.conftest import PUBLIC_URL, Channel, bodies, button_ids, row_ids

WA = "221771234567"
STEPS = ["vision", "mission", "clientele", "differentiation", "offre", "finances"]


async def consent(channel: Channel, wa_id: str = WA) -> list[dict[str, Any]]:
    await channel.say(wa_id, "Bonjour")
    return await channel.tap(wa_id, "consent:yes", "Oui, d'accord")


async def user_of(channel: Channel, wa_id: str = WA) -> int:
    async with channel.rt.reading() as db:
        stmt = select(WhatsAppContact.user_id).where(WhatsAppContact.wa_id == wa_id)
        user_id = (await db.execute(stmt)).scalar_one()
    assert user_id is not None
    return int(user_id)


async def current(channel: Channel, wa_id: str = WA) -> service.CoachingState:
    return await service.start_session(channel.rt, await user_of(channel, wa_id))


async def test_full_run_from_first_message_to_the_pdf(channel: Channel) -> None:
    sent = await channel.say(WA, "Bonjour")
    assert button_ids(sent) == ["consent:yes", "consent:no"]
    sent = await channel.tap(WA, "consent:yes", "Oui, d'accord")
    async with channel.rt.reading() as db:
        contact = (await db.execute(select(WhatsAppContact))).scalar_one()
    assert contact.consent_at is not None  # recorded, with its time
    assert contact.user_id is not None
    assert "Merci" in bodies(sent)
    assert button_ids(sent) == ["help", "idk", "move_on"]
    assert row_ids(sent)[:1] == ["ex:1"]  # the examples, as a list
    per_step = []
    for step in STEPS:
        assert (await current(channel)).current_step.value == step
        sent = await channel.say(WA, FULL_RUN_FR[step])
        per_step.append(len(sent))
        assert all(len(bodies([m])) <= 1024 for m in sent if m["type"] == "interactive")
    state = await current(channel)
    assert state.current_step is CoachingStepEnum.SYNTHESIS
    # The synthesis: a button to confirm, a list of the steps to revise.
    assert button_ids(sent) == ["confirm"]
    assert row_ids(sent) == [f"revise:{s}" for s in STEPS]
    sent = await channel.tap(WA, "confirm", "Je confirme")
    per_step.append(len(sent))
    session_id = state.session_id
    progress = [m for m in channel.graph.to(WA) if "Je prépare votre dossier" in bodies([m])]
    assert len(progress) == 1
    documents = [m for m in channel.graph.to(WA) if m["type"] == "document"]
    assert len(documents) == 1, bodies(sent)
    document = documents[0]["document"]
    assert document["filename"].endswith(".pdf")
    assert document["link"].startswith(f"{PUBLIC_URL}/whatsapp/brief/{session_id}.pdf?")
    # A number's own account has no password: the way to the web brief is to sign up
    # and link the number (test_linking), which brings this session along.
    assert f"{PUBLIC_URL}/register" in bodies(channel.graph.to(WA)[-1:])
    # The Graph API fetches the link: this app serves it, signed and expiring.
    link = urlsplit(document["link"])
    r = await channel.client.get(f"{link.path}?{link.query}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    r = await channel.client.get(f"{link.path}?{link.query.replace('signature=', 'signature=0')}")
    assert r.status_code == 404
    # Within the target: at most 12 outbound messages per step on average.
    assert sum(per_step) / len(per_step) <= 12, per_step
    # A message after the brief: a link to it and a button to start again, no new session.
    sent = await channel.say(WA, "Merci beaucoup")
    assert button_ids(sent) == ["new"]
    assert "envoyé ici, en PDF" in bodies(sent)
    assert len(await service.list_sessions(channel.rt, await user_of(channel))) == 1


async def test_assists_examples_and_move_on(channel: Channel) -> None:
    sent = await consent(channel)
    example_rows = row_ids(sent)
    assert example_rows
    sent = await channel.tap(WA, "help", "Aide-moi à réfléchir")
    assert "Quelques questions" in bodies(sent)
    sent = await channel.tap(WA, "move_on", "Passer")
    assert "Écrivez d'abord une réponse" in bodies(sent)
    assert (await current(channel)).current_step.value == "vision"
    sent = await channel.tap(WA, "idk", "Je ne sais pas")
    assert row_ids(sent) == ["prop:1", "prop:2", "prop:3"]
    proposals = (
        await service.coaching_proposals(
            channel.rt, await user_of(channel), (await current(channel)).session_id
        )
    ).proposals
    # Tapping a row answers with its full text, not the clipped title.
    await channel.pick(WA, "prop:2", proposals[1][:24])
    detail = await service.get_session(
        channel.rt, await user_of(channel), (await current(channel)).session_id
    )
    answered = [e["message"] for e in detail.session.conversation_history if e["role"] == "user"]
    assert answered == [proposals[1]]
    # A vague answer gets a follow-up; "move on" then accepts it as it is.
    state = await current(channel)
    if state.current_step.value == "vision":
        await channel.say(WA, "je ne sais pas trop")
        await channel.tap(WA, "move_on", "Passer")
    assert (await current(channel)).current_step.value == "mission"


async def test_revise_a_step_from_the_synthesis(channel: Channel) -> None:
    await consent(channel)
    for step in STEPS:
        await channel.say(WA, FULL_RUN_FR[step])
    assert (await current(channel)).current_step is CoachingStepEnum.SYNTHESIS
    sent = await channel.pick(WA, "revise:mission", "Mission")
    assert (await current(channel)).current_step.value == "mission"
    assert button_ids(sent) == ["help", "idk", "move_on"]
    # A stale "confirm" (from the synthesis before) is refused and the question asked again.
    sent = await channel.tap(WA, "confirm", "Je confirme")
    assert "question précédente" in bodies(sent)
    assert (await current(channel)).current_step.value == "mission"
    await channel.say(WA, FULL_RUN_FR["mission"])
    assert (await current(channel)).current_step is CoachingStepEnum.SYNTHESIS


async def test_declining_consent_stores_nothing(channel: Channel) -> None:
    await channel.say(WA, "Bonjour, je veux ouvrir un restaurant")
    sent = await channel.tap(WA, "consent:no", "Non merci")
    assert "je n'enregistre rien" in bodies(sent)
    async with channel.rt.reading() as db:
        contact = (await db.execute(select(WhatsAppContact))).scalar_one()
        texts = list((await db.execute(select(WhatsAppInbound.text))).scalars())
    assert contact.user_id is None
    assert contact.declined_at is not None
    assert texts == ["", ""]  # what was said is not kept once handled
    # Changing one's mind later works.
    await channel.say(WA, "oui")
    assert (await user_of(channel)) > 0


async def test_a_retried_job_never_asks_the_same_question_twice(channel: Channel) -> None:
    await consent(channel)
    mid = payloads.message_id()
    await channel.exchange(WA, payloads.text(WA, FULL_RUN_FR["vision"], mid=mid))
    asked = len(channel.graph.to(WA))
    # The job is run again for a message it had handled (a worker retried it).
    async with channel.rt.transaction() as db:
        await db.execute(
            update(WhatsAppInbound)
            .where(WhatsAppInbound.message_id == mid)
            .values(processed_at=None, text=FULL_RUN_FR["vision"])
        )
    await whatsapp.process_number(channel.rt, WA)
    assert len(channel.graph.to(WA)) == asked  # nothing sent again
    # And a job that died after the answer was recorded but before its reply was
    # queued: the answer is replayed, not recorded again, and the reply goes once.
    async with channel.rt.transaction() as db:
        await db.execute(
            update(WhatsAppInbound)
            .where(WhatsAppInbound.message_id == mid)
            .values(processed_at=None, text=FULL_RUN_FR["vision"])
        )
        await db.execute(
            WhatsAppOutbox.__table__.delete().where(WhatsAppOutbox.dedup_key.like(f"in:{mid}:%"))
        )
    await whatsapp.process_number(channel.rt, WA)
    state = await current(channel)
    assert state.current_step.value == "mission"
    detail = await service.get_session(channel.rt, await user_of(channel), state.session_id)
    answers = [e for e in detail.session.conversation_history if e["role"] == "user"]
    assert len(answers) == 1
    questions = [m for m in channel.graph.to(WA) if button_ids([m]) == ["help", "idk", "move_on"]]
    # The mission question went out at most once more than the crash lost: never twice.
    assert len(questions) == 3  # vision (after consent), mission, mission again after the loss


async def test_a_failed_brief_can_be_retried_from_whatsapp(
    channel: Channel, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def failing(
        inp: object, names: list[str], *, on_result: Any = None, **_: object
    ) -> dict[str, AgentResult]:
        results = {n: AgentResult(status="failed", error="broken by the test") for n in names}
        for name, result in results.items():
            await on_result(name, result)
        return results

    await consent(channel)
    for step in STEPS:
        await channel.say(WA, FULL_RUN_FR[step])
    with monkeypatch.context() as patch:
        patch.setattr("genesis.service.agents.run_agent_set", failing)
        await channel.tap(WA, "confirm", "Je confirme")
    last = channel.graph.to(WA)[-1:]
    assert "a échoué" in bodies(last)
    assert button_ids(last) == ["retry"]
    assert not any(m["type"] == "document" for m in channel.graph.to(WA))
    await channel.tap(WA, "retry", "Réessayer")
    documents = [m for m in channel.graph.to(WA) if m["type"] == "document"]
    assert len(documents) == 1


async def test_delete_erases_a_numbers_own_account(channel: Channel) -> None:
    sent = await consent(channel)
    await channel.say(WA, FULL_RUN_FR["vision"])
    user_id = await user_of(channel)
    sent = await channel.say(WA, "Supprimer")
    assert button_ids(sent) == ["forget:yes", "forget:no"]
    sent = await channel.tap(WA, "forget:no", "Non, garder")
    assert "rien n'est effacé" in bodies(sent)
    assert (await current(channel)).current_step.value == "mission"
    await channel.say(WA, "SUPPRIMER")
    sent = await channel.tap(WA, "forget:yes", "Oui, tout effacer")
    assert "toutes vos données sont effacés" in bodies(sent)
    async with channel.rt.reading() as db:
        assert await db.get(User, user_id) is None
        assert await queries.sessions_of_user(db, user_id) == []
        # Of the number's message records, only the last message's and the reply to
        # it are left (handled and sent after the deletion), with no name or text.
        inbound = (await db.execute(select(WhatsAppInbound))).scalars().all()
        assert [(m.text, m.profile_name) for m in inbound] == [("", "")]
        outbox = (await db.execute(select(WhatsAppOutbox))).scalars().all()
        assert [(m.status, m.content) for m in outbox] == [("sent", {})]
    # Writing again starts over, with the consent question.
    sent = await channel.say(WA, "Bonjour")
    assert button_ids(sent) == ["consent:yes", "consent:no"]
