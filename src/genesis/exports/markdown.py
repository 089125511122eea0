"""The brief as Markdown: readable as plain text, pasteable into any editor.

User text goes into tables and headings, so pipes and line breaks in it are
neutralised where they would break the Markdown structure. It is also shown
as typed wherever the file is rendered: raw HTML, entities and link syntax in
it are escaped (``<script>`` stays text, never markup). Only http(s) sources
become links. The logo is the sanitised SVG, as code, in a fence longer than
any run of backticks inside it, so nothing in it can close the block.
"""

from __future__ import annotations

import re

from genesis.core.agents import voice
from genesis.core.agents.brief import AGENT_LABELS, Brief, label_of
from genesis.core.agents.research import source_text
from genesis.core.agents.results import Logo, MarketResearch, Seo, WebsiteCopy, WebsiteTemplate
from genesis.core.agents.svg import sanitize_svg
from genesis.core.agents.types import AGENT_NAMES
from genesis.core.errors import InvalidLogoError
from genesis.exports.brief import (
    CONTACT_KEYS,
    MARKET_LISTS,
    SEED_SECTIONS,
    business_name,
    labels,
    number,
    percent,
    seed_text,
)
from genesis.exports.finance import (
    ViewTable,
    finance_view,
    financial_plan,
    not_available_text,
    texts,
)

_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MARKDOWN_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_LINK_START = re.compile(r"\[(?=[^\]]*\][(\[:])")
_BACKTICKS = re.compile(r"`+")
_WEB_URL = re.compile(r"^https?://[^\s<>]+$", re.IGNORECASE)
_FENCE = re.compile(r"^(`{3,})")
_CODE_SPAN = re.compile(r"(`[^`]*`)")
_BREAKS = re.compile(r"[ \t\r\n\f\v\x1c-\x1f\x85\u2028\u2029]+")


def to_markdown(brief: Brief) -> str:
    lab = labels(brief)
    lines: list[str] = [f"# {_inline(business_name(brief))}: {lab['brief']}", ""]
    meta = [
        f"{lab['confidence']}: {percent(brief.overall_confidence, brief.language)}",
        f"{lab['completeness']}: {percent(brief.brief_completeness, brief.language)}",
    ]
    if brief.location:
        meta.insert(0, f"{lab['location']}: {_inline(brief.location)}")
    if brief.sector_label:
        meta.insert(0, f"{lab['sector']}: {_inline(brief.sector_label)}")
    if brief.generated_at:
        meta.append(f"{lab['generated']} {_inline(brief.generated_at[:10])}")
    lines += [" · ".join(meta), ""]
    if brief.warnings:
        lines += [f"> **{lab['warnings']}**", *(f"> - {_inline(w)}" for w in brief.warnings), ""]
    for key in SEED_SECTIONS:
        value = seed_text(brief, key)
        lines += [f"## {lab[key]}", "", _safe(value) or f"_{lab['not_available']}_", ""]
    lines += _market(brief.market_data, brief.language, lab)
    lines += _finance(brief)
    lines += _content(brief.copy_data, lab)
    lines += _seo(brief.seo_data, lab)
    lines += _design(brief.logo_data, brief.template_data, lab)
    lines += _agents(brief)
    return _typeset("\n".join(lines).rstrip() + "\n", brief.language)


def _typeset(markdown: str, lang: str) -> str:
    """French spacing for the prose: code fences and code spans keep every character."""
    if lang != "fr":
        return markdown
    out = []
    fence: str | None = None
    for line in markdown.split("\n"):
        marker = _FENCE.match(line)
        if fence is None and marker:
            fence = marker.group(1)
        elif fence is not None and line.startswith(fence):
            fence = None
        elif fence is None:
            parts = _CODE_SPAN.split(line)
            line = "".join(p if i % 2 else voice.french_spacing(p) for i, p in enumerate(parts))
        out.append(line)
    return "\n".join(out)


