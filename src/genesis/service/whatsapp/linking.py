"""Numbers and accounts: consent (recorded with its time), the account a new
number gets, and one-time codes that tie a number to a web account."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import delete, select, update

from genesis.core.coach.types import Language
from genesis.runtime import Runtime
from genesis.store import whatsapp as store
from genesis.store.models import CoachingSession, User, utcnow

CODE_MINUTES: Final = 10
# No vowels (no words), no 0/O/1/I: a code read aloud or typed on a phone is unambiguous.
_ALPHABET: Final = "23456789BCDFGHJKLMNPQRSTVWXZ"
_CODE: Final = re.compile(
    rf"^\s*(?:(?:code|link|lier)\s*:?\s*)?GC[\s-]?([{_ALPHABET}]{{4}})[\s-]?([{_ALPHABET}]{{4}})[\s.!]*$",
    re.IGNORECASE,
)
# Accounts made for a number that wrote first: no email, no password (WhatsApp is the key).
WHATSAPP_EMAIL_DOMAIN: Final = "whatsapp.invalid"
# Not an Argon2 hash: no password ever matches it.
NO_PASSWORD: Final = "!whatsapp-only"  # noqa: S105


@dataclass(frozen=True, slots=True)
class ContactView:
    wa_id: str
    user_id: int | None
    language: Language
    consent_at: datetime | None
    consent_asked_at: datetime | None
    declined_at: datetime | None
    last_inbound_at: datetime | None
    choices: dict[str, str]


def view(c: store.WhatsAppContact | store.AnyRow) -> ContactView:
    """What the conversation needs of a contact (its row or its columns)."""
    return ContactView(
        wa_id=c.wa_id,
        user_id=c.user_id,
        language="en" if c.language == "en" else "fr",
        consent_at=c.consent_at,
        consent_asked_at=c.consent_asked_at,
        declined_at=c.declined_at,
        last_inbound_at=c.last_inbound_at,
        choices=dict(c.choices or {}),
    )


def new_contact(wa_id: str) -> ContactView:
    """A number that never wrote before."""
    return ContactView(wa_id, None, "fr", None, None, None, None, {})


def _hash(rt: Runtime, code: str) -> str:
    return hmac.new(rt.settings.secret_key.encode(), code.encode(), hashlib.sha256).hexdigest()


def code_in(text: str) -> str | None:
    """The link code a message consists of ("GC-4K7P-9XQM"), normalised; else None."""
    match = _CODE.match(text)
    return f"GC{match[1]}{match[2]}".upper() if match else None


async def new_link_code(rt: Runtime, user_id: int) -> tuple[str, int]:
    """A fresh one-time code for the account (earlier unused ones stop working) and
    its lifetime in minutes. Only its keyed hash is stored."""
    body = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    code = f"GC{body}"
    async with rt.transaction() as db:
        await db.execute(
            delete(store.WhatsAppLinkCode).where(
                store.WhatsAppLinkCode.user_id == user_id, store.WhatsAppLinkCode.used_at.is_(None)
            )
        )
        db.add(
            store.WhatsAppLinkCode(
                user_id=user_id,
                code_hash=_hash(rt, code),
                expires_at=utcnow() + timedelta(minutes=CODE_MINUTES),
            )
        )
    return f"GC-{body[:4]}-{body[4:]}", CODE_MINUTES


async def linked_number(rt: Runtime, user_id: int) -> str | None:
    """The number tied to the account, masked (+221 ••• •• 45 67), or None."""
    async with rt.reading() as db:
        c = await store.contact_of_user(db, user_id)
    if c is None:
        return None
    return f"+{c.wa_id[:3]} ••• {c.wa_id[-4:-2]} {c.wa_id[-2:]}"


@dataclass(frozen=True, slots=True)
class Linked:
    email: str
    moved_sessions: list[str]


async def redeem(rt: Runtime, wa_id: str, code: str) -> Linked | None:
    """Tie ``wa_id`` to the account that made ``code``; None when the code is wrong,
    used or expired. Sessions of an account the number got by writing first move
    to the web account (so both places show the same sessions) and that account
    goes. Linking from a signed-in page is the person's consent, recorded now."""
    now = utcnow()
    async with rt.transaction() as db:
        row = await store.link_code(db, _hash(rt, code))
        if row is None or row.used_at is not None or row.expires_at <= now:
            return None
        row.used_at = now
        user = await db.get(User, row.user_id)
        if user is None:
            return None
        c = await store.contact(db, wa_id, for_update=True)
        # One number per account: a number linked before gives its place.
        await db.execute(
            update(store.WhatsAppContact)
            .where(store.WhatsAppContact.user_id == user.id, store.WhatsAppContact.id != c.id)
            .values(user_id=None, consent_at=None)
        )
        previous, moved = c.user_id, []
        c.user_id = user.id
        c.consent_at = c.consent_at or now
        c.language = user.preferred_language if user.preferred_language == "en" else "fr"
        email = user.email
        await db.flush()  # before the old account goes: its contact row cascades with it
        if previous is not None and previous != user.id:
            old = await db.get(User, previous)
            if old is not None and old.email.endswith("@" + WHATSAPP_EMAIL_DOMAIN):
                moved = list(
                    (
                        await db.execute(
                            select(CoachingSession.session_id).where(
                                CoachingSession.user_id == previous
                            )
                        )
                    ).scalars()
                )
                await db.execute(
                    update(CoachingSession)
                    .where(CoachingSession.user_id == previous)
                    .values(user_id=user.id)
                )
                await db.execute(delete(User).where(User.id == previous))
    for session_id in moved:  # the live copies name the old owner
        await rt.cache.delete(session_id)
    return Linked(email=email, moved_sessions=moved)


async def ask_consent(rt: Runtime, wa_id: str, language: Language) -> None:
    async with rt.transaction() as db:
        await store.relax_durability(db)  # asked again if lost
        c = await store.contact(db, wa_id, for_update=True)
        c.consent_asked_at = utcnow()
        c.language = language


async def decline(rt: Runtime, wa_id: str) -> None:
    async with rt.transaction() as db:
        c = await store.contact(db, wa_id, for_update=True)
        c.declined_at = utcnow()


async def consent(rt: Runtime, wa_id: str, name: str) -> int:
    """Record the consent with its time and give the number its account (once)."""
    async with rt.transaction() as db:
        c = await store.contact(db, wa_id, for_update=True)
        if c.user_id is None:
            tag = hashlib.sha256(wa_id.encode()).hexdigest()[:24]
            user = User(
                email=f"wa-{tag}@{WHATSAPP_EMAIL_DOMAIN}",
                name=(name.strip() or "WhatsApp")[:200],
                hashed_password=NO_PASSWORD,
                preferred_language=c.language,
            )
            db.add(user)
            await db.flush()
            c.user_id = user.id
        c.consent_at = c.consent_at or utcnow()
        c.declined_at = None
        return c.user_id


async def unlink(rt: Runtime, wa_id: str) -> None:
    """The number leaves its account (which stays, with its sessions)."""
    async with rt.transaction() as db:
        c = await store.contact(db, wa_id, for_update=True)
        c.user_id = None
        c.consent_at = None
        c.choices = {}
