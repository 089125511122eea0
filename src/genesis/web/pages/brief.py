"""The brief page: the agents' live progress, then the brief (with its financial
plan: indicators, charts and tables), its downloads and a preview of the one-page
website. Everything here is read with the page cookie."""

from __future__ import annotations

import base64
import contextlib
import mimetypes
from typing import Annotated, Any, Final
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from starlette.responses import JSONResponse, Response

from genesis import exports, service
from genesis.core import errors
from genesis.core.agents.brief import Brief
from genesis.core.agents.research import source_text
from genesis.core.agents.sources import readable_sources
from genesis.core.agents.svg import sanitize_svg
from genesis.core.agents.types import AGENT_NAMES
from genesis.core.contact import CONTACT_FIELDS, MAX_ADDRESS_CHARS, MAX_HOURS_CHARS, MAX_PHONE_CHARS
from genesis.core.steps import ANSWERING_STATUSES, SessionStatusEnum
from genesis.exports import charts
from genesis.exports.finance import finance_view, financial_plan
from genesis.web.deps import SessionIdDep, site_url, stream_slots
from genesis.web.pages.i18n import as_language
from genesis.web.pages.render import (
    FormDep,
    Page,
    PageRoute,
    UserPageDep,
    form_text,
    security_headers,
)
from genesis.web.streams import progress_stream

router = APIRouter(
    prefix="/app/sessions/{session_id}", route_class=PageRoute, include_in_schema=False
)

FOUNDATIONS: Final = (
    "vision",
    "mission",
    "target_audience",
    "differentiation",
    "value_proposition",
    "offer",
)
# What the market data keeps for the exports and the site, not for a person: the
# place and sector as keys and codes, and the sources, shown named under "Sources".
MARKET_DATA_ONLY: Final = frozenset(
    {
        "country",
        "country_code",
        "country_known",
        "city",
        "currency",
        "sector",
        "sector_label",
        "capital",
        "languages",
        "data_sources",
        "sources",
        "search_query",
    }
)
# The generated site in the preview frame: no script, nothing from elsewhere.
SITE_CSP: Final = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)
# The logo is drawn by our code from what a person typed: shown as an image only,
# never as markup of the page, and served so that nothing in it can run.
LOGO_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


# What a notice after a website form says (?done=...).
WEBSITE_NOTICES: Final = frozenset({"saved", "published", "unpublished"})
FIELD_LIMITS: Final = {
    "whatsapp": MAX_PHONE_CHARS,
    "phone": MAX_PHONE_CHARS,
    "hours": MAX_HOURS_CHARS,
    "address": MAX_ADDRESS_CHARS,
}


@router.get("/brief")
async def brief(
    session_id: SessionIdDep, page: UserPageDep, done: Annotated[str | None, Query()] = None
) -> Response:
    return await _brief_page(page, session_id, notice=done if done in WEBSITE_NOTICES else None)


async def _brief_page(
    page: Page,
    session_id: str,
    *,
    status_code: int = 200,
    notice: str | None = None,
    typed: dict[str, str] | None = None,
    problem: str | None = None,
) -> Response:
    view = await service.brief_page(page.rt, page.user_id, session_id)
    page.lang = as_language(view.language) or page.lang
    if view.brief is None:
        waiting = view.status not in ANSWERING_STATUSES | {SessionStatusEnum.COACHING_COMPLETE}
        return page.render(
            "brief_waiting.html", s=view, progress=view.progress, waiting=waiting, switch=False
        )
    shown = brief_view(view.brief)
    shown["finance"] = await page.rt.run_cpu(finance_page, view.brief)
    shown["finance_expected"] = view.brief.financial_plan is not None
    site = await service.get_website(page.rt, page.user_id, session_id)
    website = website_view(page, site, view.brief.business_name or "", typed, problem, notice)
    return page.render(
        "brief.html", status_code, s=view, b=shown, w=website, agents=AGENT_NAMES, switch=False
    )


def website_view(
    page: Page,
    site: service.WebsiteView,
    name: str,
    typed: dict[str, str] | None,
    problem: str | None,
    notice: str | None,
) -> dict[str, Any]:
    """The "Your website" section: the contact form (what was typed, after a refusal),
    and the public address with its share link while published."""
    contact = site.contact
    values = typed or {key: getattr(contact, key) for key in CONTACT_FIELDS}
    url = site_url(page.request, site.slug) if site.published else None
    share = ""
    if url:
        text = page.t("website_share_text", name=name, url=url) if name else url
        share = "https://wa.me/?text=" + quote(text, safe="")
    return {
        "fields": values,
        "limits": FIELD_LIMITS,
        "problem": problem,
        "notice": notice,
        "published": site.published,
        "url": url,
        "share": share,
    }


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def finance_page(brief: Brief) -> dict[str, Any] | None:
    """The financial plan for the page: its text view and the two charts as images
    (an <img> of our own SVG: the page never holds SVG markup), or None."""
    plan = financial_plan(brief)
    if plan is None:
        return None
    charts_shown = []
    for svg, words in (
        (charts.cash_chart(plan), charts.cash_text(plan)),
        (charts.revenue_costs_chart(plan), charts.revenue_costs_text(plan)),
    ):
        charts_shown.append(
            {"uri": _data_uri(svg), "title": words.title, "description": words.description}
        )
    return {"view": finance_view(plan), "charts": charts_shown}


