"""Every assumption of a plan, with its value and where it comes from.

A bank asks "where does this number come from?": each input is listed with
its origin. The caller's notes say it ("given" by the person, an "estimate"
from typical ranges, a "default" from the country parameters); a note on a
parent key ("fixed_costs") covers its children; an input the caller never
set is a "default"; anything else was given by the person.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from genesis.core.finance.labels import label
from genesis.core.finance.model import AssumptionLine, AssumptionNote, Assumptions, Origin
from genesis.core.finance.money import format_money, format_percent

FIXED_COST_KEYS = ("rent", "salaries", "phone_internet", "transport", "electricity", "other")
COST_LABEL_KEYS = {"other": "other_costs"}


def _named(a: Assumptions, key: str, name: str) -> str:
    """ "Selling price per unit: Plat" / "Prix de vente unitaire : Plat" (French spacing)."""
    colon = "\u00a0:" if a.language == "fr" else ":"
    return f"{label(key, a.language)}{colon} {name}"


class _Lister:
    def __init__(self, a: Assumptions, computed_buffer: Decimal | None) -> None:
        self.a = a
        self.notes: dict[str, AssumptionNote] = {note.key: note for note in a.notes}
        self.computed_buffer = computed_buffer
        self.lines: list[AssumptionLine] = []

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.a.currency, self.a.language)

    def percent(self, value: Decimal) -> str:
        return format_percent(value, self.a.language)

    def yes_no(self, value: bool) -> str:
        return label("yes" if value else "no", self.a.language)

    def _note(self, key: str) -> AssumptionNote | None:
        parts = key.split(".")
        for end in range(len(parts), 0, -1):
            found = self.notes.get(".".join(parts[:end]))
            if found is not None:
                return found
        return None

    def add(self, key: str, text: str, value: str, owner: BaseModel, field: str) -> None:
        note = self._note(key)
        origin: Origin
        if note is not None:
            origin = note.origin
        elif field not in owner.model_fields_set:
            origin = "default"
        else:
            origin = "given"
        self.lines.append(
            AssumptionLine(
                key=key, label=text, value=value, origin=origin, note=note.note if note else None
            )
        )


def assumption_lines(a: Assumptions, computed_buffer: Decimal | None) -> list[AssumptionLine]:
    """``computed_buffer`` is the cash reserve the engine chose when none was given."""
    lister = _Lister(a, computed_buffer)
    lang = a.language
    for index, product in enumerate(a.products):
        prefix = f"products.{index}"
        lister.add(
            f"{prefix}.unit_price",
            _named(a, "unit_price", product.name),
            lister.money(product.unit_price),
            product,
            "unit_price",
        )
        lister.add(
            f"{prefix}.unit_cost",
            _named(a, "unit_cost", product.name),
            lister.money(product.unit_cost),
            product,
            "unit_cost",
        )
        if len(a.products) > 1:
            lister.add(
                f"{prefix}.share_of_units",
                _named(a, "share_of_units", product.name),
                f"{product.share_of_units.normalize():f}",
                product,
                "share_of_units",
            )
    lister.add(
        "units_per_month",
        label("units_per_month", lang),
        f"{a.units_per_month.normalize():f}",
        a,
        "units_per_month",
    )
    lister.add(
        "monthly_growth_pct",
        label("monthly_growth_pct", lang),
        lister.percent(a.monthly_growth_pct),
        a,
        "monthly_growth_pct",
    )
    if a.growth_months is not None:
        lister.add(
            "growth_months", label("growth_months", lang), str(a.growth_months), a, "growth_months"
        )
    for key in FIXED_COST_KEYS:
        lister.add(
            f"fixed_costs.{key}",
            label(COST_LABEL_KEYS.get(key, key), lang),
            lister.money(getattr(a.fixed_costs, key)),
            a.fixed_costs,
            key,
        )
    lister.add(
        "yearly_fixed_cost_increase_pct",
        label("yearly_fixed_cost_increase_pct", lang),
        lister.percent(a.yearly_fixed_cost_increase_pct),
        a,
        "yearly_fixed_cost_increase_pct",
    )
    for index, item in enumerate(a.investments):
        life = str(item.lifetime_years or 0)
        lister.add(
            f"investments.{index}.amount", item.label, lister.money(item.amount), item, "amount"
        )
        lister.add(
            f"investments.{index}.lifetime_years",
            _named(a, "lifetime_years", item.label),
            life,
            item,
            "lifetime_years",
        )
    lister.add(
        "opening_stock",
        label("opening_stock", lang),
        lister.money(a.opening_stock),
        a,
        "opening_stock",
    )
    if a.cash_buffer is not None:
        lister.add(
            "cash_buffer", label("cash_buffer", lang), lister.money(a.cash_buffer), a, "cash_buffer"
        )
    elif computed_buffer is not None:
        lister.lines.append(
            AssumptionLine(
                key="cash_buffer",
                label=label("cash_buffer", lang),
                value=lister.money(computed_buffer),
                origin="default",
                note=label("cash_buffer_computed", lang),
            )
        )
    for index, source in enumerate(a.financing):
        name = source.label or label(source.kind, lang)
        lister.add(f"financing.{index}.amount", name, lister.money(source.amount), source, "amount")
        if source.is_loan:
            lister.add(
                f"financing.{index}.annual_rate_pct",
                _named(a, "annual_rate_pct", name),
                lister.percent(source.annual_rate_pct),
                source,
                "annual_rate_pct",
            )
            lister.add(
                f"financing.{index}.duration_months",
                _named(a, "duration_months", name),
                str(source.duration_months),
                source,
                "duration_months",
            )
    for key in ("stock_days", "customer_days", "supplier_days"):
        lister.add(
            f"working_capital.{key}",
            label(key, lang),
            str(getattr(a.working_capital, key)),
            a.working_capital,
            key,
        )
    bands = a.rates.corporate_tax_bands
    for i, band in enumerate(bands):  # the rate by the year's turnover, band by band
        key = f"rates.corporate_tax_pct.band{i}"
        if band.turnover_up_to is not None:
            text = label("tax_band_turnover_up_to", lang).format(n=i + 1)
            lister.add(
                f"{key}.turnover_up_to",
                text,
                lister.money(band.turnover_up_to),
                band,
                "turnover_up_to",
            )
        text = label("tax_band_rate_pct", lang).format(n=i + 1)
        lister.add(f"{key}.rate_pct", text, lister.percent(band.rate_pct), band, "rate_pct")
    for key in ("corporate_tax_pct", "social_charges_pct", "vat_pct"):
        if key == "corporate_tax_pct" and bands:
            continue
        lister.add(
            f"rates.{key}", label(key, lang), lister.percent(getattr(a.rates, key)), a.rates, key
        )
    lister.add(
        "vat_registered",
        label("vat_registered", lang),
        lister.yes_no(a.vat_registered),
        a,
        "vat_registered",
    )
    return lister.lines
