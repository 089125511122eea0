"""Website contact details: phone numbers normalised, text bounded, slugs."""

from __future__ import annotations

import pytest

from genesis.core.contact import (
    MAX_SLUG_CHARS,
    SiteContact,
    clean_contact,
    is_slug,
    new_slug,
    phone_number,
)
from genesis.core.errors import InvalidContactError


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("+221 77 123 45 67", "+221771234567"),
        ("+221-77-123-45-67", "+221771234567"),
        ("(+221) 77.123.45.67", "+221771234567"),
        ("00221 77 123 45 67", "+221771234567"),
        ("77 123 45 67", "771234567"),
        ("  ", ""),
        ("", ""),
    ],
)
def test_phone_numbers_are_digits_with_an_optional_plus(typed: str, kept: str) -> None:
    assert phone_number(typed, "phone") == kept


@pytest.mark.parametrize(
    "typed",
    ["call me", "12345", "+1234567890123456", "77+1234567", "٧٧١٢٣٤٥٦٧", "1" * 40, "+"],
)
def test_what_is_not_a_phone_number_is_refused(typed: str) -> None:
    with pytest.raises(InvalidContactError) as refused:
        phone_number(typed, "whatsapp")
    assert refused.value.field == "whatsapp"


def test_text_is_one_bounded_line() -> None:
    contact = clean_contact(hours="  Lun-Sam\n 8h - 20h ", address="Rue 10,\tMédina")
    assert contact.hours == "Lun-Sam 8h - 20h"
    assert contact.address == "Rue 10, Médina"
    with pytest.raises(InvalidContactError) as refused:
        clean_contact(hours="x" * 201)
    assert refused.value.field == "hours"
    with pytest.raises(InvalidContactError) as refused:
        clean_contact(address="x" * 301)
    assert refused.value.field == "address"
    with pytest.raises(InvalidContactError):
        clean_contact(hours="8h\x0020h")


def test_links() -> None:
    contact = SiteContact(whatsapp="+221771234567", phone="771234567")
    assert contact.whatsapp_link == "https://wa.me/221771234567"
    assert contact.phone_link == "tel:771234567"
    assert SiteContact().whatsapp_link == SiteContact().phone_link == ""
    assert contact.as_contact().whatsapp == "+221771234567"


def test_slugs_are_ascii_with_a_random_suffix() -> None:
    slug = new_slug("Chez Awa & Fils — Dakar")
    assert slug.startswith("chez-awa-fils-dakar-")
    assert is_slug(slug)
    assert len(slug) <= MAX_SLUG_CHARS
    assert new_slug("Chez Awa") != new_slug("Chez Awa")
    assert new_slug("   ").startswith("site-")
    assert len(new_slug("x" * 500)) <= MAX_SLUG_CHARS
    assert not is_slug("Chez-Awa")
    assert not is_slug("a" * (MAX_SLUG_CHARS + 1))
    assert not is_slug("../etc")
