"""Access tokens: a token verified once is not verified again, but still expires."""

from __future__ import annotations

import time

import pytest

from genesis import security
from genesis.core.errors import InvalidCredentialsError

SECRET = "a-test-secret-of-32-bytes-or-more!!"


def test_a_verified_token_still_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    token = security.create_access_token(7, 3, SECRET, minutes=1)
    assert security.decode_access_token(token, SECRET) == (7, 3)
    assert security.decode_access_token(token, SECRET) == (7, 3)  # from the cache
    assert 0 < security.token_seconds_left(token, SECRET) <= 60
    later = time.time() + 61
    monkeypatch.setattr(security.time, "time", lambda: later)
    with pytest.raises(InvalidCredentialsError):
        security.decode_access_token(token, SECRET)
    assert security.token_seconds_left(token, SECRET) == 0.0


def test_a_token_is_verified_with_its_secret_and_failures_are_not_kept() -> None:
    token = security.create_access_token(7, 3, SECRET, minutes=1)
    assert security.decode_access_token(token, SECRET) == (7, 3)
    with pytest.raises(InvalidCredentialsError):
        security.decode_access_token(token, SECRET + "-rotated")
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for _ in range(2):
        with pytest.raises(InvalidCredentialsError):
            security.decode_access_token(tampered, SECRET)
