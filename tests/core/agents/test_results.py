"""Each agent's data as a typed model: what every agent produces reads and writes
back unchanged, and a stored brief of any shape reads without raising."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from genesis.core.agents.brief import Brief, BriefContent
from genesis.core.agents.results import (
    Logo,
    MarketResearch,
    PlanData,
    Seo,
    WebsiteCopy,
    WebsiteTemplate,
)
from genesis.core.agents.types import AGENT_NAMES
from genesis.core.finance import build_plan
from tests.briefs import FakeSearch, brief_content, kenya_tech, senegal_restaurant
from tests.core.finance.cases import kes_salon, xof_restaurant

UPLOADED = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10"/></svg>'
MODELS: dict[str, type[Any]] = {
    "market_research": MarketResearch,
    "content_generation": WebsiteCopy,
    "logo_creation": Logo,
    "seo_optimization": Seo,
    "template_selection": WebsiteTemplate,
    "financial_plan": PlanData,
}


async def _contents() -> list[dict[str, Any]]:
    return [
        await brief_content(senegal_restaurant(finances=xof_restaurant().model_dump(mode="json"))),
        await brief_content(kenya_tech(finances=kes_salon().model_dump(mode="json"))),
        await brief_content(kenya_tech(business_name=None, cultural_context={})),
        await brief_content(
            senegal_restaurant(
                sector_context={"sector": "restaurant", "uploaded_logo_svg": UPLOADED}
            ),
            search=FakeSearch(),
        ),
    ]


async def test_every_agent_data_round_trips_through_its_model() -> None:
    for content in await _contents():
        for name, model in MODELS.items():
            if content.get(name) is None:  # no finances step: no plan
                continue
            data = content[name]["data"]
            assert data, name
            read = model.model_validate(data)
            assert not read.is_empty()
            assert read.model_dump(mode="json") == data, name
            assert read.model_dump() == data, name  # the plan stays JSON in either mode


async def test_a_brief_reads_and_writes_back_unchanged_and_pickles() -> None:
    for content in await _contents():
        brief = Brief.model_validate(content)
        assert brief.model_dump(mode="json") == content
        assert pickle.loads(pickle.dumps(brief)) == brief  # noqa: S301 (our own bytes)
    brief = Brief.model_validate((await _contents())[0])
    assert brief.market_data is not None
    assert brief.market_data.sourced_figures()
    assert brief.copy_data is not None
    assert brief.copy_data.services
    assert brief.logo_data is not None
    assert brief.logo_data.svg.startswith("<svg")
    assert brief.seo_data is not None
    assert brief.seo_data.headings.h1
    assert brief.template_data is not None
    assert brief.template_data.palette
    assert brief.plan_data is not None
    assert brief.plan_data.plan is not None
    assert brief.plan_data.inputs is not None
    assert build_plan(brief.plan_data.inputs) == brief.plan_data.plan


def test_an_empty_stored_brief_reads_with_defaults() -> None:
    brief = Brief.model_validate({})
    assert brief.language == "fr"
    assert (brief.business_name, brief.sector_label, brief.session_id) == (None, "", "")
    assert brief.overall_confidence == 0.0
    assert brief.warnings == []
    for name in AGENT_NAMES:
        assert brief.section(name) is None
        assert brief.agent_data(name) == {}
    assert brief.market_data is None
    assert brief.plan_data is None


@pytest.mark.parametrize(
    "section",
    [
        {"status": "failed", "data": {"summary": "left over"}, "error": "boom"},
        {"data": {"summary": "no status: never finished"}},
        {"status": "ok", "data": {}},
        {"status": "ok", "data": "not an object"},
        {"status": "unknown", "data": {"summary": "x"}},
        "not a section",
        None,
        ["a", "list"],
    ],
)
def test_an_agent_without_a_usable_result_is_none(section: Any) -> None:
    brief = Brief.model_validate({name: section for name in AGENT_NAMES})
    assert brief.market_data is None
    assert brief.copy_data is None
    assert brief.logo_data is None
    assert brief.seo_data is None
    assert brief.template_data is None
    assert brief.plan_data is None


def test_wrong_types_take_defaults_and_bad_items_leave_their_lists() -> None:
    brief = Brief.model_validate(
        {
            "language": "es",
            "business_name": 42,
            "vision": ["not", "text"],
            "overall_confidence": "high",
            "brief_completeness": 7,
            "warnings": ["  keep me  ", 3, "", None, "and me"],
            "market_research": {
                "status": "ok",
                "duration_ms": "slow",
                "data": {
                    "summary": {"a": 1},
                    "figures": [
                        "junk",
                        {"label": "Population", "value": 12, "source": "WB", "year": 2024},
                        {"label": 5, "value": {"x": 1}, "source": "WB", "year": [2024]},
                    ],
                    "risks": "not a list",
                    "opportunities": ["one", 2, " ", "three"],
                    "sources": [{"title": "T", "url": "https://example.org"}, 7],
                    "capital": "Dakar",
                },
            },
            "content_generation": {
                "status": "fallback",
                "data": {"contact": "none", "services": [{"title": "A"}, "B"], "about": None},
            },
            "logo_creation": {
                "status": "ok",
                "data": {"svg": 1, "palette": {"primary": 1, "accent": "#FFFFFF"}},
            },
            "seo_optimization": {"status": "ok", "data": {"headings": {"h1": ["x"], "h2": "y"}}},
            "template_selection": {
                "status": "ok",
                "data": {"sections": ["hero", None], "fonts": []},
            },
            "financial_plan": {"status": "ok", "data": {"currency": "XOF", "inputs": "junk"}},
        }
    )
    assert brief.language == "fr"
    assert brief.business_name is None
    assert brief.vision is None
    assert (brief.overall_confidence, brief.brief_completeness) == (0.0, 0.0)
    assert brief.warnings == ["keep me", "and me"]
    assert brief.market_research is not None
    assert brief.market_research.duration_ms == 0
    market = brief.market_data
    assert market is not None
    assert market.summary == ""
    assert market.risks == []
    assert market.opportunities == ["one", "three"]
    assert [f.label for f in market.figures] == ["Population", ""]
    assert [f.label for f in market.sourced_figures()] == ["Population"]
    assert [s.url for s in market.sources] == ["https://example.org"]
    assert market.model_dump()["capital"] == "Dakar"  # what no export reads is kept
    copy = brief.copy_data
    assert copy is not None
    assert copy.contact.whatsapp == ""
    assert [s.title for s in copy.services] == ["A"]
    assert brief.logo_data is not None
    assert (brief.logo_data.svg, brief.logo_data.palette) == ("", {"accent": "#FFFFFF"})
    assert brief.seo_data is not None
    assert brief.seo_data.headings.h1 == ""
    assert brief.template_data is not None
    assert brief.template_data.sections == ["hero"]
    assert brief.plan_data is None  # a plan that cannot be read is no plan


def test_a_plan_without_readable_inputs_keeps_the_plan() -> None:
    a = xof_restaurant()
    data = {**build_plan(a).model_dump(mode="json"), "inputs": {"currency": 3}}
    read = PlanData.model_validate(data)
    assert read.plan == build_plan(a)
    assert read.inputs is None
    assert read.model_dump() == data  # written back as stored


def test_keys_no_export_reads_are_kept() -> None:
    content = BriefContent.model_validate(
        {"content_generation": {"status": "ok", "data": {"x": 1}}}
    )
    assert content.copy_data is not None
    assert content.copy_data.model_dump() == {"x": 1}
