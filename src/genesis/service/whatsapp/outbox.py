"""Sending the outbox: in order per number, each refusal handled and logged.

Rate limits, server errors and network failures are tried again (waiting
``whatsapp_retry_seconds``, doubling, or the API's Retry-After) up to
``whatsapp_send_attempts``; a closed 24-hour window (or a message queued after
it closed) turns into the approved template, once per silence; every message
given up is marked ``dropped`` with its reason and logged. Nothing here raises
into the worker.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any, Final

from genesis.core.errors import BusyError
from genesis.runtime import Runtime
from genesis.store import whatsapp as store
from genesis.store.models import utcnow
from genesis.whatsapp.client import (
    GraphClient,
    RetryableSendError,
    SendError,
    WindowClosedError,
)
from genesis.whatsapp.messages import Template

log = logging.getLogger(__name__)
WINDOW: Final = timedelta(hours=24)
MAX_WAIT_SECONDS: Final = 30.0


def window_open(last_inbound_at: datetime | None, now: datetime) -> bool:
    return last_inbound_at is not None and now - last_inbound_at < WINDOW


async def deliver(rt: Runtime, wa_id: str) -> int:
    """Send what is pending for ``wa_id``, oldest first; returns how many went."""
    try:
        async with rt.locks.hold(f"whatsapp-send:{wa_id}"):
            if rt.whatsapp is None:  # the channel is off: leave the outbox as it is
                log.warning("whatsapp: the channel is not configured; nothing sent")
                return 0
            return await _drain(rt, rt.whatsapp, wa_id)
    except BusyError:
        # Another job is sending to this number; it sends these rows too.
        log.info("whatsapp: another sender holds %s; leaving the outbox to it", _masked(wa_id))
        return 0


async def _drain(rt: Runtime, client: GraphClient, wa_id: str) -> int:
    sent = 0
    while True:
        async with rt.glance() as conn:  # two single-statement reads
            rows = await store.pending_outbox(conn, wa_id)
            last_inbound = await store.last_inbound(conn, wa_id) if rows else None
        batch = [(r.id, r.kind, dict(r.content), r.attempts) for r in rows]
        if not batch:
            return sent
        for row_id, kind, content, attempts in batch:
            sent += await _send_one(
                rt, client, wa_id, row_id, kind, content, attempts, last_inbound
            )


async def _send_one(
    rt: Runtime,
    client: GraphClient,
    wa_id: str,
    row_id: int,
    kind: str,
    content: dict[str, Any],
    attempts: int,
    last_inbound: datetime | None,
) -> int:
    if kind != "template" and not window_open(last_inbound, utcnow()):
        await _drop(rt, wa_id, row_id, attempts, "the 24-hour window is closed")
        await _invite_back(rt, wa_id, last_inbound)
        return 0
    body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": wa_id}
    body.update(content)
    settings = rt.settings
    while True:
        attempts += 1
        try:
            result = await client.send(body)
        except WindowClosedError as exc:
            await _drop(rt, wa_id, row_id, attempts, exc.detail)
            if kind != "template":
                await _invite_back(rt, wa_id, last_inbound)
            return 0
        except RetryableSendError as exc:
            if attempts >= settings.whatsapp_send_attempts:
                await _drop(rt, wa_id, row_id, attempts, f"{exc.detail} (after {attempts} tries)")
                return 0
            wait = settings.whatsapp_retry_seconds * 2 ** (attempts - 1)
            if exc.retry_after is not None:
                wait = max(wait, exc.retry_after)
            wait = min(wait, MAX_WAIT_SECONDS)
            log.warning(
                "whatsapp: message %s to %s not sent (%s); try %d of %d in %.2f s",
                row_id,
                _masked(wa_id),
                exc.detail,
                attempts + 1,
                settings.whatsapp_send_attempts,
                wait,
            )
            await asyncio.sleep(wait)
        except SendError as exc:  # refused for good (RefusedError) or unforeseen
            await _drop(rt, wa_id, row_id, attempts, exc.detail)
            return 0
        else:
            await store.finish_outbox(
                rt.engine, row_id, "sent", attempts=attempts, wa_message_id=result.message_id
            )
            return 1


async def _drop(rt: Runtime, wa_id: str, row_id: int, attempts: int, reason: str) -> None:
    log.warning("whatsapp: message %s to %s dropped: %s", row_id, _masked(wa_id), reason)
    await store.finish_outbox(rt.engine, row_id, "dropped", attempts=attempts, error=reason[:2000])


async def _invite_back(rt: Runtime, wa_id: str, last_inbound: datetime | None) -> None:
    """Queue the approved template once for this silence (keyed by its start)."""
    name = rt.settings.whatsapp_template_name
    if not name:
        log.warning(
            "whatsapp: the window of %s is closed and GENESIS_WHATSAPP_TEMPLATE_NAME is "
            "not set: no invitation sent",
            _masked(wa_id),
        )
        return
    since = last_inbound.isoformat() if last_inbound else "never"
    template = Template(name=name, language=rt.settings.whatsapp_template_language)
    async with rt.transaction() as db:
        await store.relax_durability(db)
        await store.add_outbox(
            db, wa_id, "template", template.content(), dedup_key=f"template:{wa_id}:{since}"
        )


def _masked(wa_id: str) -> str:
    """A number as logs show it: enough to tell two apart, not to call one."""
    return f"+{wa_id[:3]}…{wa_id[-2:]}"
