"""The coaching screen: the conversation, the plan's progress, the answer form and
its assists. Plain forms with Post/Redirect/Get; with the small script, an answer
is posted with ``X-Fragment: 1`` and only the changed parts come back."""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Any, Final

from fastapi import APIRouter, Query
from starlette.responses import HTMLResponse, Response

from genesis import service
from genesis.core import errors
from genesis.core.steps import ANSWERING_STATUSES, CoachingStepEnum, SessionStatusEnum
from genesis.service import ConversationView
from genesis.web.api.schemas import MAX_ANSWER_CHARS
from genesis.web.deps import SessionIdDep
from genesis.web.pages.i18n import as_language
from genesis.web.pages.render import FormDep, Page, PageRoute, UserPageDep, form_text
from genesis.web.pages.sessions import session_link

router = APIRouter(prefix="/app/sessions", route_class=PageRoute, include_in_schema=False)

# Older messages stay one link away: the page stays light on a slow line.
RECENT_MESSAGES: Final = 6
IDEMPOTENCY_KEY: Final = re.compile(r"^[0-9a-f]{32}$")
NOTICES: Final = frozenset({"stale", "not_answering"})
PROBLEMS: Final = {"empty": "err_empty_answer", "long": "err_long_answer"}
FRAGMENT_HEADER: Final = "x-fragment"


def new_key() -> str:
    """A fresh idempotency key for one rendered form: a double tap sends it twice."""
    return uuid.uuid4().hex


def is_fragment(page: Page) -> bool:
    return page.request.headers.get(FRAGMENT_HEADER) == "1"


def _messages(s: ConversationView, start: int) -> list[dict[str, Any]]:
    return [
        {"i": i, "role": "you" if e.get("role") == "user" else "coach", "text": e.get("message")}
        for i, e in enumerate(s.conversation_history, s.history_start)
        if i >= start
    ]


def _plan(page: Page, s: ConversationView) -> list[dict[str, Any]]:
    return [
        {
            "label": page.t(f"step_{step}"),
            "done": bool(s.step_completion.get(step)),
            "current": step == s.current_step.value and s.status in ANSWERING_STATUSES,
            "to_improve": step in s.to_improve,
        }
        for step in s.coaching_plan
    ]


def coach_view(
    page: Page,
    s: ConversationView,
    examples: list[str],
    *,
    assist: str | None = None,
    help_items: list[Any] | None = None,
    proposals: list[str] | None = None,
    draft: str = "",
    problem: str | None = None,
    notice: str | None = None,
    show_all: bool = False,
) -> dict[str, Any]:
    history = s.history_length
    start = 0 if show_all else max(0, history - RECENT_MESSAGES)
    answering = s.status in ANSWERING_STATUSES
    return {
        "s": s,
        "plan": _plan(page, s),
        "done": sum(1 for v in s.step_completion.values() if v),
        "total": len(s.coaching_plan),
        "messages": _messages(s, start),
        "hidden": start,
        "n": history,
        "answering": answering,
        "synthesis": answering and s.current_step is CoachingStepEnum.SYNTHESIS,
        "revisable": [p for p in s.coaching_plan if p != CoachingStepEnum.SYNTHESIS.value],
        "follow_up": answering and s.retry_count > 0,
        "complete": s.status is SessionStatusEnum.COACHING_COMPLETE,
        "brief_link": None if answering else session_link(s.session_id, s.status),
        "examples": examples if answering else [],
        "assist": assist,
        "help_items": help_items or [],
        "proposals": proposals or [],
        "draft": draft,
        "problem": problem,
        "notice": notice,
        "max_chars": MAX_ANSWER_CHARS,
        "new_key": new_key,
        "switch": False,  # the session's language, not a choice of this page
    }


def fragment(page: Page, view: dict[str, Any], *, with_messages: bool) -> Response:
    html = page.html("coach_fragment.html", with_messages=with_messages, **view)
    response = page.finish(HTMLResponse(html))
    response.headers["X-Fragment"] = "1"
    return response


