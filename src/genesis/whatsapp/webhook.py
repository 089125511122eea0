"""What WhatsApp posts to the webhook: its signature and its payload.

Payload: ``entry[].changes[].value`` holds ``metadata.phone_number_id``,
``contacts[]`` (profile name and ``wa_id``), ``messages[]`` (text, interactive
``button_reply`` / ``list_reply``, a template's quick-reply ``button``, and
types we do not read: images, audio, locations...) and ``statuses[]``
(sent, delivered, read, failed) for the messages we sent.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Literal

SIGNATURE_HEADER: Final = "X-Hub-Signature-256"
_PREFIX: Final = "sha256="
# A WhatsApp message id ("wamid." + base64) is well under this; longer is not one.
MESSAGE_ID_MAX: Final = 255
TEXT_MAX: Final = 4096

InboundKind = Literal["text", "button", "list", "unknown"]


def signature(secret: str, body: bytes) -> str:
    """The header value WhatsApp sends: HMAC-SHA256 of the raw body with the app secret."""
    return _PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def valid_signature(secret: str, body: bytes, header: str | None) -> bool:
    """Constant-time check of ``X-Hub-Signature-256`` against the raw body."""
    if not secret or not header or not header.startswith(_PREFIX):
        return False
    return hmac.compare_digest(signature(secret, body).encode(), header.strip().encode())


@dataclass(frozen=True, slots=True)
class Inbound:
    """One message a person sent."""

    message_id: str
    wa_id: str
    kind: InboundKind
    text: str  # what they wrote, or the title of the button or row they tapped
    reply_id: str  # the id of the button or row they tapped ("" for text)
    sent_at: datetime
    profile_name: str
    original_type: str  # WhatsApp's type ("text", "interactive", "image"...)


@dataclass(frozen=True, slots=True)
class Status:
    """A delivery report for a message we sent."""

    message_id: str
    recipient: str
    status: str
    error_codes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Delivery:
    """Everything one webhook POST carries for one phone number of ours."""

    phone_number_id: str
    messages: tuple[Inbound, ...]
    statuses: tuple[Status, ...]
    # Messages without a usable id or sender: nothing to record, no one to answer.
    ignored: int = 0


class PayloadError(ValueError):
    """The body is not a WhatsApp Business Account webhook payload."""


def parse(body: Any) -> list[Delivery]:
    """The deliveries of a webhook body; PayloadError when it has not WhatsApp's shape.
    Messages whose shape we do not know become ``kind="unknown"`` (answered politely)."""
    if not isinstance(body, dict) or not isinstance(body.get("entry"), list):
        raise PayloadError("not a WhatsApp webhook payload: no 'entry' list")
    deliveries = []
    for entry in body["entry"]:
        for change in _list(entry, "changes"):
            value = change.get("value") if isinstance(change, dict) else None
            if not isinstance(value, dict):
                continue
            metadata = value.get("metadata")
            phone = str(metadata.get("phone_number_id", "")) if isinstance(metadata, dict) else ""
            names = {
                str(c.get("wa_id", "")): str((c.get("profile") or {}).get("name", ""))
                for c in _list(value, "contacts")
                if isinstance(c, dict)
            }
            raw_messages = _list(value, "messages")
            messages = tuple(m for m in (_message(raw, names) for raw in raw_messages) if m)
            statuses = tuple(s for s in (_status(raw) for raw in _list(value, "statuses")) if s)
            ignored = len(raw_messages) - len(messages)
            deliveries.append(Delivery(phone, messages, statuses, ignored))
    return deliveries


def _list(container: Any, key: str) -> list[Any]:
    value = container.get(key) if isinstance(container, dict) else None
    return value if isinstance(value, list) else []


def _message(raw: Any, names: dict[str, str]) -> Inbound | None:
    if not isinstance(raw, dict):
        return None
    message_id, sender = str(raw.get("id", "")), str(raw.get("from", ""))
    if not message_id or len(message_id) > MESSAGE_ID_MAX or not sender.isdigit():
        return None
    kind: InboundKind = "unknown"
    text = reply_id = ""
    wa_type = str(raw.get("type", ""))
    if wa_type == "text" and isinstance(raw.get("text"), dict):
        kind, text = "text", str(raw["text"].get("body", ""))
    elif wa_type == "interactive" and isinstance(raw.get("interactive"), dict):
        interactive = raw["interactive"]
        tapped = interactive.get(str(interactive.get("type", "")))
        if interactive.get("type") in ("button_reply", "list_reply") and isinstance(tapped, dict):
            kind = "button" if interactive["type"] == "button_reply" else "list"
            text, reply_id = str(tapped.get("title", "")), str(tapped.get("id", ""))
    elif wa_type == "button" and isinstance(raw.get("button"), dict):
        # A template's quick-reply button: its text is what the person "said".
        kind, text = "text", str(raw["button"].get("text", ""))
    if kind == "text" and not text.strip():
        kind = "unknown"
    return Inbound(
        message_id=message_id,
        wa_id=sender,
        kind=kind,
        text=text.strip()[:TEXT_MAX],
        reply_id=reply_id[:256],
        sent_at=_time(raw.get("timestamp")),
        profile_name=names.get(sender, "")[:200],
        original_type=wa_type[:32],
    )


def _status(raw: Any) -> Status | None:
    if not isinstance(raw, dict) or not raw.get("id"):
        return None
    codes = tuple(
        int(e["code"])
        for e in _list(raw, "errors")
        if isinstance(e, dict) and str(e.get("code", "")).isdigit()
    )
    return Status(str(raw["id"]), str(raw.get("recipient_id", "")), str(raw.get("status")), codes)


def _time(value: Any) -> datetime:
    now = datetime.now(UTC)
    try:
        sent = datetime.fromtimestamp(int(str(value)), UTC)
    except (ValueError, OverflowError, OSError):
        return now
    return min(sent, now)  # a clock ahead of ours must not stretch the 24-hour window
