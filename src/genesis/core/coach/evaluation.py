"""How well the offline coach agrees with a human advisor on a labelled answer set.

A set is JSON Lines, one answer per line, labelled as in
``tests/core/coach/LABELLING.md``: step, language, text, the advisor's decision
(``expected``: accept or reject), the sector and country the text points to,
and the answer's main trait (``category``). :func:`score` judges every answer
once, as the first answer of its step, and returns aggregate figures only:
the evaluation script shows the cases of the development set, never those of
the frozen test set.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from genesis.core.coach.offline import OfflineCoach
from genesis.core.coach.types import CoachContext, Reply
from genesis.core.steps import DEFAULT_PLAN, CoachingStepEnum


@dataclass(frozen=True, slots=True)
class Judged:
    line: dict[str, Any]
    reply: Reply

    @property
    def decision(self) -> str:
        return "accept" if self.reply.accepted else "reject"

    @property
    def sector(self) -> Any:
        return self.reply.sector_context.get("sector")

    @property
    def country(self) -> Any:
        return self.reply.cultural_context.get("country_code")

    @property
    def agrees(self) -> bool:
        return bool(self.decision == self.line["expected"])


@dataclass(slots=True)
class Scores:
    """Agreement figures; a share is None when the set has no line to measure it on."""

    answers: int = 0
    decision: float | None = None
    accept_recall: float | None = None  # good answers that move on
    clarify_recall: float | None = None  # weak answers that get a follow-up
    vision_sector: float | None = None
    vision_country: float | None = None
    by_step: dict[str, float] = field(default_factory=dict)
    by_language: dict[str, float] = field(default_factory=dict)
    # "step/category" -> how many answers of that kind the coach got wrong.
    decision_misses: dict[str, int] = field(default_factory=dict)
    sector_misses: int = 0
    country_misses: int = 0
    # "category/how" -> count, how being "none" (nothing found), "other" (another
    # one found) or "spurious" (one found where the advisor sees none).
    sector_miss_kinds: dict[str, int] = field(default_factory=dict)
    country_miss_kinds: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "decision": self.decision,
            "accept_recall": self.accept_recall,
            "clarify_recall": self.clarify_recall,
            "vision_sector": self.vision_sector,
            "vision_country": self.vision_country,
            "by_step": self.by_step,
            "by_language": self.by_language,
            "decision_misses": self.decision_misses,
            "sector_misses_on_vision": self.sector_misses,
            "country_misses_on_vision": self.country_misses,
            "sector_miss_kinds": self.sector_miss_kinds,
            "country_miss_kinds": self.country_miss_kinds,
        }


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def context(line: dict[str, Any]) -> CoachContext:
    """The context of a first answer to the line's step, in the line's language."""
    step = CoachingStepEnum(line["step"])
    answers: dict[str, str] = {}
    if step is CoachingStepEnum.SYNTHESIS:
        # The synthesis is only reached with every other step answered.
        answers = {s.value: "-" for s in DEFAULT_PLAN if s is not step}
    return CoachContext(
        language=line["language"], plan=DEFAULT_PLAN, step=step, answers=answers, retry_count=0
    )


def judge(lines: Iterable[dict[str, Any]]) -> list[Judged]:
    """Every line judged once (synchronous: callers may have no event loop)."""

    async def run(todo: list[dict[str, Any]]) -> list[Judged]:
        coach = OfflineCoach()
        return [Judged(line, await coach.answer(context(line), line["text"])) for line in todo]

    return asyncio.run(run(list(lines)))


def score(judged: list[Judged]) -> Scores:
    scores = Scores(answers=len(judged))
    if not judged:
        return scores
    scores.decision = _share(judged, lambda j: j.agrees)
    scores.accept_recall = _share(
        [j for j in judged if j.line["expected"] == "accept"], lambda j: j.agrees
    )
    scores.clarify_recall = _share(
        [j for j in judged if j.line["expected"] == "reject"], lambda j: j.agrees
    )
    visions = [j for j in judged if j.line["step"] == CoachingStepEnum.VISION.value]
    scores.vision_sector = _share(visions, lambda j: j.sector == j.line["sector"])
    scores.vision_country = _share(visions, lambda j: j.country == j.line["country_code"])
    scores.sector_misses = sum(j.sector != j.line["sector"] for j in visions)
    scores.country_misses = sum(j.country != j.line["country_code"] for j in visions)
    scores.sector_miss_kinds = _miss_kinds(visions, lambda j: (j.sector, j.line["sector"]))
    scores.country_miss_kinds = _miss_kinds(visions, lambda j: (j.country, j.line["country_code"]))
    for key, attribute in (("step", scores.by_step), ("language", scores.by_language)):
        for value in sorted({j.line[key] for j in judged}):
            share = _share([j for j in judged if j.line[key] == value], lambda j: j.agrees)
            if share is not None:
                attribute[value] = share
    misses = Counter(
        f"{j.line['step']}/{j.line.get('category') or '?'}" for j in judged if not j.agrees
    )
    scores.decision_misses = dict(misses.most_common())
    return scores


def _miss_kinds(items: list[Judged], found_and_expected: Any) -> dict[str, int]:
    kinds: Counter[str] = Counter()
    for item in items:
        found, expected = found_and_expected(item)
        if found == expected:
            continue
        how = "none" if found is None else "spurious" if expected is None else "other"
        kinds[f"{item.line.get('category') or '?'}/{how}"] += 1
    return dict(kinds.most_common())


def _share(items: list[Judged], test: Any) -> float | None:
    if not items:
        return None
    return round(sum(1 for item in items if test(item)) / len(items), 4)
