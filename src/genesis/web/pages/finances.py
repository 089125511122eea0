"""The financial plan's figures, corrected in a plain form (no JavaScript needed).

Amounts are read as people write them ("2 500", "45k", "1,2 million"); a field
left as it was keeps its origin (an estimate stays an estimate), a field changed
becomes "given". Saving makes the plan again at once (service.update_finances)
and goes back to the brief, or to the coaching page while coaching goes on.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, Final

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.responses import Response

from genesis import service
from genesis.core.finance.amounts import parse_amount
from genesis.core.finance.model import AssumptionNote, Assumptions, FinancingKind
from genesis.core.finance.money import format_money, format_percent
from genesis.core.steps import BRIEF_STATUSES, SessionStatusEnum
from genesis.web.deps import SessionIdDep
from genesis.web.pages.render import FormDep, Page, PageRoute, UserPageDep

router = APIRouter(prefix="/app/sessions", route_class=PageRoute, include_in_schema=False)

FIXED: Final = ("rent", "salaries", "phone_internet", "transport", "electricity", "other")
RATES: Final = ("corporate_tax_pct", "social_charges_pct", "vat_pct")
DAYS: Final = ("stock_days", "customer_days", "supplier_days")
KINDS: Final[tuple[FinancingKind, ...]] = (
    "own_savings", "family", "tontine", "microfinance", "bank_loan", "grant", "other",
)  # fmt: skip
# One empty row under the others, to add an investment or a source of money.
SPARE_ROWS: Final = 1


@router.get("/{session_id}/finances")
async def show(session_id: SessionIdDep, page: UserPageDep) -> Response:
    view = await service.get_finances(page.rt, page.user_id, session_id, with_plan=False)
    return _render(page, view, view.assumptions, error=None)


@router.post("/{session_id}/finances")
async def save(session_id: SessionIdDep, page: UserPageDep, form: FormDep) -> Response:
    view = await service.get_finances(page.rt, page.user_id, session_id, with_plan=False)
    if view.assumptions is None:
        return page.redirect(f"/app/sessions/{session_id}")
    try:
        assumptions = corrected(view.assumptions, form)
    except (ValidationError, ValueError):
        return _render(
            page, view, _echo(view.assumptions, form), error="finances_invalid", code=422
        )
    await service.update_finances(page.rt, page.user_id, session_id, assumptions)
    if view.status in BRIEF_STATUSES:
        return page.redirect(f"/app/sessions/{session_id}/brief#h-finance")
    return page.redirect(f"/app/sessions/{session_id}")


def _render(
    page: Page,
    view: service.FinancesView,
    values: dict[str, Any] | None,
    *,
    error: str | None,
    code: int = 200,
) -> Response:
    return page.render(
        "finances.html",
        code,
        view=view,
        f=values,
        fixed=FIXED,
        rates=RATES,
        days=DAYS,
        kinds=KINDS,
        spare=SPARE_ROWS,
        error=error,
        editable=view.status is not SessionStatusEnum.SUB_AGENTS_RUNNING,
        tax_bands=_tax_bands(values, page),
    )


def _tax_bands(values: dict[str, Any] | None, page: Page) -> str:
    """The corporate tax rate by yearly turnover, in words ("" with one rate)."""
    rates = (values or {}).get("rates") or {}
    currency = str((values or {}).get("currency") or "")
    parts = []
    for band in rates.get("corporate_tax_bands") or []:
        rate = format_percent(Decimal(str(band["rate_pct"])), page.lang)
        up_to = band.get("turnover_up_to")
        amount = None if up_to is None else format_money(Decimal(str(up_to)), currency, page.lang)
        parts.append((rate, amount))
    if not parts or not currency:
        return ""
    t = page.t
    return t(
        "finances_tax_bands",
        bands=", ".join(
            t("finances_tax_band_up_to", rate=rate, amount=amount)
            if amount is not None
            else t("finances_tax_band_above", rate=rate)
            for rate, amount in parts
        ),
    )


def corrected(stored: dict[str, Any], form: FormData) -> Assumptions:
    """The stored assumptions with the form's values; changed ones become "given"."""
    currency = str(stored["currency"])
    product = dict(stored["products"][0])
    values: dict[str, Any] = {
        "products.0.unit_price": _money(form, "unit_price", currency),
        "products.0.unit_cost": _money(form, "unit_cost", currency),
        "units_per_month": _number(form, "units_per_month"),
        "monthly_growth_pct": _number(form, "monthly_growth_pct"),
        "opening_stock": _money(form, "opening_stock", currency),
    }
    product.update(
        unit_price=values["products.0.unit_price"], unit_cost=values["products.0.unit_cost"]
    )
    fixed = {key: _money(form, f"fixed_{key}", currency) for key in FIXED}
    investments = [
        {"label": label, "amount": _money(form, f"inv_{i}_amount", currency),
         "lifetime_years": _integer(form, f"inv_{i}_years")}
        for i in range(_rows(form, "inv"))
        if (label := str(form.get(f"inv_{i}_label", "")).strip())
    ]  # fmt: skip
    financing = [
        {"kind": kind, "amount": _money(form, f"fin_{i}_amount", currency),
         "annual_rate_pct": _number(form, f"fin_{i}_rate"),
         "duration_months": _integer(form, f"fin_{i}_months") or 0}
        for i in range(_rows(form, "fin"))
        if (kind := str(form.get(f"fin_{i}_kind", ""))) in KINDS
        and str(form.get(f"fin_{i}_amount", "")).strip()
    ]  # fmt: skip
    rates: dict[str, Any] = {key: _number(form, key) for key in RATES}
    bands = stored["rates"].get("corporate_tax_bands") or []
    if bands and not _differs(stored["rates"]["corporate_tax_pct"], rates["corporate_tax_pct"]):
        rates["corporate_tax_bands"] = bands  # by turnover, unless one rate is typed
    days = {key: _integer(form, key) or 0 for key in DAYS}
    updated = {
        **stored,
        "products": [product, *stored["products"][1:]],
        "units_per_month": values["units_per_month"],
        "monthly_growth_pct": values["monthly_growth_pct"],
        "opening_stock": values["opening_stock"],
        "fixed_costs": fixed,
        "investments": investments,
        "financing": financing,
        "rates": rates,
        "working_capital": days,
        "vat_registered": form.get("vat_registered") == "on",
    }
    changed = [key for key, value in values.items() if _differs(_at(stored, key), value)]
    for key, new in (
        ("fixed_costs", fixed), ("investments", investments), ("financing", financing),
    ):  # fmt: skip
        if _differs(stored.get(key), new):
            changed.append(key)
    changed += [f"rates.{k}" for k in RATES if _differs(stored["rates"][k], rates[k])]
    notes = [n for n in stored.get("notes", []) if n["key"] not in changed]
    notes += [AssumptionNote(key=key, origin="given").model_dump(mode="json") for key in changed]
    return Assumptions.model_validate({**updated, "notes": notes})


