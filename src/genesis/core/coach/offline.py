"""The offline coach: judges answers with the methodology and lexicons.

No model and no network: an answer is read once (words, place, sector), its
step's criteria are checked (:mod:`genesis.core.coach.criteria`) and weighed
with the judgement's weights, and the reply is written from the methodology's
messages. Everything is plain CPU work of well under a millisecond, so the
methods are ``async`` only to fit the :class:`~genesis.core.coach.types.Coach`
protocol.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final, Literal

from genesis.core.agents import voice
from genesis.core.agents.text import fit
from genesis.core.coach import criteria, evidence, finances, judgement, tidy
from genesis.core.coach.criteria import Reading
from genesis.core.coach.evidence import Evidence
from genesis.core.coach.language import detect_language, speaks_neither
from genesis.core.coach.methodology import (
    Criterion,
    Messages,
    Methodology,
    StepMethodology,
    fill,
    methodology_for,
)
from genesis.core.coach.places import Subregion, city_name, country_by_code, detect_place
from genesis.core.coach.sectors import sector_context
from genesis.core.coach.text import normalize
from genesis.core.coach.types import (
    CoachContext,
    Help,
    HelpItem,
    Language,
    Prompt,
    Proposals,
    Reply,
)
from genesis.core.steps import CoachingStepEnum, step_after
from genesis.core.taxonomy import DEFAULT_SECTOR

SYNTHESIS: Final = CoachingStepEnum.SYNTHESIS
FINANCES: Final = CoachingStepEnum.FINANCES

# Fewer meaningful words than this is too short to be an answer, unless it
# meets every criterion ("Bissap 500 F, WhatsApp" is a complete offer).
MIN_MEANINGFUL_WORDS: Final = 4
# "I don't know ... [a few words]" is an admission; a longer text that also
# says "pas encore" somewhere is an answer and is judged as one.
MAX_WORDS_OF_ADMISSION: Final = 6
MAX_EXAMPLES: Final = 3
MAX_REFORMULATION_CHARS: Final = 280
MAX_PHRASE_WORDS: Final = 14

Reason = Literal[
    "complete",
    "gibberish",
    "dont_know",
    "off_topic",
    "other_language",
    "too_short",
    "wrong_step",
    "generic",
    "vague",
]

# Hesitations are dropped anywhere; discourse fillers only at the start, where
# they carry no meaning ("Bon, alors on vend..." -> "On vend...").
_HESITATIONS: Final = re.compile(r"\b(?:euh+|heu+|hum+|hmm+|umm*|uhh*|erm)\b[\s,.]*", re.IGNORECASE)
_TRAILING_FILLERS: Final = re.compile(
    r"[\s,]+(?:quoi|hein|voil[aà]|lol|mdr|tu vois|you know)\s*[.!?…]*$", re.IGNORECASE
)
# Display names for the currencies most examples use; else the ISO code.
_CURRENCY_DISPLAY: Final = {"XOF": "FCFA", "XAF": "FCFA"}


@dataclass(frozen=True, slots=True)
class Verdict:
    """How an answer measures up against its step's criteria."""

    met: list[str]  # criterion ids, most important first
    missing: list[str]
    weight: float  # share of the criteria's weight that is met
    confidence: float
    reason: Reason
    # The step the answer seems to belong to, when the reason is "wrong_step".
    other_step: CoachingStepEnum | None = None
    # A question or a greeting: it names no sector, whatever words it uses.
    question: bool = False

    @property
    def complete(self) -> bool:
        return self.reason == "complete"


@dataclass(frozen=True, slots=True)
class Profile:
    """What the coach knows of the person, for examples and placeholders."""

    language: Language
    sector: str | None
    country_code: str | None
    city: str | None
    subregion: Subregion | None  # of the country, when known
    values: dict[str, str | None]


