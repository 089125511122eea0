"""Assemble the business brief from the coaching answers and the agents' results.

The brief's content (``BriefContent.model_dump(mode="json")``) is what the API
returns and the exports read:

- the seed's fields: ``business_name``, ``vision``, ``mission``,
  ``target_audience`` (the clientele answer), ``differentiation``, each the
  person's answer as the business says it (one voice, no lead-in:
  :mod:`genesis.core.agents.voice`), ``value_proposition`` (the content
  agent's, else the offer), ``sector`` (a
  taxonomy id), ``location`` ("City, Country"); plus ``offer``,
  ``sector_label``, ``city``, ``country``, ``country_code`` and ``language``;
- the agents' results under their names (``market_research`` ...), each
  ``{status, data, error, duration_ms}``, ``data`` read into the agent's model
  (:mod:`genesis.core.agents.results`); an agent with no result is "failed",
  a section a stored brief lacks is None;
- ``overall_confidence`` and ``brief_completeness`` in [0, 1], with
  ``placeholders`` (what the person still has to fill in), ``warnings`` (why
  the scores are not higher) and ``generated_from`` (the answers used).

The scores are honest by construction. Confidence is how far the agents' output
can be trusted: an agent counts 1 when ok, 0.6 when a provider failed and the
offline path stood in, 0 when failed; missing answers, weak answers (the
coach's scores, steps accepted "to improve") and an unknown country scale it
down. The answers counted are the five of every session and, when the
session's plan has it, the finances step (:func:`answer_steps`): a financial
plan built on estimates lowers the confidence like any weak answer.
Completeness is how much of a publishable brief is really there: answers
given (one to improve counts half), agents done, country known, a business
name, and a deduction per placeholder, so a brief with placeholder contact
details never reaches 1.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from genesis.core.agents import voice
from genesis.core.agents.facts import ANSWER_KEYS, read_facts
from genesis.core.agents.results import (
    AgentSection,
    CopySection,
    Lenient,
    Lines,
    Logo,
    LogoSection,
    MarketResearch,
    MarketSection,
    PlanData,
    PlanSection,
    Seo,
    SeoSection,
    TemplateSection,
    WebsiteCopy,
    WebsiteTemplate,
    result_of,
)
from genesis.core.agents.types import (
    AGENT_NAMES,
    AgentInput,
    AgentResult,
    agents_for,
    is_done,
)
from genesis.core.coach.types import Language

# The seed's fields of a brief, each a column of BusinessBrief as well as a key here.
SEED_FIELDS: tuple[str, ...] = (
    "business_name",
    "vision",
    "mission",
    "target_audience",
    "differentiation",
    "value_proposition",
    "sector",
    "location",
)
AGENT_SCORE: dict[str, float] = {"ok": 1.0, "fallback": 0.6, "failed": 0.0}
UNKNOWN_COUNTRY_FACTOR = 0.85
PLACEHOLDER_PENALTY = 0.02
# Weights of brief_completeness (they sum to 1).
W_ANSWERS, W_AGENTS, W_COUNTRY, W_NAME = 0.45, 0.35, 0.1, 0.1
WARNINGS = {
    "fr": {
        "fallback": "{agent} : le service externe a échoué, le résultat hors ligne est utilisé.",
        "failed": "{agent} : aucun résultat ({error}).",
        "missing": "Réponses manquantes : {steps}.",
        "to_improve": "Réponses à améliorer avant publication : {steps}.",
        "country": "Pays non identifié : pas de chiffres de marché.",
        "name": "Nom de l'entreprise à compléter.",
        "placeholders": "À compléter avant publication : {items}.",
    },
    "en": {
        "fallback": "{agent}: the external service failed; the offline result is used.",
        "failed": "{agent}: no result ({error}).",
        "missing": "Missing answers: {steps}.",
        "to_improve": "Answers to improve before publishing: {steps}.",
        "country": "Country not identified: no market figures.",
        "name": "Business name to fill in.",
        "placeholders": "To fill in before publishing: {items}.",
    },
}


# What the brief calls each agent and each placeholder, in its language: never a key.
AGENT_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "market_research": "Étude de marché",
        "content_generation": "Textes du site",
        "logo_creation": "Logo",
        "seo_optimization": "Référencement",
        "template_selection": "Modèle de site",
        "financial_plan": "Plan financier",
    },
    "en": {
        "market_research": "Market research",
        "content_generation": "Website copy",
        "logo_creation": "Logo",
        "seo_optimization": "Search optimisation",
        "template_selection": "Website template",
        "financial_plan": "Financial plan",
    },
}
PLACEHOLDER_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "business_name": "nom de l'entreprise",
        "contact.whatsapp": "numéro WhatsApp",
        "contact.phone": "téléphone",
        "contact.hours": "horaires",
        "contact.location": "adresse",
    },
    "en": {
        "business_name": "business name",
        "contact.whatsapp": "WhatsApp number",
        "contact.phone": "phone number",
        "contact.hours": "opening hours",
        "contact.location": "address",
    },
}
STEP_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "vision": "vision",
        "mission": "mission",
        "clientele": "clientèle",
        "differentiation": "différenciation",
        "offre": "offre",
        "finances": "finances",
    },
    "en": {
        "vision": "vision",
        "mission": "mission",
        "clientele": "customers",
        "differentiation": "differentiation",
        "offre": "offer",
        "finances": "figures",
    },
}


def label_of(table: dict[str, dict[str, str]], key: str, language: str) -> str:
    """A key's label in ``language`` (the key itself when it has none)."""
    return table["fr" if language == "fr" else "en"].get(key, key)


