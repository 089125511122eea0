"""The first, honest rule: three words or more complete a step.

Kept as a reference coach for tests of the service; the default coach is
:class:`genesis.core.coach.offline.OfflineCoach`.
"""

from __future__ import annotations

from genesis.core.coach.types import (
    CoachContext,
    Help,
    HelpItem,
    Language,
    Prompt,
    Proposals,
    Reply,
)
from genesis.core.steps import CoachingStepEnum

QUESTIONS: dict[Language, dict[CoachingStepEnum, str]] = {
    "fr": {
        CoachingStepEnum.VISION: "Quelle est la vision de votre entreprise dans cinq ans ?",
        CoachingStepEnum.MISSION: (
            "Quelle est votre mission : que faites-vous, pour qui, et comment ?"
        ),
        CoachingStepEnum.CLIENTELE: "Qui sont vos clients cibles ?",
        CoachingStepEnum.DIFFERENTIATION: "Qu'est-ce qui vous distingue de vos concurrents ?",
        CoachingStepEnum.OFFRE: "Que vendez-vous, à quel prix, et comment ?",
        CoachingStepEnum.SYNTHESIS: "Confirmez-vous ce résumé ?",
    },
    "en": {
        CoachingStepEnum.VISION: "What is your business's vision for the next five years?",
        CoachingStepEnum.MISSION: "What is your mission: what do you do, for whom, and how?",
        CoachingStepEnum.CLIENTELE: "Who are your target customers?",
        CoachingStepEnum.DIFFERENTIATION: "What sets you apart from your competitors?",
        CoachingStepEnum.OFFRE: "What do you sell, at what price, and how?",
        CoachingStepEnum.SYNTHESIS: "Do you confirm this summary?",
    },
}
FOLLOW_UP: dict[Language, str] = {
    "fr": "Pouvez-vous en dire un peu plus, en une ou deux phrases ?",
    "en": "Could you tell me a bit more, in a sentence or two?",
}
MIN_WORDS = 3


class SimpleCoach:
    async def prompt(self, ctx: CoachContext) -> Prompt:
        return Prompt(ctx.step, QUESTIONS[ctx.language][ctx.step], [])

    async def answer(self, ctx: CoachContext, text: str, *, force: bool = False) -> Reply:
        words = len(text.split())
        if words < MIN_WORDS and not force:
            return Reply(False, 0.0, FOLLOW_UP[ctx.language], [], ctx.language)
        following = [s for s in ctx.plan if s is not ctx.step and s.value not in ctx.answers]
        next_question = QUESTIONS[ctx.language][following[0]] if following else ""
        return Reply(
            accepted=True,
            confidence=1.0 if words >= MIN_WORDS else 0.0,
            message=next_question,
            examples=[],
            language=ctx.language,
            to_improve=words < MIN_WORDS,
            confirmed=ctx.step is CoachingStepEnum.SYNTHESIS,
        )

    async def help(self, ctx: CoachContext) -> Help:
        return Help(ctx.step, [HelpItem(QUESTIONS[ctx.language][ctx.step], "")])

    async def proposals(self, ctx: CoachContext) -> Proposals:
        return Proposals(ctx.step, [])
