"""Webhook bodies in the shapes WhatsApp posts, and their signature."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from bench.fake_graph import PHONE_NUMBER_ID

from genesis.whatsapp.webhook import SIGNATURE_HEADER, signature

APP_SECRET = "test-app-secret"
VERIFY_TOKEN = "test-verify-token"
_ids = itertools.count(1)


def message_id() -> str:
    return f"wamid.HBgLMjIxNzcxMjM0NTY3FQIAEhg{next(_ids):08d}"


def envelope(value: dict[str, Any]) -> dict[str, Any]:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "15550783881",
                                "phone_number_id": PHONE_NUMBER_ID,
                            },
                            **value,
                        },
                    }
                ],
            }
        ],
    }


def _inbound(wa_id: str, content: dict[str, Any], mid: str | None, name: str) -> dict[str, Any]:
    return envelope(
        {
            "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
            "messages": [
                {"from": wa_id, "id": mid or message_id(), "timestamp": str(int(time.time()))}
                | content
            ],
        }
    )


def text(wa_id: str, body: str, *, mid: str | None = None, name: str = "Awa") -> dict[str, Any]:
    return _inbound(wa_id, {"type": "text", "text": {"body": body}}, mid, name)


def button(wa_id: str, reply_id: str, title: str, *, mid: str | None = None) -> dict[str, Any]:
    content = {
        "type": "interactive",
        "interactive": {"type": "button_reply", "button_reply": {"id": reply_id, "title": title}},
    }
    return _inbound(wa_id, content, mid, "Awa")


def list_reply(wa_id: str, reply_id: str, title: str, *, mid: str | None = None) -> dict[str, Any]:
    content = {
        "type": "interactive",
        "interactive": {
            "type": "list_reply",
            "list_reply": {"id": reply_id, "title": title, "description": ""},
        },
    }
    return _inbound(wa_id, content, mid, "Awa")


def image(wa_id: str, *, mid: str | None = None) -> dict[str, Any]:
    content = {
        "type": "image",
        "image": {"mime_type": "image/jpeg", "sha256": "abc", "id": "1234567890"},
    }
    return _inbound(wa_id, content, mid, "Awa")


def status(wa_id: str, sent_id: str, state: str = "delivered") -> dict[str, Any]:
    return envelope(
        {
            "statuses": [
                {
                    "id": sent_id,
                    "status": state,
                    "timestamp": str(int(time.time())),
                    "recipient_id": wa_id,
                    "conversation": {"id": "abc", "origin": {"type": "service"}},
                    "pricing": {"billable": True, "pricing_model": "CBP", "category": "service"},
                }
            ]
        }
    )


def signed(body: dict[str, Any], secret: str = APP_SECRET) -> tuple[bytes, dict[str, str]]:
    """The raw body and headers as WhatsApp sends them."""
    raw = json.dumps(body).encode()
    return raw, {"content-type": "application/json", SIGNATURE_HEADER: signature(secret, raw)}
