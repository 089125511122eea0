"""The financial plan in the PDF: indicators and warnings, the two charts, then
the tables (the 14-column cash flow on a landscape page of its own).

Text goes through the same French spacing and Latin-1 folding as the rest of
the PDF; currency symbols outside Latin-1 ("₦", "GH₵") become ISO codes so an
amount never loses its currency. The charts are the SVGs of ``charts``, drawn
by fpdf2's SVG renderer (their <title>/<desc>, which it does not draw, are
left out).
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fpdf import FPDF

from genesis.core.agents import voice
from genesis.core.agents.brief import Brief
from genesis.core.finance.model import FinancialPlan
from genesis.exports import charts
from genesis.exports.finance import (
    ViewTable,
    finance_view,
    financial_plan,
    not_available_text,
    texts,
)
from genesis.exports.latin1 import latin1

if TYPE_CHECKING:
    from genesis.exports.pdf import _Doc

log = logging.getLogger(__name__)

_LABELS_ONLY = re.compile(r"<(title|desc)\b[^>]*>.*?</\1>", re.DOTALL)
HEADER_FILL = (230, 242, 235)
INK = (33, 33, 33)
RULE = (217, 214, 207)
ALERT = (163, 22, 28)
TABLE_FONT = 7.5
WIDE_FONT = 6


def finance_section(doc: _Doc, brief: Brief) -> None:
    plan = financial_plan(brief)
    if plan is None:
        doc.heading(texts(brief.language)["title"])
        doc.paragraph(not_available_text(brief.language), muted=True)
        return
    view = finance_view(plan, latin1_symbol=True)
    tx = view.texts
    doc.heading(view.title)
    doc.paragraph(view.currency_note, muted=True, size=8.5)
    doc.subheading(tx["indicators"])
    _rows(doc, [(f.label, f.value) for f in view.indicators], widths=(0.62, 0.38))
    if view.warnings:
        doc.subheading(tx["warnings"])
        doc.pdf.set_text_color(*ALERT)
        for warning in view.warnings:
            doc.pdf.set_font("helvetica", "", 9.5)
            doc.pdf.multi_cell(0, 4.8, _text(doc, f"- {warning}"), new_x="LMARGIN", new_y="NEXT")
    _charts(doc, plan)
    for table in view.tables:
        if table.wide:
            doc.pdf.add_page(orientation="L")
            _table(doc, table)
            doc.pdf.add_page(orientation="P")
        else:
            _table(doc, table)
    doc.paragraph(view.to_confirm, muted=True, size=8.5)
    doc.subheading(tx["conventions"])
    for text in view.conventions:
        doc.paragraph(f"- {text}", muted=True, size=8)


def _text(doc: _Doc, value: str) -> str:
    return latin1(voice.french_spacing(value) if doc.lang == "fr" else value)


def _charts(doc: _Doc, plan: FinancialPlan) -> None:
    pdf = doc.pdf
    width = (pdf.epw - 6) / 2
    height = width * charts.HEIGHT / charts.WIDTH
    if pdf.will_page_break(height + 10):
        pdf.add_page()
    pdf.ln(2)
    top = pdf.get_y()
    drawn = False
    for index, (svg, text) in enumerate(
        (
            (charts.cash_chart(plan), charts.cash_text(plan)),
            (charts.revenue_costs_chart(plan), charts.revenue_costs_text(plan)),
        )
    ):
        x = pdf.l_margin + index * (width + 6)
        pdf.set_xy(x, top)
        pdf.set_font("helvetica", "B", 8.5)
        pdf.set_text_color(33, 33, 33)
        pdf.cell(width, 4.5, _text(doc, text.title))
        try:
            body = latin1(_LABELS_ONLY.sub("", svg))
            pdf.image(io.BytesIO(body.encode("utf-8")), x=x, y=top + 5, w=width)
            drawn = True
        except Exception:  # a chart that cannot be drawn must not cost the whole PDF
            log.warning("a chart could not be drawn in the PDF", exc_info=True)
    pdf.set_xy(pdf.l_margin, top + 5 + (height if drawn else 0) + 2)


@dataclass(frozen=True)
class _Line:
    cells: tuple[str, ...]
    bold: bool = False
    negative: tuple[bool, ...] = ()


def _rows(doc: _Doc, pairs: list[tuple[str, str]], widths: tuple[float, float]) -> None:
    lines = [_Line((_text(doc, label), _text(doc, value)), bold=False) for label, value in pairs]
    _grid(doc, None, lines, widths, text_columns=1, size=8.5, bold_values=True)


def _table(doc: _Doc, table: ViewTable) -> None:
    doc.subheading(table.title)
    if table.note:
        doc.paragraph(table.note, muted=True, size=8.5)
    columns = len(table.header)
    if table.text_columns > 1:
        widths: tuple[float, ...] = (0.36, 0.2, 0.12, 0.32)[:columns]
    else:
        first = 0.2 if table.wide else 0.46 if columns <= 4 else 0.28
        widths = (first, *([(1 - first) / (columns - 1)] * (columns - 1)))
    header = tuple(_text(doc, h) for h in table.header)
    lines = [
        _Line(
            tuple(_text(doc, c) for c in (row.label, *row.cells)),
            bold=row.kind != "item",
            negative=(False, *row.negative),
        )
        for row in table.rows
    ]
    size = WIDE_FONT if table.wide else TABLE_FONT
    _grid(doc, header, lines, widths, text_columns=table.text_columns, size=size)
    doc.pdf.ln(1)


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Words wrapped to ``width`` with the current font (a word too long is cut)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if pdf.get_string_width(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


def _grid(
    doc: _Doc,
    header: tuple[str, ...] | None,
    lines: list[_Line],
    widths: tuple[float, ...],
    *,
    text_columns: int,
    size: float,
    bold_values: bool = False,
) -> None:
    """A table drawn cell by cell (fpdf2's own tables cost ~2 ms a cell): text
    columns wrap, figures stay on one line, rows never split across pages."""
    pdf = doc.pdf
    orientation = "L" if pdf.w > pdf.h else "P"
    columns = [w * pdf.epw for w in widths]
    pad = 0.8
    height = size * 0.42

    def draw(line: _Line, *, heading: bool) -> None:
        style = "B" if heading or line.bold else ""
        pdf.set_font("helvetica", style, size)
        wrapped = [
            _wrap(pdf, text, columns[i] - 2 * pad) if i < text_columns else [text]
            for i, text in enumerate(line.cells)
        ]
        row_height = max(len(w) for w in wrapped) * height + 2 * pad
        if pdf.will_page_break(row_height):
            pdf.add_page(orientation=orientation)
            if header and not heading:
                draw(_Line(header), heading=True)
            pdf.set_font("helvetica", style, size)
        top, x = pdf.get_y(), pdf.l_margin
        if heading:
            pdf.set_fill_color(*HEADER_FILL)
            pdf.rect(x, top, sum(columns), row_height, style="F")
        for i, texts_in_cell in enumerate(wrapped):
            negative = i < len(line.negative) and line.negative[i]
            pdf.set_text_color(*(ALERT if negative else INK))
            if bold_values and i >= text_columns and not heading:
                pdf.set_font("helvetica", "B", size)
            for n, text in enumerate(texts_in_cell):
                pdf.set_xy(x + pad, top + pad + n * height)
                align = "L" if i < text_columns else "R"
                pdf.cell(columns[i] - 2 * pad, height, text, align=align)
            x += columns[i]
        pdf.set_draw_color(*RULE)
        pdf.line(pdf.l_margin, top + row_height, pdf.l_margin + sum(columns), top + row_height)
        pdf.set_xy(pdf.l_margin, top + row_height)

    if header:
        draw(_Line(header), heading=True)
    for line in lines:
        draw(line, heading=False)
    pdf.set_text_color(*INK)