def _echo(stored: dict[str, Any], form: FormData) -> dict[str, Any]:
    """What the person typed, to show the form again with their values."""
    return {**stored, "echo": {key: str(value) for key, value in form.items() if key != "csrf"}}


def _rows(form: FormData, prefix: str) -> int:
    return 1 + max(
        (
            int(k.split("_")[1])
            for k in form
            if k.startswith(f"{prefix}_") and k.split("_")[1].isdigit()
        ),
        default=-1,
    )


def _money(form: FormData, name: str, currency: str) -> Decimal:
    raw = str(form.get(name, "")).strip()
    if not raw:
        return Decimal(0)
    found = parse_amount(raw, session_currency=currency)
    if found is None:
        raise ValueError(f"{name}: not an amount")
    return found.value


def _number(form: FormData, name: str) -> Decimal:
    raw = str(form.get(name, "")).strip().replace(",", ".").rstrip("%").strip()
    try:
        return Decimal(raw) if raw else Decimal(0)
    except InvalidOperation:
        raise ValueError(f"{name}: not a number") from None


def _integer(form: FormData, name: str) -> int | None:
    raw = str(form.get(name, "")).strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValueError(f"{name}: not a whole number")
    return int(raw)


def _at(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node[int(part)] if part.isdigit() else node.get(part)
    return node


def _differs(old: Any, new: Any) -> bool:
    """Compared as the JSON the plan keeps ("2500" and Decimal(2500) are the same)."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        try:
            return Decimal(str(value)).normalize() if value is not None else None
        except InvalidOperation:
            return value

    return bool(plain(old) != plain(new))
