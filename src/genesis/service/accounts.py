"""Accounts: register, authenticate, update, delete."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from genesis import security
from genesis.core.coach.types import Language
from genesis.core.errors import (
    EmailTakenError,
    InvalidCredentialsError,
    NotFoundError,
    TooManyAttemptsError,
)
from genesis.runtime import Runtime
from genesis.store import queries
from genesis.store.models import (
    User,
)


@dataclass(frozen=True, slots=True)
class AccessToken:
    token: str
    expires_in: int


async def register_user(
    rt: Runtime, *, email: str, password: str, name: str, language: Language = "fr"
) -> User:
    email = email.strip().lower()
    hashed = await rt.run_cpu(security.hash_password, password)
    async with rt.transaction() as db:
        if await queries.user_by_email(db, email) is not None:
            raise EmailTakenError("An account with this email already exists.")
        user = User(
            email=email, name=name.strip(), hashed_password=hashed, preferred_language=language
        )
        db.add(user)
        try:
            await db.flush()
        except IntegrityError:  # a concurrent registration won the race
            raise EmailTakenError("An account with this email already exists.") from None
    return user


async def authenticate(rt: Runtime, *, email: str, password: str, client: str) -> AccessToken:
    email = email.strip().lower()
    keys = (f"email:{email}", f"client:{client}")
    for key in keys:
        failures, retry_after = await rt.throttle.failures(key)
        if failures >= rt.settings.login_max_failures:
            raise TooManyAttemptsError(
                f"Too many failed logins. Try again in {retry_after} seconds.", retry_after
            )
    async with rt.sessionmaker() as db:
        user = await queries.user_by_email(db, email)
    hashed = user.hashed_password if user else None
    if user is None or not await rt.run_cpu(security.verify_password, hashed, password):
        for key in keys:
            await rt.throttle.record_failure(key)
        raise InvalidCredentialsError("Wrong email or password.")
    await rt.throttle.reset(keys[0])
    minutes = rt.settings.access_token_minutes
    token = security.create_access_token(user.id, rt.settings.secret_key, minutes)
    return AccessToken(token, minutes * 60)


def renewed_token(rt: Runtime, user_id: int, token: str) -> AccessToken | None:
    """A fresh token once ``token`` has used half its lifetime (a sliding sign-in for
    the pages: a person coaching for an hour is not signed out mid-answer)."""
    lifetime = rt.settings.access_token_minutes * 60
    if security.token_seconds_left(token, rt.settings.secret_key) > lifetime / 2:
        return None
    fresh = security.create_access_token(
        user_id, rt.settings.secret_key, rt.settings.access_token_minutes
    )
    return AccessToken(fresh, lifetime)


def user_id_from_token(rt: Runtime, token: str) -> int:
    return security.decode_access_token(token, rt.settings.secret_key)


async def user_from_token(rt: Runtime, token: str) -> User:
    user_id = user_id_from_token(rt, token)
    async with rt.sessionmaker() as db:
        user = await queries.user_by_id(db, user_id)
    if user is None:
        raise InvalidCredentialsError("The account of this token no longer exists.")
    return user


async def update_user(rt: Runtime, user_id: int, *, language: Language) -> User:
    async with rt.transaction() as db:
        user = await queries.user_by_id(db, user_id)
        if user is None:
            raise NotFoundError("No such account.")
        user.preferred_language = language
    return user


async def delete_user(rt: Runtime, user_id: int) -> None:
    """Delete the account and everything it owns, the live copies included."""
    async with rt.transaction() as db:
        sessions = await queries.sessions_of_user(db, user_id)
        await queries.delete_user(db, user_id)
    for s in sessions:
        await rt.cache.delete(s.session_id)
