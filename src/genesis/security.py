"""Password hashing (Argon2id) and access tokens (JWT). Blocking: call from a thread."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from genesis.core.errors import InvalidCredentialsError

# Argon2id with OWASP's recommended floor (19 MiB, 2 passes, 1 lane): strong for
# passwords, yet a burst of logins cannot push a small server out of memory.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
ALGORITHM = "HS256"
# A valid hash to verify against when the email is unknown, so both paths cost the same.
_DUMMY_HASH = _hasher.hash("genesis-timing-equaliser")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(hashed: str | None, password: str) -> bool:
    try:
        return _hasher.verify(hashed or _DUMMY_HASH, password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


# Account ids and token generations are INTEGER columns: anything outside is forged.
MAX_INTEGER = 2**31 - 1


def create_access_token(user_id: int, generation: int, secret: str, minutes: int) -> str:
    """A token for the account ``user_id`` as long as its token generation is
    ``generation`` (a password change moves it on) and for ``minutes``."""
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "gen": generation,
        "iat": now,
        "exp": now + timedelta(minutes=minutes),
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


_INVALID = "The access token is invalid or has expired."


def _claims(token: str, secret: str) -> _Claims:
    claims = _verified(token, secret)
    if claims.exp <= time.time():  # checked at every use: a verified token still expires
        raise InvalidCredentialsError(_INVALID)
    return claims


class _Claims(NamedTuple):
    sub: int
    gen: int
    exp: float


# Tokens verified lately, by their whole text (signature included): a person's
# requests do not check the same signature again. A token that fails is never kept.
@lru_cache(maxsize=4096)
def _verified(token: str, secret: str) -> _Claims:
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub", "gen"]}
        )
        user_id, generation, expires = int(claims["sub"]), claims["gen"], float(claims["exp"])
    except (jwt.PyJWTError, KeyError, ValueError, TypeError):
        raise InvalidCredentialsError(_INVALID) from None
    if (
        not 1 <= user_id <= MAX_INTEGER
        or not isinstance(generation, int)
        or isinstance(generation, bool)
        or not 0 <= generation <= MAX_INTEGER
    ):
        raise InvalidCredentialsError(_INVALID)
    return _Claims(user_id, generation, expires)


def decode_access_token(token: str, secret: str) -> tuple[int, int]:
    """(account id, token generation) of a valid, unexpired token."""
    claims = _claims(token, secret)
    return claims.sub, claims.gen


def token_seconds_left(token: str, secret: str) -> float:
    """Seconds until the token expires; 0 for one that is invalid or expired."""
    try:
        return _claims(token, secret).exp - time.time()
    except InvalidCredentialsError:
        return 0.0
