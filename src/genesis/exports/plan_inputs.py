"""The Assumptions a plan was built from, for the spreadsheet's input cells.

The financial section of the brief carries the plan; when it also carries the
inputs (``PlanData.inputs``, stored as ``data["inputs"]``) they are used as
they are. Otherwise they are read back from the plan itself: every
input is listed in ``plan.assumptions`` under a stable key, amounts written
with exactly the currency's decimals, and the financing kinds are the keys of
the start-up sources. Prices with more decimals than the currency are the one
thing this cannot give back (they are listed rounded).
"""

from __future__ import annotations

import re
from decimal import Decimal

from genesis.core.agents.results import PlanData
from genesis.core.finance.labels import LABELS, MONTHS
from genesis.core.finance.labels import label as finance_label
from genesis.core.finance.model import (
    AssumptionLine,
    AssumptionNote,
    Assumptions,
    FinancialPlan,
    Financing,
    FixedCosts,
    Investment,
    Product,
    TaxBand,
    TaxRates,
    WorkingCapitalDays,
)

_DIGITS = re.compile(r"\d")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
_KIND_SUFFIX = re.compile(r"_\d+$")
FIXED_COSTS = ("rent", "salaries", "phone_internet", "transport", "electricity", "other")


def plan_inputs(data: PlanData, plan: FinancialPlan) -> Assumptions:
    """The inputs stored beside the plan, or those read back from it."""
    return data.inputs or assumptions_from_plan(plan)


class _Lines:
    def __init__(self, plan: FinancialPlan) -> None:
        self.plan = plan
        self.by_key: dict[str, AssumptionLine] = {line.key: line for line in plan.assumptions}

    def has(self, key: str) -> bool:
        return key in self.by_key

    def text(self, key: str) -> str:
        return self.by_key[key].value

    def money(self, key: str) -> Decimal:
        """Amounts are never negative and always printed with the currency's decimals."""
        digits = "".join(_DIGITS.findall(self.text(key))) or "0"
        return Decimal(int(digits)).scaleb(-self.plan.decimals)

    def number(self, key: str) -> Decimal:
        found = _NUMBER.search(self.text(key).replace("\u2212", "-"))
        return Decimal(found.group(0).replace(",", ".")) if found else Decimal(0)

    def integer(self, key: str) -> int:
        return int(self.number(key))

    def named(self, key: str, label_key: str) -> str:
        """The name after "Selling price per unit: " in a line's label."""
        text = self.by_key[key].label
        prefix = finance_label(label_key, self.plan.language)
        rest = text[len(prefix) :] if text.startswith(prefix) else text
        return rest.lstrip("\u00a0:").strip() or text

    def indices(self, prefix: str) -> list[int]:
        found = {int(k.split(".")[1]) for k in self.by_key if k.startswith(prefix + ".")}
        return sorted(found)


def _start(plan: FinancialPlan) -> tuple[int | None, int]:
    first = plan.cash_flow.table.columns[1] if len(plan.cash_flow.table.columns) > 1 else ""
    name, _, year = first.rpartition(" ")
    months = MONTHS[plan.language]
    if year.isdigit() and len(year) == 4 and name in months:
        return int(year), months.index(name) + 1
    return None, 1


def assumptions_from_plan(plan: FinancialPlan) -> Assumptions:
    lines = _Lines(plan)
    lang = plan.language
    products = []
    for i in lines.indices("products"):
        prefix = f"products.{i}"
        share_key = f"{prefix}.share_of_units"
        products.append(
            Product(
                name=lines.named(f"{prefix}.unit_price", "unit_price"),
                unit_price=lines.money(f"{prefix}.unit_price"),
                unit_cost=lines.money(f"{prefix}.unit_cost"),
                share_of_units=lines.number(share_key) if lines.has(share_key) else Decimal(1),
            )
        )
    investments = []
    for i in lines.indices("investments"):
        life = lines.integer(f"investments.{i}.lifetime_years")
        investments.append(
            Investment(
                label=lines.by_key[f"investments.{i}.amount"].label,
                amount=lines.money(f"investments.{i}.amount"),
                lifetime_years=life or None,
            )
        )
    kinds = [
        _KIND_SUFFIX.sub("", s.key) for s in plan.startup.sources if s.key != "financing_to_find"
    ]
    financing = []
    for i in lines.indices("financing"):
        kind = kinds[i] if i < len(kinds) else "other"
        name = lines.by_key[f"financing.{i}.amount"].label
        rate_key, months_key = f"financing.{i}.annual_rate_pct", f"financing.{i}.duration_months"
        financing.append(
            Financing.model_validate(
                {
                    "kind": kind,
                    "amount": lines.money(f"financing.{i}.amount"),
                    "label": None if kind in LABELS and name == finance_label(kind, lang) else name,
                    "annual_rate_pct": lines.number(rate_key) if lines.has(rate_key) else 0,
                    "duration_months": lines.integer(months_key) if lines.has(months_key) else 0,
                }
            )
        )
    buffer_line = lines.by_key.get("cash_buffer")
    computed_note = finance_label("cash_buffer_computed", lang)
    cash_buffer = (
        None
        if buffer_line is None or buffer_line.note == computed_note
        else lines.money("cash_buffer")
    )
    start_year, start_month = _start(plan)
    notes = [
        AssumptionNote(key=line.key, origin=line.origin, note=line.note)
        for line in plan.assumptions
        if line.key != "cash_buffer" or cash_buffer is not None
    ]
    return Assumptions(
        currency=plan.currency,
        language=plan.language,
        start_year=start_year,
        start_month=start_month,
        products=products,
        units_per_month=lines.number("units_per_month"),
        monthly_growth_pct=lines.number("monthly_growth_pct"),
        growth_months=lines.integer("growth_months") if lines.has("growth_months") else None,
        fixed_costs=FixedCosts(**{k: lines.money(f"fixed_costs.{k}") for k in FIXED_COSTS}),
        yearly_fixed_cost_increase_pct=lines.number("yearly_fixed_cost_increase_pct"),
        investments=investments,
        opening_stock=lines.money("opening_stock"),
        cash_buffer=cash_buffer,
        financing=financing,
        working_capital=WorkingCapitalDays(
            stock_days=lines.integer("working_capital.stock_days"),
            customer_days=lines.integer("working_capital.customer_days"),
            supplier_days=lines.integer("working_capital.supplier_days"),
        ),
        rates=_rates(lines),
        vat_registered=lines.text("vat_registered") == finance_label("yes", lang),
        notes=notes,
    )


def _rates(lines: _Lines) -> TaxRates:
    bands: list[TaxBand] = []
    while lines.has(f"rates.corporate_tax_pct.band{len(bands)}.rate_pct"):
        key = f"rates.corporate_tax_pct.band{len(bands)}"
        ceiling = f"{key}.turnover_up_to"
        bands.append(
            TaxBand(
                turnover_up_to=lines.money(ceiling) if lines.has(ceiling) else None,
                rate_pct=lines.number(f"{key}.rate_pct"),
            )
        )
    return TaxRates(
        corporate_tax_pct=(bands[0].rate_pct if bands else lines.number("rates.corporate_tax_pct")),
        social_charges_pct=lines.number("rates.social_charges_pct"),
        vat_pct=lines.number("rates.vat_pct"),
        corporate_tax_bands=tuple(bands),
    )
