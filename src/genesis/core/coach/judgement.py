"""Whether an answer is good enough to move on: the evidence of an answer, weighed.

For each step, :func:`features` turns the :class:`~genesis.core.coach.evidence.Evidence`
of an answer into a few named numbers (what the step needs, positive; vagueness,
buzzwords, praise and signs of another step's answer, negative), and
:func:`probability` weighs them with a small logistic model per step. The
weights are learned offline from the labelled development set
(``scripts/train_coach.py`` writes ``data/judgement.json``; nothing is learned
or downloaded at run time), so the decision rests on evidence rather than on
one word being in a list, and can be retrained when the set grows.

:func:`met_criteria` says which of the step's criteria (the methodology's,
shown to the person and used to aim the follow-up) the evidence covers.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from genesis.core.coach import criteria
from genesis.core.coach.criteria import Reading
from genesis.core.coach.evidence import Evidence
from genesis.core.steps import CoachingStepEnum

S = CoachingStepEnum
# The steps whose answers are judged on evidence (the synthesis is a yes or a
# step to revise; the finances step gathers figures, see finances.py).
JUDGED_STEPS: Final = (S.VISION, S.MISSION, S.CLIENTELE, S.DIFFERENTIATION, S.OFFRE)
# Answers of this many meaningful words or more can be "long and empty".
LONG_WORDS: Final = 15
# A share of empty words above which a sentence says nothing concrete.
EMPTY_SHARE: Final = 0.5
ACCEPT_PROBABILITY: Final = 0.5


def _cap(value: int, top: int = 3) -> float:
    return min(value, top) / top


def _common(ev: Evidence, step: CoachingStepEnum) -> dict[str, float]:
    long = ev.words >= LONG_WORDS
    return {
        "log_words": math.log1p(ev.words) / 3,
        "short": float(ev.words < 4),
        "abstract": ev.abstract_share,
        "long_empty": ev.abstract_share if long else 0.0,
        "concrete_share": ev.concrete_share,
        "long_and_vague": (1 - ev.concrete_share) if long else 0.0,
        "buzz": _cap(ev.buzz),
        "praise": _cap(ev.praise),
        "question": float(ev.question),
        "other_step_label": float(ev.self_label not in (None, step.value)),
        "numbers": _cap(ev.numbers),
        "sector": float(ev.sector),
    }


def shapes(ev: Evidence) -> dict[str, float]:
    """How much the answer looks like the answer to each step, whatever was asked:
    a vision is in the future, a mission serves someone today, a clientele opens on
    a group, a differentiation compares, an offer has a price."""
    return {
        S.VISION.value: float(
            ev.aspiration or (ev.horizon and (ev.ambition or ev.quantity or ev.target_verb))
        ),
        S.MISSION.value: float(ev.activity_verb and ev.served),
        S.CLIENTELE.value: float(
            ev.head_group and (ev.relative or ev.need or ev.place) and not ev.activity_verb
        ),
        S.DIFFERENTIATION.value: float(ev.comparison + ev.implied + ev.comparative > 0),
        S.OFFRE.value: float(ev.money or (ev.amount and ev.price_model)),
    }


def other_step(step: CoachingStepEnum, ev: Evidence) -> CoachingStepEnum | None:
    """The step an answer seems to belong to instead of ``step``, if any: it says so
    ("Notre mission est..."), or it has another step's shape and not its own."""
    if ev.self_label is not None and ev.self_label != step.value:
        return CoachingStepEnum(ev.self_label)
    shape = shapes(ev)
    if shape[step.value]:
        return None
    return next((CoachingStepEnum(name) for name, found in shape.items() if found), None)


def is_generic(ev: Evidence) -> bool:
    """Praise, buzzwords or mostly empty words: what any business could say."""
    return ev.buzz > 0 or ev.praise > 0 or ev.abstract_share > EMPTY_SHARE


