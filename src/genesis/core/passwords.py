"""Which passwords are refused, and why in words a person understands.

Length alone does not make a password hard to guess: "12345678", "password1",
eight spaces or the person's own email are tried first by anyone guessing. The
list of common passwords is small and shipped (``data/common_passwords.txt``).
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Final

MIN_LENGTH: Final = 8
MAX_LENGTH: Final = 256
# Digits or symbols around a common word that still leave it common ("Soleil2024!").
MAX_DECORATION: Final = 6
# Letters people swap for look-alike digits and symbols.
_LOOK_ALIKES: Final = str.maketrans("013457@$!", "oieastasi")
_DECORATION: Final = re.compile(r"^[\W\d_]*(.*?)[\W\d_]*$", re.DOTALL)
_KEYBOARD_ROWS: Final = (
    "`1234567890-=",
    "qwertyuiop[]",
    "azertyuiop",
    "asdfghjkl;'",
    "qsdfghjklm",
    "zxcvbnm,./",
    "wxcvbn,;:!",
)


class PasswordProblem(StrEnum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    BLANK = "blank"
    COMMON = "common"
    REPEATED = "repeated"
    SEQUENCE = "sequence"
    EMAIL = "email"


MESSAGES: Final = {
    PasswordProblem.TOO_SHORT: f"The password needs at least {MIN_LENGTH} characters.",
    PasswordProblem.TOO_LONG: f"The password can have at most {MAX_LENGTH} characters.",
    PasswordProblem.BLANK: "The password cannot be only spaces.",
    PasswordProblem.COMMON: (
        "This password is one of the most common ones, which are tried first: choose "
        "another one (a short sentence is long and easy to remember)."
    ),
    PasswordProblem.REPEATED: (
        "The password repeats the same few characters: choose one that is harder to guess."
    ),
    PasswordProblem.SEQUENCE: (
        "The password is a simple sequence (like 12345678, abcdefgh or azertyui): choose "
        "one that is harder to guess."
    ),
    PasswordProblem.EMAIL: "The password must not be your email address or made from it.",
}


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files("genesis.core").joinpath("data/common_passwords.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def password_problem(password: str, email: str = "") -> PasswordProblem | None:
    """Why ``password`` is refused for the account ``email``, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return PasswordProblem.TOO_SHORT
    if len(password) > MAX_LENGTH:
        return PasswordProblem.TOO_LONG
    if not password.strip():
        return PasswordProblem.BLANK
    lower = password.lower()
    if _is_made_from_email(lower, email.strip().lower()):
        return PasswordProblem.EMAIL
    if _is_repeated(lower):
        return PasswordProblem.REPEATED
    if _is_sequence(lower):
        return PasswordProblem.SEQUENCE
    if _is_common(lower):
        return PasswordProblem.COMMON
    return None


def _core(text: str) -> tuple[str, int]:
    """The text without digits and symbols around it, and how many were removed."""
    core = _DECORATION.match(text)
    inner = core.group(1) if core else text
    return inner, len(text) - len(inner)


def _is_common(lower: str) -> bool:
    common = common_passwords()
    if lower in common or lower.translate(_LOOK_ALIKES) in common:
        return True
    core, decoration = _core(lower)
    return decoration <= MAX_DECORATION and (
        core in common or core.translate(_LOOK_ALIKES) in common
    )


def _is_made_from_email(lower: str, email: str) -> bool:
    if not email:
        return False
    local = email.split("@", 1)[0]
    if lower in (email, local):
        return True
    # The local part with digits or symbols around it, however many ("awa2024").
    return len(local) >= 3 and _core(lower)[0] in (local, _core(local)[0])


def _is_repeated(lower: str) -> bool:
    """Made of one short unit over and over: "aaaaaaaa", "abcabcab", "12121212"."""
    for size in range(1, 5):
        unit = lower[:size]
        if (unit * (len(lower) // size + 1)).startswith(lower) and len(lower) >= 2 * size:
            return True
    return False


def _is_sequence(lower: str) -> bool:
    """Letters or digits in order ("12345678", "hgfedcba"), or a run along a keyboard row."""
    steps = {ord(b) - ord(a) for a, b in pairwise(lower)}
    if steps in ({1}, {-1}):
        return True
    return any(lower in row or lower in row[::-1] for row in _KEYBOARD_ROWS)