@router.get("/{session_id}")
async def coaching(
    session_id: SessionIdDep,
    page: UserPageDep,
    assist: Annotated[str | None, Query(max_length=20)] = None,
    fill: Annotated[int | None, Query(ge=0, le=20)] = None,
    all: Annotated[bool, Query()] = False,
    notice: Annotated[str | None, Query(max_length=20)] = None,
    error: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    shown = await service.coaching_page(
        page.rt,
        page.user_id,
        session_id,
        assist="help" if assist == "help" else "proposals" if assist == "proposals" else None,
        # The recent messages only, unless all were asked for: a long session's
        # page reads the end of its conversation.
        since=0 if all else None,
    )
    s = shown.session
    page.lang = as_language(s.language) or page.lang
    examples = shown.examples
    help_items = list(shown.help.items) if shown.help is not None else []
    proposals = shown.proposals.proposals if shown.proposals is not None else []
    view = coach_view(
        page,
        s,
        examples,
        assist=assist if assist in ("help", "proposals") else None,
        help_items=help_items,
        proposals=proposals,
        draft=examples[fill] if fill is not None and fill < len(examples) else "",
        problem=PROBLEMS.get(error or ""),
        notice=notice if notice in NOTICES else None,
        show_all=all,
    )
    if is_fragment(page):
        return fragment(page, view, with_messages=False)
    return page.render("coach.html", **view)


def _last_answer(s: ConversationView) -> str:
    step = s.current_step.value
    for entry in reversed(s.conversation_history):
        if entry.get("role") == "user" and entry.get("step") == step:
            return str(entry.get("message", ""))
    return ""


async def _answer_text(
    page: Page, session_id: str, choice: str, typed: str, *, at_synthesis: bool
) -> tuple[str, bool]:
    """What the pressed button means: (text to submit, force). "Confirm" and
    "revise" belong to the synthesis form: anywhere else they mean nothing."""
    t = page.t
    if not at_synthesis and (choice == "confirm" or choice.startswith("revise:")):
        return typed, False
    if choice == "confirm":
        return t("synthesis_confirm"), True
    if choice.startswith("revise:"):
        step = choice.removeprefix("revise:")
        if step in {s.value for s in CoachingStepEnum}:
            return t("revise_text", step=t(f"step_{step}")), False
    if choice == "move_on":
        if typed:
            return typed, True
        shown = await service.coaching_page(
            page.rt, page.user_id, session_id, with_question=False, since=None
        )
        last = _last_answer(shown.session)
        if not last and shown.session.history_start > 0:  # further back: read it all
            whole = await service.coaching_page(
                page.rt, page.user_id, session_id, with_question=False
            )
            last = _last_answer(whole.session)
        return last, True
    return typed, False


@router.post("/{session_id}/answer")
async def answer(session_id: SessionIdDep, page: UserPageDep, form: FormDep) -> Response:
    page.lang = as_language(form_text(form, "lang")) or page.lang
    raw = form.get("answer")
    if isinstance(raw, str) and len(raw.strip()) > MAX_ANSWER_CHARS:
        return page.redirect(f"/app/sessions/{session_id}?error=long#answer")
    step_value = form_text(form, "step", 40)
    expected_step = next((s for s in CoachingStepEnum if s.value == step_value), None)
    text, force = await _answer_text(
        page,
        session_id,
        form_text(form, "choice", 40),
        form_text(form, "answer"),
        at_synthesis=expected_step is CoachingStepEnum.SYNTHESIS,
    )
    if not text:
        return page.redirect(f"/app/sessions/{session_id}?error=empty#answer")
    key = form_text(form, "idem", 64)
    try:
        state = await service.submit_answer(
            page.rt,
            page.user_id,
            session_id,
            text,
            force=force,
            expected_step=expected_step,
            idempotency_key=f"page:{key}" if IDEMPOTENCY_KEY.match(key) else None,
        )
    except (errors.StaleStateError, errors.IdempotencyKeyReusedError):
        return page.redirect(f"/app/sessions/{session_id}?notice=stale")
    except errors.InvalidTransitionError:
        return page.redirect(f"/app/sessions/{session_id}?notice=not_answering")
    if state.status is SessionStatusEnum.COACHING_COMPLETE:
        # The synthesis confirmed: the brief starts at once, as the coach has just
        # said (and as on WhatsApp); the brief page shows its progress.
        return await _hand_over(page, session_id, key)
    if not is_fragment(page):
        return page.redirect(f"/app/sessions/{session_id}#answer")
    seen = form_text(form, "n", 6)
    since = int(seen) if seen.isascii() and seen.isdigit() else 0  # not "²"
    # The messages the page has not shown yet: the end of the conversation only.
    s = (
        await service.coaching_page(
            page.rt, page.user_id, session_id, with_question=False, since=since
        )
    ).session
    page.lang = as_language(s.language) or page.lang
    view = coach_view(page, s, state.examples)
    view["messages"] = _messages(s, since)
    return fragment(page, view, with_messages=True)


@router.post("/{session_id}/complete")
async def complete(session_id: SessionIdDep, page: UserPageDep, form: FormDep) -> Response:
    return await _hand_over(page, session_id, form_text(form, "idem", 64))


async def _hand_over(page: Page, session_id: str, key: str) -> Response:
    """Hand a completed session to the agents and show the brief page."""
    try:
        await service.complete_session(
            page.rt,
            page.user_id,
            session_id,
            idempotency_key=f"page:complete:{key}" if IDEMPOTENCY_KEY.match(key) else None,
        )
    except errors.CoachingIncompleteError:
        return page.redirect(f"/app/sessions/{session_id}")
    except errors.InvalidTransitionError:
        pass  # already handed over (a second tab, a double tap): the brief page says where
    return page.redirect(f"/app/sessions/{session_id}/brief")
