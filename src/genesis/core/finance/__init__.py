"""The financial engine: amounts as people type them, and the plan a loan officer asks for.

Pure and offline (stdlib + pydantic): ``amounts`` reads "2 500 FCFA", "45k",
"1,2 million"; ``parameters`` gives each country's tax and social rates with
their sources; ``ranges`` offers typical ranges when a person does not know;
``plan.build_plan`` turns Assumptions into a FinancialPlan (start-up budget,
loan schedules, 12-month cash flow, 3-year income statement, depreciation,
working capital, balance sheets, indicators, warnings); ``money`` rounds and
formats amounts as CLDR writes each currency.
"""

from genesis.core.finance.amounts import (
    ParsedAmount,
    ParsedDuration,
    ParsedRate,
    parse_amount,
    parse_duration,
    parse_percentage,
)
from genesis.core.finance.model import Assumptions, FinancialPlan
from genesis.core.finance.money import format_money, round_money
from genesis.core.finance.plan import build_plan

__all__ = [
    "Assumptions",
    "FinancialPlan",
    "ParsedAmount",
    "ParsedDuration",
    "ParsedRate",
    "build_plan",
    "format_money",
    "parse_amount",
    "parse_duration",
    "parse_percentage",
    "round_money",
]
