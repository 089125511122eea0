"""The SVG logo: valid, escaped, readable at small sizes, by sector."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from genesis.core.agents import logo
from genesis.core.agents.svg import sanitize_svg
from genesis.core.taxonomy import SECTORS
from tests.briefs import FakeLLM, senegal_restaurant

SVG = "{http://www.w3.org/2000/svg}"


async def _logo(**changes: object) -> dict:  # type: ignore[type-arg]
    result = await logo.run(
        senegal_restaurant(**changes), llm=None, search=None, provider_timeout_s=1
    )
    assert result.status == "ok"
    return result.data


async def test_svg_parses_and_escapes_the_name() -> None:
    data = await _logo(business_name='A&B <Tech> "Co"')
    for key in ("svg", "icon_svg"):
        root = ET.fromstring(data[key])
        assert root.tag == f"{SVG}svg"
        assert root.get("viewBox")
    texts = [t.text for t in ET.fromstring(data["svg"]).iter(f"{SVG}text")]
    assert 'A&B <Tech> "Co"' in texts
    assert "&amp;" in data["svg"]
    assert "&lt;Tech&gt;" in data["svg"]
    assert data["initials"] == "AB"


async def test_short_name_gives_a_wordmark_long_name_a_monogram() -> None:
    assert (await _logo())["kind"] == "wordmark"
    long = await _logo(business_name="Établissements Diallo Frères et Associés")
    assert long["kind"] == "monogram"
    assert long["initials"] == "ÉD"
    assert ET.fromstring(long["svg"]).get("viewBox") == "0 0 64 64"


async def test_icon_is_square_with_large_initials() -> None:
    data = await _logo()
    root = ET.fromstring(data["icon_svg"])
    assert root.get("viewBox") == "0 0 64 64"
    (initials,) = list(root.iter(f"{SVG}text"))
    # At 32 px the letters are about 13 px high: readable.
    assert float(initials.get("font-size", "0")) >= 24


@pytest.mark.parametrize("sector", SECTORS)
async def test_every_sector_has_a_palette_and_symbol(sector: str) -> None:
    data = await _logo(sector_context={"sector": sector})
    ET.fromstring(data["svg"])
    assert data["palette"]["primary"].startswith("#")


async def test_uploaded_logo_is_used_when_safe_and_rejected_when_active() -> None:
    safe = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<rect width="10" height="10"/></svg>'
    )
    used = await _logo(sector_context={"sector": "restaurant", "uploaded_logo_svg": safe})
    assert used["kind"] == "uploaded"
    assert used["svg"] == used["icon_svg"] == sanitize_svg(safe)
    # What a regex filter let through: each is refused, and the note says why.
    for evil in (
        safe.replace("<rect", '<rect onload="alert(1)"'),
        safe.replace("<rect", '<a href="&#106;avascript:alert(1)"><rect').replace(
            "</svg>", "</a></svg>"
        ),
        safe.replace("<rect", "<a href='http://evil.example/'><rect").replace(
            "</svg>", "</a></svg>"
        ),
        safe.replace("<rect", '<image href="http://evil.example/x.png"/><rect'),
        safe.replace("<rect", "<style>rect{fill:url(http://evil.example/x)}</style><rect"),
    ):
        rejected = await _logo(sector_context={"sector": "restaurant", "uploaded_logo_svg": evil})
        assert rejected["kind"] != "uploaded", evil
        assert "evil" not in rejected["svg"]
        assert "alert" not in rejected["svg"]
        assert len(rejected["notes"]) == 1
        assert rejected["notes"][0].startswith("Le logo envoyé n'a pas pu être utilisé (")
    # A harmless extra (a <style>, a class) is dropped, not a reason to refuse.
    styled = safe.replace("<rect", '<style>rect{fill:red}</style><rect class="a"')
    kept = await _logo(sector_context={"sector": "restaurant", "uploaded_logo_svg": styled})
    assert kept["kind"] == "uploaded"
    assert "style" not in kept["svg"]
    assert "class" not in kept["svg"]


async def test_llm_may_pick_the_symbol_among_the_allowed_ones() -> None:
    llm = FakeLLM(replies={"symbol": {"symbol": "leaf", "kind": "monogram"}})
    result = await logo.run(senegal_restaurant(), llm=llm, search=None, provider_timeout_s=1)
    assert result.status == "ok"
    assert result.data["symbol"] == "leaf"
    assert result.data["kind"] == "monogram"
    bad = FakeLLM(replies={"symbol": {"symbol": "<script>", "kind": "monogram"}})
    result = await logo.run(senegal_restaurant(), llm=bad, search=None, provider_timeout_s=1)
    assert result.status == "fallback"
