"""The brief over WhatsApp: a PDF document message whose link the Graph API
fetches (signed, expiring, served by this app), and the link to the web brief."""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from typing import Final

from genesis import service
from genesis.core.errors import BriefNotReadyError, NotFoundError
from genesis.core.steps import SessionStatusEnum
from genesis.runtime import Runtime
from genesis.service.whatsapp import replies
from genesis.service.whatsapp.linking import WHATSAPP_EMAIL_DOMAIN
from genesis.service.whatsapp.outbox import deliver
from genesis.service.whatsapp.texts import say
from genesis.store import queries
from genesis.store import whatsapp as store
from genesis.whatsapp.messages import Document, Message, Text, split_text

log = logging.getLogger(__name__)
LINK_SECONDS: Final = 7 * 24 * 3600
NOT_FOUND: Final = "No brief at this link (it may have expired)."


def _signature(rt: Runtime, session_id: str, expires: int) -> str:
    message = f"whatsapp-brief:{session_id}:{expires}".encode()
    return hmac.new(rt.settings.secret_key.encode(), message, hashlib.sha256).hexdigest()


def pdf_url(rt: Runtime, session_id: str, now: float | None = None) -> str:
    expires = int((now if now is not None else time.time()) + LINK_SECONDS)
    signature = _signature(rt, session_id, expires)
    return f"{_public(rt)}/whatsapp/brief/{session_id}.pdf?expires={expires}&signature={signature}"


def _public(rt: Runtime) -> str:
    return rt.settings.whatsapp_public_url.rstrip("/")


def web_brief_url(rt: Runtime, session_id: str) -> str:
    return f"{_public(rt)}/app/sessions/{session_id}/brief"


async def whatsapp_only(rt: Runtime, user_id: int) -> bool:
    """The account was made for a number that wrote first (no email, no password)."""
    async with rt.reading() as db:
        user = await queries.user_by_id(db, user_id)
    return user is not None and user.email.endswith("@" + WHATSAPP_EMAIL_DOMAIN)


async def brief_pdf(rt: Runtime, session_id: str, expires: int, signature: str) -> bytes:
    """The PDF behind a signed link; NotFoundError for a wrong or expired link
    (said the same way, so a link tells nothing about other sessions)."""
    expected = _signature(rt, session_id, expires)
    if not hmac.compare_digest(expected, signature) or expires < time.time():
        raise NotFoundError(NOT_FOUND)
    try:
        content = await service.get_brief_for_export(rt, session_id)
    except BriefNotReadyError:
        raise NotFoundError(NOT_FOUND) from None
    return (await rt.export(content, "pdf")).body


def _filename(name: str | None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")[:60]
    return f"brief-{slug or 'genesis'}.pdf"


async def after_agents(rt: Runtime, session_id: str) -> None:
    """Once a session handed over from WhatsApp has its brief (or has failed), send
    it there, once. Sessions completed on the web are left to the web."""
    if not rt.settings.whatsapp_enabled:
        return
    async with rt.reading() as db:
        progress = await store.outbox_key_exists(db, f"progress:{session_id}")
        if progress is None:
            return  # not handed over from WhatsApp: the web has it
        s = await queries.session_by_public_id(db, session_id)
    if progress is None or s is None:
        return
    wa_id, language, name = progress.wa_id, s.language, s.business_name
    messages: list[tuple[str, Message]]
    if s.status is SessionStatusEnum.FAILED:
        # Once per run (a retried run that fails again says so again), with its button.
        run = s.agents_requested_at.isoformat() if s.agents_requested_at else "run"
        messages = [(f"failed:{run}", m) for m, _ in replies.failed(language).messages]
    elif s.status in (SessionStatusEnum.BRIEF_READY, SessionStatusEnum.COMPLETED):
        caption = say("brief_caption", language, name=name or "Genesis")
        if await whatsapp_only(rt, s.user_id):  # no password: the web page needs an account
            link = say("brief_signup", language, url=f"{_public(rt)}/register")
        else:
            link = say("brief_link", language, url=web_brief_url(rt, session_id))
        messages = [
            (
                "pdf",
                Document(link=pdf_url(rt, session_id), filename=_filename(name), caption=caption),
            ),
            *((f"link{n}", Text(body=piece)) for n, piece in enumerate(split_text(link))),
        ]
    else:
        return
    async with rt.transaction() as db:
        for tag, message in messages:
            content = message.content()
            await store.add_outbox(
                db,
                wa_id,
                content["type"],
                content,
                dedup_key=f"brief:{session_id}:{tag}",
                session_id=session_id,
            )
    await deliver(rt, wa_id)