def _market(data: MarketResearch | None, lang: str, lab: dict[str, str]) -> list[str]:
    lines = [f"## {lab['market']}", ""]
    if data is None:
        return [*lines, f"_{lab['not_available']}_", ""]
    if data.summary:
        lines += [_safe(data.summary), ""]
    lines += [f"- {_inline(note)}" for note in data.notes]
    rows = data.sourced_figures()
    if rows:
        lines += [
            f"### {lab['figures']}",
            "",
            f"| {lab['indicator']} | {lab['value']} | {lab['source']} | {lab['year']} |",
            "|---|---:|---|---:|",
        ]
        for f in rows:
            value = f"{number(f.value, lang)} {f.unit}".strip()
            source = source_text(f.source, lang)
            lines.append(
                f"| {_cell(f.label)} | {_cell(value)} | {_cell(source)} | {_cell(str(f.year))} |"
            )
        lines.append("")
    if data.price_ranges:
        lines += [f"### {lab['prices']}", ""]
        for p in data.price_ranges:
            lines.append(f"- {_inline(p.item)}: **{_inline(p.range)}** _({_inline(p.note)})_")
        lines.append("")
    for key, label in MARKET_LISTS:
        items: list[str] = getattr(data, key)
        if items:
            lines += [f"### {lab[label]}", "", *(f"- {_inline(i)}" for i in items), ""]
    if data.sources:
        lines += [f"### {lab['web_sources']}", ""]
        for s in data.sources:
            if _WEB_URL.match(s.url):
                lines.append(f"- [{_inline(s.title)}](<{s.url}>)")
            elif s.url:
                lines.append(f"- {_inline(s.title)}: `{_code(s.url)}`")
        lines.append("")
    lines += [f"_{_inline(source_text(s, lang))}_" for s in data.data_sources]
    return [*lines, ""]


def _finance(brief: Brief) -> list[str]:
    """The financial plan: indicators and warnings first, then the tables a bank asks for."""
    lang = brief.language
    plan = financial_plan(brief)
    if plan is None:
        return [f"## {texts(lang)['title']}", "", f"_{not_available_text(lang)}_", ""]
    view = finance_view(plan)
    tx = view.texts
    lines = [f"## {view.title}", "", view.currency_note, "", f"### {tx['indicators']}", ""]
    lines += [f"- {_inline(f.label)}: **{_inline(f.value)}**" for f in view.indicators]
    lines.append("")
    if view.warnings:
        lines += [f"### {tx['warnings']}", "", *(f"- {_inline(w)}" for w in view.warnings), ""]
    for table in view.tables:
        lines += _table(table)
    lines += [f"_{view.to_confirm}_", "", f"### {tx['conventions']}", ""]
    lines += [f"- {_inline(c)}" for c in view.conventions]
    return [*lines, ""]


