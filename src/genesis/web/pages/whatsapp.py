"""The account page's WhatsApp section: the linked number, or a one-time code to link one."""

from __future__ import annotations

from typing import Any

from genesis.service import whatsapp
from genesis.web.pages.render import Page


async def whatsapp_view(page: Page, *, new_code: bool = False) -> dict[str, Any] | None:
    """None when the channel is off (the section is not shown)."""
    if not page.rt.settings.whatsapp_enabled:
        return None
    code, minutes = (None, 0)
    if new_code:
        code, minutes = await whatsapp.new_link_code(page.rt, page.user_id)
    return {
        "number": await whatsapp.linked_number(page.rt, page.user_id),
        "code": code,
        "minutes": minutes,
    }
