"""Passwords that are too easy to guess are refused, with the reason."""

from __future__ import annotations

import pytest

from genesis.core.passwords import MESSAGES, PasswordProblem, password_problem

EMAIL = "awa.diop@example.com"


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", PasswordProblem.TOO_SHORT),
        ("x" * 257, PasswordProblem.TOO_LONG),
        (" " * 8, PasswordProblem.BLANK),
        ("\t \u00a0  \n  ", PasswordProblem.BLANK),
        ("12345678", PasswordProblem.SEQUENCE),
        ("87654321", PasswordProblem.SEQUENCE),
        ("abcdefghij", PasswordProblem.SEQUENCE),
        ("azertyuiop", PasswordProblem.SEQUENCE),
        ("qwertyui", PasswordProblem.SEQUENCE),
        ("aaaaaaaa", PasswordProblem.REPEATED),
        ("zzzzzzzzzzzzzzzz", PasswordProblem.REPEATED),
        ("12121212", PasswordProblem.REPEATED),
        ("abcabcabc", PasswordProblem.REPEATED),
        ("password", PasswordProblem.COMMON),
        ("Password1", PasswordProblem.COMMON),
        ("P@ssw0rd!", PasswordProblem.COMMON),
        ("motdepasse", PasswordProblem.COMMON),
        ("iloveyou", PasswordProblem.COMMON),
        ("Soleil2024!", PasswordProblem.COMMON),
        ("dakar2025", PasswordProblem.COMMON),
        ("123456789", PasswordProblem.SEQUENCE),
        ("1qaz2wsx", PasswordProblem.COMMON),
        (EMAIL, PasswordProblem.EMAIL),
        (EMAIL.upper(), PasswordProblem.EMAIL),
        ("awa.diop", PasswordProblem.EMAIL),
        ("awa.diop2024", PasswordProblem.EMAIL),
    ],
)
def test_weak_passwords_are_refused_with_their_reason(
    password: str, problem: PasswordProblem
) -> None:
    assert password_problem(password, EMAIL) is problem
    assert MESSAGES[problem].endswith(".")


@pytest.mark.parametrize(
    "password",
    [
        "s3cret-pass",
        "un-nouveau-secret",
        "correct horse battery staple",
        "Mon restaurant a Thies!",
        "awa-ouvre-un-maquis",  # her name in a longer phrase
        "kofi2024ab",
        "a-long-password",
        "8 espaces",
    ],
)
def test_ordinary_passwords_are_accepted(password: str) -> None:
    assert password_problem(password, EMAIL) is None
