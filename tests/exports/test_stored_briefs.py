"""Briefs as an older version, a failed agent or a hand edit left them: every
format renders from the typed brief without raising, and says what is missing."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from genesis import exports
from genesis.core.agents.types import AGENT_NAMES
from genesis.core.errors import NotFoundError
from tests.briefs import as_brief
from tests.exports.plans import section, short_of_cash

MALFORMED: dict[str, Any] = {
    "business_name": "Chez Awa",
    "session_id": "sess-old",
    "language": "en",
    "mission": "We cook lunch for offices.",
    "overall_confidence": "high",
    "warnings": ["Checked by hand", 3],
    # An older brief lacked the market section; this one's copy holds wrong types.
    "content_generation": {
        "status": "ok",
        "data": {"hero_title": 7, "services": ["junk", {"title": ["x"]}], "contact": "none"},
    },
    "logo_creation": {"status": "failed", "data": {}, "error": "boom", "duration_ms": 4},
    "seo_optimization": "not a section",
    "template_selection": {"status": "ok", "data": {"palette": "red", "sections": 5}},
    "financial_plan": {"status": "ok", "data": {"currency": "XOF"}},
}


def _site_index(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return archive.read("index.html").decode()


def _pdf_is_whole(body: bytes) -> bool:
    return body.startswith(b"%PDF-") and body.rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize(
    "content",
    [
        MALFORMED,
        {},
        {"language": "fr", "business_name": "Solo"},
        {name: {"status": "failed", "error": "x"} for name in AGENT_NAMES},
        {name: {"status": "ok", "data": "junk"} for name in AGENT_NAMES},
    ],
)
def test_every_format_renders_a_stored_brief_of_any_shape(content: dict[str, Any]) -> None:
    brief = as_brief(content)
    md = exports.render(brief, "md").body.decode()
    missing = "Not available" if brief.language == "en" else "Non disponible"
    assert md.count(missing) >= 4  # market, copy, SEO, logo, template: none is usable
    assert exports.render(brief, "site").body.startswith(b"PK")
    assert _pdf_is_whole(exports.render(brief, "pdf", pdf_timeout_seconds=30).body)
    with pytest.raises(NotFoundError):  # no readable plan: no spreadsheet
        exports.render(brief, "xlsx")


def test_a_malformed_brief_keeps_what_fits() -> None:
    brief = as_brief(MALFORMED)
    md = exports.to_markdown(brief)
    assert "We cook lunch for offices." in md
    assert "Confidence: 0%" in md
    assert "> - Checked by hand" in md
    assert "## Market research\n\n_Not available_" in md
    assert "## Logo\n\n_Not available_" in md
    assert "## Search engine optimisation (SEO)\n\n_Not available_" in md
    assert "The financial plan is not available." in md
    assert "| Logo | failed | 4 | boom |" in md
    assert "| Market research | not run | - |  |" in md
    index = _site_index(exports.to_site_zip(brief))
    assert "Chez Awa" in index
    assert "[To fill in]" in index


def test_a_readable_plan_in_an_otherwise_broken_brief_makes_every_format() -> None:
    content = {**MALFORMED, "financial_plan": section(short_of_cash(), with_inputs=True)}
    content["financial_plan"]["data"]["inputs"] = "junk"  # read back from the plan instead
    brief = as_brief(content)
    assert exports.render(brief, "xlsx").body.startswith(b"PK")
    assert "## Financial plan" in exports.to_markdown(brief)
    assert _pdf_is_whole(exports.render(brief, "pdf", pdf_timeout_seconds=30).body)
