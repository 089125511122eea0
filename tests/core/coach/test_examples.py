"""The examples shown under each question: the coach accepts its own examples, every
part of the continent finds some from home, and the closest come first."""

from __future__ import annotations

import dataclasses

import pytest

from genesis.core.coach import offline
from genesis.core.coach.judgement import JUDGED_STEPS
from genesis.core.coach.methodology import fill, methodology_for
from genesis.core.coach.offline import OfflineCoach, is_valid_answer
from genesis.core.coach.places import Subregion, detect_place, start_context
from genesis.core.coach.types import LANGUAGES, CoachContext, Language
from genesis.core.steps import DEFAULT_PLAN, CoachingStepEnum
from genesis.core.taxonomy import SECTORS

S = CoachingStepEnum
coach = OfflineCoach()
# Every step whose examples come from the methodology files (the finances step
# computes its own from the person's sector and country).
STEPS_WITH_EXAMPLES = [step for step in S if methodology_for("en").step(step).examples]
# Where the people writing in each language mostly live: every step and sector
# has an example from each of these parts of the continent.
COVERAGE: dict[Language, tuple[Subregion, ...]] = {
    "en": ("east", "west", "southern"),
    "fr": ("west", "central", "north", "indian_ocean"),
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coach_accepts_every_one_of_its_own_examples(language: Language) -> None:
    """An example is what a good answer looks like: the coach must never refuse one."""
    code, city = FILLED_IN[language]
    values = offline._profile(_ctx(language, S.VISION, "services", code, city), language).values
    refused = [
        (step.value, sector, example)
        for step in JUDGED_STEPS
        for sector, examples in methodology_for(language).step(step).examples.items()
        for example in examples
        if not is_valid_answer(step, fill(example, values, language), language)
    ]
    assert not refused


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_step_and_sector_has_examples_from_each_part_of_the_continent(
    language: Language,
) -> None:
    missing = []
    for step in STEPS_WITH_EXAMPLES:
        for sector in SECTORS:
            examples = methodology_for(language).step(step).examples[sector]
            found = {_subregion(example) for example in examples}
            missing += [
                (step.value, sector, wanted) for wanted in COVERAGE[language] if wanted not in found
            ]
    assert not missing


@pytest.mark.parametrize(
    ("language", "country", "city", "sectors"),
    [
        ("en", "KE", "Nairobi", ["fashion", "restaurant", "media"]),
        ("en", "ZM", "Lusaka", ["fashion", "agriculture", "health", "crafts"]),
        ("en", "GH", "Tamale", ["tourism", "energy"]),
        ("fr", "CD", "Kinshasa", ["fashion", "health", "transport"]),
        ("fr", "MA", "Casablanca", ["restaurant", "beauty", "services"]),
        ("fr", "SN", "Thiès", ["crafts", "finance"]),
        ("fr", "MG", "Antananarivo", ["agriculture", "beauty", "energy", "technology"]),
        ("fr", "KM", "Moroni", ["retail", "media"]),
    ],
)
async def test_a_person_first_sees_an_example_from_their_country_or_region(
    language: Language, country: str, city: str, sectors: list[str]
) -> None:
    home = offline._profile(_ctx(language, S.VISION, "services", country, city), language)
    assert home.country_code == country
    assert home.subregion is not None
    for sector in sectors:
        for step in JUDGED_STEPS:
            prompt = await coach.prompt(_ctx(language, step, sector, country, city))
            first = detect_place(prompt.examples[0])
            assert first is not None, (step, sector, prompt.examples)
            assert first.country.subregion == home.subregion, (step, sector, prompt.examples)


async def test_a_nairobi_fashion_entrepreneur_sees_kenya_first() -> None:
    for step in JUDGED_STEPS:
        prompt = await coach.prompt(_ctx("en", step, "fashion", "KE", "Nairobi"))
        first = detect_place(prompt.examples[0])
        assert first is not None
        assert first.country.subregion == "east", (step, prompt.examples)
    offre = await coach.prompt(_ctx("en", S.OFFRE, "fashion", "KE", "Nairobi"))
    assert "Nairobi" in offre.examples[0]


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
