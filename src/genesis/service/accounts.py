"""Accounts: register, authenticate, change the password, update, delete.

A token names its account by id and carries the account's token generation: it
is refused once the account is gone (ids are never reused) or once the password
changed (the generation moved on).
"""

from __future__ import annotations

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import IntegrityError

from genesis import security
from genesis.core.coach.types import Language
from genesis.core.errors import (
    EmailTakenError,
    InvalidCredentialsError,
    InvalidEmailError,
    NotFoundError,
    WeakPasswordError,
)
from genesis.core.passwords import MESSAGES, password_problem
from genesis.runtime import Runtime
from genesis.store import queries
from genesis.store.models import GENERATION_MODULUS, User

SIGNED_OUT = "This sign-in is no longer valid (the password changed or the account is gone)."


@dataclass(frozen=True, slots=True)
class AccessToken:
    token: str
    expires_in: int


def normalized_email(email: str) -> str:
    """The address as accounts store it (lower case), or InvalidEmailError."""
    try:
        checked = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidEmailError(f"'{email.strip()[:100]}' is not a valid email: {exc}") from None
    return checked.normalized.lower()


def check_password(password: str, email: str) -> None:
    """WeakPasswordError when ``password`` is too easy to guess for ``email``'s account."""
    problem = password_problem(password, email)
    if problem is not None:
        raise WeakPasswordError(MESSAGES[problem], problem.value)


async def register_user(
    rt: Runtime,
    *,
    email: str,
    password: str,
    name: str,
    language: Language = "fr",
    client: str | None = None,
) -> User:
    """Create an account. ``client`` (the caller's address) counts the sign-up
    against that address's hourly budget; operators' commands pass none."""
    email = normalized_email(email)
    check_password(password, email)
    if client is not None:
        await rt.throttle.registration(client)
    hashed = await rt.run_cpu(security.hash_password, password)
    async with rt.transaction() as db:
        # Said plainly: a person who signs up again must learn that the account
        # exists (to log in instead); the per-address budget above limits anyone
        # using this to find out who has an account (see README, Security).
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
    await rt.throttle.check_login(email, client)
    user = None
    if "\x00" not in email:  # a NUL can't be stored, so it names no account (and PG refuses it)
        async with rt.sessionmaker() as db:
            user = await queries.user_by_email(db, email)
    # The hash is checked even for an unknown email (against a dummy hash): both
    # answers take the same time, so the time does not tell who has an account.
    hashed = user.hashed_password if user is not None else None
    matches = await rt.run_cpu(security.verify_password, hashed, password)
    if user is None or not matches:
        await rt.throttle.failed_login(email, client)
        raise InvalidCredentialsError("Wrong email or password.")
    await rt.throttle.succeeded_login(email, client)
    return _token(rt, user)


async def change_password(
    rt: Runtime, user_id: int, *, current: str, new: str, client: str
) -> AccessToken:
    """Set a new password; every token issued before stops working. Wrong current
    passwords count as failed logins."""
    async with rt.sessionmaker() as db:
        user = await queries.user_by_id(db, user_id)
    if user is None:
        raise InvalidCredentialsError(SIGNED_OUT)
    await rt.throttle.check_login(user.email, client)
    if not await rt.run_cpu(security.verify_password, user.hashed_password, current):
        await rt.throttle.failed_login(user.email, client)
        raise InvalidCredentialsError("The current password is wrong.")
    check_password(new, user.email)
    hashed = await rt.run_cpu(security.hash_password, new)
    async with rt.transaction() as db:
        user = await queries.user_by_id(db, user_id)
        if user is None:
            raise InvalidCredentialsError(SIGNED_OUT)
        user.hashed_password = hashed
        user.token_generation = (user.token_generation + 1) % GENERATION_MODULUS
    return _token(rt, user)


def _token(rt: Runtime, user: User) -> AccessToken:
    minutes = rt.settings.access_token_minutes
    token = security.create_access_token(
        user.id, user.token_generation, rt.settings.secret_key, minutes
    )
    return AccessToken(token, minutes * 60)


def renewed_token(rt: Runtime, user: User, token: str) -> AccessToken | None:
    """A fresh token once ``token`` has used half its lifetime (a sliding sign-in for
    the pages: a person coaching for an hour is not signed out mid-answer)."""
    lifetime = rt.settings.access_token_minutes * 60
    if security.token_seconds_left(token, rt.settings.secret_key) > lifetime / 2:
        return None
    return _token(rt, user)


def token_claims(rt: Runtime, token: str) -> tuple[int, int]:
    """(account id, token generation) of a validly signed, unexpired token; whether
    the account still has that generation is for the caller to check."""
    return security.decode_access_token(token, rt.settings.secret_key)


async def user_id_from_token(rt: Runtime, token: str) -> int:
    """The account id of a valid token whose account still exists with the token's
    generation (one small query)."""
    user_id, generation = security.decode_access_token(token, rt.settings.secret_key)
    async with rt.glance() as conn:
        current = await queries.token_generation(conn, user_id)
    if current != generation:
        raise InvalidCredentialsError(SIGNED_OUT)
    return user_id


async def user_from_token(rt: Runtime, token: str) -> User:
    user_id, generation = security.decode_access_token(token, rt.settings.secret_key)
    async with rt.sessionmaker() as db:
        user = await queries.user_by_id(db, user_id)
    if user is None or user.token_generation != generation:
        raise InvalidCredentialsError(SIGNED_OUT)
    return user


async def update_user(rt: Runtime, user_id: int, *, language: Language) -> User:
    async with rt.transaction() as db:
        user = await queries.user_by_id(db, user_id)
        if user is None:
            raise NotFoundError("No such account.")
        user.preferred_language = language
    return user


async def delete_user(rt: Runtime, user_id: int) -> None:
    """Delete the account and everything it owns, the live copies included. Its
    tokens die with it: its id is never given to another account."""
    async with rt.transaction() as db:
        sessions = await queries.sessions_of_user(db, user_id)
        await queries.delete_user(db, user_id)
    for s in sessions:
        await rt.cache.delete(s.session_id)