def evaluate(
    step: CoachingStepEnum, step_methodology: StepMethodology, reading: Reading
) -> Verdict:
    """Judge one answer to ``step`` (not synthesis): its evidence, weighed."""
    found = evidence.gather(reading)
    met_ids = judgement.met_criteria(step, found, reading)
    ordered = step_methodology.criteria
    met = [c.id for c in ordered if c.id in met_ids]
    missing = [c.id for c in ordered if c.id not in met_ids]
    weight = round(sum(c.weight for c in ordered if c.id in met_ids), 4)
    probability = judgement.probability(step, judgement.features(step, found))
    reason = _reason(step, reading, found, probability, met)
    confidence = 0.0 if reason in ("gibberish", "dont_know") else probability
    other = judgement.other_step(step, found) if reason == "wrong_step" else None
    return Verdict(met, missing, weight, round(confidence, 2), reason, other, found.question)


def is_valid_answer(step: CoachingStepEnum, text: str, language: Language) -> bool:
    """Whether the offline coach would accept ``text`` at once for ``step``."""
    reading = criteria.read(text)
    if step is SYNTHESIS:
        return criteria.is_confirmation(reading)
    return evaluate(step, methodology_for(language).step(step), reading).complete


class OfflineCoach:
    """The default coach: French and English, no LLM, no network."""

    waits_on_network = False

    async def prompt(self, ctx: CoachContext) -> Prompt:
        return _prompt(ctx, ctx.language)

    async def answer(self, ctx: CoachContext, text: str, *, force: bool = False) -> Reply:
        reading = criteria.read(text)
        language = _reply_language(ctx, text)
        if ctx.step is SYNTHESIS:
            return _answer_synthesis(ctx, reading, language, force=force)
        if ctx.step is FINANCES:
            return _answer_finances(ctx, text, language, force=force)
        return _answer_step(ctx, reading, language, force=force)

    async def help(self, ctx: CoachContext) -> Help:
        profile = _profile(ctx, ctx.language)
        step_methodology = methodology_for(ctx.language).step(ctx.step)
        items = [
            HelpItem(
                fill(q.question, profile.values, ctx.language),
                fill(q.hint, profile.values, ctx.language),
            )
            for q in step_methodology.guiding_questions[:3]
        ]
        return Help(ctx.step, items)

    async def proposals(self, ctx: CoachContext) -> Proposals:
        if ctx.step is FINANCES:
            draft = finances.draft_of(ctx)
            item = draft.missing() or finances.ITEMS[-1]
            return Proposals(ctx.step, finances.choices(draft, item))
        profile = _profile(ctx, ctx.language)
        templates = methodology_for(ctx.language).step(ctx.step).proposal_templates
        return Proposals(ctx.step, [fill(t, profile.values, ctx.language) for t in templates])


# --- answers -------------------------------------------------------------------


def _answer_step(ctx: CoachContext, reading: Reading, language: Language, *, force: bool) -> Reply:
    methodology = methodology_for(language)
    step_methodology = methodology.step(ctx.step)
    verdict = evaluate(ctx.step, step_methodology, reading)
    detected = _detected_context(reading, language, verdict)
    profile = _profile(ctx, language, reading)
    out_of_follow_ups = ctx.retry_count >= ctx.max_follow_ups
    # Noise is never stored as an answer on its own: after the follow-ups run
    # out the person still has to ask to move on (force), which always works,
    # so the session cannot loop but a vision never reads "qsdfgh".
    noise = verdict.reason == "gibberish" or not reading.words
    if verdict.complete or force or (out_of_follow_ups and not noise):
        return _accepted(ctx, reading, language, verdict, profile, detected)
    return _follow_up(ctx, language, verdict, profile, step_methodology, detected)


