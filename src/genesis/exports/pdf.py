"""The brief as a PDF, with fpdf2 (pure Python: no system package needed).

Layout is a single column of headed sections, in the order a founder reads a
brief: identity and logo, the five answers, market figures with their source
and year beside each one, the financial plan (pdf_finance), website copy, SEO,
design, then the agents' status.
The logo SVG is drawn by fpdf2's own SVG renderer; if it cannot draw it (an
uploaded logo with unsupported features) the PDF is made without it.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from fpdf import FPDF, ResourceAccessPolicy

from genesis.core.agents import voice
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
from genesis.exports.latin1 import latin1
from genesis.exports.pdf_finance import finance_section

log = logging.getLogger(__name__)

FONT = "helvetica"
INK = (33, 33, 33)
MUTED = (110, 110, 110)
LOGO_HEIGHT_MM = 18


class _Doc:
    def __init__(self, accent: tuple[int, int, int], lang: str) -> None:
        self.pdf = FPDF(format="A4")
        # The logo may be a person's upload: it must never make the server read a
        # local file or fetch a URL into the PDF.
        self.pdf.resource_access_policy = ResourceAccessPolicy.NONE
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.set_margins(18, 16, 18)
        self.pdf.add_page()
        self.accent = accent
        self.lang = lang

    def title(self, value: str) -> None:
        self.pdf.set_font(FONT, "B", 20)
        self.pdf.set_text_color(*self.accent)
        self._cell(value, 9)

    def heading(self, value: str) -> None:
        self.pdf.ln(3)
        self.pdf.set_font(FONT, "B", 13)
        self.pdf.set_text_color(*self.accent)
        self._cell(value, 7)
        self.pdf.set_draw_color(*self.accent)
        y = self.pdf.get_y()
        self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
        self.pdf.ln(1.5)

    def subheading(self, value: str) -> None:
        self.pdf.ln(1)
        self.pdf.set_font(FONT, "B", 10.5)
        self.pdf.set_text_color(*INK)
        self._cell(value, 5.5)

    def paragraph(self, value: str, *, muted: bool = False, size: float = 10) -> None:
        if not value:
            return
        self.pdf.set_font(FONT, "I" if muted else "", size)
        self.pdf.set_text_color(*(MUTED if muted else INK))
        self._cell(value, 5)

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.paragraph(f"- {item}")

    def _cell(self, value: str, height: float) -> None:
        if self.lang == "fr":
            value = voice.french_spacing(value)
        self.pdf.multi_cell(0, height, latin1(value), new_x="LMARGIN", new_y="NEXT")

    def logo(self, svg: str) -> None:
        if not svg:
            return
        try:
            self.pdf.image(io.BytesIO(latin1(svg).encode("utf-8")), h=LOGO_HEIGHT_MM)
        except Exception:  # an SVG fpdf2 cannot draw must not cost the whole PDF
            log.warning("the logo could not be drawn in the PDF", exc_info=True)
            return
        self.pdf.ln(2)


def to_pdf(content: dict[str, Any]) -> bytes:
    lab = labels(content)
    lang = language(content)
    template = agent_data(content, "template_selection")
    palette = mapping(template.get("palette"))
    doc = _Doc(_rgb(text(palette.get("primary")), default=(27, 58, 92)), lang)
    doc.pdf.set_title(latin1(f"{business_name(content)} - {lab['brief']}"))
    doc.pdf.set_creator("Genesis Coach")

    doc.logo(text(agent_data(content, "logo_creation").get("svg")))
    doc.title(business_name(content))
    meta = [
        text(content.get("sector_label")),
        text(content.get("location")),
        f"{lab['confidence']} {percent(content.get('overall_confidence'))}",
        f"{lab['completeness']} {percent(content.get('brief_completeness'))}",
    ]
    doc.paragraph(" | ".join(m for m in meta if m), muted=True)
    warnings = strings(content.get("warnings"))
    if warnings:
        doc.subheading(lab["warnings"])
        doc.bullets(warnings)

    for key in SEED_SECTIONS:
        doc.heading(lab[key])
        doc.paragraph(text(content.get(key)) or lab["not_available"], muted=not content.get(key))

    _market(doc, content, lab, lang)
    finance_section(doc, content, lang)
    _copy(doc, content, lab)
    _seo(doc, content, lab)
    _design(doc, content, lab)
    return bytes(doc.pdf.output())


def _market(doc: _Doc, content: dict[str, Any], lab: dict[str, str], lang: str) -> None:
    data = agent_data(content, "market_research")
    doc.heading(lab["market"])
    if not data:
        doc.paragraph(lab["not_available"], muted=True)
        return
    doc.paragraph(text(data.get("summary")))
    for note in strings(data.get("notes")):
        doc.paragraph(note, muted=True)
    rows = figures(content)
    if rows:
        doc.subheading(lab["figures"])
        for f in rows:
            value = f"{number(f.get('value'), lang)} {text(f.get('unit'))}".strip()
            doc.paragraph(f"{text(f.get('label'))}: {value}")
            doc.paragraph(
                f"{lab['source']}: {text(f.get('source'))} ({f.get('year')})", muted=True, size=8.5
            )
    prices = data.get("price_ranges")
    if isinstance(prices, list) and prices:
        doc.subheading(lab["prices"])
        for p in prices:
            if isinstance(p, dict):
                doc.paragraph(f"{text(p.get('item'))}: {text(p.get('range'))}")
                doc.paragraph(text(p.get("note")), muted=True, size=8.5)
    for key, label in MARKET_LISTS:
        items = strings(data.get(key))
        if items:
            doc.subheading(lab[label])
            doc.bullets(items)
    sources = data.get("sources")
    if isinstance(sources, list) and sources:
        doc.subheading(lab["web_sources"])
        doc.bullets(
            [
                f"{text(s.get('title'))} - {text(s.get('url'))}"
                for s in sources
                if isinstance(s, dict)
            ]
        )
    for source in strings(data.get("data_sources")):
        doc.paragraph(source, muted=True, size=8.5)


def _copy(doc: _Doc, content: dict[str, Any], lab: dict[str, str]) -> None:
    data = agent_data(content, "content_generation")
    doc.heading(lab["content"])
    if not data:
        doc.paragraph(lab["not_available"], muted=True)
        return
    doc.subheading(text(data.get("hero_title")))
    doc.paragraph(text(data.get("hero_subtitle")))
    doc.subheading(lab["about"])
    doc.paragraph(text(data.get("about")))
    doc.subheading(lab["services"])
    for service in data.get("services") or []:
        if isinstance(service, dict):
            doc.paragraph(f"- {text(service.get('title'))}: {text(service.get('description'))}")
    doc.subheading(lab["value_proposition"])
    doc.paragraph(text(data.get("value_proposition")))
    doc.subheading(lab["contact"])
    contact = mapping(data.get("contact"))
    doc.paragraph(f"{lab['call_to_action']}: {text(data.get('call_to_action'))}")
    for key in ("whatsapp", "phone", "hours"):
        doc.paragraph(f"{lab[key]}: {text(contact.get(key))}")


def _seo(doc: _Doc, content: dict[str, Any], lab: dict[str, str]) -> None:
    data = agent_data(content, "seo_optimization")
    doc.heading(lab["seo"])
    if not data:
        doc.paragraph(lab["not_available"], muted=True)
        return
    doc.paragraph(f"{lab['primary_keyword']}: {text(data.get('primary_keyword'))}")
    doc.paragraph(
        f"{lab['secondary_keywords']}: {', '.join(strings(data.get('secondary_keywords')))}"
    )
    doc.paragraph(f"{lab['meta_title']}: {text(data.get('meta_title'))}")
    doc.paragraph(f"{lab['meta_description']}: {text(data.get('meta_description'))}")
    doc.paragraph(f"{lab['slug']}: {text(data.get('slug'))}")
    items = strings(data.get("local_seo"))
    if items:
        doc.subheading(lab["local_seo"])
        doc.bullets(items)


def _design(doc: _Doc, content: dict[str, Any], lab: dict[str, str]) -> None:
    tpl = agent_data(content, "template_selection")
    doc.heading(lab["template"])
    if tpl:
        doc.paragraph(f"{text(tpl.get('name'))}: {text(tpl.get('reason'))}")
    else:
        doc.paragraph(lab["not_available"], muted=True)


def _rgb(value: str, *, default: tuple[int, int, int]) -> tuple[int, int, int]:
    if len(value) == 7 and value.startswith("#"):
        try:
            return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
        except ValueError:
            return default
    return default