def brief_view(brief: Brief) -> dict[str, Any]:
    """The brief, cut into what the template shows section by section."""
    market = dict(brief.agent_data("market_research"))
    # A brief stored before the sources were written in its language reads in it too.
    figures = [
        {**f, "source": source_text(str(f.get("source", "")), brief.language)}
        for f in market.pop("figures", [])
        if isinstance(f, dict)
    ]
    data = brief.market_data
    sources = readable_sources(data, brief.language) if data is not None else []
    market = {k: v for k, v in market.items() if k not in MARKET_DATA_ONLY}
    seo = dict(brief.agent_data("seo_optimization"))
    logo = brief.logo_data.svg if brief.logo_data else ""
    logo_uri = _data_uri(logo) if logo.startswith(("<svg", "<?xml")) else None
    sections = {name: getattr(brief, name) for name in AGENT_NAMES}
    return {
        "name": brief.business_name or "",
        "logo": logo_uri,
        "confidence": round(100 * brief.overall_confidence),
        "completeness": round(100 * brief.brief_completeness),
        "foundations": [(k, v) for k in FOUNDATIONS if (v := getattr(brief, k))],
        "sector": brief.sector,
        "location": brief.location,
        "figures": figures,
        "market": market,
        "sources": sources,
        "content": brief.agent_data("content_generation"),
        "seo_meta": [(k, seo.pop(k)) for k in ("meta_title", "meta_description") if k in seo],
        "seo": seo,
        "template": brief.agent_data("template_selection"),
        "status": {name: s.status if s else None for name, s in sections.items()},
    }


@router.get("/progress")
async def progress(session_id: SessionIdDep, request: Request, page: UserPageDep) -> Response:
    """The agents' progress for the brief page: JSON, or server-sent events."""
    first = await service.agents_progress(page.rt, page.user_id, session_id)
    if "text/event-stream" not in request.headers.get("accept", ""):
        return security_headers(JSONResponse(first))
    slots = stream_slots(request)
    return progress_stream(page.rt, slots, page.user_id, session_id, first, request)


@router.post("/retry")
async def retry(session_id: SessionIdDep, page: UserPageDep, form: FormDep) -> Response:
    # Already running again (a second tap): the brief page shows it.
    with contextlib.suppress(errors.InvalidTransitionError):
        await service.retry_agents(page.rt, page.user_id, session_id)
    return page.redirect(f"/app/sessions/{session_id}/brief")


@router.get("/download/{fmt}")
async def download(session_id: SessionIdDep, fmt: str, page: UserPageDep) -> Response:
    if fmt not in exports.EXPORT_FORMATS:
        raise errors.NotFoundError("No such download.")
    brief = await service.get_brief(page.rt, page.user_id, session_id)
    site = fmt == "site"
    contact = await service.site_contact(page.rt, page.user_id, session_id) if site else None
    download = await page.rt.export(brief, fmt, contact)
    response = Response(
        download.body,
        media_type=download.media_type,
        headers={"Content-Disposition": f'attachment; filename="{download.filename}"'},
    )
    return security_headers(response)


@router.get("/logo.svg")
async def logo(session_id: SessionIdDep, page: UserPageDep) -> Response:
    brief = await service.get_brief(page.rt, page.user_id, session_id)
    logo = brief.logo_data
    if logo is None or not logo.svg:
        raise errors.NotFoundError("This brief has no logo.")
    try:  # briefs saved before uploads were sanitised; the parse runs off the loop
        clean: str = await page.rt.run_cpu(sanitize_svg, logo.svg)
    except errors.InvalidLogoError:
        raise errors.NotFoundError("This brief's logo cannot be shown safely.") from None
    response = Response(clean.encode(), media_type="image/svg+xml")
    response.headers["Content-Security-Policy"] = LOGO_CSP
    return security_headers(response)


@router.get("/site/{path:path}")
async def site(session_id: SessionIdDep, path: str, page: UserPageDep) -> Response:
    """One file of the one-page website, as it is in the zip, for the preview frame
    (made alone: the zip is not built for each file)."""
    name = path or "index.html"
    if name not in exports.site.SITE_FILES:
        raise errors.NotFoundError("No such file in the website.")
    brief = await service.get_brief(page.rt, page.user_id, session_id)
    contact = await service.site_contact(page.rt, page.user_id, session_id)
    body = await page.rt.run_cpu(exports.site_file, brief, name, contact)
    if body is None:
        raise errors.NotFoundError("No such file in the website.")
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = Response(body, media_type=media_type)
    response.headers["Content-Security-Policy"] = SITE_CSP
    return security_headers(response)


# ------------------------------------------------------------------ the website's forms


@router.post("/website/contact")
async def website_contact(session_id: SessionIdDep, page: UserPageDep, form: FormDep) -> Response:
    # One character over each limit: a value too long is refused, never cut short.
    typed = {key: form_text(form, key, FIELD_LIMITS[key] + 1) for key in CONTACT_FIELDS}
    try:
        await service.set_contact(page.rt, page.user_id, session_id, **typed)
    except errors.InvalidContactError as refused:
        return await _brief_page(
            page, session_id, status_code=422, typed=typed, problem=refused.field
        )
    return page.redirect(f"/app/sessions/{session_id}/brief?done=saved#website")


@router.post("/website/publish")
async def website_publish(session_id: SessionIdDep, page: UserPageDep, form: FormDep) -> Response:
    await service.publish_site(page.rt, page.user_id, session_id)
    return page.redirect(f"/app/sessions/{session_id}/brief?done=published#website")


@router.post("/website/unpublish")
async def website_unpublish(session_id: SessionIdDep, page: UserPageDep, form: FormDep) -> Response:
    await service.unpublish_site(page.rt, page.user_id, session_id)
    return page.redirect(f"/app/sessions/{session_id}/brief?done=unpublished#website")
