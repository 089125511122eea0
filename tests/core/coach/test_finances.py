"""The coached finances step: plain questions, amounts as people write them, no loop."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from genesis.core.coach import finances
from genesis.core.coach.methodology import methodology_for
from genesis.core.coach.offline import OfflineCoach
from genesis.core.coach.places import start_context
from genesis.core.coach.types import CoachContext, Language, Reply
from genesis.core.finance.amounts import parse_amount
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
    # The monthly growth said lasts a year, then sales level off (not 36 months compounded).
    assert assumptions.monthly_growth_pct > 0
    assert assumptions.growth_months == finances.GROWTH_MONTHS == 12
    revenue = [month.revenue for month in plan.monthly]
    assert revenue[11] > revenue[0]
    assert revenue[12] == revenue[35]
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


# ------------------------------------------------------------ one paragraph

KENYA = {"country_code": "KE", "currency": "KES", "city": "Nairobi"}
TAILOR = (
    "Monthly sales around KSh 180,000. Rent KSh 25,000, two tailors at 15,000 each, "
    "power 4,000. I need a second machine for 45,000 and thread and fabric for 30,000. "
    "I have 50,000 saved and my chama will lend 40,000."
)


def kenyan(replies: list[str]) -> CoachContext:
    offer = {**ANSWERS["en"], "offre": "Tailored dresses and school uniforms."}
    return ctx("en", replies, answers=offer, cultural_context=KENYA)


def test_a_whole_money_paragraph_fills_every_item_it_speaks_of() -> None:
    draft = finances.draft_of(kenyan([TAILOR]))
    assert draft.revenue == Decimal(180000)
    assert draft.fixed_costs == {
        "rent": Decimal(25000),
        "salaries": Decimal(30000),
        "electricity": Decimal(4000),
    }
    assert [amount for _, amount, _ in draft.investments or []] == [Decimal(45000), Decimal(30000)]
    own, chama = draft.financing or []
    assert (own.kind, own.amount, own.lent) == ("own_savings", Decimal(50000), False)
    assert (chama.kind, chama.amount, chama.lent) == ("tontine", Decimal(40000), True)
    # Nothing it did not say is filled: the price is asked next.
    assert draft.missing() == "price"
    figures = finances.given_figures(draft)
    assert figures["price"] is None
    assert figures["units_per_month"] is None
    assert figures["unit_cost"] is None


async def test_after_a_sales_total_the_coach_asks_only_the_price_or_the_volume() -> None:
    reply = await coach.answer(kenyan([]), TAILOR)
    assert not reply.accepted
    assert "180,000" in reply.message  # what was understood, said back
    assert "Ksh\xa0180,000.00 a month. What is the price of one unit" in reply.message
    assert reply.missing_criteria == ["price", "volume", "unit_cost"]


@pytest.mark.parametrize(
    ("second", "price", "units", "derived", "key"),
    [
        ("about 1,500 a dress", Decimal(1500), Decimal(120), "volume", "units_per_month"),
        ("around 90 dresses a month", Decimal(2000), Decimal(90), "price", "products.0.unit_price"),
    ],
)
def test_a_sales_total_with_a_price_gives_the_volume_and_the_other_way(
    second: str, price: Decimal, units: Decimal, derived: str, key: str
) -> None:
    draft = finances.draft_of(kenyan([TAILOR, second]))
    assert (draft.price, draft.units) == (price, units)
    assert draft.origins[derived] == "derived"  # worked out, not an estimate
    notes = {note.key: note for note in finances.assumptions_of(draft).notes}
    assert notes[key].origin == "given"
    assert "worked out" in (notes[key].note or "")
    # What was worked out is not counted as said.
    said = finances.given_figures(draft)
    assert said["units_per_month" if derived == "volume" else "price"] is None


async def test_a_paragraph_without_the_price_never_loops() -> None:
    replies = [TAILOR, "hmm", "no idea really", "600", "nothing"]
    out = await run_kenyan(replies)
    # The price is asked twice at most, then a typical value stands in and the
    # volume is worked out from it: an estimate, never "given".
    draft = finances.draft_of(kenyan(replies[:3]))
    assert draft.origins["price"] == "estimate"
    assert draft.origins["volume"] == "estimate"
    assert not out[1].accepted
    assert not out[2].accepted
    assert out[-1].accepted
    assert out[-1].to_improve


async def run_kenyan(replies: list[str]) -> list[Reply]:
    return [await coach.answer(kenyan(replies[:i]), text) for i, text in enumerate(replies)]


def test_a_phone_style_french_paragraph_is_read_whole() -> None:
    text = (
        "je vends le garba a 500f l'assiette, 100 par jour. ca me revient a 300f. "
        "loyer 25 000/mois, 2 aides a 20 000 chacune. il faut acheter tables et chaises "
        "75 000. j'ai 50 000 de cote, ma tontine me prete 25 000 sur 6 mois"
    )
    draft = finances.draft_of(ctx("fr", [text], answers={}, cultural_context=PLACES["fr"]))
    assert draft.missing() is None
    assert (draft.price, draft.units, draft.unit_cost) == (
        Decimal(500),
        Decimal(3000),
        Decimal(300),
    )
    assert sum((draft.fixed_costs or {}).values()) == Decimal(65000)
    assumptions = finances.assumptions_of(draft)
    loan = next(f for f in assumptions.financing if f.kind == "tontine")
    assert (loan.amount, loan.duration_months, loan.is_loan) == (Decimal(25000), 6, True)
    plan = build_plan(assumptions)
    assert plan.startup.total_uses == plan.startup.total_sources


@pytest.mark.parametrize(
    ("language", "text", "field", "value"),
    [
        # wages: a count times a pay
        ("en", "Rent 30k a month, 2 staff at 40k each.", "fixed_costs_monthly_total", 110000),
        ("fr", "Loyer 60 000, salaires 3 x 50 000, courant 20 000.",
         "fixed_costs_monthly_total", 230000),
        ("fr", "Charges mensuelles : loyer 900, 2 employés à 700 chacun.",
         "fixed_costs_monthly_total", 2300),
        # k, M, mille, million
        ("en", "I need a freezer for 1.2M and shelves for 300k.", "investments_total", 1500000),
        ("fr", "Il me faut un four à 2,5 millions et une vitrine à 400 mille.",
         "investments_total", 2900000),
        # flows by the day, the week, the month
        ("en", "I sell 40 plates a day.", "units_per_month", 1200),
        ("fr", "Je vends 150 poulets par semaine.", "units_per_month", "649.5"),
        ("en", "We wash 25 cars a day, six days a week.", "units_per_month", "649.5"),
        ("en", "Turnover R85,000 p.m.", "monthly_revenue", 85000),
        ("fr", "CA : environ 450 000 F/mois.", "monthly_revenue", 450000),
        ("fr", "Je fais 25 000 F de recette par jour.", "monthly_revenue", 750000),
        # a total said with its parts counts once
        ("fr", "Il me faut 1,2 million pour démarrer : une moto à 750 000 et le stock à 450 000.",
         "investments_total", 1200000),
        # Pidgin, Nouchi, Sheng around the figures
        ("en", "Omo I dey sell puff-puff 50 naira each, na like 600 pieces every day.",
         "price", 50),
        ("fr", "Djo mon maquis là fait 1,8 million de chiffre chaque mois.",
         "monthly_revenue", 1800000),
        ("en", "Niko na 30k nimesave, chama itanilend 20k.", "loan_amount", 20000),
        ("en", "Niko na 30k nimesave, chama itanilend 20k.", "own_funds", 30000),
        # ranges and amounts in words
        ("en", "We wash between 30 and 40 cars a day.", "units_per_month", 1050),
        ("fr", "Mon maquis fait entre 40 000 et 60 000 F par jour.", "monthly_revenue", 1500000),
        ("en", "Monthly turnover of about half a million naira.", "monthly_revenue", 500000),
        ("fr", "J'ai cent cinquante mille francs.", "own_funds", 150000),
        # who pays: own money, a loan, a supplier's credit
        ("fr", "J'ai 1 million et un fournisseur me fait crédit de 950 000.",
         "loan_amount", 950000),
        ("en", "I have K15,000 and a loan of K13,000 at 4% per month for 12 months.",
         "own_funds", 15000),
    ],
)  # fmt: skip
def test_the_forms_people_write_money_in(
    language: Language, text: str, field: str, value: object
) -> None:
    place = PLACES[language]
    draft = finances.draft_of(ctx(language, [text], answers={}, cultural_context=place))
    assert finances.given_figures(draft)[field] == Decimal(str(value))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "My profit is about 50,000 a month."),  # a profit is no sales total
        ("fr", "Mon bénéfice est de 150 000 F par mois."),
        ("en", "I will repay the bank 50k a month."),  # an instalment is no loan
        ("en", "My brother will give me 200k."),  # a gift: neither own money nor a loan
        ("fr", "Ma famille m'aide avec 100 000."),
    ],
)
def test_figures_that_are_no_input_are_not_filled_as_given(language: Language, text: str) -> None:
    draft = finances.draft_of(ctx(language, [text], answers={}, cultural_context=PLACES[language]))
    figures = finances.given_figures(draft)
    assert not figures["monthly_revenue"]
    assert not figures["fixed_costs_monthly_total"]
    assert not figures["own_funds"]
    assert not figures["loan_amount"]
    assert not figures["price"]


def test_a_lone_figure_in_a_short_reply_answers_the_question_asked() -> None:
    draft = finances.draft_of(ctx("fr", [], answers={}, cultural_context=PLACES["fr"]))
    assert finances.apply(draft, "2 500 ; 300 par mois") == "filled"
    assert (draft.price, draft.units) == (Decimal(2500), Decimal(300))


# Replies a trial run typed as a new user would (Abidjan, Nairobi, Lagos).
TRIAL_REPLIES = [
    (
        "fr",
        "CI",
        "Loyer de l'atelier 120 000, salaires des 8 femmes 480 000, électricité et gaz "
        "60 000, carburant du tricycle 45 000, téléphone 10 000",
        {"fixed": 715_000, "salaries": 480_000},
    ),
    (
        "en",
        "KE",
        "ok so kwa mwezi i sell like 90k total, rent ya stall ni 6000 per month, i pay my "
        "2 helpers 8k each kwa mwezi, to start i need to buy 3 bales at 25k each na sewing "
        "machine 35k, i have savings 40k na chama loan 60k at 10% for 12 months",
        {"fixed": 22_000, "salaries": 16_000, "revenue": 90_000, "purchases": 110_000},
    ),
    (
        "en",
        "NG",
        "Office space in Yaba N250,000 a month, 10 riders on N120,000 each, 2 dispatch staff "
        "N150,000 each, data and phones N60,000, bike maintenance N200,000. To start: 10 "
        "motorbikes at N1.2m each, helmets N300,000.",
        {"fixed": 2_010_000, "salaries": 1_500_000, "purchases": 12_300_000},
    ),
]


@pytest.mark.parametrize(("language", "country", "text", "expected"), TRIAL_REPLIES)
def test_a_trial_runs_one_paragraph_replies_are_read_as_said(
    language: Language, country: str, text: str, expected: dict[str, int]
) -> None:
    ctx = CoachContext(
        language=language,
        plan=DEFAULT_PLAN,
        step=S.FINANCES,
        cultural_context=start_context(language, country, ""),
        step_replies=(text,),
    )
    draft = finances.draft_of(ctx)
    fixed = draft.fixed_costs or {}
    assert sum(fixed.values()) == expected["fixed"]
    assert fixed.get("salaries") == expected["salaries"]  # a count is no sum of money
    if "revenue" in expected:
        assert draft.revenue == expected["revenue"]
    if "purchases" in expected:
        bought = sum((amount for _, amount, _ in draft.investments or []), draft.opening_stock)
        assert bought == expected["purchases"]
        labels = [label for label, _, _ in draft.investments or []]
        assert not any(word in label.lower() for label in labels for word in ("each", "buy"))
    if country == "KE":  # savings are the person's own; the chama lends at its terms
        assert [(s.kind, s.amount, s.lent, s.rate, s.months) for s in draft.financing or []] == [
            ("own_savings", 40_000, False, None, None),
            ("tontine", 60_000, True, 10, 12),
        ]


@pytest.mark.parametrize(
    ("language", "text", "monthly"),
    [
        ("fr", "300 plats par mois, +5 % par mois", Decimal(5)),
        ("en", "about 40 bottles a day, growing 10% a month", Decimal(10)),
        ("en", "about 40 bottles a day, growing 12% a year", Decimal(1)),
        ("fr", "600 plats par mois avec une croissance de 24 % par an", Decimal(2)),
    ],
)
def test_the_growth_said_with_the_volume_is_kept_by_the_month(
    language: Language, text: str, monthly: Decimal
) -> None:
    draft = finances.draft_of(dataclasses.replace(ctx(language, [text]), answers={}))
    assert draft.origins.get("volume") == "given"
    assert draft.growth_pct == monthly


def test_typical_unit_costs_are_shares_of_the_price_said() -> None:
    base = ctx("en", ["Each delivery is N2,300", "about 900 deliveries a month"])
    delivery = dataclasses.replace(
        base,
        answers={},
        cultural_context=start_context("en", "NG", ""),
        sector_context={"sector": "transport"},
    )
    draft = finances.draft_of(delivery)
    assert (draft.price, draft.missing()) == (2300, "unit_cost")
    proposed = [
        parse_amount(text.split(" per ")[0], language="en")
        for text in finances.choices(draft, "unit_cost")
    ]
    amounts = [found.value for found in proposed if found is not None]
    assert len(amounts) == 3
    assert amounts == sorted(amounts)
    assert all(0 < amount < 2300 for amount in amounts)  # never above what a sale brings
