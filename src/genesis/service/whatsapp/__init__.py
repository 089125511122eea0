"""The WhatsApp channel's use-cases: the webhook's intake, the conversation that
drives the coaching use-cases, the outbox, linking and the brief's delivery."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from genesis.runtime import Runtime
from genesis.service.whatsapp.brief import after_agents, brief_pdf, pdf_url, web_brief_url
from genesis.service.whatsapp.conversation import process_number
from genesis.service.whatsapp.linking import linked_number, new_link_code
from genesis.service.whatsapp.outbox import deliver
from genesis.store import whatsapp as store
from genesis.store.models import utcnow
from genesis.whatsapp.webhook import PayloadError, parse, valid_signature

log = logging.getLogger(__name__)
# Messages and sends left this long are found by the recovery loop (their job died).
RECOVERY_AFTER_SECONDS = 30


class InvalidSignatureError(Exception):
    """The webhook POST is not signed with our app secret."""


@dataclass(frozen=True, slots=True)
class Received:
    messages: int  # new messages recorded
    duplicates: int
    statuses: int


async def receive(rt: Runtime, raw: bytes, signature_header: str | None) -> Received:
    """Check, record and enqueue one webhook POST. The signature is checked on the
    raw body first: nothing is recorded for a bad one. New messages are committed
    before their job is enqueued; a message id seen before is not recorded again."""
    if not valid_signature(rt.settings.whatsapp_app_secret, raw, signature_header):
        raise InvalidSignatureError(
            "The X-Hub-Signature-256 header is missing or does not match the body."
        )
    try:
        deliveries = parse(json.loads(raw))
    except ValueError as exc:  # JSONDecodeError and PayloadError alike
        raise PayloadError(f"The body is not a WhatsApp webhook payload: {exc}") from None
    rows: list[dict[str, Any]] = []
    statuses = 0
    now = utcnow()
    for delivery in deliveries:
        if delivery.phone_number_id != rt.settings.whatsapp_phone_number_id:
            log.warning("whatsapp: a delivery for another phone number id was ignored")
            continue
        for status in delivery.statuses:
            statuses += 1
            if status.status == "failed":
                log.warning(
                    "whatsapp: message %s was not delivered (codes %s)",
                    status.message_id,
                    ",".join(map(str, status.error_codes)) or "none",
                )
        rows.extend(
            {
                "message_id": m.message_id,
                "wa_id": m.wa_id,
                "kind": m.kind,
                "text": m.text,
                "reply_id": m.reply_id,
                "profile_name": m.profile_name,
                "sent_at": m.sent_at,
                "received_at": now,
            }
            for m in delivery.messages
        )
    total = len(rows)
    rows = list({r["message_id"]: r for r in reversed(rows)}.values())[::-1]  # once each
    recorded = await store.record_inbound_batch(rt.engine, rows)
    new = [r["wa_id"] for r in rows if r["message_id"] in recorded]
    duplicates = total - len(new)
    for wa_id in dict.fromkeys(new):
        await _enqueue(rt, wa_id)
    return Received(len(new), duplicates, statuses)


async def _enqueue(rt: Runtime, wa_id: str) -> None:
    if rt.enqueue_whatsapp is None:
        return
    try:
        await rt.enqueue_whatsapp(wa_id)
    except Exception:
        log.exception("whatsapp: could not enqueue a number's messages; recovery will retry")


async def recover(rt: Runtime) -> list[str]:
    """Enqueue again the numbers whose messages or sends were left (a job died)."""
    if not rt.settings.whatsapp_enabled:
        return []
    before = utcnow() - timedelta(seconds=RECOVERY_AFTER_SECONDS)
    async with rt.reading() as db:
        numbers = list(await store.numbers_waiting(db, before))
        numbers += await store.numbers_with_pending_outbox(db, before)
    for wa_id in dict.fromkeys(numbers):
        await _enqueue(rt, wa_id)
    return list(dict.fromkeys(numbers))


__all__ = [
    "InvalidSignatureError",
    "PayloadError",
    "Received",
    "after_agents",
    "brief_pdf",
    "deliver",
    "linked_number",
    "new_link_code",
    "pdf_url",
    "process_number",
    "receive",
    "recover",
    "web_brief_url",
]