def _accepted(
    ctx: CoachContext,
    reading: Reading,
    language: Language,
    verdict: Verdict,
    profile: Profile,
    detected: tuple[dict[str, Any], dict[str, Any]],
) -> Reply:
    methodology = methodology_for(language)
    weak = not verdict.complete
    said = reformulate(ctx.step, reading.text, language) if reading.words else ""
    values = {**profile.values, "answer": said}
    reworded = normalize(said).split() != normalize(reading.text).split()
    reformulation = fill(methodology.step(ctx.step).reformulation, values, language)
    review = _review(
        methodology.step(ctx.step), methodology.messages, verdict, weak, values, language
    )
    lead = _acceptance_lead(methodology, profile, language, weak=weak, reworded=reworded)
    message, examples = _moving_on(
        ctx, language, profile, reading.text, weak, f"{lead}\n\n{reformulation}{review}", reading
    )
    return Reply(
        accepted=True,
        confidence=verdict.confidence,
        message=message,
        examples=examples,
        language=language,
        met_criteria=verdict.met,
        missing_criteria=verdict.missing,
        to_improve=weak,
        reformulation=reformulation,
        cultural_context=detected[0],
        sector_context=detected[1],
    )


def _acceptance_lead(
    methodology: Methodology,
    profile: Profile,
    language: Language,
    *,
    weak: bool,
    reworded: bool = True,
) -> str:
    """The coach's first words on an accepted answer: plain, or "accepted, to
    improve"; it says it reformulates only when the words changed."""
    messages = methodology.messages
    if weak:
        opening = messages.accepted_weak
    else:
        opening = messages.accepted_intro if reworded else messages.accepted_as_said
    return fill(opening, profile.values, language)


def _moving_on(
    ctx: CoachContext,
    language: Language,
    profile: Profile,
    answer: str,
    weak: bool,
    said: str,
    reading: Reading | None = None,
) -> tuple[str, list[str]]:
    """What the coach says once a step is accepted (``said``), followed by the next
    step's question, and that question's examples."""
    methodology = methodology_for(language)
    answers = {**ctx.answers, ctx.step.value: answer}
    to_improve = ctx.to_improve | {ctx.step.value} if weak else ctx.to_improve - {ctx.step.value}
    following = step_after(ctx.plan, ctx.step, answers.keys()) or SYNTHESIS
    upcoming_ctx = CoachContext(
        language=language,
        plan=ctx.plan,
        step=following,
        answers=answers,
        to_improve=frozenset(to_improve),
        cultural_context=ctx.cultural_context,
        sector_context=ctx.sector_context,
        business_name=ctx.business_name,
        max_follow_ups=ctx.max_follow_ups,
    )
    upcoming = _prompt(upcoming_ctx, language, reading)
    if following is SYNTHESIS:
        return f"{said}\n\n{upcoming.message}", upcoming.examples
    intro = fill(
        methodology.messages.next_step_intro,
        {**profile.values, "step_title": methodology.step(following).title},
        language,
    )
    return f"{said}\n\n{intro}\n{upcoming.message}", upcoming.examples


def _answer_finances(ctx: CoachContext, text: str, language: Language, *, force: bool) -> Reply:
    profile = _profile(ctx, language)
    methodology = methodology_for(language)

    def accepted(reply: Reply) -> Reply:
        summary = reply.reformulation or ""
        values = {**profile.values, "answer": summary}
        reformulation = fill(methodology.step(FINANCES).reformulation, values, language)
        lead = _acceptance_lead(methodology, profile, language, weak=reply.to_improve)
        said = f"{lead}\n\n{reformulation}"
        message, examples = _moving_on(ctx, language, profile, summary, reply.to_improve, said)
        reply.message, reply.examples, reply.reformulation = message, examples, summary
        return reply

    return finances.answer(ctx, text, profile.values, force=force, accepted=accepted)


