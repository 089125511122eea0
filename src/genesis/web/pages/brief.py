"""The brief page: the agents' live progress, then the brief (with its financial
plan: indicators, charts and tables), its downloads and a preview of the one-page
website. Everything here is read with the page cookie."""

from __future__ import annotations

import base64
import contextlib
import io
import mimetypes
import zipfile
from typing import Any, Final

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from genesis import exports, service
from genesis.core import errors
from genesis.core.agents.svg import sanitize_svg
from genesis.core.agents.types import AGENT_NAMES
from genesis.core.steps import ANSWERING_STATUSES, SessionStatusEnum
from genesis.exports import charts
from genesis.exports.finance import SECTION as FINANCE
from genesis.exports.finance import finance_view, financial_plan
from genesis.web.deps import SessionIdDep, stream_slots
from genesis.web.pages.i18n import as_language
from genesis.web.pages.render import FormDep, PageRoute, UserPageDep, security_headers
from genesis.web.streams import progress_stream

router = APIRouter(
    prefix="/app/sessions/{session_id}", route_class=PageRoute, include_in_schema=False
)

BRIEF_STATUSES: Final = frozenset({SessionStatusEnum.BRIEF_READY, SessionStatusEnum.COMPLETED})
FOUNDATIONS: Final = (
    "vision",
    "mission",
    "target_audience",
    "differentiation",
    "value_proposition",
    "offer",
)
# The generated site in the preview frame: no script, nothing from elsewhere.
SITE_CSP: Final = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)
# The logo is drawn by our code from what a person typed: shown as an image only,
# never as markup of the page, and served so that nothing in it can run.
LOGO_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
DOWNLOADS: Final = {"pdf", "md", "site", "xlsx"}


@router.get("/brief")
async def brief(session_id: SessionIdDep, page: UserPageDep) -> Response:
    progress = await service.agents_progress(page.rt, page.user_id, session_id)
    detail = await service.get_session(page.rt, page.user_id, session_id)
    s = detail.session
    page.lang = as_language(s.language) or page.lang
    if s.status in ANSWERING_STATUSES or s.status is SessionStatusEnum.COACHING_COMPLETE:
        return page.render(
            "brief_waiting.html", s=s, progress=progress, waiting=False, switch=False
        )
    if s.status not in BRIEF_STATUSES:
        return page.render("brief_waiting.html", s=s, progress=progress, waiting=True, switch=False)
    content = await service.get_brief(page.rt, page.user_id, session_id)
    view = brief_view(content)
    view["finance"] = await page.rt.run_cpu(finance_page, content)
    view["finance_expected"] = isinstance(content.get(FINANCE), dict)
    return page.render("brief.html", s=s, b=view, agents=AGENT_NAMES, switch=False)


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def finance_page(content: dict[str, Any]) -> dict[str, Any] | None:
    """The financial plan for the page: its text view and the two charts as images
    (an <img> of our own SVG: the page never holds SVG markup), or None."""
    plan = financial_plan(content)
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


def _data(content: dict[str, Any], agent: str) -> dict[str, Any]:
    result = content.get(agent)
    if not isinstance(result, dict) or result.get("status") not in ("ok", "fallback"):
        return {}
    data = result.get("data")
    return data if isinstance(data, dict) else {}


def brief_view(content: dict[str, Any]) -> dict[str, Any]:
    """The brief, cut into what the template shows section by section."""
    market = dict(_data(content, "market_research"))
    figures = market.pop("figures", [])
    seo = dict(_data(content, "seo_optimization"))
    logo = _data(content, "logo_creation").get("svg")
    logo_uri = None
    if isinstance(logo, str) and logo.lstrip().startswith(("<svg", "<?xml")):
        logo_uri = "data:image/svg+xml;base64," + base64.b64encode(logo.encode()).decode()
    return {
        "name": content.get("business_name") or "",
        "logo": logo_uri,
        "confidence": round(100 * float(content.get("overall_confidence") or 0)),
        "completeness": round(100 * float(content.get("brief_completeness") or 0)),
        "foundations": [(k, content[k]) for k in FOUNDATIONS if content.get(k)],
        "sector": content.get("sector"),
        "location": content.get("location"),
        "figures": [f for f in figures if isinstance(f, dict)] if isinstance(figures, list) else [],
        "market": market,
        "content": _data(content, "content_generation"),
        "seo_meta": [(k, seo.pop(k)) for k in ("meta_title", "meta_description") if k in seo],
        "seo": seo,
        "template": _data(content, "template_selection"),
        "status": {name: (content.get(name) or {}).get("status") for name in AGENT_NAMES},
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
    if fmt not in DOWNLOADS:
        raise errors.NotFoundError("No such download.")
    content = await service.get_brief(page.rt, page.user_id, session_id)
    name = exports.file_stem(content)
    if fmt == "md":
        body = exports.to_markdown(content).encode()
        return _attachment(body, "text/markdown; charset=utf-8", f"{name}.md")
    if fmt == "pdf":
        pdf = await page.rt.render_pdf(content)
        return _attachment(pdf, "application/pdf", f"{name}.pdf")
    if fmt == "xlsx":
        workbook = await page.rt.run_cpu(exports.to_xlsx, content)
        return _attachment(workbook, exports.XLSX_MEDIA_TYPE, exports.xlsx_name(content))
    archive = await page.rt.run_cpu(exports.to_site_zip, content)
    return _attachment(archive, "application/zip", f"{name}-site.zip")


def _attachment(body: bytes, media_type: str, filename: str) -> Response:
    response = Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
    return security_headers(response)


@router.get("/logo.svg")
async def logo(session_id: SessionIdDep, page: UserPageDep) -> Response:
    content = await service.get_brief(page.rt, page.user_id, session_id)
    svg = _data(content, "logo_creation").get("svg")
    if not isinstance(svg, str):
        raise errors.NotFoundError("This brief has no logo.")
    try:  # briefs saved before uploads were sanitised; the parse runs off the loop
        clean: str = await page.rt.run_cpu(sanitize_svg, svg)
    except errors.InvalidLogoError:
        raise errors.NotFoundError("This brief's logo cannot be shown safely.") from None
    response = Response(clean.encode(), media_type="image/svg+xml")
    response.headers["Content-Security-Policy"] = LOGO_CSP
    return security_headers(response)


def _site_file(archive: bytes, path: str) -> bytes | None:
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        names = zf.namelist()
        # The zip may keep its files in one top folder; the preview does not care.
        wanted = next((n for n in names if n == path or n.endswith("/" + path)), None)
        return zf.read(wanted) if wanted is not None else None


@router.get("/site/{path:path}")
async def site(session_id: SessionIdDep, path: str, page: UserPageDep) -> Response:
    """The one-page website as it is in the zip, for the preview frame."""
    content = await service.get_brief(page.rt, page.user_id, session_id)
    archive = await page.rt.run_cpu(exports.to_site_zip, content)
    name = path or "index.html"
    if ".." in name.split("/"):
        raise errors.NotFoundError("No such file in the website.")
    body = await page.rt.run_cpu(_site_file, archive, name)
    if body is None:
        raise errors.NotFoundError("No such file in the website.")
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = Response(body, media_type=media_type)
    response.headers["Content-Security-Policy"] = SITE_CSP
    return security_headers(response)
