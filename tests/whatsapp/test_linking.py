"""A web account links its WhatsApp number with a one-time code, and the same
session goes on in both places."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
from sqlalchemy import select, update

from genesis import service
from genesis.store.models import User, utcnow
from genesis.store.whatsapp import WhatsAppContact, WhatsAppLinkCode
from tests.answers import FULL_RUN_FR
from tests.web.pages.forms import answer, form, register, start_session
from tests.whatsapp.conftest import PUBLIC_URL, Channel, bodies, button_ids

WA = "221771234567"
OTHER = "221779876543"


async def link_code(channel: Channel) -> str:
    page = await channel.client.get("/app/account")
    assert page.status_code == 200
    assert "Lier mon numéro WhatsApp" in page.text or "Lier un autre numéro" in page.text
    r = await channel.client.post("/app/account/whatsapp", data=form(page.text, "/whatsapp").data())
    assert r.status_code == 200, r.text
    match = re.search(r'id="whatsapp-code">(GC-[0-9A-Z]{4}-[0-9A-Z]{4})<', r.text)
    assert match, r.text
    return match[1]


async def step_of(channel: Channel, wa_id: str = WA) -> str:
    async with channel.rt.reading() as db:
        stmt = select(WhatsAppContact.user_id).where(WhatsAppContact.wa_id == wa_id)
        user_id = (await db.execute(stmt)).scalar_one()
    return (await service.start_session(channel.rt, user_id)).current_step.value


async def test_switching_between_web_and_whatsapp_mid_session(channel: Channel) -> None:
    browser = channel.client
    await register(browser)
    path = await start_session(browser, business_name="Chez Awa")
    await answer(browser, path, FULL_RUN_FR["vision"])
    code = await link_code(channel)
    sent = await channel.say(WA, code.lower().replace("-", " "))  # as typed on a phone
    assert "C'est fait" in bodies(sent)
    assert "awa@example.com" in bodies(sent)
    assert button_ids(sent) == ["help", "idk", "move_on"]  # the session's current question
    assert await step_of(channel) == "mission"
    await channel.say(WA, FULL_RUN_FR["mission"])
    # Back on the web: the same session, at the step WhatsApp left it.
    page = await answer(browser, path, FULL_RUN_FR["clientele"])
    assert page.status_code == 200
    assert await step_of(channel) == "differentiation"
    await channel.say(WA, FULL_RUN_FR["differentiation"])
    assert await step_of(channel) == "offre"
    account = await browser.get("/app/account")
    assert "Numéro lié : +221 ••• 45 67" in account.text
    # Finished over WhatsApp: the PDF there, and the link to the brief on the web.
    await channel.say(WA, FULL_RUN_FR["offre"])
    await channel.say(WA, FULL_RUN_FR["finances"])
    await channel.tap(WA, "confirm", "Je confirme")
    session_id = path.removeprefix("/app/sessions/")
    sent = channel.graph.to(WA)
    assert [m["type"] for m in sent[-2:]] == ["document", "text"]
    assert f"{PUBLIC_URL}/app/sessions/{session_id}/brief" in bodies(sent[-1:])
    assert (await browser.get(f"/app/sessions/{session_id}/brief")).status_code == 200
    # Written to afterwards: the brief's web link, and "New" starts another session.
    sent = await channel.say(WA, "Merci !")
    assert f"{PUBLIC_URL}/app/sessions/{session_id}/brief" in bodies(sent)
    sent = await channel.tap(WA, "new", "Nouveau")
    assert button_ids(sent) == ["help", "idk", "move_on"]
    assert await step_of(channel) == "vision"


async def test_codes_are_single_use_short_lived_and_hashed(channel: Channel) -> None:
    await register(channel.client)
    code = await link_code(channel)
    async with channel.rt.reading() as db:
        stored = list((await db.execute(select(WhatsAppLinkCode.code_hash))).scalars())
    normalized = code.replace("-", "")
    assert len(stored) == 1
    assert normalized not in stored[0]
    assert code not in stored[0]
    assert "C'est fait" in bodies(await channel.say(WA, code))
    # Used: another number cannot take it.
    assert "faux ou a expiré" in bodies(await channel.say(OTHER, code))
    # Expired.
    code = await link_code(channel)
    async with channel.rt.transaction() as db:
        await db.execute(
            update(WhatsAppLinkCode)
            .where(WhatsAppLinkCode.used_at.is_(None))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    assert "faux ou a expiré" in bodies(await channel.say(OTHER, code))
    # A new code replaces the one before.
    first = await link_code(channel)
    second = await link_code(channel)
    assert "faux ou a expiré" in bodies(await channel.say(OTHER, first))
    assert "C'est fait" in bodies(await channel.say(OTHER, second))


async def test_a_number_that_wrote_first_brings_its_session_to_the_web_account(
    channel: Channel,
) -> None:
    await channel.say(WA, "Bonjour")
    await channel.tap(WA, "consent:yes", "Oui")
    await channel.say(WA, FULL_RUN_FR["vision"])
    async with channel.rt.reading() as db:
        own = (await db.execute(select(WhatsAppContact.user_id))).scalar_one()
    assert own is not None
    await register(channel.client)
    code = await link_code(channel)
    await channel.say(WA, code)
    async with channel.rt.reading() as db:
        web = (await db.execute(select(User).where(User.email == "awa@example.com"))).scalar_one()
        gone = await db.get(User, own)
    assert gone is None  # the number's own account is gone, its session moved
    sessions = await service.list_sessions(channel.rt, web.id)
    assert len(sessions) == 1
    assert sessions[0].step_completion["vision"] is True
    assert await step_of(channel) == "mission"
    page = await channel.client.get("/app/sessions")
    assert sessions[0].session_id in page.text


async def test_the_account_page_has_no_whatsapp_section_when_the_channel_is_off(
    client: httpx.AsyncClient,
) -> None:
    await register(client)
    page = await client.get("/app/account")
    assert page.status_code == 200
    assert "h-whatsapp" not in page.text
    r = await client.post("/app/account/whatsapp", data=form(page.text, "/delete").data())
    assert "h-whatsapp" not in r.text
