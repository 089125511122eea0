"""My sessions, and starting a new one."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from genesis import service
from genesis.core.coach.places import all_countries, start_context
from genesis.core.coach.text import strip_accents
from genesis.core.steps import ANSWERING_STATUSES, SessionStatusEnum
from genesis.core.taxonomy import SECTORS
from genesis.web.pages.i18n import as_language
from genesis.web.pages.render import FormDep, PageRoute, UserPageDep, form_text

router = APIRouter(prefix="/app", route_class=PageRoute, include_in_schema=False)

MAX_NAME = 200
MAX_CITY = 100


def session_link(session_id: str, status: SessionStatusEnum) -> str:
    """Where a session continues: the coaching screen, or its brief once coaching is over."""
    if status in ANSWERING_STATUSES or status is SessionStatusEnum.COACHING_COMPLETE:
        return f"/app/sessions/{session_id}"
    return f"/app/sessions/{session_id}/brief"


@router.get("/sessions")
async def sessions(page: UserPageDep) -> Response:
    rows = await service.list_sessions(page.rt, page.user_id)
    # Plain values for the template, not the rows.
    items = [
        {
            "name": s.business_name,
            "status": s.status.value,
            "language": s.language,
            "updated_at": s.updated_at,
            "link": session_link(s.session_id, s.status),
            "done": sum(1 for v in s.step_completion.values() if v),
            "total": len(s.coaching_plan),
        }
        for s in rows
    ]
    return page.render("sessions.html", items=items)


@router.get("/start")
async def start_form(page: UserPageDep) -> Response:
    countries = sorted(all_countries(), key=lambda c: strip_accents(c.name(page.lang)).lower())
    return page.render(
        "start.html",
        sectors=SECTORS,
        countries=[(c.code, c.name(page.lang)) for c in countries],
    )


@router.post("/start")
async def start(page: UserPageDep, form: FormDep) -> Response:
    language = as_language(form_text(form, "language"))
    sector = form_text(form, "sector")
    city = form_text(form, "city", MAX_CITY)
    state = await service.start_session(
        page.rt,
        page.user_id,
        # The "New session" form says so; without it, the active session is resumed.
        new=form_text(form, "new") == "1",
        language=language,
        business_name=form_text(form, "business_name", MAX_NAME) or None,
        cultural_context=start_context(language or page.lang, form_text(form, "country", 3), city),
        sector_context={"sector": sector} if sector in SECTORS else None,
    )
    return page.redirect(f"/app/sessions/{state.session_id}")
