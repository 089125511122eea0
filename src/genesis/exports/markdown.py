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
from typing import Any

from genesis.core.agents import voice
from genesis.core.agents.svg import sanitize_svg
from genesis.core.agents.types import AGENT_NAMES
from genesis.core.errors import InvalidLogoError
from genesis.exports.brief import (
    MARKET_LISTS,
    SEED_SECTIONS,
    agent_data,
    business_name,
    figures,
    labels,
    language,
    mapping,
    number,
    percent,
    strings,
    text,
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


def to_markdown(content: dict[str, Any]) -> str:
    lab = labels(content)
    lines: list[str] = [f"# {_inline(business_name(content))}: {lab['brief']}", ""]
    meta = [
        f"{lab['confidence']}: {percent(content.get('overall_confidence'))}",
        f"{lab['completeness']}: {percent(content.get('brief_completeness'))}",
    ]
    if text(content.get("location")):
        meta.insert(0, f"{lab['location']}: {_inline(text(content['location']))}")
    if text(content.get("sector_label")):
        meta.insert(0, f"{lab['sector']}: {_inline(text(content['sector_label']))}")
    if text(content.get("generated_at")):
        meta.append(f"{lab['generated']} {_inline(text(content['generated_at'])[:10])}")
    lines += [" · ".join(meta), ""]
    warnings = strings(content.get("warnings"))
    if warnings:
        lines += [f"> **{lab['warnings']}**", *(f"> - {_inline(w)}" for w in warnings), ""]
    for key in SEED_SECTIONS:
        value = text(content.get(key))
        lines += [f"## {lab[key]}", "", _safe(value) or f"_{lab['not_available']}_", ""]
    lines += _market(content, lab)
    lines += _finance(content)
    lines += _content(content, lab)
    lines += _seo(content, lab)
    lines += _design(content, lab)
    lines += _agents(content, lab)
    return _typeset("\n".join(lines).rstrip() + "\n", language(content))


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


def _market(content: dict[str, Any], lab: dict[str, str]) -> list[str]:
    data = agent_data(content, "market_research")
    lines = [f"## {lab['market']}", ""]
    if not data:
        return [*lines, f"_{lab['not_available']}_", ""]
    lang = language(content)
    if text(data.get("summary")):
        lines += [_safe(text(data["summary"])), ""]
    lines += [f"- {_inline(note)}" for note in strings(data.get("notes"))]
    rows = figures(content)
    if rows:
        lines += [
            f"### {lab['figures']}",
            "",
            f"| {lab['indicator']} | {lab['value']} | {lab['source']} | {lab['year']} |",
            "|---|---:|---|---:|",
        ]
        for f in rows:
            value = f"{number(f.get('value'), lang)} {text(f.get('unit'))}".strip()
            lines.append(
                f"| {_cell(text(f.get('label')))} | {_cell(value)} | "
                f"{_cell(text(f.get('source')))} | {_cell(str(f.get('year')))} |"
            )
        lines.append("")
    prices = data.get("price_ranges")
    if isinstance(prices, list) and prices:
        lines += [f"### {lab['prices']}", ""]
        for p in prices:
            if isinstance(p, dict):
                lines.append(
                    f"- {_inline(text(p.get('item')))}: **{_inline(text(p.get('range')))}** "
                    f"_({_inline(text(p.get('note')))})_"
                )
        lines.append("")
    for key, label in MARKET_LISTS:
        items = strings(data.get(key))
        if items:
            lines += [f"### {lab[label]}", "", *(f"- {_inline(i)}" for i in items), ""]
    sources = data.get("sources")
    if isinstance(sources, list) and sources:
        lines += [f"### {lab['web_sources']}", ""]
        for s in sources:
            url = text(s.get("url")) if isinstance(s, dict) else ""
            if _WEB_URL.match(url):
                lines.append(f"- [{_inline(text(s.get('title')))}](<{url}>)")
            elif url:
                lines.append(f"- {_inline(text(s.get('title')))}: `{_code(url)}`")
        lines.append("")
    lines += [f"_{_inline(s)}_" for s in strings(data.get("data_sources"))]
    return [*lines, ""]


def _finance(content: dict[str, Any]) -> list[str]:
    """The financial plan: indicators and warnings first, then the tables a bank asks for."""
    lang = language(content)
    plan = financial_plan(content)
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


def _content(content: dict[str, Any], lab: dict[str, str]) -> list[str]:
    data = agent_data(content, "content_generation")
    lines = [f"## {lab['content']}", ""]
    if not data:
        return [*lines, f"_{lab['not_available']}_", ""]
    lines += [
        f"### {_inline(text(data.get('hero_title')))}",
        "",
        _safe(text(data.get("hero_subtitle"))),
        "",
    ]
    lines += [f"**{lab['about']}.** {_safe(text(data.get('about')))}", ""]
    lines += [f"**{lab['services']}**", ""]
    for service in data.get("services") or []:
        if isinstance(service, dict):
            lines.append(
                f"- **{_inline(text(service.get('title')))}**: "
                f"{_inline(text(service.get('description')))}"
            )
    value = _safe(text(data.get("value_proposition")))
    lines += ["", f"**{lab['value_proposition']}.** {value}", ""]
    lines += [f"**{lab['call_to_action']}:** {_inline(text(data.get('call_to_action')))}", ""]
    contact = mapping(data.get("contact"))
    lines += [f"**{lab['contact']}**", ""]
    for key in ("whatsapp", "phone", "hours"):
        lines.append(f"- {lab[key]}: {_inline(text(contact.get(key)))}")
    if text(contact.get("location")):
        lines.append(f"- {lab['location']}: {_inline(text(contact.get('location')))}")
    return [*lines, ""]


def _seo(content: dict[str, Any], lab: dict[str, str]) -> list[str]:
    data = agent_data(content, "seo_optimization")
    lines = [f"## {lab['seo']}", ""]
    if not data:
        return [*lines, f"_{lab['not_available']}_", ""]
    lines += [
        f"- {lab['primary_keyword']}: `{_code(text(data.get('primary_keyword')))}`",
        f"- {lab['secondary_keywords']}: "
        + ", ".join(f"`{_code(k)}`" for k in strings(data.get("secondary_keywords"))),
        f"- {lab['meta_title']}: {_inline(text(data.get('meta_title')))}",
        f"- {lab['meta_description']}: {_inline(text(data.get('meta_description')))}",
        f"- {lab['slug']}: `{_code(text(data.get('slug')))}`",
        "",
    ]
    headings = mapping(data.get("headings"))
    lines += [f"### {lab['outline']}", "", f"- H1: {_inline(text(headings.get('h1')))}"]
    lines += [f"  - H2: {_inline(h)}" for h in strings(headings.get("h2"))]
    lines += ["", f"### {lab['local_seo']}", ""]
    lines += [f"- [ ] {_inline(item)}" for item in strings(data.get("local_seo"))]
    return [*lines, ""]


def _design(content: dict[str, Any], lab: dict[str, str]) -> list[str]:
    logo = agent_data(content, "logo_creation")
    tpl = agent_data(content, "template_selection")
    lines = [f"## {lab['logo']}", ""]
    if logo:
        palette = mapping(logo.get("palette"))
        colours = ", ".join(f"{k} `{_code(text(v))}`" for k, v in palette.items())
        kind, letters = _inline(text(logo.get("kind"))), _inline(text(logo.get("initials")))
        lines += [f"{kind} · {letters} · {colours}", ""]
        lines += _svg_block(text(logo.get("svg")))
    else:
        lines += [f"_{lab['not_available']}_", ""]
    lines += [f"## {lab['template']}", ""]
    if tpl:
        lines += [f"**{_inline(text(tpl.get('name')))}**: {_inline(text(tpl.get('reason')))}", ""]
    else:
        lines += [f"_{lab['not_available']}_", ""]
    return lines


def _agents(content: dict[str, Any], lab: dict[str, str]) -> list[str]:
    lines = [f"## {lab['agents']}", "", "| agent | status | ms | error |", "|---|---|---:|---|"]
    for name in AGENT_NAMES:
        section = mapping(content.get(name))
        lines.append(
            f"| {name} | {_cell(text(section.get('status'))) or '-'} | "
            f"{_cell(str(section.get('duration_ms', '-')))} | {_cell(text(section.get('error')))} |"
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