class BriefContent(Lenient):
    """The brief as it is stored and returned. Read leniently (:mod:`genesis.core.agents.results`):
    a brief stored by an older version, or hand-edited, reads with defaults where
    it lacks a field or holds one of the wrong type; an agent's section that is
    absent or not an object is None."""

    business_name: str | None = None
    vision: str | None = None
    mission: str | None = None
    target_audience: str | None = None
    differentiation: str | None = None
    value_proposition: str | None = None
    offer: str | None = None
    sector: str = ""
    sector_label: str = ""
    location: str | None = None
    city: str | None = None
    country: str | None = None
    country_code: str | None = None
    # A stored language other than these reads as French, the coach's first.
    language: Language = "fr"
    market_research: MarketSection | None = None
    content_generation: CopySection | None = None
    logo_creation: LogoSection | None = None
    seo_optimization: SeoSection | None = None
    template_selection: TemplateSection | None = None
    # Only for sessions whose plan has the finances step.
    financial_plan: PlanSection | None = None
    overall_confidence: float = Field(0.0, ge=0, le=1)
    brief_completeness: float = Field(0.0, ge=0, le=1)
    placeholders: Lines = Field(default_factory=list)
    warnings: Lines = Field(default_factory=list)
    generated_from: Lines = Field(default_factory=list)
    schema_version: int = 1

    # Each agent's data when it is done and left some, else None.
    @property
    def market_data(self) -> MarketResearch | None:
        return result_of(self.market_research)

    @property
    def copy_data(self) -> WebsiteCopy | None:
        return result_of(self.content_generation)

    @property
    def logo_data(self) -> Logo | None:
        return result_of(self.logo_creation)

    @property
    def seo_data(self) -> Seo | None:
        return result_of(self.seo_optimization)

    @property
    def template_data(self) -> WebsiteTemplate | None:
        return result_of(self.template_selection)

    @property
    def plan_data(self) -> PlanData | None:
        return result_of(self.financial_plan)

    def section(self, name: str) -> AgentSection[Any] | None:
        """The section of the agent called ``name`` (one of AGENT_NAMES)."""
        section: AgentSection[Any] | None = getattr(self, name) if name in AGENT_NAMES else None
        return section

    def agent_data(self, name: str) -> dict[str, Any]:
        """An agent's data as JSON, or {} when it is absent or has no result."""
        data = result_of(self.section(name))
        return data.model_dump(mode="json") if data is not None else {}


class Brief(BriefContent):
    """The brief as it is read back (the API's JSON, what the exports render): its
    content, with its session, that session's status and when it was made."""

    session_id: str = ""
    status: str = ""
    generated_at: str = ""


def assemble_brief(inp: AgentInput, results: dict[str, AgentResult]) -> BriefContent:
    facts = read_facts(inp)
    names = AGENT_NAMES if inp.finances is not None else agents_for(())
    sections = {name: _section(name, results.get(name)) for name in names}
    value = sections["content_generation"].data.value_proposition or None
    steps = answer_steps(inp)
    # The finances step is answered when its assumptions are there (kept since, or
    # corrected): the plan is made from them whatever its reply said.
    given = [key for key in steps if facts.answer(key) or key == FINANCES_STEP]
    weak = [key for key in given if key in inp.to_improve]
    placeholders = _placeholders(sections, named=facts.named)
    confidence, completeness = scores(
        statuses=[s.status for s in sections.values()],
        answers_given=len(given),
        answers_expected=len(steps),
        answers_to_improve=len(weak),
        answer_quality=_answer_quality(inp, given),
        country_known=facts.country_code is not None,
        named=facts.named,
        placeholders=len(placeholders),
    )
    return BriefContent(
        business_name=inp.business_name.strip() if inp.business_name else None,
        vision=_typeset(facts.said("vision", framed=False), facts.language),
        mission=_typeset(facts.said("mission", framed=False), facts.language),
        target_audience=_typeset(facts.said("clientele", framed=False), facts.language),
        differentiation=_typeset(facts.said("differentiation", framed=False), facts.language),
        value_proposition=value or _typeset(facts.said("offre", framed=False), facts.language),
        offer=_typeset(facts.said("offre", framed=False), facts.language),
        sector=facts.sector,
        sector_label=facts.sector_label,
        location=facts.place,
        city=facts.city,
        country=facts.country,
        country_code=facts.country_code,
        language=facts.language,
        **sections,
        overall_confidence=confidence,
        brief_completeness=completeness,
        placeholders=placeholders,
        warnings=_warnings(
            inp.language,
            sections,
            [k for k in steps if k not in given],
            weak,
            facts.country_code,
            placeholders,
        ),
        generated_from=given,
    )


