"""The financial plan as a spreadsheet: formulas, not values, that LibreOffice
computes to the engine's figures, to the currency's minor unit; and a changed
assumption moves the plan as the engine would move it."""

from __future__ import annotations

import io
import time
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from genesis import exports
from genesis.core.errors import NotFoundError
from genesis.core.finance import build_plan
from genesis.core.finance.model import Assumptions
from genesis.exports.plan_inputs import assumptions_from_plan
from genesis.exports.xlsx import build_workbook
from genesis.exports.xlsx_book import Book
from tests.briefs import as_brief
from tests.exports.libreoffice import needs_soffice, recalculate, resolve, same
from tests.exports.plans import ALL, ZONES, content_with_plan, section, xof_restaurant


def _book(assumptions: Assumptions) -> Book:
    return build_workbook(build_plan(assumptions), assumptions)


def test_the_workbook_has_its_sheets_in_the_plan_language() -> None:
    fr = openpyxl.load_workbook(
        io.BytesIO(exports.to_xlsx(as_brief(content_with_plan(xof_restaurant()))))
    )
    assert fr.sheetnames == [
        "Hypothèses",
        "Budget de départ",
        "Emprunts",
        "Trésorerie",
        "Compte de résultat",
        "Amortissements",
        "Bilans et BFR",
        "Indicateurs",
        "Calculs mensuels",
    ]
    en = openpyxl.load_workbook(
        io.BytesIO(exports.to_xlsx(as_brief(content_with_plan(ZONES["KES"]()))))
    )
    assert en.sheetnames[:4] == ["Assumptions", "Start-up budget", "Loans", "Cash flow"]


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_figure_is_a_formula_and_every_input_a_value(name: str) -> None:
    book = _book(ALL[name]())
    assert len(book.checks) > 400
    assumptions = book.wb.worksheets[0]
    formulas = 0
    for _, sheet, cell in book.checks:
        assert sheet != assumptions.title
        value = book.wb[sheet][cell].value
        # The only constants are the zeros of the timing (no sale collected at the
        # start, no loan received after it), as in the engine.
        assert value == 0 or (isinstance(value, str) and value.startswith("=")), (sheet, cell)
        formulas += value != 0
    assert formulas > 0.8 * len(book.checks)
    for key, ref in book.inputs.items():
        cell = assumptions[ref.split("!")[1].replace("$", "")]
        assert not (isinstance(cell.value, str) and cell.value.startswith("=")), key
        assert cell.fill.fgColor.rgb.endswith("FFF2CC"), key  # yellow: the cells to change
    # Formulas read like words: the inputs and key figures have names.
    tax = "tax_band0_pct" if name == "ngn_banded" else "tax_pct"  # the rate by turnover
    for name_ in ("decimals", "price_avg", "vat_rate", "opening_cash", "units_start", tax):
        assert name_ in book.wb.defined_names


def test_amounts_have_the_currency_format() -> None:
    xof = _book(xof_restaurant())
    assert xof.money == '#,##0 "F\u202fCFA";[Red]-#,##0 "F\u202fCFA"'
    assert _book(ZONES["NGN"]()).money == '"₦" #,##0.00;[Red]-"₦" #,##0.00'
    sheet, cell = next((s, c) for p, s, c in xof.checks if p[0] == "startup")
    assert xof.wb[sheet][cell].number_format == xof.money


def test_without_a_plan_there_is_no_spreadsheet() -> None:
    with pytest.raises(NotFoundError):
        exports.to_xlsx(as_brief({"language": "fr"}))
    failed = {"financial_plan": {"status": "failed", "data": {}, "error": "x", "duration_ms": 1}}
    with pytest.raises(NotFoundError):
        exports.to_xlsx(as_brief(failed))


@pytest.mark.parametrize("name", sorted(ALL))
def test_inputs_read_back_from_the_plan_rebuild_it_exactly(name: str) -> None:
    """Without ``data["inputs"]`` the spreadsheet reads its inputs from the plan."""
    plan = build_plan(ALL[name]())
    assert build_plan(assumptions_from_plan(plan)) == plan


def test_stored_inputs_and_inputs_read_back_give_the_same_workbook() -> None:
    a = ZONES["GHS"]()
    stored = openpyxl.load_workbook(
        io.BytesIO(exports.to_xlsx(as_brief({"financial_plan": section(a, with_inputs=True)})))
    )
    read_back = openpyxl.load_workbook(
        io.BytesIO(exports.to_xlsx(as_brief({"financial_plan": section(a)})))
    )
    for sheet in stored.worksheets:
        other = read_back[sheet.title]
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.value == other[cell.coordinate].value, (sheet.title, cell.coordinate)


# --------------------------------------------------------------- LibreOffice


def _changed(a: Assumptions) -> Assumptions:
    """A loan officer's what-if: a lower price, a dearer loan, customers paying later,
    stock kept, VAT registration."""
    product = a.products[0].model_copy(update={"unit_price": D(1700)})
    loan = a.financing[1].model_copy(update={"annual_rate_pct": D(30), "duration_months": 18})
    wc = a.working_capital.model_copy(update={"customer_days": 45, "stock_days": 10})
    return a.model_copy(
        update={
            "products": [product],
            "financing": [a.financing[0], loan],
            "working_capital": wc,
            "vat_registered": True,
        }
    )


def _edit(book: Book, changes: dict[str, object]) -> None:
    for key, value in changes.items():
        sheet, cell = book.inputs[key].split("!")
        book.wb[sheet.strip("'")][cell.replace("$", "")].value = value  # type: ignore[assignment]


@needs_soffice
def test_libreoffice_computes_the_engine_figures(tmp_path: Path) -> None:
    """Every figure of every plan, recomputed by LibreOffice from the formulas, equals
    the engine's to the minor unit; and after changing input cells it equals the
    engine's plan of the changed assumptions."""
    cases: dict[str, tuple[Assumptions, Book]] = {}
    for name, make in ALL.items():
        a = make()
        cases[name] = (a, _book(a))
    base = xof_restaurant()
    what_if = _changed(base)
    edited = _book(base)
    # The rate is in the loan's line of the assumptions; the duration too.
    _edit(
        edited,
        {
            "products.0.unit_price": 1700,
            "financing.1.annual_rate_pct": 30,
            "financing.1.duration_months": 18,
            "working_capital.customer_days": 45,
            "working_capital.stock_days": 10,
            "vat_registered": True,
        },
    )
    cases["what_if"] = (what_if, edited)
    files = []
    for name, (_, book) in cases.items():
        path = tmp_path / f"{name}.xlsx"
        book.wb.save(path)
        files.append(path)
    started = time.monotonic()
    computed = recalculate(files, tmp_path)
    elapsed = time.monotonic() - started
    checked = 0
    for (name, (a, book)), path in zip(cases.items(), files, strict=True):
        plan = build_plan(a)
        data = plan.model_dump(mode="json")
        values = openpyxl.load_workbook(computed[path], data_only=True)
        wrong = []
        for figure, sheet, cell in book.checks:
            expected = resolve(data, figure)
            got = values[sheet][cell].value
            checked += 1
            if not same(expected, got, plan.decimals):
                wrong.append((figure, f"{sheet}!{cell}", expected, got))
        assert not wrong, (name, len(wrong), wrong[:10])
    print(f"\nLibreOffice recomputed {len(files)} workbooks in {elapsed:.1f} s: {checked} figures")
    assert checked > 5000
