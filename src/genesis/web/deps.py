"""Request dependencies: the runtime and the authenticated user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer

from genesis import service
from genesis.runtime import Runtime
from genesis.store.models import User

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def current_user(
    rt: RuntimeDep, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> User:
    if not token:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Sign in first: send 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return await service.user_from_token(rt, token)


UserDep = Annotated[User, Depends(current_user)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
