"""How well the finances step reads a whole money answer given in one paragraph.

Each case is a paragraph and the figures it states (``expect``: ``None`` for a
figure it does not state). The paragraph is applied as the first reply of the
finances step, in the case's language and country (and so its currency), and
the draft's figures *given by the person* are compared with ``expect``:

- a stated figure is *read* when the draft holds it as given, within 1 %;
- a *false read* is a figure held as given that the text does not state, or
  states differently. Figures the coach derived (a volume from a monthly total
  and a price) or estimated are not "given" and are never false reads.

Units a day count 30 days a month, units a week 4.33 weeks; a monthly revenue
is a total the text states (takings a day are a total too, times 30). Own
funds are the person's own money (savings, own contribution); the loan amount
is every source that is lent, to be paid back (bank, microfinance, a tontine or
a relative who lends, a supplier's credit). A figure of zero ("no rent") counts
as no figure.

Pure: the caller reads the file (see ``scripts/evaluate_finances.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal

from genesis.core.coach import finances
from genesis.core.coach.places import start_context
from genesis.core.coach.types import CoachContext, Language
from genesis.core.steps import DEFAULT_PLAN, CoachingStepEnum

FIELDS: Final = (
    "price",
    "units_per_month",
    "monthly_revenue",
    "unit_cost",
    "fixed_costs_monthly_total",
    "investments_total",
    "own_funds",
    "loan_amount",
)
TOLERANCE: Final = Decimal("0.01")
Miss = Literal["not_read", "wrong_value", "invented"]


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    language: Language
    country: str
    text: str
    expect: Mapping[str, Decimal | None]


def case_of(line: Mapping[str, Any]) -> Case:
    """One line of a paragraph set, checked: a bad line fails loudly, with its id."""
    ident = str(line.get("id", "?"))
    language = line.get("language")
    if language not in ("fr", "en"):
        raise ValueError(f"{ident}: language must be 'fr' or 'en'")
    expect = line.get("expect")
    if not isinstance(expect, dict) or set(expect) - set(FIELDS):
        raise ValueError(f"{ident}: expect must hold only {', '.join(FIELDS)}")
    values = {key: None if expect.get(key) is None else Decimal(str(expect[key])) for key in FIELDS}
    return Case(ident, language, str(line.get("country") or ""), str(line["text"]), values)


def context_of(case: Case) -> CoachContext:
    """The finances step of a new session in the case's language and country, the
    paragraph its first reply (no offer with a price before it)."""
    return CoachContext(
        language=case.language,
        plan=DEFAULT_PLAN,
        step=CoachingStepEnum.FINANCES,
        cultural_context=start_context(case.language, case.country, ""),
        step_replies=(case.text,),
    )


def figures(draft: finances.Draft) -> dict[str, Decimal | None]:
    """The draft's figures the person gave (derived and estimated ones are left out)."""
    return {key: value if value else None for key, value in finances.given_figures(draft).items()}


@dataclass(slots=True)
class Scores:
    cases: int = 0
    stated: Counter[str] = field(default_factory=Counter)
    read: Counter[str] = field(default_factory=Counter)
    false_reads: Counter[str] = field(default_factory=Counter)
    misses: Counter[tuple[str, Miss]] = field(default_factory=Counter)
    fully_right: int = 0
    by_language: Counter[str] = field(default_factory=Counter)
    right_by_language: Counter[str] = field(default_factory=Counter)

    def recall(self, key: str) -> float | None:
        return self.read[key] / self.stated[key] if self.stated[key] else None

    @property
    def overall_recall(self) -> float | None:
        stated = sum(self.stated.values())
        return sum(self.read.values()) / stated if stated else None

    @property
    def fully_right_share(self) -> float | None:
        return self.fully_right / self.cases if self.cases else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "fully_right": self.fully_right_share,
            "figures_read": self.overall_recall,
            "false_reads_total": sum(self.false_reads.values()),
            "fields": {
                key: {
                    "stated": self.stated[key],
                    "read": self.recall(key),
                    "false_reads": self.false_reads[key],
                }
                for key in FIELDS
            },
            "fully_right_by_language": {
                language: self.right_by_language[language] / count
                for language, count in sorted(self.by_language.items())
            },
            "misses": {f"{key}/{kind}": n for (key, kind), n in sorted(self.misses.items())},
        }


def _close(read: Decimal, expected: Decimal) -> bool:
    return abs(read - expected) <= TOLERANCE * abs(expected)


def judge(case: Case) -> dict[str, Miss | None]:
    """Each field's miss for one case (None when right)."""
    read = figures(finances.draft_of(context_of(case)))
    out: dict[str, Miss | None] = {}
    for key in FIELDS:
        expected, got = case.expect[key], read[key]
        if expected is None:
            out[key] = "invented" if got is not None else None
        elif got is None:
            out[key] = "not_read"
        else:
            out[key] = None if _close(got, expected) else "wrong_value"
    return out


def score(cases: Iterable[Case]) -> Scores:
    scores = Scores()
    for case in cases:
        judged = judge(case)
        scores.cases += 1
        scores.by_language[case.language] += 1
        for key, miss in judged.items():
            stated = case.expect[key] is not None
            scores.stated[key] += stated
            scores.read[key] += stated and miss is None
            if miss in ("invented", "wrong_value"):
                scores.false_reads[key] += 1
            if miss is not None:
                scores.misses[key, miss] += 1
        if not any(judged.values()):
            scores.fully_right += 1
            scores.right_by_language[case.language] += 1
    return scores
