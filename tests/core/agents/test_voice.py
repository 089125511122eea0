"""The answers rewritten as the business speaks: one voice, no lead-in, French typography."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from genesis.core.agents import voice
from genesis.core.agents.facts import ANSWER_KEYS, read_facts
from genesis.core.agents.types import AgentInput
from genesis.core.agents.website_copy import website_copy
from genesis.core.coach.evaluation import load
from tests.answers import FULL_RUN_FR

NBSP = "\u00a0"
SETS = Path(__file__).resolve().parent.parent / "coach"
FULL_RUN_EN = {
    "vision": "By 2030 we want to become the leading solar kit supplier for rural households "
    "in western Kenya, bringing clean light to 50,000 families.",
    "mission": "We sell and install affordable solar home kits for farming families around "
    "Kisumu, with pay-as-you-go plans through M-Pesa.",
    "clientele": "Smallholder farming families in Kisumu and Siaya counties who spend too much "
    "on kerosene.",
    "differentiation": "Unlike the cheap panels sold in town markets, our kits come with a "
    "three-year warranty and a local technician.",
    "offre": "A starter kit with a panel and three lamps at KSh 150 per day over 12 months.",
}
# Words that only introduce an answer: a brief must never repeat them.
LEAD_INS = {
    "fr": re.compile(
        r"(?:^|[.!?]\s+|:\s+)(?:ma|notre) (?:vision|mission|ambition) (?:est|c'est|c’est)\b"
        r"|(?:^|[.!?]\s+|:\s+)(?:mes|nos) clients? (?:prioritaires |principaux )?"
        r"(?:sont|c'est|c’est|ce sont)\b"
        r"|(?:^|[.!?]\s+|:\s+)ce qui nous (?:différencie|differencie|distingue)\b"
        r"|(?:^|[.!?]\s+|:\s+)(?:mon|notre) offre (?:est|c'est)\b"
        r"|en priorité prioritaires",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"(?:^|[.!?]\s+|:\s+)(?:my|our) (?:vision|mission|ambition) is\b"
        r"|(?:^|[.!?]\s+|:\s+)(?:my|our) (?:main |target |priority )?(?:customers|clients) are\b"
        r"|(?:^|[.!?]\s+|:\s+)what makes us different\b"
        r"|(?:^|[.!?]\s+|:\s+)(?:my|our) offer is\b",
        re.IGNORECASE,
    ),
}
# The first person singular: the business speaks as "nous"/"we" only.
SINGULAR = {
    "fr": re.compile(r"(?<![\w'’-])(?:je|j['’]|jveux|jsuis|mon|mes|moi)(?![\w'’-])", re.IGNORECASE),
    "en": re.compile(r"(?<![\w'’-])(?:I|I'm|I’m|I've|my|me|mine|myself)(?![\w'’-])"),
}
# French typography: a no-break space before these marks when they are punctuation.
BAD_FRENCH_SPACING = re.compile(r"(?<!\u00a0)[:;?!](?=\s|$)")


def _inputs(step: str, answer: str, language: str) -> AgentInput:
    answers = dict(FULL_RUN_FR if language == "fr" else FULL_RUN_EN)
    answers.pop("synthesis", None)
    answers[step] = answer
    return AgentInput(
        session_id="s",
        language=language,  # type: ignore[arg-type]
        business_name="Chez Awa",
        answers=answers,
        sector_context={"sector": "restaurant"},
        cultural_context={"country_code": "SN", "country": "Sénégal", "city": "Dakar"},
    )


def _texts(inp: AgentInput) -> list[str]:
    facts = read_facts(inp)
    copy = website_copy(facts)
    texts = [copy["hero_subtitle"], copy["about"], copy["value_proposition"]]
    texts += [service["description"] for service in copy["services"][:1]]
    texts += [voice.typeset(facts.said(key, framed=False), facts.language) for key in ANSWER_KEYS]
    return [t for t in texts if t]


def _problems(line: dict[str, Any]) -> list[str]:
    language = line["language"]
    inp = _inputs(line["step"], line["text"], language)
    problems = []
    for text in _texts(inp):
        # A lead-in opens a sentence; answers a person moves on with must lose it.
        if line["expected"] == "accept" and LEAD_INS[language].search(text):
            problems.append("lead-in")
        if SINGULAR[language].search(text):
            problems.append("first person singular")
        if language == "fr" and BAD_FRENCH_SPACING.search(text):
            problems.append("French spacing")
    facts = read_facts(inp)
    difference = facts.said("differentiation")
    if difference and website_copy(facts)["value_proposition"] == voice.typeset(
        difference, language
    ):
        problems.append("value proposition repeats the differentiation")
    return problems


def _answer_lines(name: str) -> list[dict[str, Any]]:
    steps = set(ANSWER_KEYS)
    return [line for line in load(SETS / name) if line["step"] in steps]


def test_no_brief_sentence_repeats_a_lead_in_or_mixes_voices_on_the_dev_set() -> None:
    failures = []
    for line in _answer_lines("answers_dev.jsonl"):
        problems = _problems(line)
        if problems:
            failures.append(f"{sorted(set(problems))}: {line['text']}")
    assert not failures, f"{len(failures)} answers:\n" + "\n".join(failures[:30])


def test_no_brief_sentence_repeats_a_lead_in_or_mixes_voices_on_the_test_set() -> None:
    # The test set's answers are never shown: only how many fail, and why.
    kinds: dict[str, int] = {}
    for line in _answer_lines("answers_test.jsonl"):
        for problem in set(_problems(line)):
            kinds[problem] = kinds.get(problem, 0) + 1
    assert not kinds, kinds


@pytest.mark.parametrize(
    ("step", "language", "answer", "expected"),
    [
        (
            "vision",
            "fr",
            "Notre ambition : d'ici 2030, je veux que ma boulangerie soit la plus connue de Kigali",
            "D'ici 2030, nous voulons que notre boulangerie soit la plus connue de Kigali.",
        ),
        (
            "vision",
            "fr",
            "Ma vision c'est d'avoir 10 boutiques d'ici 2028",
            "Notre ambition : avoir 10 boutiques d'ici 2028.",
        ),
        (
            "mission",
            "fr",
            "Réparer les téléphones des étudiants de l'UCAD",
            "Nous réparons les téléphones des étudiants de l'UCAD.",
        ),
        (
            "mission",
            "fr",
            "on vend du poisson braisé et on livre les bureaux",
            "Nous vendons du poisson braisé et nous livrons les bureaux.",
        ),
        (
            "mission",
            "fr",
            "Je fournis les maquis et je les livre chaque matin",
            "Nous fournissons les maquis et nous les livrons chaque matin.",
        ),
        (
            "clientele",
            "fr",
            "Nos clients prioritaires sont les employés de bureau du Plateau",
            "Nos clients : les employés de bureau du Plateau.",
        ),
        (
            "differentiation",
            "fr",
            "Ce qui nous différencie c'est que nous livrons en 20 minutes",
            "Nous livrons en 20 minutes.",
        ),
        (
            "vision",
            "en",
            "My vision is to grow my business into 3 shops in Lagos by 2030",
            "Our ambition: to grow our business into 3 shops in Lagos by 2030.",
        ),
        (
            "mission",
            "en",
            "To repair phones for students at Makerere",
            "We repair phones for students at Makerere.",
        ),
        (
            "mission",
            "en",
            "I am a tailor and I sew kaftans for my customers at Balogun",
            "We are a tailor and we sew kaftans for our customers at Balogun.",
        ),
        (
            "clientele",
            "en",
            "Our target customers are office workers in Westlands",
            "Our customers: office workers in Westlands.",
        ),
    ],
)
def test_statements_speak_as_the_business(
    step: str, language: str, answer: str, expected: str
) -> None:
    said = voice.statement(step, answer, language)  # type: ignore[arg-type]
    assert said == expected


def test_bare_statements_for_a_place_that_says_what_they_are() -> None:
    offer = "Notre offre : un menu du jour à 2 500 FCFA, livré à moto"
    assert voice.statement("offre", offer, "fr", framed=False) == (
        "Un menu du jour à 2 500 FCFA, livré à moto."
    )
    assert voice.statement("offre", offer, "fr") == (
        "Notre offre : un menu du jour à 2 500 FCFA, livré à moto."
    )


def test_french_spacing_spaces_punctuation_only() -> None:
    spaced = voice.french_spacing("Prix: 2500 F ; ouvert à 12:30 ! Voir https://a.sn/x:y « ok »?")
    assert spaced == (
        f"Prix{NBSP}: 2500 F{NBSP}; ouvert à 12:30{NBSP}! "
        f"Voir https://a.sn/x:y «{NBSP}ok{NBSP}»{NBSP}?"
    )
    assert voice.french_spacing("&lt;b&gt; et &amp;gt; restent") == "&lt;b&gt; et &amp;gt; restent"
    assert voice.typeset("Price: 5 ; ok", "en") == "Price: 5 ; ok"


def test_a_doubled_subject_is_said_once() -> None:
    assert voice.to_we("nous on donne un casque", "fr") == "nous donnons un casque"
    assert voice.to_we("moi je vends du pain", "fr") == "nous vendons du pain"
    assert voice.to_we("nous nous distinguons", "fr") == "nous nous distinguons"