def _table(table: ViewTable) -> list[str]:
    lines = [f"### {_inline(table.title)}", ""]
    if table.note:
        lines += [_inline(table.note), ""]
    align = ["---" if i < table.text_columns else "---:" for i in range(len(table.header))]
    lines += [
        "| " + " | ".join(_cell(h) for h in table.header) + " |",
        "|" + "|".join(align) + "|",
    ]
    for row in table.rows:
        cells = [_cell(row.label), *(_cell(c) for c in row.cells)]
        if row.kind != "item":
            cells = [f"**{c}**" if c else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _content(data: WebsiteCopy | None, lab: dict[str, str]) -> list[str]:
    lines = [f"## {lab['content']}", ""]
    if data is None:
        return [*lines, f"_{lab['not_available']}_", ""]
    lines += [f"### {_inline(data.hero_title)}", "", _safe(data.hero_subtitle), ""]
    lines += [f"**{lab['about']}.** {_safe(data.about)}", ""]
    lines += [f"**{lab['services']}**", ""]
    for service in data.services:
        lines.append(f"- **{_inline(service.title)}**: {_inline(service.description)}")
    value = _safe(data.value_proposition)
    lines += ["", f"**{lab['value_proposition']}.** {value}", ""]
    # The colon outside the bold, so French typesetting spaces it like every other.
    lines += [f"**{lab['call_to_action']}**: {_inline(data.call_to_action)}", ""]
    contact = data.contact
    lines += [f"**{lab['contact']}**", ""]
    for key in CONTACT_KEYS:
        lines.append(f"- {lab[key]}: {_inline(getattr(contact, key))}")
    if contact.location:
        lines.append(f"- {lab['location']}: {_inline(contact.location)}")
    return [*lines, ""]


def _seo(data: Seo | None, lab: dict[str, str]) -> list[str]:
    lines = [f"## {lab['seo']}", ""]
    if data is None:
        return [*lines, f"_{lab['not_available']}_", ""]
    lines += [
        f"- {lab['primary_keyword']}: `{_code(data.primary_keyword)}`",
        f"- {lab['secondary_keywords']}: "
        + ", ".join(f"`{_code(k)}`" for k in data.secondary_keywords),
        f"- {lab['meta_title']}: {_inline(data.meta_title)}",
        f"- {lab['meta_description']}: {_inline(data.meta_description)}",
        f"- {lab['slug']}: `{_code(data.slug)}`",
        "",
    ]
    headings = data.headings
    lines += [f"### {lab['outline']}", "", f"- H1: {_inline(headings.h1)}"]
    lines += [f"  - H2: {_inline(h)}" for h in headings.h2]
    lines += ["", f"### {lab['local_seo']}", ""]
    lines += [f"- [ ] {_inline(item)}" for item in data.local_seo]
    return [*lines, ""]


def _design(logo: Logo | None, tpl: WebsiteTemplate | None, lab: dict[str, str]) -> list[str]:
    lines = [f"## {lab['logo']}", ""]
    if logo is not None:
        colours = ", ".join(f"{k} `{_code(v)}`" for k, v in logo.palette.items())
        kind, letters = _inline(logo.kind), _inline(logo.initials)
        lines += [f"{kind} · {letters} · {colours}", ""]
        lines += _svg_block(logo.svg)
    else:
        lines += [f"_{lab['not_available']}_", ""]
    lines += [f"## {lab['template']}", ""]
    if tpl is not None:
        lines += [f"**{_inline(tpl.name)}**: {_inline(tpl.reason)}", ""]
    else:
        lines += [f"_{lab['not_available']}_", ""]
    return lines


def _agents(brief: Brief) -> list[str]:
    lab = labels(brief)
    lines = ["## " + lab["agents"], ""]
    lines += [
        f"| {lab['agent']} | {lab['status']} | {lab['duration_ms']} | {lab['error']} |",
        "|---|---|---:|---|",
    ]
    for name in AGENT_NAMES:
        agent = label_of(AGENT_LABELS, name, brief.language)
        section = brief.section(name)
        if section is None:
            lines.append(f"| {agent} | {lab['status_none']} | - |  |")
            continue
        status = lab.get(f"status_{section.status}", section.status)
        lines.append(
            f"| {agent} | {_cell(status)} | {section.duration_ms} | {_cell(section.error or '')} |"
        )
    return [*lines, ""]


def _svg_block(svg: str) -> list[str]:
    """The logo as code (sanitised again: a brief saved before uploads were
    sanitised may hold one as received); a refused one is left out."""
    if not svg:
        return []
    try:
        clean = sanitize_svg(svg)
    except InvalidLogoError:
        return []
    longest = max((len(run) for run in _BACKTICKS.findall(clean)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}svg", clean, fence, ""]


def _safe(value: str) -> str:
    """User text that renders as typed: no raw HTML, entity or link gets through."""
    value = _MARKDOWN_ESCAPE.sub(r"\\\\", value)  # so a typed backslash escapes nothing
    value = _ENTITY.sub("&amp;", value)
    value = value.replace("<", "&lt;").replace(">", "&gt;")
    return _LINK_START.sub(r"\\[", value)


def _one_line(value: str) -> str:
    """Line breaks and runs of spaces become one space; no-break spaces (French
    typography, digit groups) stay."""
    return _BREAKS.sub(" ", value).strip()


def _inline(value: str) -> str:
    """One line of safe text (line breaks inside a list item would end it)."""
    return _safe(_one_line(value))


def _cell(value: str) -> str:
    return _inline(value).replace("|", "\\|")


def _code(value: str) -> str:
    """Code spans show their content literally: only backticks need removing."""
    return _one_line(value).replace("`", "'")
