"""The WhatsApp channel's use-cases: the webhook's intake, the conversation that
drives the coaching use-cases, the outbox, linking and the brief's delivery."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from genesis.runtime import Runtime
from genesis.service.whatsapp.brief import after_agents, brief_pdf, pdf_url, web_brief_url
from genesis.service.whatsapp.conversation import process_number
from genesis.service.whatsapp.linking import linked_number, new_link_code
from genesis.service.whatsapp.outbox import deliver
from genesis.store import whatsapp as store
from genesis.store.models import utcnow
from genesis.whatsapp.webhook import Inbound, PayloadError, Status, parse, valid_signature

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
    numbers: tuple[str, ...]  # the numbers with new messages, for enqueue()


async def receive(rt: Runtime, raw: bytes, signature_header: str | None) -> Received:
    """Check and record one webhook POST. The signature is checked on the raw body
    first: nothing is recorded for a bad one. The new messages are committed when
    this returns; give ``numbers`` to enqueue() then (after the answer is sent:
    a number left unqueued is found by recover())."""
    if not valid_signature(rt.settings.whatsapp_app_secret, raw, signature_header):
        raise InvalidSignatureError(
            "The X-Hub-Signature-256 header is missing or does not match the body."
        )
    try:
        deliveries = parse(json.loads(raw))
    except ValueError as exc:  # JSONDecodeError and PayloadError alike
        raise PayloadError(f"The body is not a WhatsApp webhook payload: {exc}") from None
    messages: list[Inbound] = []
    statuses = 0
    for delivery in deliveries:
        if delivery.phone_number_id != rt.settings.whatsapp_phone_number_id:
            log.warning("whatsapp: a delivery for another phone number id was ignored")
            continue
        messages.extend(delivery.messages)
        statuses += len(delivery.statuses)
        _log_failures(delivery.statuses)
        if delivery.ignored:
            log.warning(
                "whatsapp: %d message(s) without a usable id or sender were ignored",
                delivery.ignored,
            )
    # The first of each message id in this POST; the database skips the ids it has.
    first: dict[str, Inbound] = {}
    for message in messages:
        first.setdefault(message.message_id, message)
    now = utcnow()
    recorded = await store.record_inbound(rt.engine, [_row(m, now) for m in first.values()])
    new = [m for m in first.values() if m.message_id in recorded]
    numbers = tuple(dict.fromkeys(m.wa_id for m in new))
    return Received(len(new), len(messages) - len(new), statuses, numbers)


def _row(message: Inbound, received_at: datetime) -> dict[str, Any]:
    return {
        "message_id": message.message_id,
        "wa_id": message.wa_id,
        "kind": message.kind,
        "text": message.text,
        "reply_id": message.reply_id,
        "profile_name": message.profile_name,
        "sent_at": message.sent_at,
        "received_at": received_at,
    }


def _log_failures(statuses: tuple[Status, ...]) -> None:
    for status in statuses:
        if status.status == "failed":
            log.warning(
                "whatsapp: message %s was not delivered (codes %s)",
                status.message_id,
                ",".join(map(str, status.error_codes)) or "none",
            )


async def enqueue(rt: Runtime, numbers: Iterable[str]) -> None:
    """Hand each number's new messages to the job engine (never raises: a number
    not enqueued is found by recover())."""
    for wa_id in numbers:
        await _enqueue(rt, wa_id)


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
    waiting = list(dict.fromkeys(numbers))
    await enqueue(rt, waiting)
    return waiting


# At most this many batches a run: a backlog is worked off over the next runs.
PRUNE_MAX_BATCHES = 20


async def prune(rt: Runtime) -> int:
    """Delete handled messages and finished sends older than the retention
    (``whatsapp_retention_days``), in short transactions; the rows deleted."""
    before = utcnow() - timedelta(days=rt.settings.whatsapp_retention_days)
    deleted = 0
    for _ in range(PRUNE_MAX_BATCHES):
        async with rt.transaction() as db:
            done = await store.prune(db, before)
        deleted += done
        if done < store.PRUNE_BATCH:
            break
    return deleted


__all__ = [
    "InvalidSignatureError",
    "PayloadError",
    "Received",
    "after_agents",
    "brief_pdf",
    "deliver",
    "enqueue",
    "linked_number",
    "new_link_code",
    "pdf_url",
    "process_number",
    "prune",
    "receive",
    "recover",
    "web_brief_url",
]