def _follow_up(
    ctx: CoachContext,
    language: Language,
    verdict: Verdict,
    profile: Profile,
    step_methodology: StepMethodology,
    detected: tuple[dict[str, Any], dict[str, Any]],
) -> Reply:
    methodology = methodology_for(language)
    messages = methodology.messages
    opening = {
        "gibberish": messages.gibberish,
        "dont_know": messages.dont_know,
        "off_topic": messages.off_topic,
        "other_language": messages.other_language,
        "too_short": messages.too_short,
        "wrong_step": messages.wrong_step,
        "generic": messages.generic,
    }.get(verdict.reason, messages.follow_up_intro)
    values = dict(profile.values)
    if verdict.other_step is not None:
        values["other_step"] = methodology.step(verdict.other_step).title
    target = _follow_up_criterion(step_methodology, verdict)
    question = target.follow_up if target else step_methodology.question
    examples = _examples(step_methodology, profile)
    parts = [fill(opening, values, language), fill(question, values, language)]
    if examples:
        parts.append(fill(messages.examples_intro, profile.values, language))
    return Reply(
        accepted=False,
        confidence=verdict.confidence,
        message="\n\n".join(part for part in parts if part),
        examples=examples,
        language=language,
        met_criteria=verdict.met,
        missing_criteria=verdict.missing,
        cultural_context=detected[0],
        sector_context=detected[1],
    )


def _follow_up_criterion(step_methodology: StepMethodology, verdict: Verdict) -> Criterion | None:
    """What the follow-up asks about: the most important criterion not met, or for
    praise and buzzwords (whose words may name every criterion) the step's main one.
    None only for a step without criteria (the synthesis)."""
    if verdict.reason == "generic" and step_methodology.criteria:
        return step_methodology.criteria[0]
    return step_methodology.criterion(verdict.missing[0]) if verdict.missing else None


def _reason(
    step: CoachingStepEnum, reading: Reading, found: Evidence, probability: float, met: list[str]
) -> Reason:
    if found.gibberish or not reading.words:
        return "gibberish"
    if found.dont_know and (not met or found.words <= MAX_WORDS_OF_ADMISSION):
        return "dont_know"
    if probability >= judgement.ACCEPT_PROBABILITY:
        return "complete"
    if found.question:
        return "off_topic"
    if judgement.is_generic(found):
        return "generic"
    if found.words < MIN_MEANINGFUL_WORDS:
        return "too_short"
    if judgement.other_step(step, found) is not None:
        return "wrong_step"
    if not met and not criteria.has_business_vocabulary(reading):
        # Not off topic, perhaps: written in a language the coach does not read.
        return "other_language" if speaks_neither(reading.text) else "off_topic"
    return "vague"


def _reply_language(ctx: CoachContext, text: str) -> Language:
    # Only the first answer can choose the language: switching mid-session
    # because one answer quotes English words would confuse the person.
    if ctx.language_fixed or ctx.answers:
        return ctx.language
    return detect_language(text) or ctx.language


