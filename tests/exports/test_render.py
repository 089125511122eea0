"""exports.render: every format from the typed brief, named and typed for download;
the preview's single files are the zip's."""

from __future__ import annotations

import io
import zipfile

import pytest

from genesis import exports
from genesis.core.agents.brief import Brief
from genesis.core.agents.types import AGENT_NAMES, DONE_STATUSES, is_done
from genesis.core.errors import NotFoundError
from tests.briefs import as_brief, brief_content, kenya_tech, senegal_restaurant


async def test_every_format_is_named_and_typed() -> None:
    brief = Brief.model_validate(await brief_content(senegal_restaurant()))
    expected = {
        "md": ("text/markdown; charset=utf-8", "chez-awa-fils.md", b"# "),
        "pdf": ("application/pdf", "chez-awa-fils.pdf", b"%PDF"),
        "xlsx": (exports.XLSX_MEDIA_TYPE, "chez-awa-fils-finances.xlsx", b"PK"),
        "site": ("application/zip", "chez-awa-fils-site.zip", b"PK"),
    }
    assert set(expected) == set(exports.EXPORT_FORMATS)
    for fmt, (media_type, filename, start) in expected.items():
        download = exports.render(brief, fmt, pdf_timeout_seconds=30)  # type: ignore[arg-type]
        assert (download.media_type, download.filename) == (media_type, filename)
        assert download.body.startswith(start), fmt


async def test_a_brief_without_a_plan_has_no_spreadsheet() -> None:
    brief = Brief.model_validate(await brief_content(kenya_tech()))
    assert brief.financial_plan is None
    with pytest.raises(NotFoundError):
        exports.render(brief, "xlsx")


async def test_the_preview_serves_the_zips_files_one_by_one() -> None:
    content = await brief_content(senegal_restaurant(business_name="A&B <b>"))
    with zipfile.ZipFile(io.BytesIO(exports.to_site_zip(as_brief(content)))) as archive:
        zipped = {name: archive.read(name) for name in archive.namelist()}
    assert set(zipped) == set(exports.site.SITE_FILES)
    for name, body in zipped.items():
        assert exports.site_file(as_brief(content), name) == body
    assert exports.site_file(as_brief(content), "../secret") is None


async def test_an_agents_data_shows_only_when_it_is_done() -> None:
    content = await brief_content(senegal_restaurant())
    assert {"ok", "fallback"} == DONE_STATUSES
    assert [is_done(s) for s in ("ok", "fallback", "failed", None, 3)] == [1, 1, 0, 0, 0]
    content["seo_optimization"] = {**content["seo_optimization"], "status": "failed"}
    brief = Brief.model_validate(content)
    assert brief.agent_data("seo_optimization") == {}
    assert brief.agent_data("market_research")["figures"]
    assert brief.agent_data("not_an_agent") == {}
    assert all(isinstance(brief.agent_data(name), dict) for name in AGENT_NAMES)
