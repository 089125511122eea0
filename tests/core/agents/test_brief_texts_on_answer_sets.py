"""The brief's texts over the whole labelled answer set (accepted answers).

Each session takes one accepted vision answer and, in turn, accepted answers of
the other steps in the same language, with the context the coach would have
found (the labelled sector and country, the city the gazetteer reads). The
agents run offline and the brief is assembled and exported to Markdown, as in
production; the coach's synthesis and reformulations are made too. Every text
a person reads or publishes is then checked for what a chat leaves behind: a
sentence that opens on a filler or an apology, an ellipsis in a title, heading or
meta description, an SMS spelling, a doubled word, English words or unspaced
punctuation in a French brief.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from genesis.core.agents.brief import Brief, assemble_brief
from genesis.core.agents.runner import run_agents
from genesis.core.agents.types import AgentInput, agents_for
from genesis.core.coach.offline import OfflineCoach, reformulate
from genesis.core.coach.places import city_name, detect_place
from genesis.core.coach.types import CoachContext, Language
from genesis.core.steps import DEFAULT_PLAN, CoachingStepEnum
from genesis.exports.markdown import to_markdown

ANSWERS = Path(__file__).parents[1] / "coach" / "answers_dev.jsonl"
STEPS = ("vision", "mission", "clientele", "differentiation", "offre")

OPENERS = re.compile(
    r"^(?:sorry|apologies|ok|okay|so|well|aki|um|uh|hmm|euh|bon|ben|bah|alors|donc|voilà"
    r"|voila|désolé|désolée|pardon|en fait|basically|honestly|lol)\b(?![-'’])",
    re.IGNORECASE,
)
SMS: dict[Language, re.Pattern[str]] = {
    "en": re.compile(
        r"(?<![\w'’&./-])(?:hv|r|u|ur|bcz|bcoz|coz|cuz|pple|ppl|tmrw|\d+yrs|yrs|thx|pls|plz)"
        r"(?![\w'’&/-])"
    ),
    "fr": re.compile(
        r"(?<![\w'’&./-])(?:pr|ds|tt|bcp|qd|jsp|tjrs|pcq|jsuis|chui|dici|ns|pk|mtn|\d+ans)"
        r"(?![\w'’&/-])"
    ),
}
# A small word twice, or two degree adverbs close together ("mainly serve mostly").
# Reduplicated content words are meant ("ndank ndank" is Wolof for "slowly").
DOUBLED = re.compile(
    r"\b(the|a|and|of|to|in|for|we|our|le|la|les|de|des|du|et|à|en|pour|notre|nos)\s+\1\b"
    r"|\b(?:mainly|mostly|primarily|especially)\b(?:\s+\S+){0,2}\s+(?:mainly|mostly|primarily)\b"
    r"|\b(?:surtout|principalement|essentiellement)\b(?:\s+\S+){0,2}\s+"
    r"(?:surtout|principalement|essentiellement)\b",
    re.IGNORECASE,
)
DOUBLED_ON_PURPOSE = frozenset({"nous", "vous"})
# English that must not be left in a French brief (names such as "World Bank Open
# Data" or "PwC Worldwide Tax Summaries" are proper names and may stay).
ENGLISH_IN_FRENCH = re.compile(
    r"\| agent \||\bstatus\b|\(computed\)|via the open|World Bank,|last reviewed|Corporate -"
    r"|Call to action|\bto fill in\b|contact\.\w+|\bfailed\b|\bnot available\b",
)
# A mark French spaces, right after a letter, a digit, a closing bracket or quote (or
# after an ordinary space, in a document: it wants the no-break one).
UNSPACED_FR = re.compile(r"[\w)»”\]*_][:;?!](?=\s|$)")
SPACED_BADLY_FR = re.compile(r"[\w)»”\]*_] [:;?!](?=\s|$)")


def _rows() -> list[dict[str, Any]]:
    with ANSWERS.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [r for r in rows if r["expected"] == "accept" and r["step"] in STEPS]


def _sessions() -> Iterator[AgentInput]:
    rows = _rows()
    for language in ("fr", "en"):
        by_step = {
            s: [r for r in rows if r["language"] == language and r["step"] == s] for s in STEPS
        }
        for i, vision in enumerate(by_step["vision"]):
            answers = {"vision": vision["text"]}
            for step in STEPS[1:]:
                pool = by_step[step]
                answers[step] = pool[i % len(pool)]["text"]
            place = detect_place(" ".join(answers.values()))
            code = vision.get("country_code") or (place.country.code if place else None)
            cultural: dict[str, Any] = {"country_code": code} if code else {}
            if place is not None and place.city and place.country.code == code:
                cultural["city"] = city_name(place.city, language)
            yield AgentInput(
                session_id=f"dev-{language}-{i}",
                language=language,
                business_name=None if i % 3 == 0 else f"Maison {i}",
                answers=answers,
                cultural_context=cultural,
                sector_context={"sector": vision["sector"]} if vision.get("sector") else {},
            )


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _problems(
    label: str, text: str, language: Language, *, heading: bool, document: bool = True
) -> list[str]:
    """What is wrong with ``text``; ``document``: it is typeset (a brief, a site),
    not a chat message, which keeps ordinary spaces."""
    found = []
    for sentence in _sentences(text):
        body = sentence.lstrip("-*#> ").strip()
        if OPENERS.match(body):
            found.append(f"{label}: opens on a filler: {body[:80]!r}")
    if heading and "…" in text:
        found.append(f"{label}: ellipsis in a heading: {text!r}")
    sms = SMS[language].search(text)
    if sms:
        found.append(f"{label}: SMS spelling {sms.group()!r}: {text[:120]!r}")
    doubled = DOUBLED.search(text)
    if doubled and (doubled.group(1) or "").lower() not in DOUBLED_ON_PURPOSE:
        found.append(f"{label}: doubled word {doubled.group()!r}: {text[:120]!r}")
    if language == "fr":
        marks = UNSPACED_FR.pattern + (f"|{SPACED_BADLY_FR.pattern}" if document else "")
        unspaced = re.search(marks, re.sub(r"https?://\S+|\d+:\d+", "", text))
        if unspaced:
            found.append(f"{label}: no French space before {unspaced.group()!r}: {text[:120]!r}")
    return found


def _texts(brief: Brief) -> Iterator[tuple[str, str, bool]]:
    """(where, text, is it a title, heading or meta description)."""
    for key in ("vision", "mission", "target_audience", "differentiation", "offer"):
        yield key, getattr(brief, key) or "", False
    yield "value_proposition", brief.value_proposition or "", True
    copy = brief.copy_data
    if copy is not None:
        yield "hero_title", copy.hero_title, True
        yield "hero_subtitle", copy.hero_subtitle, True
        yield "about", copy.about, False
        yield "copy.value_proposition", copy.value_proposition, True
        for service in copy.services:
            yield "service", service.description, False
    seo = brief.seo_data
    if seo is not None:
        yield "meta_title", seo.meta_title, True
        yield "meta_description", seo.meta_description, True
        yield "h1", seo.headings.h1, True
        for item in seo.local_seo:
            yield "local_seo", item, False


async def test_the_briefs_texts_read_as_written_for_a_document() -> None:
    coach = OfflineCoach()
    problems: list[str] = []
    sessions = 0
    for inp in _sessions():
        sessions += 1
        results = await run_agents(inp, agents_for(()), llm=None, search=None, timeout_s=10)
        content = assemble_brief(inp, results).model_dump(mode="json")
        brief = Brief.model_validate({**content, "session_id": inp.session_id})
        language = inp.language
        for label, text, heading in _texts(brief):
            problems += _problems(f"{inp.session_id} {label}", text, language, heading=heading)
        for meta in ("meta_description",):
            seo = brief.seo_data
            if seo is not None and len(getattr(seo, meta)) > 155:
                problems.append(f"{inp.session_id}: {meta} longer than 155 characters")
        markdown = to_markdown(brief)
        headings = "\n".join(line for line in markdown.splitlines() if line.startswith("#"))
        if "…" in headings:
            problems.append(f"{inp.session_id}: ellipsis in the Markdown headings")
        if language == "fr" and (english := ENGLISH_IN_FRENCH.search(markdown)):
            problems.append(f"{inp.session_id}: English in the French brief: {english.group()!r}")
        synthesis = CoachContext(
            language=language,
            plan=DEFAULT_PLAN,
            step=CoachingStepEnum.SYNTHESIS,
            answers=inp.answers,
        )
        said = (await coach.prompt(synthesis)).message
        # The person's answers said back: "- Vision : ...", without the step's title.
        said = "\n".join(
            line.split(":", 1)[-1].strip() for line in said.splitlines() if line.startswith("- ")
        )
        problems += _problems(
            f"{inp.session_id} synthesis", said, language, heading=False, document=False
        )
        for step in STEPS:
            again = reformulate(CoachingStepEnum(step), inp.answers[step], language)
            problems += _problems(
                f"{inp.session_id} {step} reformulated",
                again,
                language,
                heading=False,
                document=False,
            )
            if step == "mission" and again.startswith(("Notre activité", "What we do")):
                problems.append(f"{inp.session_id}: a reformulated mission repeats its label")
    assert sessions > 400
    assert not problems, f"{len(problems)} problems, first ones:\n" + "\n".join(problems[:40])
