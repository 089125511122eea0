"""Landing, sign-up, log-in, log-out and the language switch."""

from __future__ import annotations

from typing import Annotated

from email_validator import EmailNotValidError, validate_email
from fastapi import APIRouter, Query
from starlette.responses import Response

from genesis import service
from genesis.core import errors
from genesis.core.passwords import PasswordProblem, password_problem
from genesis.web.deps import client_address
from genesis.web.pages import cookies
from genesis.web.pages.i18n import as_language
from genesis.web.pages.render import FormDep, Page, PageDep, PageRoute, form_text, local_path

router = APIRouter(route_class=PageRoute, include_in_schema=False)

# The reasons a password is refused (core.passwords), as messages of the pages.
PASSWORD_PROBLEMS = {
    PasswordProblem.TOO_SHORT: "err_password_short",
    PasswordProblem.TOO_LONG: "err_password_long",
    PasswordProblem.BLANK: "err_password_blank",
    PasswordProblem.COMMON: "err_password_common",
    PasswordProblem.REPEATED: "err_password_repeated",
    PasswordProblem.SEQUENCE: "err_password_sequence",
    PasswordProblem.EMAIL: "err_password_email",
}
NOTICES = frozenset({"logged_out", "account_deleted"})


@router.get("/")
async def landing(page: PageDep, notice: str | None = None) -> Response:
    return page.render("landing.html", notice=notice if notice in NOTICES else None)


@router.get("/register")
async def register_form(page: PageDep) -> Response:
    if page.user is not None:
        return page.redirect("/app/sessions")
    return page.render("register.html", values={}, problems=[])


@router.post("/register")
async def register(page: PageDep, form: FormDep) -> Response:
    values = {k: form_text(form, k, 256) for k in ("name", "email", "language")}
    password = form.get("password")
    password = password if isinstance(password, str) else ""
    language = as_language(values["language"]) or page.lang
    problems = []
    if not values["name"]:
        problems.append("err_name")
    try:
        values["email"] = validate_email(values["email"], check_deliverability=False).normalized
    except EmailNotValidError:
        problems.append("err_email")
    weak = password_problem(password, values["email"])
    if weak is not None:  # said with the other mistakes (the service checks it again)
        problems.append(PASSWORD_PROBLEMS[weak])
    if not problems:
        try:
            await service.register_user(
                page.rt,
                email=values["email"],
                password=password,
                name=values["name"][:200],
                language=language,
                client=client_address(page.request),
            )
        except errors.EmailTakenError:
            problems.append("err_email_taken")
        except errors.TooManyAttemptsError as exc:
            problems = [page.t("err_register_throttled", seconds=exc.retry_after)]
            return page.render("register.html", 429, values=values, problems=problems)
    if problems:
        return page.render("register.html", 422, values=values, problems=problems)
    return await _log_in(page, values["email"], password, "/app/start")


@router.get("/login")
async def login_form(page: PageDep, next: Annotated[str | None, Query()] = None) -> Response:
    if page.user is not None:
        return page.redirect(local_path(next))
    return page.render("login.html", values={}, problems=[], next=local_path(next))


@router.post("/login")
async def login(page: PageDep, form: FormDep) -> Response:
    email = form_text(form, "email", 256)
    password = form.get("password")
    target = local_path(form_text(form, "next", 500))
    return await _log_in(page, email, password if isinstance(password, str) else "", target)


async def _log_in(page: Page, email: str, password: str, target: str) -> Response:
    try:
        access = await service.authenticate(
            page.rt, email=email, password=password, client=client_address(page.request)
        )
    except errors.InvalidCredentialsError:
        return page.render(
            "login.html", 401, values={"email": email}, problems=["err_credentials"], next=target
        )
    except errors.TooManyAttemptsError as exc:
        return page.render(
            "login.html",
            429,
            values={"email": email},
            problems=[page.t("err_throttled", seconds=exc.retry_after)],
            next=target,
        )
    user = await service.user_from_token(page.rt, access.token)
    page.user = user
    page.lang = as_language(user.preferred_language) or page.lang
    # A fresh CSRF secret for the signed-in person: a planted one does not survive.
    page.csrf_cookie, page.csrf_is_new = cookies.new_csrf_secret(), True
    page.renewed = None  # the new sign-in's token is set below
    response = page.redirect(target)
    cookies.set_auth(response, page.rt.settings, access.token, access.expires_in)
    cookies.set_language(response, page.rt.settings, page.lang)
    return response


@router.post("/logout")
async def logout(page: PageDep, form: FormDep) -> Response:
    page.csrf_cookie, page.csrf_is_new = cookies.new_csrf_secret(), True
    page.drop_auth = True
    return page.redirect("/?notice=logged_out")


@router.post("/language")
async def switch_language(page: PageDep, form: FormDep) -> Response:
    """The header's switch: remembered in a cookie, and on the account when signed in."""
    language = as_language(form_text(form, "language")) or page.lang
    if page.user is not None:
        await service.update_user(page.rt, page.user.id, language=language)
    response = page.redirect(local_path(form_text(form, "next", 500), "/"))
    cookies.set_language(response, page.rt.settings, language)
    return response