def _detected_context(
    reading: Reading, language: Language, verdict: Verdict | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Place and sector found in this answer, for the service to merge.

    A sector is only reported from an answer on topic and a telling keyword:
    "je vends" or "good service" says nothing about the business.
    """
    cultural = reading.place.cultural_context(language) if reading.place else {}
    noise = verdict is not None and (
        verdict.reason in ("gibberish", "off_topic", "other_language") or verdict.question
    )
    sector: dict[str, Any] = {}
    if reading.sector is not None and criteria.has_sector_evidence(reading) and not noise:
        sector = sector_context(reading.sector)
    return cultural, sector


# --- synthesis -----------------------------------------------------------------


def _answer_synthesis(
    ctx: CoachContext, reading: Reading, language: Language, *, force: bool
) -> Reply:
    methodology = methodology_for(language)
    profile = _profile(ctx, language)
    revise = None if force else _step_to_revise(ctx, reading)
    if revise is not None:
        step_methodology = methodology.step(revise)
        reopened = fill(
            methodology.messages.revise_reopened,
            {**profile.values, "step_title": step_methodology.title},
            language,
        )
        examples = _examples(step_methodology, profile)
        parts = [reopened, fill(step_methodology.question, profile.values, language)]
        if examples:
            parts.append(fill(methodology.messages.examples_intro, profile.values, language))
        return Reply(
            accepted=False,
            confidence=0.0,
            message="\n\n".join(parts),
            examples=examples,
            language=language,
            revise_step=revise,
        )
    if force or criteria.is_confirmation(reading):
        return Reply(
            accepted=True,
            confidence=1.0,
            message=fill(methodology.messages.coaching_complete, profile.values, language),
            examples=[],
            language=language,
            confirmed=True,
        )
    # Neither yes nor a step: ask again. Not a failed attempt, so no limit applies.
    messages = methodology.messages
    return Reply(
        accepted=False,
        confidence=0.0,
        message="\n\n".join(
            fill(m, profile.values, language)
            for m in (messages.synthesis_confirm_question, messages.synthesis_revise_hint)
        ),
        examples=_synthesis_choices(ctx, methodology, profile),
        language=language,
    )


def _step_to_revise(ctx: CoachContext, reading: Reading) -> CoachingStepEnum | None:
    revisable = [step for step in ctx.plan if step is not SYNTHESIS]
    titles: dict[str, str] = {}
    for language in ("fr", "en"):
        methodology = methodology_for(language)
        for step in revisable:
            titles.setdefault(step.value, methodology.step(step).title)
    named = criteria.named_steps(reading, titles)
    if not named:
        return None
    # "Oui, la mission me va" names a step but confirms; a revise verb or the
    # absence of a yes makes it a request to revise.
    if not criteria.asks_to_revise(reading) and criteria.is_confirmation(reading):
        return None
    return next((step for step in revisable if step.value in named), None)


def _synthesis_prompt(ctx: CoachContext, language: Language, profile: Profile) -> Prompt:
    methodology = methodology_for(language)
    messages = methodology.messages
    marker = fill(messages.synthesis_to_improve_marker, profile.values, language)
    lines = []
    for step in ctx.plan:
        answer = ctx.answers.get(step.value)
        if step is SYNTHESIS or not answer:
            continue
        colon = " :" if language == "fr" else ":"  # "Vision : ..." / "Vision: ..."
        line = f"- {methodology.step(step).title}{colon} {reformulate(step, answer, language)}"
        if step.value in ctx.to_improve:
            line = f"{line} {marker}"
        lines.append(line)
    parts = [
        fill(messages.synthesis_intro, profile.values, language),
        "\n".join(lines),
        fill(messages.synthesis_confirm_question, profile.values, language),
        fill(messages.synthesis_revise_hint, profile.values, language),
    ]
    return Prompt(
        SYNTHESIS,
        "\n\n".join(part for part in parts if part),
        _synthesis_choices(ctx, methodology, profile),
    )


def _synthesis_choices(ctx: CoachContext, methodology: Methodology, profile: Profile) -> list[str]:
    language = methodology.language
    choices = [fill(methodology.messages.confirm_choice, profile.values, language)]
    for step in ctx.plan:
        if step is not SYNTHESIS:
            values = {**profile.values, "step_title": methodology.step(step).title}
            choices.append(fill(methodology.messages.revise_choice, values, language))
    return choices


# --- prompts and examples --------------------------------------------------------


def _prompt(ctx: CoachContext, language: Language, reading: Reading | None = None) -> Prompt:
    profile = _profile(ctx, language, reading)
    if ctx.step is SYNTHESIS:
        return _synthesis_prompt(ctx, language, profile)
    if ctx.step is FINANCES:
        return finances.prompt(ctx, profile.values)
    methodology = methodology_for(language)
    step_methodology = methodology.step(ctx.step)
    parts = []
    if not ctx.answers and ctx.plan and ctx.step is ctx.plan[0]:
        welcome = (
            methodology.messages.welcome
            if ctx.business_name
            else methodology.messages.welcome_no_name
        )
        if FINANCES in ctx.plan:  # the plan ends with figures: say so from the start
            welcome = f"{welcome} {methodology.messages.welcome_figures}"
        parts.append(fill(welcome, profile.values, language))
    parts.append(fill(step_methodology.question, profile.values, language))
    examples = _examples(step_methodology, profile)
    if examples:
        parts.append(fill(methodology.messages.examples_intro, profile.values, language))
    return Prompt(ctx.step, "\n\n".join(parts), examples)


def _examples(step_methodology: StepMethodology, profile: Profile) -> list[str]:
    """2-3 examples of the person's sector, the closest to their place first."""
    pool = (
        step_methodology.examples.get(profile.sector or DEFAULT_SECTOR)
        or step_methodology.examples.get(DEFAULT_SECTOR)
        or next(iter(step_methodology.examples.values()), [])
    )
    ranked = sorted(enumerate(pool), key=lambda item: (-_closeness(item[1], profile), item[0]))
    return [fill(example, profile.values, profile.language) for _, example in ranked[:MAX_EXAMPLES]]


# How close an example is to the person: ties keep the file's order.
_SAME_CITY: Final = 3
_SAME_COUNTRY: Final = 2
_SAME_SUBREGION: Final = 1
_ELSEWHERE: Final = 0


def _closeness(example: str, profile: Profile) -> int:
    """Same city > same country > same sub-region of Africa > elsewhere.

    An example with {city} or {country} will name the person's own place once
    filled: it counts as their country when that is known."""
    if "{city}" in example or "{country}" in example:
        return _SAME_COUNTRY if profile.country_code else _ELSEWHERE
    code, city, subregion = _place_of(example)
    if code is None:
        return _ELSEWHERE
    if code == profile.country_code:
        return _SAME_CITY if city is not None and city == profile.city else _SAME_COUNTRY
    if subregion is not None and subregion == profile.subregion:
        return _SAME_SUBREGION
    return _ELSEWHERE


@lru_cache(maxsize=4096)
def _place_of(example: str) -> tuple[str | None, str | None, Subregion | None]:
    """The country, city and sub-region an example names (examples are few and fixed)."""
    place = detect_place(example)
    if place is None:
        return None, None, None
    return place.country.code, place.city, place.country.subregion


# --- profile and placeholders -----------------------------------------------------


def _profile(ctx: CoachContext, language: Language, reading: Reading | None = None) -> Profile:
    """Context given at start wins; what this answer reveals fills the gaps."""
    methodology = methodology_for(language)
    sector = ctx.sector_context.get("sector")
    if not sector and reading is not None and criteria.has_sector_evidence(reading):
        sector = reading.sector.sector if reading.sector else None
    code = ctx.cultural_context.get("country_code")
    city = ctx.cultural_context.get("city")
    if not code and reading is not None and reading.place is not None:
        code, city = reading.place.country.code, reading.place.city
    country = country_by_code(code) if isinstance(code, str) and code else None
    currency = ctx.cultural_context.get("currency") or (country.currency if country else None)
    values: dict[str, str | None] = {
        "business": ctx.business_name,
        "sector": methodology.sector_label(sector),
        "city": city_name(city, language) if isinstance(city, str) and city else None,
        "country": country.name(language) if country else _str(ctx.cultural_context.get("country")),
        "currency": _CURRENCY_DISPLAY.get(str(currency), str(currency)) if currency else None,
        "activity": _phrase(ctx.answers.get(CoachingStepEnum.MISSION.value)),
        "clientele": _phrase(ctx.answers.get(CoachingStepEnum.CLIENTELE.value)),
        "offer": _phrase(ctx.answers.get(CoachingStepEnum.OFFRE.value)),
        "step_title": methodology.step(ctx.step).title,
    }
    return Profile(
        language=language,
        sector=sector if isinstance(sector, str) else None,
        country_code=country.code if country else None,
        city=city if isinstance(city, str) else None,
        subregion=country.subregion if country else None,
        values=values,
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _phrase(answer: str | None) -> str | None:
    """The first clause of an earlier answer, to slot into a sentence."""
    if not answer:
        return None
    return _first_clause(answer)


# Earlier answers are phrased again at every later step and prompt of their session.
@lru_cache(maxsize=4096)
def _first_clause(answer: str) -> str | None:
    cleaned = clean_answer(answer).rstrip(".!?…")
    clause = re.split(r"[.;:\n]", cleaned, maxsplit=1)[0].strip()
    words = clause.split()
    if len(words) > MAX_PHRASE_WORDS:
        clause = " ".join(words[:MAX_PHRASE_WORDS])
    if len(clause) > 1 and not clause[1].isupper():
        clause = clause[0].lower() + clause[1:]
    return clause.rstrip(",") or None


# --- reformulation ------------------------------------------------------------------


def _review(
    step: StepMethodology,
    messages: Messages,
    verdict: Verdict,
    weak: bool,
    values: dict[str, str | None],
    language: Language,
) -> str:
    """What the answer covers, by the step's criteria, and (when accepted weak) what
    to strengthen: the person sees why it was accepted, not just an echo."""
    labels = {c.id: c.label[:1].lower() + c.label[1:] for c in step.criteria}
    lines = []
    covered = [labels[c] for c in verdict.met if c in labels]
    if covered:
        lines.append(fill(messages.covered, {**values, "items": ", ".join(covered)}, language))
    missing = [labels[c] for c in verdict.missing if c in labels]
    if weak and missing:
        lines.append(
            fill(messages.to_strengthen, {**values, "items": ", ".join(missing)}, language)
        )
    return "".join(f"\n{line}" for line in lines)


_NOT_ASCII: Final = re.compile(r"[^\x00-\x7f]")


def reformulate(step: CoachingStepEnum, text: str, language: Language) -> str:
    """The answer said back as the business would write it: tidied (no filler, no
    SMS spelling), without the lead-in the coach's own words already say ("Vos
    clients prioritaires : Nos clients prioritaires sont..." says it twice), in
    the first person plural, in at most MAX_REFORMULATION_CHARS cut at a clause."""
    cleaned = clean_answer(text, language)
    if not cleaned:
        return ""
    said = voice.statement(step.value, cleaned, language, framed=False, bare=True) or cleaned
    return voice.typeset(fit(said, MAX_REFORMULATION_CHARS), language)


def clean_answer(text: str, language: Language | None = None) -> str:
    """The answer as a short, tidy sentence: no fillers, emoji or SMS spellings,
    capitalised, ended, cut at a clause when too long (never with "…")."""
    # Emoji and other symbols (category So) are never ASCII: only those are looked at.
    cleaned = _NOT_ASCII.sub(
        lambda m: "" if unicodedata.category(m.group()).startswith("So") else m.group(), text
    )
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    cleaned = _HESITATIONS.sub("", cleaned)
    cleaned = _drop_leading_fillers(cleaned)
    cleaned = _TRAILING_FILLERS.sub("", cleaned)
    written_in = detect_language(cleaned) or language
    cleaned = tidy.tidy(cleaned, written_in) if written_in else _both_tidied(cleaned)
    cleaned = re.sub(r"([!?])\1+", r"\1", cleaned)
    cleaned = re.sub(r"(?:\.{2,}|…)+\s*$", "", cleaned).strip(" ,;-")
    cleaned = fit(cleaned, MAX_REFORMULATION_CHARS, end="")
    if not cleaned:
        return ""
    cleaned = cleaned[0].upper() + cleaned[1:]
    if cleaned[-1] not in ".!?…":
        cleaned += "."
    return cleaned


def _both_tidied(text: str) -> str:
    """A text too short to tell its language: the SMS spellings of both are read."""
    return tidy.tidy(tidy.expand_sms(text, "fr"), "en")


def _drop_leading_fillers(text: str) -> str:
    fillers = criteria.fillers()
    while True:
        lowered = normalize(text)
        for filler in fillers:
            if lowered == filler:
                return ""
            if lowered.startswith(filler) and not lowered[len(filler)].isalnum():
                # Cut as many characters of the original as the filler spans.
                text = text[len(filler) :].lstrip(" ,.;:!-")
                break
        else:
            return text
