"""The methodology (data/methodology/fr.json and en.json), loaded and checked.

The coach's words are data so that an advisor can improve them without
touching code. They are validated once, at first use, so that a typo in a data
file (a missing message, weights that do not add up, an unknown placeholder)
fails loudly in the tests instead of showing "{citty}" to a person.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from genesis.core.coach.types import Language
from genesis.core.steps import CoachingStepEnum
from genesis.core.taxonomy import SECTORS

PLACEHOLDERS: Final = frozenset(
    {
        "business",
        "sector",
        "city",
        "country",
        "currency",
        "activity",
        "clientele",
        "offer",
        "step_title",
        "other_step",
        "answer",
        "items",
        "amount",
        "count",
    }
)
_PLACEHOLDER: Final = re.compile(r"\{([^{}]*)\}")
# Rounding in hand-written weights ("0.35 + 0.35 + 0.3") must not fail the check.
_WEIGHT_TOLERANCE: Final = 0.01

# What a placeholder becomes when the session does not know it yet: a phrase
# that still reads naturally ("dans votre ville").
GENERIC: Final[dict[Language, dict[str, str]]] = {
    "fr": {
        "business": "votre entreprise",
        "sector": "votre secteur",
        "city": "votre ville",
        "country": "votre pays",
        "currency": "FCFA",
        "activity": "notre activité principale",
        "clientele": "nos clients",
        "offer": "notre produit phare",
        "step_title": "cette étape",
        "other_step": "une autre étape",
        "answer": "",
        "items": "",
        "amount": "",
        "count": "",
    },
    "en": {
        "business": "your business",
        "sector": "your sector",
        "city": "your city",
        "country": "your country",
        "currency": "USD",
        "activity": "our core activity",
        "clientele": "our customers",
        "offer": "our flagship product",
        "step_title": "this step",
        "other_step": "another",
        "answer": "",
        "items": "",
        "amount": "",
        "count": "",
    },
}


class _Model(BaseModel):
    # Unknown keys ("_about", notes for translators) are tolerated; missing ones are not.
    model_config = ConfigDict(frozen=True, extra="ignore")


class Criterion(_Model):
    id: str
    label: str
    follow_up: str
    weight: float = Field(gt=0, le=1)


class GuidingQuestion(_Model):
    question: str
    hint: str


class StepMethodology(_Model):
    title: str
    objective: str
    question: str
    guiding_questions: list[GuidingQuestion] = Field(min_length=2, max_length=3)
    criteria: list[Criterion] = Field(default_factory=list)
    reformulation: str = "{answer}"
    examples: dict[str, list[str]] = Field(default_factory=dict)
    proposal_templates: list[str] = Field(default_factory=list)

    @field_validator("criteria")
    @classmethod
    def _weights_sum_to_one(cls, criteria: list[Criterion]) -> list[Criterion]:
        if criteria and abs(sum(c.weight for c in criteria) - 1.0) > _WEIGHT_TOLERANCE:
            raise ValueError("criteria weights must sum to 1")
        return criteria

    @field_validator("examples")
    @classmethod
    def _known_sectors(cls, examples: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = set(examples) - set(SECTORS)
        if unknown:
            raise ValueError(f"examples for unknown sectors: {sorted(unknown)}")
        return examples

    @field_validator("reformulation")
    @classmethod
    def _quotes_the_answer(cls, reformulation: str) -> str:
        if "{answer}" not in reformulation:
            raise ValueError("reformulation must contain {answer}")
        return reformulation

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


class Messages(_Model):
    welcome: str
    welcome_no_name: str
    welcome_figures: str
    follow_up_intro: str
    dont_know: str
    too_short: str
    generic: str
    wrong_step: str
    gibberish: str
    off_topic: str
    other_language: str
    accepted_intro: str
    # When the answer needed no rewording: the coach does not claim to reformulate.
    accepted_as_said: str
    accepted_weak: str
    next_step_intro: str
    examples_intro: str
    synthesis_intro: str
    synthesis_to_improve_marker: str
    synthesis_confirm_question: str
    synthesis_revise_hint: str
    confirm_choice: str
    revise_choice: str
    coaching_complete: str
    revise_reopened: str
    covered: str
    to_strengthen: str
    # The finances step: what follows a reply, the estimates offered, the summary.
    finance_noted: str
    finance_understood: str  # after a reply that gave several figures: {items}
    finance_from_revenue: str  # the price or the volume, once a monthly total is said
    finance_unclear: str
    finance_dont_know: str
    finance_estimated: str
    finance_choice: dict[str, str]
    finance_summary: dict[str, str]


class Methodology(_Model):
    language: Language
    sector_labels: dict[str, str]
    messages: Messages
    steps: dict[CoachingStepEnum, StepMethodology]

    @model_validator(mode="after")
    def _complete(self) -> Methodology:
        missing_steps = set(CoachingStepEnum) - set(self.steps)
        if missing_steps:
            raise ValueError(f"steps missing: {sorted(s.value for s in missing_steps)}")
        missing_labels = set(SECTORS) - set(self.sector_labels)
        if missing_labels:
            raise ValueError(f"sector_labels missing: {sorted(missing_labels)}")
        for name in sorted(_placeholders_in(self)):
            if name not in PLACEHOLDERS:
                raise ValueError(f"unknown placeholder {{{name}}}")
        return self

    def step(self, step: CoachingStepEnum) -> StepMethodology:
        return self.steps[step]

    def sector_label(self, sector: str | None) -> str | None:
        return self.sector_labels.get(sector) if sector else None


@cache
def methodology_for(language: Language) -> Methodology:
    """The methodology in ``language`` (read and validated once per process)."""
    text = (
        resources.files("genesis.core.coach")
        .joinpath(f"data/methodology/{language}.json")
        .read_text("utf-8")
    )
    methodology = Methodology.model_validate(json.loads(text))
    if methodology.language != language:
        raise ValueError(
            f"data/methodology/{language}.json declares language {methodology.language!r}"
        )
    return methodology


def fill(template: str, values: Mapping[str, str | None], language: Language) -> str:
    """``template`` with its placeholders replaced; never leaves a brace behind.

    A placeholder with no value gets the generic phrase of :data:`GENERIC`, an
    unknown one is dropped, and stray braces are removed.
    """
    generic = GENERIC[language]

    def replace(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        value = values.get(name)
        if value:
            return value
        return generic.get(name, "")

    if language == "fr":
        template = _ELIDABLE.sub(lambda m: _elide(m, values, generic), template)
    filled = _PLACEHOLDER.sub(replace, template).replace("{", "").replace("}", "")
    return _tidy(filled)


# "de" / "que" before a placeholder: elided when its value starts with a vowel sound
# ("l'offre d'Atelier Fatou", not "de Atelier Fatou").
_ELIDABLE: Final = re.compile(r"(?<![\w'])(de|que|De|Que|à|À) \{([^{}]*)\}")
_VOWELS: Final = frozenset("aeiouyàâäéèêëîïôöùûüœAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ")


def _elide(match: re.Match[str], values: Mapping[str, str | None], generic: dict[str, str]) -> str:
    """ "de {business}" before "Atelier Fatou" -> "d'Atelier Fatou"; before "Le Baobab"
    -> "du Baobab", "à Les Délices" -> "aux Délices": French contracts the article
    of a name as of any noun."""
    word, name = match.group(1), match.group(2).strip()
    value = values.get(name) or generic.get(name, "")
    article = _NAME_ARTICLE.match(value)
    if article and word.lower() in ("de", "à"):
        contracted = _CONTRACTIONS[(word.lower(), article.group(1).lower())]
        if word[0].isupper():
            contracted = contracted.capitalize()
        return f"{contracted} {value[article.end() :]}"
    if value[:1] in _VOWELS and word.lower() in ("de", "que"):
        return f"{word[:-1]}'{{{match.group(2)}}}"
    return match.group(0)


_NAME_ARTICLE: Final = re.compile(r"^(le|les)\s+(?=\S)", re.IGNORECASE)
_CONTRACTIONS: Final = {
    ("de", "le"): "du",
    ("de", "les"): "des",
    ("à", "le"): "au",
    ("à", "les"): "aux",
}


def _tidy(text: str) -> str:
    """Spaces left by an empty placeholder ("à  ,") are closed up."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +([,.;:!?)])", lambda m: _french_space(m.group(1)), text)
    return text.strip()


def _french_space(mark: str) -> str:
    # French typography keeps a space before ; : ! ? — keep one, drop it elsewhere.
    return f" {mark}" if mark in ";:!?" else mark


def _placeholders_in(methodology: Methodology) -> set[str]:
    texts: list[str] = [str(value) for value in methodology.messages.model_dump().values()]
    for step in methodology.steps.values():
        texts += [step.title, step.objective, step.question, step.reformulation]
        texts += [q.question for q in step.guiding_questions] + [
            q.hint for q in step.guiding_questions
        ]
        texts += [c.follow_up for c in step.criteria] + step.proposal_templates
        texts += [example for examples in step.examples.values() for example in examples]
    return {name.strip() for text in texts for name in _PLACEHOLDER.findall(text)}
