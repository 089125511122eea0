"""A session's one-page website: the contact details it shows, and publishing it.

Publishing renders the page once (off the event loop, where the other exports are
made) and stores it with its Content-Security-Policy; the public address
``/s/{slug}`` serves what was stored, without a login and without reading the
brief. The slug is made at the first publication and kept for good, so the same
address comes back after taking the site down. Saving contact details while the
site is published publishes it again; a re-run of the brief shows after "Update"
(publishing again). Deleting the session or the account deletes the site with it
(the foreign keys cascade).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from genesis import exports
from genesis.core.agents.brief import Brief
from genesis.core.contact import SiteContact, clean_contact, is_slug, new_slug
from genesis.core.errors import BriefNotReadyError, NotFoundError
from genesis.runtime import Runtime
from genesis.service.agents import get_brief
from genesis.service.common import owned, session_key
from genesis.store import queries
from genesis.store.models import Website, utcnow
from genesis.store.queries import PublishedPage

SITE_NOT_FOUND: Final = "No website is published at this address."
# A fresh random suffix colliding is a one-in-a-trillion event; a few tries settle it.
_SLUG_TRIES: Final = 5


@dataclass(frozen=True, slots=True)
class WebsiteView:
    """What the owner sees of their site: its contact details and where it is."""

    session_id: str
    contact: SiteContact
    slug: str | None  # kept when the site is taken down: publishing again reuses it
    published_at: datetime | None

    @property
    def published(self) -> bool:
        return self.published_at is not None


def _contact_of(site: Website | None) -> SiteContact:
    if site is None:
        return SiteContact()
    return SiteContact(
        whatsapp=site.whatsapp, phone=site.phone, hours=site.hours, address=site.address
    )


def _view(session_id: str, site: Website | None) -> WebsiteView:
    return WebsiteView(
        session_id=session_id,
        contact=_contact_of(site),
        slug=site.slug if site is not None else None,
        published_at=site.published_at if site is not None and site.html is not None else None,
    )


async def get_website(rt: Runtime, user_id: int, session_id: str) -> WebsiteView:
    async with rt.sessionmaker() as db:
        s = await owned(db, user_id, session_id)
        return _view(s.session_id, await queries.website_of_session(db, s.id))


async def site_contact(rt: Runtime, user_id: int, session_id: str) -> SiteContact:
    """The contact details the website shows (none given: all empty)."""
    return (await get_website(rt, user_id, session_id)).contact


async def set_contact(
    rt: Runtime,
    user_id: int,
    session_id: str,
    *,
    whatsapp: str = "",
    phone: str = "",
    hours: str = "",
    address: str = "",
) -> WebsiteView:
    """Replace the site's contact details (InvalidContactError naming a wrong field);
    a published site is published again with them at once."""
    contact = clean_contact(whatsapp=whatsapp, phone=phone, hours=hours, address=address)
    key = session_key(session_id)
    async with rt.locks.hold(key):
        current = await get_website(rt, user_id, key)
        page: tuple[str, str] | None = None
        if current.published:
            try:
                brief = await get_brief(rt, user_id, key)
            except BriefNotReadyError:  # being made again: the page stays as it was
                pass
            else:
                page = await _render(rt, brief, contact)
        async with rt.transaction() as db:
            s = await owned(db, user_id, key)
            site = await _site_for_update(db, s.id)
            site.whatsapp, site.phone = contact.whatsapp, contact.phone
            site.hours, site.address = contact.hours, contact.address
            if page is not None and site.html is not None:
                site.html, site.csp = page
                site.published_at = utcnow()
            return _view(s.session_id, site)


async def publish_site(rt: Runtime, user_id: int, session_id: str) -> WebsiteView:
    """Publish (or publish again) the site of a session whose brief is ready
    (BriefNotReadyError otherwise): it is rendered now and served as stored."""
    key = session_key(session_id)
    async with rt.locks.hold(key):
        brief = await get_brief(rt, user_id, key)  # NotFoundError, BriefNotReadyError
        contact = (await get_website(rt, user_id, key)).contact
        html, csp = await _render(rt, brief, contact)
        async with rt.transaction() as db:
            s = await owned(db, user_id, key)
            site = await _site_for_update(db, s.id)
            if site.slug is None:
                site.slug = await _free_slug(db, brief.business_name or s.business_name or "")
            site.html, site.csp, site.published_at = html, csp, utcnow()
            return _view(s.session_id, site)


async def unpublish_site(rt: Runtime, user_id: int, session_id: str) -> WebsiteView:
    """Take the site down at once (its address answers 404); its slug and contact
    details are kept. Taking down a site that is not published changes nothing."""
    key = session_key(session_id)
    async with rt.locks.hold(key), rt.transaction() as db:
        s = await owned(db, user_id, key)
        site = await queries.website_of_session(db, s.id, for_update=True)
        if site is not None:
            site.html, site.csp, site.published_at = None, None, None
        return _view(s.session_id, site)


async def public_site(rt: Runtime, slug: str) -> PublishedPage:
    """The page published at ``slug``, as stored (NotFoundError: unknown, or taken down)."""
    if not is_slug(slug):
        raise NotFoundError(SITE_NOT_FOUND)
    async with rt.sessionmaker() as db:
        page = await queries.published_page(db, slug)
    if page is None:
        raise NotFoundError(SITE_NOT_FOUND)
    return page


async def _render(rt: Runtime, brief: Brief, contact: SiteContact) -> tuple[str, str]:
    page: tuple[str, str] = await rt.run_cpu(exports.published_page, brief, contact)
    return page


async def _site_for_update(db: AsyncSession, session_pk: int) -> Website:
    site = await queries.website_of_session(db, session_pk, for_update=True)
    if site is None:
        site = Website(session_pk=session_pk, whatsapp="", phone="", hours="", address="")
        db.add(site)
    return site


async def _free_slug(db: AsyncSession, business_name: str) -> str:
    for _ in range(_SLUG_TRIES):
        slug = new_slug(business_name)
        if not await queries.slug_taken(db, slug):
            return slug
    raise RuntimeError("No free website address after several random tries.")  # pragma: no cover
