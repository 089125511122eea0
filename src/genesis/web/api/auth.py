"""Accounts: register, log in (JSON and OAuth2 form), me, password, delete me."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from genesis import service
from genesis.web.api.schemas import (
    LoginIn,
    PasswordChangeIn,
    RegisterIn,
    TokenOut,
    UserOut,
    UserUpdateIn,
    error_responses,
)
from genesis.web.deps import RuntimeDep, UserDep, UserIdDep, client_address
from genesis.web.pages.i18n import from_accept_language

router = APIRouter(prefix="/auth", tags=["accounts"])


def _token_out(response: Response, token: service.AccessToken) -> TokenOut:
    # A token must never be kept by a cache (RFC 6749, section 5.1).
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return TokenOut(access_token=token.token, expires_in=token.expires_in)


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserOut,
    responses=error_responses(
        409,
        422,
        429,
        e409="An account with this email already exists (log in instead).",
        e422="Invalid input, or a password too easy to guess; `detail` says why.",
        e429="Too many sign-ups from this address this hour; wait `Retry-After` seconds.",
    ),
)
async def register(body: RegisterIn, request: Request, rt: RuntimeDep) -> UserOut:
    user = await service.register_user(
        rt,
        email=body.email,
        password=body.password,
        name=body.name,
        language=body.language or from_accept_language(request.headers.get("accept-language", "")),
        client=client_address(request),
    )
    return UserOut.model_validate(user)


LOGIN_ERRORS = error_responses(
    401,
    422,
    429,
    e401="Wrong email or password.",
    e429="Too many failed logins for this email from this address (or from this "
    "address overall); wait `Retry-After` seconds.",
)


@router.post("/login", response_model=TokenOut, responses=LOGIN_ERRORS)
async def login(body: LoginIn, request: Request, response: Response, rt: RuntimeDep) -> TokenOut:
    token = await service.authenticate(
        rt, email=body.email, password=body.password, client=client_address(request)
    )
    return _token_out(response, token)


@router.post(
    "/token",
    response_model=TokenOut,
    summary="OAuth2 password flow (docs page)",
    responses={**LOGIN_ERRORS, **error_responses(400)},
)
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    request: Request,
    response: Response,
    rt: RuntimeDep,
) -> TokenOut:
    access = await service.authenticate(
        rt, email=form.username, password=form.password, client=client_address(request)
    )
    return _token_out(response, access)


@router.get("/me", response_model=UserOut, responses=error_responses(401))
async def me(user: UserDep) -> UserOut:
    return UserOut.model_validate(user)


@router.patch("/me", response_model=UserOut, responses=error_responses(401, 422))
async def update_me(body: UserUpdateIn, user: UserDep, rt: RuntimeDep) -> UserOut:
    return UserOut.model_validate(await service.update_user(rt, user.id, language=body.language))


@router.post(
    "/password",
    response_model=TokenOut,
    responses=error_responses(
        401,
        422,
        429,
        e401="Not signed in, or the current password is wrong.",
        e422="Invalid input, or a new password too easy to guess; `detail` says why.",
    ),
)
async def change_password(
    body: PasswordChangeIn,
    request: Request,
    response: Response,
    user_id: UserIdDep,
    rt: RuntimeDep,
) -> TokenOut:
    """Change the password. Every token issued before stops working (every other
    device is signed out); the response holds a new one."""
    access = await service.change_password(
        rt,
        user_id,
        current=body.current_password,
        new=body.new_password,
        client=client_address(request),
    )
    return _token_out(response, access)


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT, responses=error_responses(401))
async def delete_me(user: UserDep, rt: RuntimeDep) -> Response:
    """Delete the account and all its data; its tokens stop working at once."""
    await service.delete_user(rt, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
