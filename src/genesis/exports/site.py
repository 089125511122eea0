"""The brief as a one-page static website: a zip of index.html, styles.css, logo.svg.

The page must work when opened straight from the unzipped folder, on a phone,
on a slow connection: relative links only, no CDN, no web fonts (system font
stacks), no script. Every text comes from user answers or an LLM, so the page
is rendered by Jinja2 with autoescaping; the stylesheet only receives colours
and font stacks that pass a strict pattern. Sections follow the order of the
chosen template; the page is in the session's language.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from genesis.core.agents.logo import monogram_svg
from genesis.core.agents.svg import sanitize_svg
from genesis.core.agents.text import initials
from genesis.core.errors import InvalidLogoError
from genesis.exports.brief import (
    agent_data,
    business_name,
    labels,
    language,
    mapping,
    strings,
    text,
)

SECTIONS = ("hero", "services", "about", "value", "contact")
DEFAULT_PALETTE = {
    "primary": "#2E4057",
    "secondary": "#EDEFF2",
    "accent": "#F28C28",
    "background": "#FFFFFF",
    "text": "#1B2634",
}
DEFAULT_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_FONT_STACK = re.compile(r"^[A-Za-z0-9 ,'\-]{1,200}$")
# A zip made at a fixed time is byte-identical for the same brief (cacheable, testable).
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


@cache
def _environments() -> tuple[Environment, Environment]:
    loader = PackageLoader("genesis.exports", "site_files")
    html = Environment(
        loader=loader, autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True
    )
    # CSS is not HTML: it gets only values checked by _palette / _fonts.
    css = Environment(loader=loader, autoescape=False)  # noqa: S701
    return html, css


def to_site_zip(content: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in SITE_FILES:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _FILES[name](content).encode("utf-8"))
    return buffer.getvalue()


def site_file(content: dict[str, Any], name: str) -> bytes | None:
    """One file of the website as it is in the zip (None for a name it has not),
    made alone: the preview serves a file without building the whole zip."""
    make = _FILES.get(name)
    return make(content).encode("utf-8") if make is not None else None


def _index(content: dict[str, Any]) -> str:
    html_env, _ = _environments()
    tpl = agent_data(content, "template_selection")
    return html_env.get_template("index.html").render(**_page(content, tpl))


def _styles(content: dict[str, Any]) -> str:
    _, css_env = _environments()
    tpl = agent_data(content, "template_selection")
    return css_env.get_template("styles.css").render(
        palette=_palette(tpl.get("palette")), fonts=_fonts(tpl.get("fonts"))
    )


def _page(content: dict[str, Any], tpl: dict[str, Any]) -> dict[str, Any]:
    lab = labels(content)
    copy = agent_data(content, "content_generation")
    seo = agent_data(content, "seo_optimization")
    name = business_name(content)
    contact = mapping(copy.get("contact"))
    placeholders = set(strings(copy.get("placeholders")))
    rows = []
    for key in ("whatsapp", "phone", "hours"):
        value = text(contact.get(key)) or f"[{lab['to_fill']}]"
        rows.append(
            {
                "label": lab[key],
                "value": value,
                "placeholder": f"contact.{key}" in placeholders or value.startswith("["),
            }
        )
    location = text(content.get("location"))
    if location:
        rows.append({"label": lab["location"], "value": location, "placeholder": False})
    headings = mapping(seo.get("headings"))
    h2 = strings(headings.get("h2"))
    default_h2 = [lab["services"], lab["about"], lab["why_us"], lab["contact"]]
    sections = [s for s in strings(tpl.get("sections")) if s in SECTIONS] or list(SECTIONS)
    services = [
        {"title": text(s.get("title")), "description": text(s.get("description"))}
        for s in copy.get("services") or []
        if isinstance(s, dict)
    ]
    return {
        "lang": language(content),
        "name": name,
        "meta_title": text(seo.get("meta_title")) or name,
        "meta_description": text(seo.get("meta_description")) or text(content.get("mission")),
        "keywords": [text(seo.get("primary_keyword")), *strings(seo.get("secondary_keywords"))][:8],
        "hero_title": text(copy.get("hero_title")) or name,
        "hero_subtitle": text(copy.get("hero_subtitle")) or text(content.get("mission")),
        "cta": text(copy.get("call_to_action")) or lab["contact"],
        "services": services,
        "about": text(copy.get("about")) or text(content.get("vision")),
        "value": text(copy.get("value_proposition")) or text(content.get("value_proposition")),
        "contact": rows,
        "headings": h2 if len(h2) >= 4 else default_h2,
        "sections": sections,
        "location": location,
        "year": datetime.now(UTC).year,
        "made_with": lab["made_with"],
    }


def _palette(value: Any) -> dict[str, str]:
    palette = dict(DEFAULT_PALETTE)
    if isinstance(value, dict):
        for key in palette:
            colour = value.get(key)
            if isinstance(colour, str) and _HEX.match(colour):
                palette[key] = colour
    return palette


def _fonts(value: Any) -> dict[str, str]:
    fonts = {"heading": DEFAULT_FONT, "body": DEFAULT_FONT}
    if isinstance(value, dict):
        for key in fonts:
            stack = value.get(key)
            if isinstance(stack, str) and _FONT_STACK.match(stack):
                fonts[key] = stack
    return fonts


def _logo(content: dict[str, Any]) -> str:
    """The brief's logo, sanitised again (a brief saved before uploads were sanitised
    may hold one as received), else a neutral monogram."""
    svg = text(agent_data(content, "logo_creation").get("svg"))
    if svg:
        try:
            return sanitize_svg(svg)
        except InvalidLogoError:
            pass
    letters = initials(business_name(content))
    return monogram_svg(letters, "check", {"primary": "#2E4057", "accent": "#F28C28"})


_FILES: dict[str, Callable[[dict[str, Any]], str]] = {
    "index.html": _index,
    "styles.css": _styles,
    "logo.svg": _logo,
}
SITE_FILES: tuple[str, ...] = tuple(_FILES)
