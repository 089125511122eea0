"""The one-page website with the person's contact details, and its published form:
one self-contained page whose Content-Security-Policy allows its own style only."""

from __future__ import annotations

import base64
import hashlib
import re

from genesis.core.agents.brief import Brief
from genesis.core.contact import clean_contact
from genesis.exports import site_file
from genesis.exports.site import published_page
from tests.briefs import brief_content, senegal_restaurant


async def _brief() -> Brief:
    return Brief.model_validate(await brief_content(senegal_restaurant(business_name="Chez Awa")))


async def test_the_contact_block_shows_what_was_given() -> None:
    brief = await _brief()
    before = (site_file(brief, "index.html") or b"").decode()
    assert before.count("[à compléter]") == 3
    contact = clean_contact(whatsapp="+221 77 123 45 67", hours="<b>8h</b>", address="Médina")
    after = (site_file(brief, "index.html", contact) or b"").decode()
    assert '<a href="https://wa.me/221771234567">+221771234567</a>' in after
    assert "&lt;b&gt;8h&lt;/b&gt;" in after
    assert "<b>" not in after
    assert "Médina" in after
    assert after.count("[à compléter]") == 1  # the phone, not given
    # With a WhatsApp number, the call to action opens a chat.
    assert after.count('class="button small" href="https://wa.me/221771234567"') == 1


async def test_the_published_page_is_self_contained() -> None:
    brief = await _brief()
    html, csp = published_page(brief, clean_contact(phone="771234567"))
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    assert "img-src data:" in csp
    assert 'href="styles.css"' not in html
    assert 'src="logo.svg"' not in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'href="tel:771234567"' in html
    assert "<script" not in html
