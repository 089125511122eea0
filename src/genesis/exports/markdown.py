"""The brief as Markdown: readable as plain text, pasteable into any editor.

User text goes into tables and headings, so pipes and line breaks in it are
neutralised where they would break the Markdown structure.
"""

from __future__ import annotations

from typing import Any

from genesis.core.agents.types import AGENT_NAMES
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
        meta.append(f"{lab['generated']} {text(content['generated_at'])[:10]}")
    lines += [" · ".join(meta), ""]
    warnings = strings(content.get("warnings"))
    if warnings:
        lines += [f"> **{lab['warnings']}**", *(f"> - {_inline(w)}" for w in warnings), ""]
    for key in SEED_SECTIONS:
        value = text(content.get(key))
        lines += [f"## {lab[key]}", "", value or f"_{lab['not_available']}_", ""]
    lines += _market(content, lab)
    lines += _content(content, lab)
    lines += _seo(content, lab)
    lines += _design(content, lab)
    lines += _agents(content, lab)
    return "\n".join(lines).rstrip() + "\n"


def _market(content: dict[str, Any], lab: dict[str, str]) -> list[str]:
    data = agent_data(content, "market_research")
    lines = [f"## {lab['market']}", ""]
    if not data:
        return [*lines, f"_{lab['not_available']}_", ""]
    lang = language(content)
    if text(data.get("summary")):
        lines += [text(data["summary"]), ""]
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
                f"{_cell(text(f.get('source')))} | {f.get('year')} |"
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
            if isinstance(s, dict) and text(s.get("url")):
                lines.append(f"- [{_inline(text(s.get('title')))}](<{text(s['url'])}>)")
        lines.append("")
    lines += [f"_{_inline(s)}_" for s in strings(data.get("data_sources"))]
    return [*lines, ""]


def _content(content: dict[str, Any], lab: dict[str, str]) -> list[str]:
    data = agent_data(content, "content_generation")
    lines = [f"## {lab['content']}", ""]
    if not data:
        return [*lines, f"_{lab['not_available']}_", ""]
    lines += [
        f"### {_inline(text(data.get('hero_title')))}",
        "",
        text(data.get("hero_subtitle")),
        "",
    ]
    lines += [f"**{lab['about']}.** {text(data.get('about'))}", ""]
    lines += [f"**{lab['services']}**", ""]
    for service in data.get("services") or []:
        if isinstance(service, dict):
            lines.append(
                f"- **{_inline(text(service.get('title')))}**: "
                f"{_inline(text(service.get('description')))}"
            )
    lines += ["", f"**{lab['value_proposition']}.** {text(data.get('value_proposition'))}", ""]
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
        lines += [f"{text(logo.get('kind'))} · {text(logo.get('initials'))} · {colours}", ""]
        lines += ["```svg", text(logo.get("svg")), "```", ""]
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
            f"| {name} | {text(section.get('status')) or '-'} | "
            f"{section.get('duration_ms', '-')} | {_cell(text(section.get('error')))} |"
        )
    return [*lines, ""]


def _inline(value: str) -> str:
    """One line of text (line breaks inside a list item would end it)."""
    return " ".join(value.split())


def _cell(value: str) -> str:
    return _inline(value).replace("|", "\\|")


def _code(value: str) -> str:
    return _inline(value).replace("`", "'")