def features(step: CoachingStepEnum, ev: Evidence) -> dict[str, float]:
    """The named features of an answer to ``step`` (not the synthesis)."""
    base = _common(ev, step)
    shape = shapes(ev)
    base["own_shape"] = shape[step.value]
    base["other_shape"] = max(v for k, v in shape.items() if k != step.value)
    compares = ev.comparison + ev.implied > 0
    if step is S.VISION:
        specific = {
            "horizon": float(ev.horizon),
            "quantity": float(ev.quantity),
            "ambition": float(ev.ambition),
            "target_verb": float(ev.target_verb),
            "place": float(ev.place),
            "scope": float(ev.place or ev.scope_word),
            "group": float(ev.group),
            "amount": float(ev.amount),
            "today_activity": float(ev.activity_now and not ev.horizon),
            "aspiration": float(ev.aspiration),
            "price_list": float(ev.amount and not ev.horizon),
            "describes_customers": float(ev.relative and ev.group and not ev.horizon),
            "compares": float(compares and not ev.horizon),
        }
    elif step is S.MISSION:
        specific = {
            "activity_verb": float(ev.activity_verb),
            "activity_noun": float(ev.activity_noun),
            "served": float(ev.served),
            "head_group": float(ev.head_group),
            "b2b": float(ev.b2b),
            "vague_target": float(ev.vague_target),
            "vague_qualifier": float(ev.vague_qualifier),
            "method": float(ev.method or ev.channel),
            "future": float(ev.horizon),
            "compares": float(compares),
            "amount": float(ev.amount),
        }
    elif step is S.CLIENTELE:
        specific = {
            "group": float(ev.group),
            "b2b": float(ev.b2b),
            "vague_target": float(ev.vague_target),
            "vague_qualifier": float(ev.vague_qualifier),
            "place": float(ev.place),
            "where": float(ev.place or ev.place_word),
            "need": float(ev.need),
            "relative": float(ev.relative),
            "traits": float(ev.traits),
            "bulk": float(ev.bulk),
            "we_do": float(ev.activity_now and not ev.relative),
            "future": float(ev.horizon),
            "amount": float(ev.amount),
            "compares": float(compares),
        }
    elif step is S.DIFFERENTIATION:
        specific = {
            "comparison": _cap(ev.comparison),
            "implied": _cap(ev.implied),
            "contrast": _cap(ev.contrast),
            "comparative": _cap(ev.comparative),
            "concrete": _cap(ev.concrete),
            "value": float(ev.value),
            "activity_verb": float(ev.activity_verb),
            "future": float(ev.horizon and not compares),
            "price_list": float(ev.amount and not compares and not ev.comparative),
            "describes_customers": float(ev.relative and ev.group and not compares),
        }
    elif step is S.OFFRE:
        specific = {
            "money": float(ev.money),
            "amount": float(ev.amount),
            "price_model": float(ev.price_model),
            "product": float(ev.sector or ev.activity_noun),
            "channel": float(ev.channel),
            "future": float(ev.horizon and not ev.amount),
            "vague_target": float(ev.vague_target),
        }
    else:
        raise ValueError(f"no judgement for {step.value}")
    return {**base, **specific}


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic model per step: a bias and a weight per feature name."""

    bias: dict[str, float]
    weights: dict[str, dict[str, float]]


def probability(step: CoachingStepEnum, values: dict[str, float]) -> float:
    """How likely an advisor is to accept the answer, from its features."""
    model = _model()
    weights = model.weights[step.value]
    score = model.bias[step.value] + sum(weights.get(name, 0.0) * x for name, x in values.items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))


def met_criteria(step: CoachingStepEnum, ev: Evidence, reading: Reading) -> frozenset[str]:
    """The criteria of ``step`` that the answer covers, by its words or by its evidence."""
    met = set(criteria.met_criteria(step.value, reading))
    if ev.buzz or ev.abstract_share > EMPTY_SHARE:
        # Praise and buzzwords name criteria without meeting them.
        met &= _EVIDENCE_ONLY[step]
    specific_group = ev.group and not ev.vague_target
    if step is S.VISION:
        found = {
            "ambition": ev.ambition or ev.quantity or (ev.target_verb and ev.horizon),
            "scope": ev.place or ev.scope_word,
            "horizon": ev.horizon or ev.quantity,
            "beneficiaries": specific_group,
        }
    elif step is S.MISSION:
        served = (ev.served or ev.head_group) and not ev.vague_target
        found = {
            "activity": ev.activity_verb or ev.activity_noun,
            "target": served,
            "method": ev.method or ev.channel,
        }
        if not served:
            met.discard("target")
    elif step is S.CLIENTELE:
        found = {
            "segment": specific_group,
            "traits": ev.traits or (ev.b2b and specific_group),
            "place": ev.place or ev.place_word,
            "need": ev.need or (ev.relative and specific_group) or ev.bulk,
        }
        if not specific_group:
            met.discard("segment")
    elif step is S.DIFFERENTIATION:
        found = {
            "difference": ev.comparative > 0
            or ev.implied > 0
            or ev.concrete > 0
            or ev.contrast > 0,
            "competitors": ev.comparison > 0 or ev.implied > 0,
            "customer_value": ev.value,
        }
    elif step is S.OFFRE:
        found = {
            "product": ev.sector or ev.activity_noun,
            "price": ev.amount or ev.price_model,
            "channel": ev.channel,
        }
    else:
        return frozenset()
    return frozenset(met | {name for name, ok in found.items() if ok})


# Criteria that evidence of form can still show in an answer full of praise
# (a number of outlets, a place, a price), unlike those shown by words alone.
_EVIDENCE_ONLY: Final = {
    S.VISION: frozenset({"scope", "horizon"}),
    S.MISSION: frozenset({"method"}),
    S.CLIENTELE: frozenset({"place"}),
    S.DIFFERENTIATION: frozenset(),
    S.OFFRE: frozenset({"price", "channel"}),
}


@cache
def _model() -> Model:
    raw = json.loads(
        resources.files("genesis.core.coach").joinpath("data/judgement.json").read_text("utf-8")
    )
    steps = raw["steps"]
    return Model(
        bias={step: float(spec["bias"]) for step, spec in steps.items()},
        weights={
            step: {name: float(w) for name, w in spec["weights"].items()}
            for step, spec in steps.items()
        },
    )
