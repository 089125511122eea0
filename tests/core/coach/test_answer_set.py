"""The offline coach against a set of realistic answers (answers.jsonl).

Each line is one answer as a person would type it, with the decision, sector
and country a competent advisor expects. Decision, sector and country are
scored separately; each must agree on at least 95% of the lines. The answers
were written before the rules; the last 40 lines were kept aside while the
rules were tuned and only added afterwards.
"""

from __future__ import annotations

from typing import Any

import pytest

from genesis.core.steps import CoachingStepEnum
from genesis.core.taxonomy import SECTORS
from tests.core.coach.answer_sets import (
    MAIN_SET,
    Judged,
    check,
    country,
    decision,
    judge_all,
    load,
    sector,
)

MIN_AGREEMENT = 0.95


def _lines() -> list[dict[str, Any]]:
    return load(MAIN_SET)


@pytest.fixture(scope="module")
def judged() -> list[Judged]:
    # Judged once for the three agreement tests.
    return judge_all(load(MAIN_SET))


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
    check(judged, "decision", "expected", decision, MIN_AGREEMENT)


def test_sectors_agree(judged: list[Judged]) -> None:
    check(judged, "sector", "sector", sector, MIN_AGREEMENT)


def test_countries_agree(judged: list[Judged]) -> None:
    check(judged, "country", "country_code", country, MIN_AGREEMENT)
