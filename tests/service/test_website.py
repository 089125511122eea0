"""The website use-cases on a real runtime: publishing renders once and stores the
page, contact details saved while published update it, the slug survives taking
the site down, and a session not ready or not the caller's is refused."""

from __future__ import annotations

import contextlib

import pytest

from genesis import service
from genesis.core.agents.brief import Brief
from genesis.core.errors import BriefNotReadyError, InvalidContactError, NotFoundError
from genesis.runtime import Runtime
from genesis.service import website
from tests.briefs import brief_content, senegal_restaurant


@pytest.fixture
async def session_id(rt: Runtime, user_id: int, monkeypatch: pytest.MonkeyPatch) -> str:
    """A session of the user's whose brief is "ready" (the agents' content, served
    by a stand-in of get_brief that still checks the owner)."""
    sid = (await service.start_session(rt, user_id, business_name="Chez Awa")).session_id
    content = await brief_content(senegal_restaurant(business_name="Chez Awa"))
    real = website.get_brief

    async def get_brief(rt_: Runtime, uid: int, key: str) -> Brief:
        with contextlib.suppress(BriefNotReadyError):
            await real(rt_, uid, key)
        return Brief.model_validate(content)

    monkeypatch.setattr(website, "get_brief", get_brief)
    return sid


async def test_publish_update_take_down(
    rt: Runtime, user_id: int, session_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders: list[object] = []
    real_render = website._render

    async def counting(*args: object) -> tuple[str, str]:
        renders.append(args)
        return await real_render(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(website, "_render", counting)
    view = await service.publish_site(rt, user_id, session_id)
    assert view.published
    assert view.slug is not None
    assert view.slug.startswith("chez-awa-")
    page = await service.public_site(rt, view.slug)
    assert "[à compléter]" in page.html
    # Visits read what was stored: no rendering.
    await service.public_site(rt, view.slug)
    assert len(renders) == 1

    await service.set_contact(rt, user_id, session_id, whatsapp="+221 77 123 45 67")
    assert len(renders) == 2
    page = await service.public_site(rt, view.slug)
    assert "https://wa.me/221771234567" in page.html

    down = await service.unpublish_site(rt, user_id, session_id)
    assert not down.published
    assert down.slug == view.slug
    with pytest.raises(NotFoundError):
        await service.public_site(rt, view.slug)
    # Saving details while down renders nothing and publishes nothing.
    await service.set_contact(rt, user_id, session_id, phone="771234567")
    assert len(renders) == 2
    with pytest.raises(NotFoundError):
        await service.public_site(rt, view.slug)

    again = await service.publish_site(rt, user_id, session_id)
    assert again.slug == view.slug
    assert "tel:771234567" in (await service.public_site(rt, view.slug)).html


async def test_refusals(rt: Runtime, user_id: int) -> None:
    sid = (await service.start_session(rt, user_id, business_name="Chez Awa")).session_id
    with pytest.raises(BriefNotReadyError):
        await service.publish_site(rt, user_id, sid)
    with pytest.raises(InvalidContactError):
        await service.set_contact(rt, user_id, sid, whatsapp="not a number")
    other = await service.register_user(
        rt, email="other@example.com", password="s3cret-pass", name="O"
    )
    for call in (service.get_website, service.publish_site, service.unpublish_site):
        with pytest.raises(NotFoundError):
            await call(rt, other.id, sid)
    with pytest.raises(NotFoundError):
        await service.set_contact(rt, other.id, sid, phone="771234567")
    for slug in ("", "UPPER", "../x", "a" * 100, "chez-awa-unknown1"):
        with pytest.raises(NotFoundError):
            await service.public_site(rt, slug)
