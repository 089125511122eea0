"""Webhook bodies in WhatsApp's shapes are read; signatures are checked in constant time."""

from __future__ import annotations

import json

import pytest
from bench.fake_graph import PHONE_NUMBER_ID

from genesis.whatsapp import webhook
from tests.whatsapp import payloads

WA = "221771234567"


def _one(body: dict[str, object]) -> webhook.Inbound:
    (delivery,) = webhook.parse(body)
    assert delivery.phone_number_id == PHONE_NUMBER_ID
    (message,) = delivery.messages
    return message


def test_text_message() -> None:
    message = _one(payloads.text(WA, "  Bonjour, je veux ouvrir une boulangerie  ", mid="wamid.A"))
    assert (message.kind, message.text, message.reply_id) == (
        "text",
        "Bonjour, je veux ouvrir une boulangerie",
        "",
    )
    assert (message.message_id, message.wa_id, message.profile_name) == ("wamid.A", WA, "Awa")


def test_button_and_list_replies() -> None:
    tapped = _one(payloads.button(WA, "help", "Aide-moi"))
    assert (tapped.kind, tapped.reply_id, tapped.text) == ("button", "help", "Aide-moi")
    picked = _one(payloads.list_reply(WA, "ex:1", "Vendre du pain"))
    assert (picked.kind, picked.reply_id, picked.text) == ("list", "ex:1", "Vendre du pain")


def test_unknown_types_are_kept_as_unknown() -> None:
    message = _one(payloads.image(WA))
    assert message.kind == "unknown"
    assert message.original_type == "image"


def test_statuses_are_reports_not_messages() -> None:
    (delivery,) = webhook.parse(payloads.status(WA, "wamid.out1", "read"))
    assert delivery.messages == ()
    assert delivery.statuses[0].status == "read"
    assert delivery.statuses[0].message_id == "wamid.out1"


@pytest.mark.parametrize("body", [[], {"object": "page"}, {"entry": "x"}, "text"])
def test_not_a_webhook_payload(body: object) -> None:
    with pytest.raises(webhook.PayloadError):
        webhook.parse(body)


def test_malformed_messages_are_skipped() -> None:
    body = payloads.envelope({"messages": [{"id": "", "from": WA}, {"id": "x", "from": "abc"}, 7]})
    (delivery,) = webhook.parse(body)
    assert delivery.messages == ()


def test_signature() -> None:
    raw, headers = payloads.signed(payloads.text(WA, "Bonjour"))
    header = headers[webhook.SIGNATURE_HEADER]
    assert webhook.valid_signature(payloads.APP_SECRET, raw, header)
    assert not webhook.valid_signature("another-secret", raw, header)
    assert not webhook.valid_signature(payloads.APP_SECRET, raw + b" ", header)
    assert not webhook.valid_signature(payloads.APP_SECRET, raw, None)
    assert not webhook.valid_signature(payloads.APP_SECRET, raw, header.removeprefix("sha256="))
    assert not webhook.valid_signature("", raw, webhook.signature("", raw))
    assert json.loads(raw)["object"] == "whatsapp_business_account"
