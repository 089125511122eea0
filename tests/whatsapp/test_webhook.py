"""The webhook: verification, signatures, acknowledgement, deduplication, the first contact."""

from __future__ import annotations

import logging

import httpx
import pytest

from genesis.whatsapp.webhook import SIGNATURE_HEADER, signature
from tests.whatsapp import payloads
from tests.whatsapp.conftest import Channel, bodies, button_ids

WA_SN = "221771234567"
WA_NG = "2348031234567"


async def test_the_channel_is_off_unless_configured(client: httpx.AsyncClient) -> None:
    raw, headers = payloads.signed(payloads.text(WA_SN, "Bonjour"))
    r = await client.post("/whatsapp/webhook", content=raw, headers=headers)
    assert r.status_code == 404
    assert r.json()["error"] == "NotFoundError"
    r = await client.get("/whatsapp/webhook", params={"hub.mode": "subscribe"})
    assert r.status_code == 404


async def test_verification_echoes_the_challenge(channel: Channel) -> None:
    params = {
        "hub.mode": "subscribe",
        "hub.verify_token": payloads.VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    r = await channel.client.get("/whatsapp/webhook", params=params)
    assert r.status_code == 200
    assert r.text == "1158201444"
    r = await channel.client.get(
        "/whatsapp/webhook", params={**params, "hub.verify_token": "guess"}
    )
    assert r.status_code == 403
    assert "verify token" in r.json()["detail"]


async def test_bad_or_missing_signature_is_401_and_records_nothing(channel: Channel) -> None:
    body = payloads.text(WA_SN, "Bonjour")
    raw, headers = payloads.signed(body, secret="not-our-secret")
    r = await channel.client.post("/whatsapp/webhook", content=raw, headers=headers)
    assert r.status_code == 401
    assert r.json()["error"] == "InvalidSignatureError"
    r = await channel.client.post(
        "/whatsapp/webhook", content=raw, headers={"content-type": "application/json"}
    )
    assert r.status_code == 401
    # Signed, then changed on the way: the signature covers the raw bytes.
    raw, headers = payloads.signed(body)
    r = await channel.client.post("/whatsapp/webhook", content=raw + b"\n", headers=headers)
    assert r.status_code == 401
    await channel.drain()
    assert await channel.count_inbound() == 0
    assert channel.graph.sent == []


async def test_signed_garbage_is_400(channel: Channel) -> None:
    raw = b"{not json"
    headers = {SIGNATURE_HEADER: signature(payloads.APP_SECRET, raw)}
    r = await channel.client.post("/whatsapp/webhook", content=raw, headers=headers)
    assert r.status_code == 400
    assert r.json()["error"] == "BadRequestError"


async def test_first_message_gets_a_welcome_and_the_consent_question(channel: Channel) -> None:
    sent = await channel.say(WA_SN, "Bonjour")
    assert "Bonjour Awa" in bodies(sent)
    assert "enregistrer vos réponses" in bodies(sent)
    assert button_ids(sent) == ["consent:yes", "consent:no"]
    sent = await channel.say(WA_NG, "Hello, I want to start a business")
    assert "Hello Awa" in bodies(sent)
    assert "store your answers" in bodies(sent)


async def test_the_text_decides_the_language_over_the_number(channel: Channel) -> None:
    sent = await channel.say(WA_SN, "Hello, I would like some help with my business")
    assert "Hello Awa" in bodies(sent)


async def test_a_duplicate_delivery_is_recorded_and_answered_once(channel: Channel) -> None:
    body = payloads.text(WA_SN, "Bonjour", mid="wamid.same-message")
    first = await channel.post(body)
    assert first.json() == {"received": 1, "duplicates": 0, "statuses": 0}
    answered = len(channel.graph.to(WA_SN))
    assert answered == 2
    again = await channel.post(body)
    assert again.status_code == 200
    assert again.json() == {"received": 0, "duplicates": 1, "statuses": 0}
    assert len(channel.graph.to(WA_SN)) == answered
    assert await channel.count_inbound() == 1


async def test_unknown_types_get_a_polite_text_only(channel: Channel) -> None:
    sent = await channel.exchange(WA_NG, payloads.image(WA_NG))
    assert len(sent) == 1
    assert "I can read text only" in bodies(sent)


async def test_status_updates_are_acknowledged_and_answered_with_nothing(
    channel: Channel,
) -> None:
    r = await channel.post(payloads.status(WA_SN, "wamid.out1", "read"))
    assert r.json() == {"received": 0, "duplicates": 0, "statuses": 1}
    assert channel.graph.sent == []


async def test_the_same_message_twice_in_one_post_is_recorded_once(channel: Channel) -> None:
    body = payloads.text(WA_SN, "Bonjour", mid="wamid.twice")
    value = body["entry"][0]["changes"][0]["value"]
    value["messages"] = value["messages"] * 2
    r = await channel.post(body)
    assert r.json() == {"received": 1, "duplicates": 1, "statuses": 0}
    assert len(channel.graph.to(WA_SN)) == 2  # one welcome, one consent question


async def test_malformed_messages_in_a_signed_post_are_acked_and_answered_politely(
    channel: Channel, caplog: pytest.LogCaptureFixture
) -> None:
    """WhatsApp does not deliver again after a 200: a message whose shape we do not
    read is still recorded and answered (never a crash, never a 400 for the POST);
    one with no usable sender, which nobody could be answered for, is logged."""
    body = payloads.text(WA_SN, "Bonjour")
    value = body["entry"][0]["changes"][0]["value"]
    good = value["messages"][0]
    value["messages"] = [
        {**good, "id": "wamid.text-not-an-object", "text": "Bonjour"},
        {**good, "id": "wamid.empty-tap", "type": "interactive", "interactive": {}},
        {**good, "id": "wamid.no-sender", "from": None},
        "not a message",
    ]
    with caplog.at_level(logging.WARNING, logger="genesis.service.whatsapp"):
        r = await channel.post(body)
    assert r.status_code == 200
    assert r.json() == {"received": 2, "duplicates": 0, "statuses": 0}
    assert "2 message(s) without a usable id or sender were ignored" in caplog.text
    assert await channel.count_inbound() == 2
    sent = channel.graph.to(WA_SN)
    assert [m["type"] for m in sent] == ["text", "text"]
    assert "texte" in bodies(sent).lower()
    assert await channel.outbox("pending") == []


async def test_a_failed_enqueue_still_answers_200_and_recovery_handles_the_message(
    channel: Channel, caplog: pytest.LogCaptureFixture
) -> None:
    """The message is committed before the 200; its job is enqueued after the answer
    is sent, so a queue that fails costs a log line, and recovery sends it later."""
    rt = channel.rt
    enqueue = rt.enqueue_whatsapp

    async def broken(wa_id: str) -> None:
        raise ConnectionError("the queue is down")

    rt.enqueue_whatsapp = broken
    with caplog.at_level(logging.ERROR, logger="genesis.service.whatsapp"):
        r = await channel.post(payloads.text(WA_SN, "Bonjour"))
    assert r.status_code == 200
    assert r.json() == {"received": 1, "duplicates": 0, "statuses": 0}
    assert "could not enqueue" in caplog.text
    assert await channel.count_inbound() == 1
    assert channel.graph.to(WA_SN) == []
    rt.enqueue_whatsapp = enqueue
    await channel.rt.enqueue_whatsapp(WA_SN)  # what the recovery loop does
    await channel.drain()
    assert "enregistrer vos réponses" in bodies(channel.graph.to(WA_SN))
