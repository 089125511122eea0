"""The coached finances step: plain questions, amounts as people write them, no loop."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from genesis.core.coach import finances
from genesis.core.coach.methodology import methodology_for
from genesis.core.coach.offline import OfflineCoach
from genesis.core.coach.types import CoachContext, Language, Reply
from genesis.core.finance.model import Assumptions
from genesis.core.finance.plan import build_plan
from genesis.core.steps import DEFAULT_PLAN, CoachingStepEnum

S = CoachingStepEnum
coach = OfflineCoach()
ANSWERS = {
    "fr": {
        "vision": "Devenir d'ici 2030 le traiteur de référence à Dakar.",
        "mission": "Nous livrons des repas sains aux employés de bureau de Dakar.",
        "clientele": "Les employés de bureau du Plateau qui n'ont pas le temps de cuisiner.",
        "differentiation": "Nous livrons en 20 minutes, les gargotes en une heure.",
        "offre": "Un menu du jour à 2 500 FCFA, commandé sur WhatsApp.",
    },
    "en": {
        "vision": "By 2030, 5 juice kiosks in Accra.",
        "mission": "We press fresh juice for office workers in Accra.",
        "clientele": "Office workers in Osu who want a healthy drink.",
        "differentiation": "The only cold-pressed juice in Osu.",
        "offre": "Fresh juice bottles delivered to offices.",
    },
}
PLACES = {
    "fr": {"country_code": "SN", "currency": "XOF", "city": "Dakar"},
    "en": {"country_code": "GH", "currency": "GHS", "city": "Accra"},
}
FULL_REPLIES = {
    "fr": [
        "300 plats par mois, +5 % par mois",
        "la moitié du prix",
        "loyer 75 000, salaires 2 x 60 000, électricité 25 000",
        "un frigo 450 000 qui dure 5 ans, une moto 600 000 pour 4 ans, premier stock 150 000",
        "épargne 500 000 et microfinance 1 million à 24 % sur 18 mois",
    ],
    "en": [
        "15 cedis a bottle",
        "about 40 bottles a day, growing 10% a month",
        "5 cedis",
        "rent 800, 2 workers at 1,200 each, power 300 and transport 200",
        "a juicer 6,000 cedis lasting 3 years and a fridge 4500",
        "my savings 5k and a loan from the bank 10,000 at 28% for 2 years",
    ],
}


def ctx(language: Language, replies: list[str], **changes: object) -> CoachContext:
    base = CoachContext(
        language=language,
        plan=DEFAULT_PLAN,
        step=S.FINANCES,
        answers=ANSWERS[language],
        cultural_context=PLACES[language],
        sector_context={"sector": "restaurant"},
        business_name="Chez Awa",
        step_replies=tuple(replies),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


async def run(language: Language, replies: list[str], **changes: object) -> list[Reply]:
    """Every reply of a run, as the service would ask them one after another."""
    out = []
    for index, text in enumerate(replies):
        out.append(await coach.answer(ctx(language, replies[:index], **changes), text))
    return out


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_a_full_answerer_is_asked_at_most_six_questions(language: Language) -> None:
    replies = await run(language, FULL_REPLIES[language])
    assert [r.accepted for r in replies] == [False] * (len(replies) - 1) + [True]
    assert len(replies) <= 6  # the first question comes with the step, one per item after
    done = replies[-1]
    assert done.structured is not None
    assumptions = Assumptions.model_validate(done.structured)
    assert all(note.origin != "estimate" for note in assumptions.notes if "." not in note.key)
    plan = build_plan(assumptions)
    assert plan.startup.total_uses == plan.startup.total_sources
    intro = methodology_for(language).messages.synthesis_intro
    assert intro[:20] in done.message  # the summary comes next


async def test_the_price_in_the_offer_is_not_asked_again() -> None:
    prompt = await coach.prompt(ctx("fr", []))
    volume = methodology_for("fr").step(S.FINANCES).criterion("volume")
    assert volume is not None
    assert volume.follow_up[:30] in prompt.message
    replies = await run("fr", FULL_REPLIES["fr"])
    assert len(replies) == 5
    assumptions = Assumptions.model_validate(replies[-1].structured)
    assert assumptions.products[0].unit_price == Decimal(2500)
    assert assumptions.products[0].unit_cost == Decimal(1250)
    assert assumptions.fixed_costs.salaries == Decimal(120000)
    assert assumptions.opening_stock == Decimal(150000)
    assert [i.lifetime_years for i in assumptions.investments] == [5, 4]
    loan = assumptions.financing[1]
    assert (loan.kind, loan.amount, loan.annual_rate_pct, loan.duration_months) == (
        "microfinance",
        Decimal(1000000),
        Decimal(24),
        18,
    )


async def test_an_unclear_amount_gets_one_follow_up_then_an_estimate() -> None:
    first, second = await run("fr", ["beaucoup", "pas mal"])
    messages = methodology_for("fr").messages
    assert not first.accepted
    assert messages.finance_unclear[:25] in first.message
    assert not second.accepted
    assert messages.finance_estimated[:25] in second.message
    # The estimate stood in: the next question is the next item.
    unit_cost = methodology_for("fr").step(S.FINANCES).criterion("unit_cost")
    assert unit_cost is not None
    assert unit_cost.follow_up[:30] in second.message


async def test_i_dont_know_offers_typical_values_labelled_as_estimates() -> None:
    (reply,) = await run("en", ["I don't know"])
    assert not reply.accepted
    assert len(reply.examples) == 3
    assert all(example.endswith("(estimate)") for example in reply.examples)
    picked = reply.examples[1]
    after = await coach.answer(ctx("en", ["I don't know"]), picked)
    draft = finances.draft_of(ctx("en", ["I don't know", picked]))
    assert draft.price is not None
    assert draft.origins["price"] == "estimate"
    assert not after.accepted  # on to the next question


async def test_move_on_completes_the_step_with_estimates_marked_to_improve() -> None:
    reply = await coach.answer(ctx("fr", []), "300 par mois", force=True)
    assert reply.accepted
    assert reply.to_improve
    assumptions = Assumptions.model_validate(reply.structured)
    origins = {note.key: note.origin for note in assumptions.notes}
    assert origins["units_per_month"] == "given"
    assert origins["fixed_costs"] == "estimate"


async def test_figures_the_coach_had_to_estimate_leave_the_step_to_improve() -> None:
    # Two unreadable replies: the coach takes an estimate and moves on; the rest given.
    replies = await run("fr", ["beaucoup", "pas mal", *FULL_REPLIES["fr"][1:]])
    done = replies[-1]
    assert done.accepted
    assert done.to_improve
    assert done.confidence < 1
    given = await run("fr", FULL_REPLIES["fr"])
    assert not given[-1].to_improve  # every figure given: nothing to come back to


async def test_the_draft_is_the_same_whenever_it_is_replayed() -> None:
    replies = FULL_REPLIES["en"][:4]
    first = finances.draft_of(ctx("en", replies))
    again = finances.draft_of(ctx("en", list(replies)))
    assert first == again
    assert first.missing() == "investments"


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("300 par mois", Decimal(300)),
        ("environ 20 par jour", Decimal(600)),  # 30 days a month
        ("50 a week", Decimal("216.5")),  # 4.33 weeks a month
        ("1 200 clients par mois", Decimal(1200)),
    ],
)
def test_sales_per_month_in_the_forms_people_use(text: str, units: Decimal) -> None:
    draft = finances.draft_of(ctx("fr", []))
    assert finances.apply(draft, text) == "filled"
    assert draft.units == units


def test_nothing_is_an_answer_for_costs_and_purchases() -> None:
    draft = finances.draft_of(ctx("fr", ["300 par mois", "1000"]))
    assert finances.apply(draft, "rien") == "filled"
    assert draft.fixed_costs == {}
    assert finances.apply(draft, "aucun") == "filled"
    assert draft.investments == []
