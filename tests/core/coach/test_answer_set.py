"""The offline coach against a set of realistic answers (answers.jsonl).

Each line is one answer as a person would type it, with the decision, sector
and country a competent advisor expects. Decision, sector and country are
scored separately; each must agree on at least 95% of the lines. The answers
were written before the rules; the last 40 lines were kept aside while the
rules were tuned and only added afterwards.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from genesis.core.coach.offline import OfflineCoach
from genesis.core.coach.types import CoachContext, Reply
from genesis.core.steps import DEFAULT_PLAN, CoachingStepEnum
from genesis.core.taxonomy import SECTORS

ANSWERS = Path(__file__).with_name("answers.jsonl")
MIN_AGREEMENT = 0.95


@dataclass(frozen=True, slots=True)
class Judged:
    line: dict[str, Any]
    reply: Reply


def _lines() -> list[dict[str, Any]]:
    with ANSWERS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _context(line: dict[str, Any]) -> CoachContext:
    step = CoachingStepEnum(line["step"])
    answers: dict[str, str] = {}
    if step is CoachingStepEnum.SYNTHESIS:
        # The synthesis is only reached with every other step answered.
        answers = {s.value: "Une réponse." for s in DEFAULT_PLAN if s is not step}
    return CoachContext(
        language=line["language"], plan=DEFAULT_PLAN, step=step, answers=answers, retry_count=0
    )


async def _judge_all() -> list[Judged]:
    coach = OfflineCoach()
    return [Judged(line, await coach.answer(_context(line), line["text"])) for line in _lines()]


@pytest.fixture(scope="module")
def judged() -> list[Judged]:
    # Judged once for the three agreement tests (a sync fixture: no event loop is shared).
    return asyncio.run(_judge_all())


def _check(judged: list[Judged], name: str, expected: str, actual: Any) -> None:
    misses = []
    for item in judged:
        got = actual(item.reply)
        if got != item.line[expected]:
            misses.append(f"  expected {item.line[expected]!r}, got {got!r}: {item.line['text']}")
    agreement = 1 - len(misses) / len(judged)
    print(f"{name}: {agreement:.1%} agreement on {len(judged)} answers")
    assert agreement >= MIN_AGREEMENT, f"{name} agreement {agreement:.1%}:\n" + "\n".join(misses)


def test_the_set_is_varied() -> None:
    lines = _lines()
    assert len(lines) >= 150
    languages = [line["language"] for line in lines]
    assert 0.4 <= languages.count("fr") / len(lines) <= 0.6
    assert {line["step"] for line in lines} == {s.value for s in CoachingStepEnum}
    assert {line["sector"] for line in lines} - {None} == set(SECTORS)
    assert len({line["country_code"] for line in lines} - {None}) >= 16
    rejected = sum(line["expected"] == "reject" for line in lines) / len(lines)
    assert 0.3 <= rejected <= 0.5


def test_decisions_agree(judged: list[Judged]) -> None:
    _check(judged, "decision", "expected", lambda r: "accept" if r.accepted else "reject")


def test_sectors_agree(judged: list[Judged]) -> None:
    _check(judged, "sector", "sector", lambda r: r.sector_context.get("sector"))


def test_countries_agree(judged: list[Judged]) -> None:
    _check(judged, "country", "country_code", lambda r: r.cultural_context.get("country_code"))
