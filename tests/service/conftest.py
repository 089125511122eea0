"""The use-cases on a real runtime (SQLite, and PostgreSQL when configured), no HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest

from genesis import service
from genesis.config import Settings
from genesis.core.coach.offline import OfflineCoach
from genesis.core.coach.types import Coach, CoachContext, Help, Prompt, Proposals, Reply
from genesis.runtime import Runtime, build_runtime


@dataclass
class ScriptedCoach:
    """The offline coach's questions, with the replies a test scripts, in order; it
    records what it was told, and can run ``meanwhile`` while it "thinks"."""

    replies: list[Reply] = field(default_factory=list)
    waits_on_network: bool = False
    contexts: list[CoachContext] = field(default_factory=list)
    meanwhile: Callable[[], Awaitable[None]] | None = None
    offline: OfflineCoach = field(default_factory=OfflineCoach)

    async def prompt(self, ctx: CoachContext) -> Prompt:
        return await self.offline.prompt(ctx)

    async def answer(self, ctx: CoachContext, text: str, *, force: bool = False) -> Reply:
        self.contexts.append(ctx)
        if self.meanwhile is not None:
            await self.meanwhile()
        return self.replies.pop(0)

    async def help(self, ctx: CoachContext) -> Help:
        return await self.offline.help(ctx)

    async def proposals(self, ctx: CoachContext) -> Proposals:
        return await self.offline.proposals(ctx)


@pytest.fixture
def scripted() -> ScriptedCoach:
    return ScriptedCoach()


@pytest.fixture
async def rt(settings: Settings, scripted: ScriptedCoach) -> AsyncIterator[Runtime]:
    coach: Coach = scripted
    runtime = build_runtime(settings, coach=coach)
    try:
        yield runtime
    finally:
        await runtime.aclose()


@pytest.fixture
async def user_id(rt: Runtime) -> int:
    user = await service.register_user(
        rt, email="awa@example.com", password="s3cret-pass", name="Awa"
    )
    return user.id


def reply(accepted: bool = True, message: str = "ok", **changes: object) -> Reply:
    return Reply(
        accepted=accepted,
        confidence=0.9 if accepted else 0.2,
        message=message,
        examples=["e1"],
        language="fr",
        **changes,  # type: ignore[arg-type]
    )
