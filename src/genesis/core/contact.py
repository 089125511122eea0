"""The contact details a person gives for their website: WhatsApp number, phone,
opening hours and address. All optional; checked and bounded here so the API,
the pages and the store agree on what a valid value is.

Phone numbers are kept as digits with an optional leading ``+`` ("+221 77-123 45 67"
-> "+221771234567"; "00221..." -> "+221..."): what ``tel:`` and ``wa.me`` links need.
"""

from __future__ import annotations

import re
import secrets
import string
import unicodedata
from dataclasses import dataclass
from typing import Final

from genesis.core.agents.results import Contact
from genesis.core.agents.text import slugify
from genesis.core.errors import InvalidContactError

# E.164 allows 15 digits; 6 is the shortest number worth dialling (local numbers).
MIN_PHONE_DIGITS: Final = 6
MAX_PHONE_DIGITS: Final = 15
MAX_PHONE_CHARS: Final = 32  # as typed, with spaces, dashes and brackets
MAX_HOURS_CHARS: Final = 200
MAX_ADDRESS_CHARS: Final = 300
CONTACT_FIELDS: Final = ("whatsapp", "phone", "hours", "address")
_PHONE_SEPARATORS: Final = re.compile(r"[\s.\-/()]+")
# Lowercase letters and digits without look-alikes: 31^8 ~ 8.5e11 suffixes.
_SUFFIX_ALPHABET: Final = "".join(
    c for c in string.ascii_lowercase + string.digits if c not in "lo01"
)
SLUG_SUFFIX_LENGTH: Final = 8
MAX_SLUG_BASE: Final = 40
MAX_SLUG_CHARS: Final = MAX_SLUG_BASE + 1 + SLUG_SUFFIX_LENGTH
SLUG_PATTERN: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class SiteContact:
    """Checked contact details; an empty string is a detail not given."""

    whatsapp: str = ""
    phone: str = ""
    hours: str = ""
    address: str = ""

    @property
    def whatsapp_link(self) -> str:
        """The wa.me link that opens a chat with the number ("" without one)."""
        return f"https://wa.me/{self.whatsapp.lstrip('+')}" if self.whatsapp else ""

    @property
    def phone_link(self) -> str:
        return f"tel:{self.phone}" if self.phone else ""

    def as_contact(self) -> Contact:
        """As the website-copy agent's contact block (``location`` is the address)."""
        return Contact(
            whatsapp=self.whatsapp, phone=self.phone, hours=self.hours, location=self.address
        )


def phone_number(value: str, field: str) -> str:
    """``value`` as digits with an optional leading +; "" stays "" (InvalidContactError
    for anything that is not a phone number)."""
    text = value.strip()
    if not text:
        return ""
    if len(text) > MAX_PHONE_CHARS:
        raise InvalidContactError(
            f"{field}: a phone number has at most {MAX_PHONE_CHARS} characters.", field
        )
    compact = _PHONE_SEPARATORS.sub("", text)
    plus = compact.startswith("+")
    digits = compact[1:] if plus else compact
    if digits.startswith("00") and not plus:  # the international prefix dialled as 00
        plus, digits = True, digits[2:]
    if not digits.isascii() or not digits.isdigit():
        raise InvalidContactError(
            f"{field}: use only digits, spaces, dashes and an optional + at the start.", field
        )
    if not MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS:
        raise InvalidContactError(
            f"{field}: a phone number has {MIN_PHONE_DIGITS} to {MAX_PHONE_DIGITS} digits.",
            field,
        )
    return ("+" if plus else "") + digits


def one_line(value: str, field: str, max_chars: int) -> str:
    """A free-text detail on one line: control characters refused, spaces collapsed."""
    if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in value):
        raise InvalidContactError(f"{field}: control characters are not allowed.", field)
    text = " ".join(value.split())
    if len(text) > max_chars:
        raise InvalidContactError(f"{field}: at most {max_chars} characters.", field)
    return text


def clean_contact(
    *, whatsapp: str = "", phone: str = "", hours: str = "", address: str = ""
) -> SiteContact:
    """The details as stored, or InvalidContactError naming the first wrong field."""
    return SiteContact(
        whatsapp=phone_number(whatsapp, "whatsapp"),
        phone=phone_number(phone, "phone"),
        hours=one_line(hours, "hours", MAX_HOURS_CHARS),
        address=one_line(address, "address", MAX_ADDRESS_CHARS),
    )


def new_slug(business_name: str) -> str:
    """A public address for a site: the name in ASCII and a random suffix, so that
    addresses can neither be guessed nor collide ("Chez Awa" -> "chez-awa-7kq2m9xd")."""
    base = slugify(business_name, max_len=MAX_SLUG_BASE) or "site"
    suffix = "".join(secrets.choice(_SUFFIX_ALPHABET) for _ in range(SLUG_SUFFIX_LENGTH))
    return f"{base}-{suffix}"


def is_slug(value: str) -> bool:
    """Whether ``value`` could be a site's address (checked before any query)."""
    return len(value) <= MAX_SLUG_CHARS and SLUG_PATTERN.match(value) is not None
