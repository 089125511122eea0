"""The account page: language preference, linking a WhatsApp number, and deleting
the account with its data."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from genesis import service
from genesis.web.pages import cookies
from genesis.web.pages.i18n import as_language
from genesis.web.pages.render import FormDep, PageRoute, UserPageDep, form_text
from genesis.web.pages.whatsapp import whatsapp_view

router = APIRouter(prefix="/app/account", route_class=PageRoute, include_in_schema=False)


@router.get("")
async def account(page: UserPageDep, saved: bool = False) -> Response:
    return page.render(
        "account.html", saved=saved, problem=None, whatsapp=await whatsapp_view(page)
    )


@router.post("/whatsapp")
async def link_whatsapp(page: UserPageDep, form: FormDep) -> Response:
    """A one-time code to send from WhatsApp (shown once, never stored in clear)."""
    return page.render(
        "account.html", saved=False, problem=None, whatsapp=await whatsapp_view(page, new_code=True)
    )


@router.post("/language")
async def set_language(page: UserPageDep, form: FormDep) -> Response:
    language = as_language(form_text(form, "language")) or page.lang
    await service.update_user(page.rt, page.user_id, language=language)
    response = page.redirect("/app/account?saved=1")
    cookies.set_language(response, page.rt.settings, language)
    return response


@router.post("/delete")
async def delete(page: UserPageDep, form: FormDep) -> Response:
    if form.get("confirm") != "yes":
        return page.render(
            "account.html",
            422,
            saved=False,
            problem="account_delete_need_confirm",
            whatsapp=await whatsapp_view(page),
        )
    await service.delete_user(page.rt, page.user_id)
    page.drop_auth = True
    page.csrf_cookie, page.csrf_is_new = cookies.new_csrf_secret(), True
    return page.redirect("/?notice=account_deleted")