FINANCES_STEP = "finances"


def answer_steps(inp: AgentInput) -> tuple[str, ...]:
    """The steps whose answers the brief stands on: the five of every session, and the
    finances step when the session's plan has it (its assumptions are then given)."""
    return (*ANSWER_KEYS, FINANCES_STEP) if inp.finances is not None else ANSWER_KEYS


def scores(
    *,
    statuses: list[str],
    answers_given: int,
    country_known: bool,
    named: bool,
    placeholders: int,
    answers_to_improve: int = 0,
    answer_quality: float = 1.0,
    answers_expected: int = len(ANSWER_KEYS),
) -> tuple[float, float]:
    """(overall_confidence, brief_completeness), both rounded to 2 decimals in [0, 1].

    ``answer_quality`` is the mean of the coach's scores of the answers given:
    agents working from vague answers produce a vague brief, however well they run.
    """
    agent_quality = sum(AGENT_SCORE.get(s, 0.0) for s in statuses) / max(len(statuses), 1)
    answered = (answers_given - 0.5 * answers_to_improve) / max(answers_expected, 1)
    confidence = agent_quality * (0.5 + 0.5 * answered) * (0.3 + 0.7 * answer_quality)
    if not country_known:
        confidence *= UNKNOWN_COUNTRY_FACTOR
    done = sum(1 for s in statuses if is_done(s)) / max(len(statuses), 1)
    completeness = (
        W_ANSWERS * answered
        + W_AGENTS * done
        + W_COUNTRY * (1 if country_known else 0)
        + W_NAME * (1 if named else 0)
        - PLACEHOLDER_PENALTY * placeholders
    )
    return _unit(confidence), _unit(completeness)


def _answer_quality(inp: AgentInput, given: list[str]) -> float:
    """Mean score of the answers given; 1.0 when the coach's scores are not known."""
    known = [inp.answer_scores[key] for key in given if key in inp.answer_scores]
    return sum(known) / len(known) if known else 1.0


# The section each agent's result is kept in.
SECTIONS: dict[str, type[AgentSection[Any]]] = {
    "market_research": MarketSection,
    "content_generation": CopySection,
    "logo_creation": LogoSection,
    "seo_optimization": SeoSection,
    "template_selection": TemplateSection,
    "financial_plan": PlanSection,
}


def _section(name: str, result: AgentResult | None) -> AgentSection[Any]:
    if result is None:
        return SECTIONS[name].model_validate({"error": "The agent has not run."})
    return SECTIONS[name].model_validate(result.model_dump())


# What a website needs that no agent can know: without the copy they are still missing.
CONTACT_PLACEHOLDERS = ["contact.whatsapp", "contact.phone", "contact.hours"]


def _placeholders(sections: dict[str, AgentSection[Any]], *, named: bool) -> list[str]:
    copy = sections["content_generation"]
    failed = copy.status == "failed"
    found = list(CONTACT_PLACEHOLDERS) if failed else list(copy.data.placeholders)
    if not named and "business_name" not in found:
        found.insert(0, "business_name")
    return found


def _warnings(
    language: str,
    sections: dict[str, AgentSection[Any]],
    missing: list[str],
    weak: list[str],
    country_code: str | None,
    placeholders: list[str],
) -> list[str]:
    text = WARNINGS[language]
    out = []
    for name, section in sections.items():
        agent = label_of(AGENT_LABELS, name, language)
        if section.status == "fallback":
            out.append(text["fallback"].format(agent=agent))
        elif section.status == "failed":
            out.append(text["failed"].format(agent=agent, error=section.error or "?"))

    def steps(keys: list[str]) -> str:
        return ", ".join(label_of(STEP_LABELS, key, language) for key in keys)

    if missing:
        out.append(text["missing"].format(steps=steps(missing)))
    if weak:
        out.append(text["to_improve"].format(steps=steps(weak)))
    if country_code is None:
        out.append(text["country"])
    if placeholders:
        items = ", ".join(label_of(PLACEHOLDER_LABELS, key, language) for key in placeholders)
        out.append(text["placeholders"].format(items=items))
    return out


def _typeset(statement: str, language: Language) -> str | None:
    return voice.typeset(statement, language) or None


def _unit(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 2)
