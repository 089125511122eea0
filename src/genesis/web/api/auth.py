"""Accounts: register, log in (JSON and OAuth2 form), me, delete me."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from genesis import service
from genesis.web.api.schemas import LoginIn, RegisterIn, TokenOut, UserOut, UserUpdateIn
from genesis.web.deps import RuntimeDep, UserDep, client_address

router = APIRouter(prefix="/auth", tags=["accounts"])


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=UserOut)
async def register(body: RegisterIn, rt: RuntimeDep) -> UserOut:
    user = await service.register_user(
        rt, email=body.email, password=body.password, name=body.name, language=body.language
    )
    return UserOut.model_validate(user)


@router.post("/login", response_model=TokenOut)
async def login(body: LoginIn, request: Request, rt: RuntimeDep) -> TokenOut:
    token = await service.authenticate(
        rt, email=body.email, password=body.password, client=client_address(request)
    )
    return TokenOut(access_token=token.token, expires_in=token.expires_in)


@router.post("/token", response_model=TokenOut, summary="OAuth2 password flow (docs page)")
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], request: Request, rt: RuntimeDep
) -> TokenOut:
    access = await service.authenticate(
        rt, email=form.username, password=form.password, client=client_address(request)
    )
    return TokenOut(access_token=access.token, expires_in=access.expires_in)


@router.get("/me", response_model=UserOut)
async def me(user: UserDep) -> UserOut:
    return UserOut.model_validate(user)


@router.patch("/me", response_model=UserOut)
async def update_me(body: UserUpdateIn, user: UserDep, rt: RuntimeDep) -> UserOut:
    return UserOut.model_validate(await service.update_user(rt, user.id, language=body.language))


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT)
async def delete_me(user: UserDep, rt: RuntimeDep) -> Response:
    await service.delete_user(rt, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
