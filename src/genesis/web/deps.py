"""Request dependencies: the runtime and the authenticated user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, status
from fastapi.security import OAuth2PasswordBearer

from genesis import service
from genesis.runtime import Runtime
from genesis.store.models import User
from genesis.web.streams import StreamSlots

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


TokenDep = Annotated[str | None, Depends(oauth2_scheme)]


def _require(token: str | None) -> str:
    if not token:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Sign in first: send 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token


async def current_user(rt: RuntimeDep, token: TokenDep) -> User:
    return await service.user_from_token(rt, _require(token))


UserDep = Annotated[User, Depends(current_user)]


async def current_user_id(rt: RuntimeDep, token: TokenDep) -> int:
    """The caller's id, once the token's account and generation are checked (one
    small query; no whole user row)."""
    return await service.user_id_from_token(rt, _require(token))


UserIdDep = Annotated[int, Depends(current_user_id)]


@dataclass(frozen=True, slots=True)
class TokenClaims:
    user_id: int
    token_generation: int


async def token_claims(rt: RuntimeDep, token: TokenDep) -> TokenClaims:
    """The claims of a validly signed, unexpired token, unchecked against the
    account: the use-case must check ``token_generation`` in its own query (the
    step does it in the statement that reads the session)."""
    user_id, generation = service.token_claims(rt, _require(token))
    return TokenClaims(user_id, generation)


ClaimsDep = Annotated[TokenClaims, Depends(token_claims)]


def path_session_id(
    session_id: Annotated[str, Path(description="The session's id (a UUID).")],
) -> str:
    """The session id of the path, canonical; anything else is a 404 (as a session
    that does not exist), never a 422 or a database error."""
    return service.session_key(session_id)


SessionIdDep = Annotated[str, Depends(path_session_id)]


def stream_slots(request: Request) -> StreamSlots:
    slots: StreamSlots = request.app.state.stream_slots
    return slots


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def site_url(request: Request, slug: str | None) -> str | None:
    """The public address of the website published at ``slug``: on GENESIS_PUBLIC_URL
    (or GENESIS_WHATSAPP_PUBLIC_URL) when set, else on the address the request came to."""
    if slug is None:
        return None
    runtime: Runtime = request.app.state.runtime
    base = runtime.settings.public_base_url or str(request.base_url).rstrip("/")
    return f"{base}/s/{slug}"
