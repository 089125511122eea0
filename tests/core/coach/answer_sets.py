"""Judging a labelled answer set (one JSON line per answer) with the offline coach.

Each line: step, language, text, expected ("accept" | "reject"), sector and
country_code as a competent advisor labels them. Decision, sector and country
are scored separately. Used by the answer-set tests and by bench/bench_coach.py.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from genesis.core.coach.offline import OfflineCoach
from genesis.core.coach.types import CoachContext, Reply
from genesis.core.steps import DEFAULT_PLAN, CoachingStepEnum

HERE = Path(__file__).parent
MAIN_SET = HERE / "answers.jsonl"
HELDOUT_SET = HERE / "answers_heldout.jsonl"


@dataclass(frozen=True, slots=True)
class Judged:
    line: dict[str, Any]
    reply: Reply


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def context(line: dict[str, Any]) -> CoachContext:
    step = CoachingStepEnum(line["step"])
    answers: dict[str, str] = {}
    if step is CoachingStepEnum.SYNTHESIS:
        # The synthesis is only reached with every other step answered.
        answers = {s.value: "Une réponse." for s in DEFAULT_PLAN if s is not step}
    return CoachContext(
        language=line["language"], plan=DEFAULT_PLAN, step=step, answers=answers, retry_count=0
    )


def judge_all(lines: list[dict[str, Any]]) -> list[Judged]:
    """Every line judged once (a sync helper: module fixtures share no event loop)."""

    async def judge() -> list[Judged]:
        coach = OfflineCoach()
        return [Judged(line, await coach.answer(context(line), line["text"])) for line in lines]

    return asyncio.run(judge())


def decision(reply: Reply) -> str:
    return "accept" if reply.accepted else "reject"


def sector(reply: Reply) -> Any:
    return reply.sector_context.get("sector")


def country(reply: Reply) -> Any:
    return reply.cultural_context.get("country_code")


def check(
    judged: list[Judged],
    name: str,
    expected: str,
    actual: Callable[[Reply], Any],
    minimum: float,
    what: str = "answers",
) -> None:
    """Assert that ``actual(reply)`` agrees with ``line[expected]`` on ``minimum`` of lines."""
    misses = []
    for item in judged:
        got = actual(item.reply)
        if got != item.line[expected]:
            misses.append(f"  expected {item.line[expected]!r}, got {got!r}: {item.line['text']}")
    agreement = 1 - len(misses) / len(judged)
    print(f"{name}: {agreement:.1%} agreement on {len(judged)} {what}")
    assert agreement >= minimum, f"{name} agreement {agreement:.1%}:\n" + "\n".join(misses)
