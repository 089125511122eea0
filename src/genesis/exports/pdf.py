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

from fpdf import FPDF, ResourceAccessPolicy

from genesis.core.agents import voice
from genesis.core.agents.brief import Brief
from genesis.core.agents.research import source_text
from genesis.core.agents.results import MarketResearch, Seo, WebsiteCopy, WebsiteTemplate
from genesis.core.coach.types import Language
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
from genesis.exports.latin1 import latin1
from genesis.exports.pdf_finance import finance_section

log = logging.getLogger(__name__)

FONT = "helvetica"
INK = (33, 33, 33)
MUTED = (110, 110, 110)
LOGO_HEIGHT_MM = 18


class _Doc:
    def __init__(self, accent: tuple[int, int, int], lang: Language) -> None:
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


def to_pdf(brief: Brief) -> bytes:
    lab = labels(brief)
    template = brief.template_data
    primary = template.palette.get("primary", "") if template is not None else ""
    doc = _Doc(_rgb(primary, default=(27, 58, 92)), brief.language)
    doc.pdf.set_title(latin1(f"{business_name(brief)} - {lab['brief']}"))
    doc.pdf.set_creator("Genesis Coach")

    logo = brief.logo_data
    doc.logo(logo.svg if logo is not None else "")
    doc.title(business_name(brief))
    meta = [
        brief.sector_label,
        brief.location or "",
        f"{lab['confidence']} {percent(brief.overall_confidence, brief.language)}",
        f"{lab['completeness']} {percent(brief.brief_completeness, brief.language)}",
    ]
    doc.paragraph(" | ".join(m for m in meta if m), muted=True)
    if brief.warnings:
        doc.subheading(lab["warnings"])
        doc.bullets(brief.warnings)

    for key in SEED_SECTIONS:
        doc.heading(lab[key])
        value = seed_text(brief, key)
        doc.paragraph(value or lab["not_available"], muted=not value)

    _market(doc, brief.market_data, lab)
    finance_section(doc, brief)
    _copy(doc, brief.copy_data, lab)
    _seo(doc, brief.seo_data, lab)
    _design(doc, brief.template_data, lab)
    return bytes(doc.pdf.output())


def _market(doc: _Doc, data: MarketResearch | None, lab: dict[str, str]) -> None:
    doc.heading(lab["market"])
    if data is None:
        doc.paragraph(lab["not_available"], muted=True)
        return
    doc.paragraph(data.summary)
    for note in data.notes:
        doc.paragraph(note, muted=True)
    rows = data.sourced_figures()
    if rows:
        doc.subheading(lab["figures"])
        for f in rows:
            value = f"{number(f.value, doc.lang)} {f.unit}".strip()
            doc.paragraph(f"{f.label}: {value}")
            source = source_text(f.source, doc.lang)
            doc.paragraph(f"{lab['source']}: {source} ({f.year})", muted=True, size=8.5)
    if data.price_ranges:
        doc.subheading(lab["prices"])
        for p in data.price_ranges:
            doc.paragraph(f"{p.item}: {p.range}")
            doc.paragraph(p.note, muted=True, size=8.5)
    for key, label in MARKET_LISTS:
        items: list[str] = getattr(data, key)
        if items:
            doc.subheading(lab[label])
            doc.bullets(items)
    if data.sources:
        doc.subheading(lab["web_sources"])
        doc.bullets([f"{s.title} - {s.url}" for s in data.sources])
    for source in data.data_sources:
        doc.paragraph(source_text(source, doc.lang), muted=True, size=8.5)


def _copy(doc: _Doc, data: WebsiteCopy | None, lab: dict[str, str]) -> None:
    doc.heading(lab["content"])
    if data is None:
        doc.paragraph(lab["not_available"], muted=True)
        return
    doc.subheading(data.hero_title)
    doc.paragraph(data.hero_subtitle)
    doc.subheading(lab["about"])
    doc.paragraph(data.about)
    doc.subheading(lab["services"])
    for service in data.services:
        doc.paragraph(f"- {service.title}: {service.description}")
    doc.subheading(lab["value_proposition"])
    doc.paragraph(data.value_proposition)
    doc.subheading(lab["contact"])
    doc.paragraph(f"{lab['call_to_action']}: {data.call_to_action}")
    for key in CONTACT_KEYS:
        doc.paragraph(f"{lab[key]}: {getattr(data.contact, key)}")


def _seo(doc: _Doc, data: Seo | None, lab: dict[str, str]) -> None:
    doc.heading(lab["seo"])
    if data is None:
        doc.paragraph(lab["not_available"], muted=True)
        return
    doc.paragraph(f"{lab['primary_keyword']}: {data.primary_keyword}")
    doc.paragraph(f"{lab['secondary_keywords']}: {', '.join(data.secondary_keywords)}")
    doc.paragraph(f"{lab['meta_title']}: {data.meta_title}")
    doc.paragraph(f"{lab['meta_description']}: {data.meta_description}")
    doc.paragraph(f"{lab['slug']}: {data.slug}")
    if data.local_seo:
        doc.subheading(lab["local_seo"])
        doc.bullets(data.local_seo)


def _design(doc: _Doc, tpl: WebsiteTemplate | None, lab: dict[str, str]) -> None:
    doc.heading(lab["template"])
    if tpl is not None:
        doc.paragraph(f"{tpl.name}: {tpl.reason}")
    else:
        doc.paragraph(lab["not_available"], muted=True)


def _rgb(value: str, *, default: tuple[int, int, int]) -> tuple[int, int, int]:
    if len(value) == 7 and value.startswith("#"):
        try:
            return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
        except ValueError:
            return default
    return default
