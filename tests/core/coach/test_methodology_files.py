"""The methodology data files (data/methodology/fr.json and en.json), checked as plain JSON.

These tests read the files directly, without the loader, so that a content
mistake is reported with the exact step, sector and text at fault.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from genesis.core.steps import CoachingStepEnum
from genesis.core.taxonomy import SECTORS

METHODOLOGY_DIR = (
    Path(__file__).parents[3] / "src" / "genesis" / "core" / "coach" / "data" / "methodology"
)
LANGUAGES = ("fr", "en")
STEPS = tuple(step.value for step in CoachingStepEnum)
SYNTHESIS = CoachingStepEnum.SYNTHESIS.value
COACHED_STEPS = tuple(step for step in STEPS if step != SYNTHESIS)
# The finances step gathers figures: its examples and proposals are the typical
# values of the person's sector and country, computed (core/coach/finances.py).
FINANCES = CoachingStepEnum.FINANCES.value
WORDED_STEPS = tuple(step for step in COACHED_STEPS if step != FINANCES)

CRITERIA_IDS = {
    "vision": ["ambition", "scope", "horizon", "beneficiaries"],
    "mission": ["activity", "target", "method"],
    "clientele": ["segment", "traits", "place", "need"],
    "differentiation": ["difference", "competitors", "customer_value"],
    "offre": ["product", "price", "channel"],
    "finances": ["price", "volume", "unit_cost", "fixed_costs", "investments", "financing"],
    "synthesis": [],
}
MESSAGE_KEYS = {
    "covered",
    "to_strengthen",
    "welcome",
    "welcome_no_name",
    "welcome_figures",
    "follow_up_intro",
    "dont_know",
    "too_short",
    "finance_noted",
    "finance_understood",
    "finance_from_revenue",
    "finance_unclear",
    "finance_dont_know",
    "finance_estimated",
    "finance_choice",
    "finance_summary",
    "generic",
    "wrong_step",
    "gibberish",
    "off_topic",
    "other_language",
    "accepted_intro",
    "accepted_as_said",
    "accepted_weak",
    "next_step_intro",
    "examples_intro",
    "synthesis_intro",
    "synthesis_to_improve_marker",
    "synthesis_confirm_question",
    "synthesis_revise_hint",
    "confirm_choice",
    "revise_choice",
    "coaching_complete",
    "revise_reopened",
}
STEP_KEYS = {
    "title",
    "objective",
    "question",
    "guiding_questions",
    "criteria",
    "reformulation",
    "examples",
    "proposal_templates",
}
PLACEHOLDERS = {
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
# Guiding questions and follow-ups speak of the person's context, never of a
# step title or an answer.
CONTEXT_PLACEHOLDERS = {"sector", "city", "country", "business", "currency"}
MIN_EXAMPLES = 2
PROPOSALS_PER_STEP = 3
MAX_EXAMPLE_CHARS = 320
WEIGHT_TOLERANCE = 1e-6

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@cache
def _load(language: str) -> dict[str, Any]:
    text = (METHODOLOGY_DIR / f"{language}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _strings(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in ``node`` with its path ("steps.vision.examples.retail[0]")."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{path}[{index}]")


def _shape(node: Any) -> Any:
    """The structure of ``node``: keys and list lengths, texts left out.

    Example lists may differ in length between languages; everything else must match.
    """
    if isinstance(node, dict):
        return {key: _shape(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_shape(value) for value in node]
    return type(node).__name__


def _shape_without_example_counts(data: dict[str, Any]) -> Any:
    shape = _shape(data)
    for step in shape["steps"].values():
        step["examples"] = sorted(step["examples"])
    return shape


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


@pytest.fixture
def data(language: str) -> dict[str, Any]:
    return _load(language)


def test_the_files_declare_their_language(language: str, data: dict[str, Any]) -> None:
    assert data["language"] == language


def test_the_top_level_keys(data: dict[str, Any]) -> None:
    assert set(data) == {"language", "sector_labels", "messages", "steps"}


def test_french_and_english_have_the_same_structure() -> None:
    fr, en = _load("fr"), _load("en")
    assert _shape_without_example_counts(fr) == _shape_without_example_counts(en)


def test_the_same_sectors_have_examples_in_both_languages() -> None:
    fr, en = _load("fr"), _load("en")
    for step in STEPS:
        assert set(fr["steps"][step]["examples"]) == set(en["steps"][step]["examples"]), step


def test_every_sector_has_a_label(data: dict[str, Any]) -> None:
    assert set(data["sector_labels"]) == set(SECTORS)


def test_sector_labels_are_short_noun_phrases(data: dict[str, Any]) -> None:
    for sector, label in data["sector_labels"].items():
        assert 0 < len(label.split()) <= 4, sector
        assert not label.endswith("."), sector
        assert not _placeholders(label), sector


def test_every_message_is_present(data: dict[str, Any]) -> None:
    assert set(data["messages"]) == MESSAGE_KEYS


def test_messages_use_the_placeholders_the_engine_fills(data: dict[str, Any]) -> None:
    messages = data["messages"]
    assert "{business}" in messages["welcome"]
    assert "{business}" not in messages["welcome_no_name"]
    for key in ("next_step_intro", "revise_choice", "revise_reopened"):
        assert "{step_title}" in messages[key], key
    for key, text in messages.items():
        texts = text.values() if isinstance(text, dict) else [text]
        assert all("answer" not in _placeholders(t) for t in texts), key


def test_every_step_is_present(data: dict[str, Any]) -> None:
    assert set(data["steps"]) == set(STEPS)


@pytest.mark.parametrize("step", STEPS)
def test_each_step_has_every_field(data: dict[str, Any], step: str) -> None:
    assert set(data["steps"][step]) == STEP_KEYS


@pytest.mark.parametrize("step", STEPS)
def test_criteria_ids_are_exactly_the_methodology_ones(data: dict[str, Any], step: str) -> None:
    criteria = data["steps"][step]["criteria"]
    assert [criterion["id"] for criterion in criteria] == CRITERIA_IDS[step]
    for criterion in criteria:
        assert set(criterion) == {"id", "label", "follow_up", "weight"}, criterion["id"]


@pytest.mark.parametrize("step", COACHED_STEPS)
def test_criteria_weights_sum_to_one(data: dict[str, Any], step: str) -> None:
    weights = [criterion["weight"] for criterion in data["steps"][step]["criteria"]]
    assert all(isinstance(weight, float) and 0 < weight <= 1 for weight in weights)
    assert abs(sum(weights) - 1.0) < WEIGHT_TOLERANCE


@pytest.mark.parametrize("step", COACHED_STEPS)
def test_criteria_are_listed_by_importance(data: dict[str, Any], step: str) -> None:
    weights = [criterion["weight"] for criterion in data["steps"][step]["criteria"]]
    assert weights[0] == max(weights)


@pytest.mark.parametrize("step", COACHED_STEPS)
def test_follow_ups_are_questions_about_the_context(data: dict[str, Any], step: str) -> None:
    for criterion in data["steps"][step]["criteria"]:
        follow_up = criterion["follow_up"]
        assert "?" in follow_up, criterion["id"]
        assert _placeholders(follow_up) <= CONTEXT_PLACEHOLDERS, criterion["id"]


@pytest.mark.parametrize("step", STEPS)
def test_guiding_questions_come_with_hints(data: dict[str, Any], step: str) -> None:
    questions = data["steps"][step]["guiding_questions"]
    assert 2 <= len(questions) <= 3
    for item in questions:
        assert set(item) == {"question", "hint"}
        assert item["question"].rstrip().endswith("?"), item["question"]
        assert item["hint"].strip()
        assert _placeholders(item["question"] + item["hint"]) <= CONTEXT_PLACEHOLDERS


@pytest.mark.parametrize("step", STEPS)
def test_reformulation_quotes_the_answer(data: dict[str, Any], step: str) -> None:
    assert "{answer}" in data["steps"][step]["reformulation"]


def test_synthesis_has_no_criteria_and_no_proposals(data: dict[str, Any]) -> None:
    synthesis = data["steps"][SYNTHESIS]
    assert synthesis["criteria"] == []
    assert synthesis["proposal_templates"] == []
    assert synthesis["reformulation"] == "{answer}"


@pytest.mark.parametrize("step", [*WORDED_STEPS, SYNTHESIS])
def test_every_sector_has_examples(data: dict[str, Any], step: str) -> None:
    examples = data["steps"][step]["examples"]
    assert set(examples) == set(SECTORS)
    for sector in SECTORS:
        assert len(examples[sector]) >= MIN_EXAMPLES, sector
        assert len(set(examples[sector])) == len(examples[sector]), f"duplicate in {sector}"


@pytest.mark.parametrize("step", STEPS)
def test_examples_are_complete_sentences_of_reasonable_length(
    data: dict[str, Any], step: str
) -> None:
    for sector, examples in data["steps"][step]["examples"].items():
        for example in examples:
            assert len(example) <= MAX_EXAMPLE_CHARS, f"{sector}: {example}"
            assert example[0].isupper(), f"{sector}: {example}"
            assert example.rstrip().endswith((".", "!")), f"{sector}: {example}"


def test_no_example_is_reused_across_steps_or_sectors(data: dict[str, Any]) -> None:
    seen: dict[str, str] = {}
    for step in STEPS:
        for sector, examples in data["steps"][step]["examples"].items():
            for example in examples:
                assert example not in seen, f"{step}/{sector} repeats {seen.get(example)}"
                seen[example] = f"{step}/{sector}"


@pytest.mark.parametrize("step", WORDED_STEPS)
def test_three_different_proposals_per_step(data: dict[str, Any], step: str) -> None:
    templates = data["steps"][step]["proposal_templates"]
    assert len(templates) == PROPOSALS_PER_STEP
    assert len(set(templates)) == PROPOSALS_PER_STEP
    for template in templates:
        assert "step_title" not in _placeholders(template)
        assert "answer" not in _placeholders(template)


def test_only_known_placeholders_are_used(data: dict[str, Any]) -> None:
    for path, text in _strings(data):
        unknown = _placeholders(text) - PLACEHOLDERS
        assert not unknown, f"{path}: {sorted(unknown)}"


def test_braces_only_ever_wrap_a_placeholder(data: dict[str, Any]) -> None:
    for path, text in _strings(data):
        leftover = _PLACEHOLDER.sub("", text)
        assert "{" not in leftover, path
        assert "}" not in leftover, path


def test_no_empty_or_untrimmed_strings(data: dict[str, Any]) -> None:
    for path, text in _strings(data):
        assert text.strip(), f"{path} is empty"
        assert text == text.strip(), f"{path} has surrounding spaces"
        assert "  " not in text, f"{path} has a double space"


def test_no_emoji(data: dict[str, Any]) -> None:
    for path, text in _strings(data):
        symbols = [char for char in text if unicodedata.category(char) == "So"]
        assert not symbols, f"{path}: {symbols}"
