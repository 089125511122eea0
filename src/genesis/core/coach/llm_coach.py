"""A coach that asks an LLM, and falls back to the offline coach on any failure.

The offline coach always reads the answer first: its context detection, its
hard refusals (empty, gibberish, "I don't know") and its examples stand. The
LLM then judges the answer against the step's criteria and writes the
follow-up or the reformulation. If the LLM times out, errors or breaks the
schema, the offline decision is returned as is (``coach_mode="offline"``): an
answer is never accepted because the LLM failed.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from genesis.core.coach.types import Coach, CoachContext, Help, HelpItem, Prompt, Proposals, Reply
from genesis.core.ports import LLMError, LLMPort
from genesis.core.steps import CoachingStepEnum

CRITERIA: dict[CoachingStepEnum, str] = {
    CoachingStepEnum.VISION: "an ambition; a scope or place; a horizon in time or a scale; "
    "who benefits",
    CoachingStepEnum.MISSION: "what the business does; for whom; how",
    CoachingStepEnum.CLIENTELE: "a specific customer segment; traits such as age, occupation "
    "or income; where they are; their need or problem",
    CoachingStepEnum.DIFFERENTIATION: "what is different; from which named or typical "
    "competitors; why it matters to customers",
    CoachingStepEnum.OFFRE: "the product or service; its price or format; how it is sold "
    "or delivered",
}
LANGUAGE_NAMES = {"fr": "French", "en": "English"}

VERDICT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["accepted", "confidence", "missing", "follow_up", "reformulation"],
    "properties": {
        "accepted": {"type": "boolean"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "missing": {"type": "array", "items": {"type": "string"}, "maxItems": 6},
        "follow_up": {"type": "string", "maxLength": 600},
        "reformulation": {"type": "string", "maxLength": 1200},
    },
}
HELP_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["questions"],
    "properties": {
        "questions": {
            "type": "array",
            "minItems": 2,
            "maxItems": 3,
            "items": {
                "type": "object",
                "required": ["question", "hint"],
                "properties": {
                    "question": {"type": "string", "minLength": 5, "maxLength": 300},
                    "hint": {"type": "string", "maxLength": 400},
                },
            },
        }
    },
}
PROPOSALS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["proposals"],
    "properties": {
        "proposals": {
            "type": "array",
            "minItems": 3,
            "maxItems": 3,
            "items": {"type": "string", "minLength": 20, "maxLength": 800},
        }
    },
}


class LLMCoach:
    waits_on_network = True

    def __init__(self, offline: Coach, llm: LLMPort, *, timeout_s: float = 15.0) -> None:
        self._offline = offline
        self._llm = llm
        self._timeout = timeout_s

    async def prompt(self, ctx: CoachContext) -> Prompt:
        return await self._offline.prompt(ctx)  # the questions are the methodology's

    async def answer(self, ctx: CoachContext, text: str, *, force: bool = False) -> Reply:
        base = await self._offline.answer(ctx, text, force=force)
        if force or ctx.step is CoachingStepEnum.SYNTHESIS or base.to_improve:
            return base  # the person's choice, the synthesis, or the loop guard decide
        if not base.accepted and base.confidence == 0.0:
            return base  # empty, gibberish or "I don't know": no LLM can make it an answer
        try:
            verdict = await self._llm.chat_json(
                self._messages(ctx, text), schema=VERDICT_SCHEMA, timeout_s=self._timeout
            )
        except LLMError:
            return base
        if verdict["accepted"]:
            return await self._accepted(ctx, text, base, verdict)
        follow_up = verdict["follow_up"].strip()
        if not follow_up:
            return base
        return dataclasses.replace(
            base,
            accepted=False,
            confidence=min(float(verdict["confidence"]), base.confidence or 1.0),
            message=follow_up,
            missing_criteria=[str(m) for m in verdict["missing"]] or base.missing_criteria,
            reformulation=None,
            coach_mode="llm",
        )

    async def _accepted(
        self, ctx: CoachContext, text: str, base: Reply, verdict: dict[str, Any]
    ) -> Reply:
        reformulation = verdict["reformulation"].strip() or base.reformulation or text
        answers = {**ctx.answers, ctx.step.value: text}
        following = next(
            (s for s in ctx.plan if s is not ctx.step and s.value not in answers),
            CoachingStepEnum.SYNTHESIS,
        )
        upcoming = await self._offline.prompt(
            dataclasses.replace(ctx, step=following, answers=answers, retry_count=0)
        )
        return dataclasses.replace(
            base,
            accepted=True,
            confidence=float(verdict["confidence"]),
            message=f"{reformulation}\n\n{upcoming.message}",
            examples=upcoming.examples,
            missing_criteria=[str(m) for m in verdict["missing"]],
            reformulation=reformulation,
            to_improve=False,
            coach_mode="llm",
        )

    def _messages(self, ctx: CoachContext, text: str) -> list[dict[str, str]]:
        language = LANGUAGE_NAMES[ctx.language]
        system = (
            "You are a business coach for African entrepreneurs. Judge one answer of a "
            f"coaching step. Step: {ctx.step.value}. A good answer gives: "
            f"{CRITERIA.get(ctx.step, 'a clear answer')}. Accept an answer that gives the "
            "essentials concretely, even informally; refuse a vague or off-topic one. "
            f"Write follow_up (one question aimed at the most important missing element) "
            f"and reformulation (a short professional restatement) in {language}. Reply "
            "with a JSON object: accepted, confidence (0-1), missing (criteria), "
            "follow_up, reformulation."
        )
        context = {
            "business": ctx.business_name,
            "country": ctx.cultural_context.get("country"),
            "city": ctx.cultural_context.get("city"),
            "sector": ctx.sector_context.get("sector"),
            "earlier_answers": dict(ctx.answers),
        }
        return [
            {"role": "system", "content": system},
            {
                "role": "user",
                "content": json.dumps({"context": context, "answer": text}, ensure_ascii=False),
            },
        ]

    async def help(self, ctx: CoachContext) -> Help:
        base = await self._offline.help(ctx)
        try:
            reply = await self._llm.chat_json(
                self._assist(ctx, "Give 2 or 3 Socratic questions, each with a concrete hint"),
                schema=HELP_SCHEMA,
                timeout_s=self._timeout,
            )
        except LLMError:
            return base
        items = [HelpItem(q["question"], q["hint"]) for q in reply["questions"]]
        return Help(ctx.step, items, coach_mode="llm")

    async def proposals(self, ctx: CoachContext) -> Proposals:
        base = await self._offline.proposals(ctx)
        try:
            reply = await self._llm.chat_json(
                self._assist(
                    ctx, "Write 3 complete, different candidate answers the person could adopt"
                ),
                schema=PROPOSALS_SCHEMA,
                timeout_s=self._timeout,
            )
        except LLMError:
            return base
        return Proposals(ctx.step, [str(p) for p in reply["proposals"]], coach_mode="llm")

    def _assist(self, ctx: CoachContext, task: str) -> list[dict[str, str]]:
        language = LANGUAGE_NAMES[ctx.language]
        system = (
            f"You are a business coach for African entrepreneurs. {task} for the coaching "
            f"step '{ctx.step.value}' (a good answer gives: {CRITERIA.get(ctx.step, '')}), "
            f"in {language}, built from what the person already said. Reply in JSON."
        )
        context = {
            "business": ctx.business_name,
            "country": ctx.cultural_context.get("country"),
            "city": ctx.cultural_context.get("city"),
            "currency": ctx.cultural_context.get("currency"),
            "sector": ctx.sector_context.get("sector"),
            "earlier_answers": dict(ctx.answers),
        }
        return [
            {"role": "system", "content": system},
            {"role": "user", "content": json.dumps(context, ensure_ascii=False)},
        ]
