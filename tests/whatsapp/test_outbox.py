"""The outbox: refusals retried or dropped with a log line, the 24-hour window and
the approved template, and the recovery of messages whose job died."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import update

from genesis.service import whatsapp
from genesis.store import whatsapp as store
from genesis.store.models import utcnow
from genesis.whatsapp.messages import Text
from tests.whatsapp.conftest import Channel, bodies

WA = "221771234567"


async def queue(channel: Channel, body: str, key: str | None = None) -> None:
    async with channel.rt.transaction() as db:
        await store.add_outbox(db, WA, "text", Text(body=body).content(), dedup_key=key)


async def set_last_inbound(channel: Channel, hours_ago: float) -> None:
    async with channel.rt.transaction() as db:
        await db.execute(
            update(store.WhatsAppContact)
            .where(store.WhatsAppContact.wa_id == WA)
            .values(last_inbound_at=utcnow() - timedelta(hours=hours_ago))
        )


async def test_rate_limits_and_server_errors_are_retried(
    channel: Channel, caplog: pytest.LogCaptureFixture
) -> None:
    channel.graph.failures.extend(["rate_limited", "server_error"])
    with caplog.at_level(logging.WARNING, logger="genesis.service.whatsapp.outbox"):
        sent = await channel.say(WA, "Bonjour")
    assert len(sent) == 2  # the welcome and the consent question, in order
    assert "Bonjour Awa" in bodies(sent[:1])
    assert [f for f, _ in channel.graph.refused] == ["rate_limited", "server_error"]
    assert "try 2 of 4" in caplog.text
    assert "try 3 of 4" in caplog.text
    (first, second) = await channel.outbox("sent")
    assert first.attempts == 3
    assert second.attempts == 1
    assert first.content == {}  # what was said is not kept once sent


async def test_a_send_that_keeps_failing_is_dropped_with_a_log_line(
    channel: Channel, caplog: pytest.LogCaptureFixture
) -> None:
    channel.graph.failures.extend(["server_error"] * 4)
    with caplog.at_level(logging.WARNING, logger="genesis.service.whatsapp.outbox"):
        sent = await channel.say(WA, "Bonjour")
    (dropped,) = await channel.outbox("dropped")
    assert dropped.attempts == 4
    assert "after 4 tries" in (dropped.last_error or "")
    assert "dropped" in caplog.text
    # The worker carried on: the next message went.
    assert len(sent) == 1
    assert "enregistrer vos réponses" in bodies(sent)


async def test_a_refused_number_is_dropped_at_once(channel: Channel) -> None:
    channel.graph.failures.append("bad_number")
    await channel.say(WA, "Bonjour")
    (dropped,) = await channel.outbox("dropped")
    assert dropped.attempts == 1
    assert "131026" in (dropped.last_error or "")


async def test_a_closed_window_turns_into_the_template_once(channel: Channel) -> None:
    await channel.say(WA, "Bonjour")
    # The API says the window closed (the person's clock and ours disagree, say).
    channel.graph.failures.append("window_closed")
    await queue(channel, "Votre dossier est prêt.")
    await whatsapp.deliver(channel.rt, WA)
    templates = [m for m in channel.graph.to(WA) if m["type"] == "template"]
    assert templates == [
        {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": WA,
            "type": "template",
            "template": {"name": "invite_back", "language": {"code": "fr"}},
        }
    ]
    (dropped,) = await channel.outbox("dropped")
    assert "24 hours" in (dropped.last_error or "")
    # Our own tracking: 25 hours since the last message, nothing but the template goes,
    # and only once for this silence.
    await set_last_inbound(channel, hours_ago=25)
    before = len(channel.graph.to(WA))
    await queue(channel, "Un rappel.")
    await whatsapp.deliver(channel.rt, WA)
    await queue(channel, "Un autre rappel.")
    await whatsapp.deliver(channel.rt, WA)
    after = channel.graph.to(WA)[before:]
    assert [m["type"] for m in after] == ["template"]
    assert len(await channel.outbox("dropped")) == 3
    # The person answers: the window is open again.
    sent = await channel.say(WA, "oui")
    assert sent
    assert all(m["type"] != "template" for m in sent)


async def test_without_a_template_nothing_goes_outside_the_window(
    channel: Channel, caplog: pytest.LogCaptureFixture
) -> None:
    await channel.say(WA, "Bonjour")
    channel.rt.settings = channel.rt.settings.model_copy(update={"whatsapp_template_name": ""})
    await set_last_inbound(channel, hours_ago=30)
    before = len(channel.graph.sent)
    with caplog.at_level(logging.WARNING, logger="genesis.service.whatsapp.outbox"):
        await queue(channel, "Un rappel.")
        await whatsapp.deliver(channel.rt, WA)
    assert len(channel.graph.sent) == before
    assert "GENESIS_WHATSAPP_TEMPLATE_NAME is not set" in caplog.text


async def test_recovery_handles_messages_whose_job_died(channel: Channel) -> None:
    await store.record_inbound(
        channel.rt.engine,
        [
            {
                "message_id": "wamid.orphan",
                "wa_id": WA,
                "kind": "text",
                "text": "Bonjour",
                "reply_id": "",
                "profile_name": "Awa",
                "sent_at": utcnow() - timedelta(minutes=2),
                "received_at": utcnow() - timedelta(minutes=2),
            }
        ],
    )
    assert await whatsapp.recover(channel.rt) == [WA]
    await channel.drain()
    assert "Bonjour Awa" in bodies(channel.graph.to(WA))
    assert await whatsapp.recover(channel.rt) == []
