"""The financial plan as a spreadsheet (xlsx) whose cells are formulas.

A loan officer changes a price, a rate or a duration on the "Assumptions"
sheet and sees the budget, cash flow, income statement, balance sheets and
indicators move, computed the way the engine computes them (see
``xlsx_sheets``). The file holds no cached results: Excel and LibreOffice
compute every formula when they open it.

openpyxl is imported with this module, which ``genesis.exports.to_xlsx``
imports on the first spreadsheet only.
"""

from __future__ import annotations

import io

from genesis.core.agents.brief import BriefContent
from genesis.core.errors import NotFoundError
from genesis.core.finance.model import Assumptions, FinancialPlan
from genesis.exports.plan_inputs import plan_inputs
from genesis.exports.xlsx_book import Book
from genesis.exports.xlsx_sheets import PlanWorkbook


def build_workbook(plan: FinancialPlan, inputs: Assumptions) -> Book:
    """The workbook of ``plan`` with ``inputs`` in its input cells; ``book.checks``
    says which cell holds which figure of the plan."""
    return PlanWorkbook(plan, inputs).build()


def to_xlsx(brief: BriefContent) -> bytes:
    """The brief's financial plan as an xlsx file; NotFoundError when it has none."""
    data = brief.plan_data
    if data is None or data.plan is None:
        raise NotFoundError("This brief has no financial plan.")
    book = build_workbook(data.plan, plan_inputs(data, data.plan))
    buffer = io.BytesIO()
    book.wb.save(buffer)
    return buffer.getvalue()
