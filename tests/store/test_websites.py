"""The websites table: a published page is found by its slug only while published,
slugs are unique, and the site goes with its session and its account."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from genesis.store import queries
from genesis.store.models import Website
from tests.store.test_queries import NOW, _session


def _site(session_pk: int, slug: str, html: str | None) -> Website:
    return Website(
        session_pk=session_pk,
        whatsapp="+221771234567",
        phone="",
        hours="8h-20h",
        address="",
        slug=slug,
        html=html,
        csp="default-src 'none'" if html else None,
        published_at=NOW if html else None,
    )


async def test_published_pages_by_slug(db: AsyncSession) -> None:
    pk = await _session(db, [])
    db.add(_site(pk, "chez-awa-abcdefgh", "<p>Bienvenue</p>"))
    await db.flush()
    page = await queries.published_page(db, "chez-awa-abcdefgh")
    assert page is not None
    assert page.html == "<p>Bienvenue</p>"
    assert page.csp == "default-src 'none'"
    assert page.published_at == NOW
    assert await queries.published_page(db, "chez-awa-zzzzzzzz") is None
    assert await queries.slug_taken(db, "chez-awa-abcdefgh")
    assert not await queries.slug_taken(db, "chez-awa-zzzzzzzz")

    site = await queries.website_of_session(db, pk, for_update=True)
    assert site is not None
    site.html, site.csp, site.published_at = None, None, None  # taken down
    await db.flush()
    assert await queries.published_page(db, "chez-awa-abcdefgh") is None
    assert await queries.slug_taken(db, "chez-awa-abcdefgh")  # kept for publishing again


async def test_the_site_goes_with_its_session(db: AsyncSession) -> None:
    pk = await _session(db, [])
    db.add(_site(pk, "chez-awa-abcdefgh", "<p>x</p>"))
    await db.flush()
    await queries.delete_session(db, pk)
    count = await db.execute(select(func.count()).select_from(Website))
    assert count.scalar_one() == 0
