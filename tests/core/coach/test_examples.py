"""The examples shown under each question: the coach accepts its own examples, every
part of the continent finds some from home, and the closest come first."""

from __future__ import annotations

import dataclasses

from genesis.core.coach import offline
from genesis.core.coach.methodology import fill, methodology_for
from genesis.core.coach.offline import OfflineCoach
from genesis.core.coach.places import Subregion, detect_place, start_context
from genesis.core.coach.types import CoachContext, Language
from genesis.core.steps import DEFAULT_PLAN, CoachingStepEnum

S = CoachingStepEnum
coach = OfflineCoach()
# Every step whose examples come from the methodology files (the finances step
# computes its own from the person's sector and country).
STEPS_WITH_EXAMPLES = [step for step in S if methodology_for("en").step(step).examples]
# Where the people writing in each language live: every step and sector has an
# example from each of these parts of the continent (French: North Africa or the
# Indian Ocean islands, either one).
COVERAGE: dict[Language, list[frozenset[Subregion]]] = {
    "en": [frozenset({"east"}), frozenset({"west"}), frozenset({"southern"})],
    "fr": [
        frozenset({"west"}),
        frozenset({"central"}),
        frozenset({"north", "indian_ocean"}),
    ],
}
# The places an example with {city} or {country} is judged in, once filled.
FILLED_IN = {"fr": ("SN", "Dakar"), "en": ("NG", "Lagos")}


def _ctx(
    language: Language, step: CoachingStepEnum, sector: str, country: str, city: str
) -> CoachContext:
    base = CoachContext(language=language, plan=DEFAULT_PLAN, step=step)
    return dataclasses.replace(
        base,
        sector_context={"sector": sector},
        cultural_context=start_context(language, country, city),
    )


def _subregion(example: str) -> Subregion | None:
    place = detect_place(example)
    return place.country.subregion if place else None


async def test_the_ranking_is_stable_and_keeps_the_file_order_among_equals() -> None:
    step, sector = S.MISSION, "fashion"
    pool = methodology_for("en").step(step).examples[sector]
    ctx = _ctx("en", step, sector, "ZM", "Lusaka")
    first = await coach.prompt(ctx)
    again = await coach.prompt(ctx)
    assert first.examples == again.examples
    profile = offline._profile(ctx, "en")
    closeness = [offline._closeness(example, profile) for example in pool]
    expected = sorted(range(len(pool)), key=lambda index: (-closeness[index], index))
    shown = [fill(pool[index], profile.values, "en") for index in expected]
    assert first.examples == shown[: len(first.examples)]


def test_closeness_city_then_country_then_region_then_elsewhere() -> None:
    profile = offline._profile(_ctx("en", S.MISSION, "retail", "KE", "Nairobi"), "en")
    closeness = offline._closeness
    assert closeness("We sell shoes in Westlands, Nairobi.", profile) == 3
    assert closeness("We sell shoes in Mombasa.", profile) == 2
    assert closeness("We sell shoes in Kampala.", profile) == 1
    assert closeness("We sell shoes in Lagos.", profile) == 0
    assert closeness("We sell shoes to office workers.", profile) == 0
    # A placeholder will name the person's place: their country, when it is known.
    assert closeness("We sell shoes in {city}.", profile) == 2
    assert closeness("We sell shoes across {country}.", profile) == 2
    unknown = offline._profile(_ctx("en", S.MISSION, "retail", "", ""), "en")
    assert closeness("We sell shoes in {city}.", unknown) == 0
    assert closeness("We sell shoes in Kampala.", unknown) == 0
