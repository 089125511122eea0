"""The brief assembly: the seed's fields, the agents' sections, honest scores."""

from __future__ import annotations

from genesis.core.agents.brief import answer_steps, assemble_brief, scores
from genesis.core.agents.runner import run_agents
from genesis.core.agents.types import AGENT_NAMES, AgentResult
from tests.briefs import kenya_tech, senegal_restaurant


async def _results(inp=None):  # type: ignore[no-untyped-def]
    return await run_agents(
        inp or senegal_restaurant(), AGENT_NAMES, llm=None, search=None, timeout_s=5
    )


async def test_content_has_the_keys_the_service_reads() -> None:
    inp = senegal_restaurant()
    content = assemble_brief(inp, await _results(inp)).model_dump(mode="json")
    for key in (
        "business_name",
        "vision",
        "mission",
        "target_audience",
        "differentiation",
        "value_proposition",
        "sector",
        "location",
        "overall_confidence",
        "brief_completeness",
        "language",
        *AGENT_NAMES,
    ):
        assert key in content, key
    for name in AGENT_NAMES:
        assert set(content[name]) == {"status", "data", "error", "duration_ms"}
    assert content["location"] == "Dakar, Sénégal"
    # The answers as the business says them: the lead-in "Nos clients sont" goes.
    assert content["target_audience"].startswith("Les employés de bureau du Plateau")
    # The value proposition says who it is for and what they get, in its own words.
    assert content["value_proposition"].startswith("Pour les employés de bureau du Plateau")
    assert "Contrairement" not in content["value_proposition"]
    assert content["sector"] == "restaurant"
    assert content["language"] == "fr"


async def test_placeholders_keep_completeness_below_one() -> None:
    inp = kenya_tech()
    brief = assemble_brief(inp, await _results(inp))
    assert brief.overall_confidence == 1.0
    assert 0.8 < brief.brief_completeness < 1.0
    assert "contact.phone" in brief.placeholders
    assert any("To fill in" in w for w in brief.warnings)


async def test_fallback_lowers_scores_and_failed_lowers_more() -> None:
    inp = senegal_restaurant()
    good = await _results(inp)
    base = assemble_brief(inp, good)
    fallback = {
        **good,
        "content_generation": good["content_generation"].model_copy(
            update={"status": "fallback", "error": "LLM failed"}
        ),
    }
    failed = {**good, "content_generation": AgentResult(status="failed", error="boom")}
    with_fallback = assemble_brief(inp, fallback)
    with_failed = assemble_brief(inp, failed)
    assert with_fallback.overall_confidence < base.overall_confidence
    assert with_failed.overall_confidence < with_fallback.overall_confidence
    assert with_failed.brief_completeness < with_fallback.brief_completeness
    assert any("Textes du site" in w for w in with_failed.warnings)  # named, not keyed


async def test_missing_agent_counts_as_failed() -> None:
    inp = senegal_restaurant()
    results = await _results(inp)
    full = assemble_brief(inp, results)
    del results["logo_creation"]
    brief = assemble_brief(inp, results)
    assert brief.logo_creation.status == "failed"
    assert brief.overall_confidence < full.overall_confidence - 0.1


async def test_unknown_country_and_missing_answers_lower_the_scores() -> None:
    full = senegal_restaurant()
    partial = senegal_restaurant(cultural_context={}, answers={"vision": full.answers["vision"]})
    base = assemble_brief(full, await _results(full))
    weak = assemble_brief(partial, await _results(partial))
    assert weak.location is None
    assert weak.country_code is None
    assert weak.brief_completeness < base.brief_completeness - 0.3
    assert weak.overall_confidence < base.overall_confidence
    assert any("Pays non identifié" in w for w in weak.warnings)
    assert weak.generated_from == ["vision", "finances"]


def test_scores_stay_in_the_unit_interval() -> None:
    assert scores(
        statuses=["failed"] * 5, answers_given=0, country_known=False, named=False, placeholders=9
    ) == (0.0, 0.0)
    assert scores(
        statuses=["ok"] * 5, answers_given=5, country_known=True, named=True, placeholders=0
    ) == (1.0, 1.0)


async def test_the_finances_step_counts_when_the_plan_has_it() -> None:
    # A financial plan built on estimates (the step accepted "to improve") is a weak
    # answer like any other: it lowers the confidence and the warnings say so.
    given = senegal_restaurant()
    estimated = senegal_restaurant(to_improve=["finances"], answer_scores={"finances": 0.33})
    results = await _results(given)
    base, weak = assemble_brief(given, results), assemble_brief(estimated, results)
    assert answer_steps(given)[-1] == "finances"
    assert "finances" in base.generated_from
    assert weak.overall_confidence < base.overall_confidence
    assert weak.brief_completeness < base.brief_completeness
    assert any("finances" in w for w in weak.warnings)
    assert not any("finances" in w for w in base.warnings)


async def test_a_session_without_the_finances_step_is_scored_on_five_answers() -> None:
    inp = kenya_tech()
    assert inp.finances is None
    assert "finances" not in answer_steps(inp)
    brief = assemble_brief(inp, await _results(inp))
    assert brief.overall_confidence == 1.0
    assert "finances" not in brief.generated_from
