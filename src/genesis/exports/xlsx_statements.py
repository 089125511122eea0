"""The statements of the workbook: cash flow, income statement, depreciation,
working capital and balance sheets, indicators; each a function of the
``PlanWorkbook`` whose assumptions and monthly workings they read (see
``xlsx_sheets`` for the method and ``xlsx_workings`` for the months)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from genesis.exports.xlsx_book import INTEGER_FORMAT, MUTED, RATIO_FORMAT, WRAP, Path, Sheet, col
from genesis.exports.xlsx_workings import HORIZON, R

if TYPE_CHECKING:
    from genesis.exports.xlsx_sheets import PlanWorkbook

CASH_COSTS: Final = (
    ("rent", "rent"),
    ("salaries", "salaries"),
    ("phone_internet", "phone_internet"),
    ("transport", "transport"),
    ("electricity", "electricity"),
    ("other_costs", "other"),
)
CASH_ROWS: Final = (
    "sales_collected", "contributions", "grants_received", "loans_received",
    "financing_to_find", "total_receipts", "investments_paid", "opening_stock_paid",
    "purchases_paid", *(key for key, _ in CASH_COSTS), "social_charges", "loan_instalments",
    "vat_paid", "total_payments", "net_cash_flow", "opening_cash", "closing_cash",
)  # fmt: skip
CASH_AT_START: Final = {
    "contributions": "=contributions",
    "grants_received": "=grants_total",
    "loans_received": "=loans_total",
    "financing_to_find": "=financing_to_find",
    "investments_paid": "=investments_total",
    "opening_stock_paid": "=opening_stock",
}
CASH_FROM_WORKINGS: Final = {
    "sales_collected": "collected",
    "purchases_paid": "purchases_paid",
    **dict(CASH_COSTS),
    "social_charges": "social",
    "vat_paid": "vat_paid",
}
INCOME_ROWS: Final = (
    "revenue", "cost_of_sales", "gross_margin", "external_charges", "staff_costs",
    "social_charges", "ebitda", "depreciation", "operating_result", "interest",
    "profit_before_tax", "corporate_tax", "net_result", "losses",
)  # fmt: skip
INCOME_BOLD: Final = frozenset(
    {"gross_margin", "ebitda", "operating_result", "profit_before_tax", "net_result"}
)
EXTERNAL: Final = ("rent", "phone_internet", "transport", "electricity", "other")
WC_ROWS: Final = (
    "stock", "receivables", "payables", "vat_position", "working_capital_need",
    "working_capital_change",
)  # fmt: skip


def cash_flow(wb: PlanWorkbook) -> None:
    s, tx = wb.C, wb.tx
    s.title(tx["cash_flow"])
    s.header(3, ["", *wb.plan.cash_flow.table.columns, tx["total"]])
    rows = {key: 4 + i for i, key in enumerate(CASH_ROWS)}
    receipts = CASH_ROWS[: CASH_ROWS.index("total_receipts")]
    payments = CASH_ROWS[CASH_ROWS.index("total_receipts") + 1 : CASH_ROWS.index("total_payments")]
    plan_keys = {r.key for r in wb.plan.cash_flow.table.rows}
    for key, row in rows.items():
        bold = key.startswith(("total", "net", "closing"))
        s.put(f"A{row}", wb.label(key), bold=bold)
        for m in range(13):
            here = col(2 + m)
            formula: str | int
            if key in CASH_AT_START:
                formula = CASH_AT_START[key] if m == 0 else 0
            elif key in CASH_FROM_WORKINGS:
                formula = 0 if m == 0 else f"={wb.w.ref(CASH_FROM_WORKINGS[key], m)}"
            elif key == "loan_instalments":
                paid = f"{wb.w.ref('interest', m)}+{wb.w.ref('principal', m)}"
                formula = 0 if m == 0 else "=" + R(paid)
            elif key in {"total_receipts", "total_payments"}:
                group = receipts if key == "total_receipts" else payments
                formula = "=" + R(f"SUM({here}{rows[group[0]]}:{here}{rows[group[-1]]})")
            elif key == "net_cash_flow":
                formula = "=" + R(f"{here}{rows['total_receipts']}-{here}{rows['total_payments']}")
            elif key == "opening_cash":
                formula = 0 if m == 0 else f"={col(1 + m)}{rows['closing_cash']}"
            else:
                formula = "=" + R(f"{here}{rows['opening_cash']}+{here}{rows['net_cash_flow']}")
            path = ("cash_flow", "table", "rows", key, "values", m)
            s.put(
                f"{here}{row}",
                formula,
                money=True,
                bold=bold,
                check=path if key in plan_keys else None,
            )
        if key not in {"opening_cash", "closing_cash"}:
            total: Path = ("cash_flow", "table", "rows", key, "total")
            s.put(
                f"{col(15)}{row}",
                "=" + R(f"SUM(B{row}:{col(14)}{row})"),
                money=True,
                bold=True,
                check=total if key in plan_keys else None,
            )
    s.widths(46, *([14] * 14))
    s.ws.freeze_panes = "B4"


# ---------------------------------------------------------- income statement


def income_row(key: str) -> int:
    return 4 + INCOME_ROWS.index(key)


def income(wb: PlanWorkbook) -> None:
    s, tx = wb.I, wb.tx
    s.title(tx["income"])
    s.header(3, ["", *wb.plan.income_statement.columns])
    for key in INCOME_ROWS:
        row = income_row(key)
        s.put(
            f"A{row}",
            tx["losses"] if key == "losses" else wb.label(key),
            bold=key in INCOME_BOLD,
        )
        if key == "losses":
            s.ws[f"A{row}"].font = MUTED
        for year in range(1, 4):
            check = (
                None if key == "losses" else ("income_statement", "rows", key, "values", year - 1)
            )
            formula = income_formula(wb, key, year)
            s.put(
                f"{col(1 + year)}{row}",
                formula,
                money=True,
                bold=key in INCOME_BOLD,
                check=check,
            )
    s.widths(60, 18, 18, 18)


def income_formula(wb: PlanWorkbook, key: str, year: int) -> str | int:
    first, last = 12 * (year - 1) + 1, 12 * year
    here = col(1 + year)

    def total(*series: str) -> str:
        return "=" + R("+".join(f"SUM({wb.w.range(k, first, last)})" for k in series))

    def at(name: str, column: str = here) -> str:
        return f"{column}{income_row(name)}"

    def minus(*names: str) -> str:
        return "=" + R("-".join(at(n) for n in names))

    if key == "losses":
        if year == 1:
            return 0
        before, loss = at("profit_before_tax", col(year)), at("losses", col(year))
        return f"=IF({before}<=0,{loss}-{before},{loss}-MIN({loss},{before}))"
    if key == "corporate_tax":
        profit = at("profit_before_tax")
        due = R(f"({profit}-MIN({at('losses')},{profit}))*{_tax_rate(wb, at('revenue'))}/100")
        return f"=IF({profit}<=0,0,{due})"
    formulas = {
        "revenue": lambda: total("revenue"),
        "cost_of_sales": lambda: total("cost_of_sales"),
        "gross_margin": lambda: minus("revenue", "cost_of_sales"),
        "external_charges": lambda: total(*EXTERNAL),
        "staff_costs": lambda: total("salaries"),
        "social_charges": lambda: total("social"),
        "ebitda": lambda: minus(
            "gross_margin", "external_charges", "staff_costs", "social_charges"
        ),
        "depreciation": lambda: total("depreciation"),
        "operating_result": lambda: minus("ebitda", "depreciation"),
        "interest": lambda: total("interest"),
        "profit_before_tax": lambda: minus("operating_result", "interest"),
        "net_result": lambda: minus("profit_before_tax", "corporate_tax"),
    }
    return formulas[key]()


# ----------------------------------------------------------- depreciation


def _tax_rate(wb: PlanWorkbook, revenue: str) -> str:
    """The year's corporate tax rate: the one rate, or the band of its turnover."""
    bands = wb.a.rates.corporate_tax_bands
    if not bands:
        return "tax_pct"
    rate = f"tax_band{len(bands) - 1}_pct"
    for i in range(len(bands) - 2, -1, -1):  # nested from the last band inwards
        rate = f"IF({revenue}<=tax_band{i}_upto,tax_band{i}_pct,{rate})"
    return rate


def depreciation(wb: PlanWorkbook) -> None:
    s, tx = wb.D, wb.tx
    s.title(tx["depreciation"])
    shown = [(i, inv) for i, inv in enumerate(wb.a.investments) if inv.lifetime_years]
    if not shown:
        s.put("A3", tx["no_depreciation"])
        return
    row = 3
    for i, inv in shown:
        amount = wb.inputs[f"investments.{i}.amount"]
        life = wb.inputs[f"investments.{i}.lifetime_years"]
        total = f"({life}*12)"
        s.put(f"A{row}", inv.label, bold=True)
        s.put(f"B{row}", f"={amount}", money=True)
        s.put(f"C{row}", tx["lifetime"])
        s.put(f"D{row}", f"={life}", fmt=INTEGER_FORMAT)
        row += 1
        s.header(row, [tx["year"], tx["charge"], tx["accumulated"], tx["net_book_value"]])
        for year in range(1, (inv.lifetime_years or 0) + 1):
            row += 1
            path = ("depreciation", f"investment_{i + 1}", "rows", year - 1)
            previous = f"C{row - 1}" if year > 1 else "0"
            accumulated = f"=IF({life}>0,{R(f'{amount}*MIN({12 * year},{total})/{total}')},0)"
            s.put(f"A{row}", year)
            s.put(
                f"B{row}",
                "=" + R(f"C{row}-{previous}"),
                money=True,
                check=(*path, "depreciation"),
            )
            s.put(f"C{row}", accumulated, money=True, check=(*path, "accumulated"))
            s.put(
                f"D{row}",
                "=" + R(f"{amount}-C{row}"),
                money=True,
                check=(*path, "net_book_value"),
            )
        row += 2
    s.widths(30, 18, 18, 18)


# ----------------------------------------------------------- balance sheets


def balance(wb: PlanWorkbook) -> None:
    s, tx = wb.S, wb.tx
    s.title(tx["balance"])
    s.header(3, [wb.label("working_capital_need"), *wb.plan.working_capital.table.columns])
    rows = {key: 4 + i for i, key in enumerate(WC_ROWS)}
    for key, row in rows.items():
        bold = key == "working_capital_need"
        s.put(f"A{row}", wb.label(key), bold=bold)
        for year in range(1, 4):
            path = ("working_capital", "table", "rows", key, "values", year - 1)
            formula = working_capital(wb, key, year, rows)
            s.put(f"{col(1 + year)}{row}", formula, money=True, bold=bold, check=path)
    net_1 = wb.I.ref(f"B{income_row('net_result')}")
    tax_1 = wb.I.ref(f"B{income_row('corporate_tax')}")
    closing = wb.w.ref("closing_cash", 12)
    vat = f"B{rows['vat_position']}"
    funding = [
        ("equity", "=contributions"),
        ("grants", "=grants_total"),
        ("financing_to_find", "=financing_to_find"),
    ]
    sheets = (
        (
            "opening_balance_sheet",
            [
                ("fixed_assets_net", "=investments_total"),
                ("stock", "=opening_stock"),
                ("cash", "=opening_cash"),
            ],
            [*funding, ("loans_outstanding", "=loans_total")],
        ),
        (
            "year_end_balance_sheet",
            [
                (
                    "fixed_assets_net",
                    "=" + R(f"investments_total-SUM({wb.w.range('depreciation', 1, 12)})"),
                ),
                ("stock", f"={wb.w.ref('stock', 12)}"),
                ("receivables", f"=B{rows['receivables']}"),
                ("vat_credit", f"=MAX(-{vat},0)"),
                ("cash", f"=MAX({closing},0)"),
            ],
            [
                *funding,
                ("retained_result", f"={net_1}"),
                (
                    "loans_outstanding",
                    "=" + R(f"loans_total-SUM({wb.w.range('principal', 1, 12)})"),
                ),
                ("payables", f"=B{rows['payables']}"),
                ("vat_payable", f"=MAX({vat},0)"),
                ("tax_payable", f"={tax_1}"),
                ("overdraft", f"=MAX(-{closing},0)"),
            ],
        ),
    )
    row = 4 + len(WC_ROWS) + 1
    for sheet_key, assets, liabilities in sheets:
        row = balance_sheet(wb, s, row + 1, sheet_key, assets, liabilities)
    s.widths(52, 18, 18, 18)


def working_capital(wb: PlanWorkbook, key: str, year: int, rows: dict[str, int]) -> str:
    here, end = col(1 + year), 12 * year

    def upto(series: str) -> str:
        return f"SUM({wb.w.range(series, 1, end)})"

    def at(name: str) -> str:
        return f"{here}{rows[name]}"

    if key == "stock":
        return f"={wb.w.ref('stock', end)}"
    if key == "receivables":
        return "=" + R(f"{upto('revenue')}+{upto('output_vat')}-{upto('collected')}")
    if key == "payables":
        return "=" + R(f"{upto('purchases')}+{upto('input_vat')}-{upto('purchases_paid')}")
    if key == "vat_position":
        return "=" + R(f"{upto('output_vat')}-{upto('input_vat')}-{upto('vat_paid')}")
    if key == "working_capital_need":
        return "=" + R(f"{at('stock')}+{at('receivables')}-{at('payables')}-{at('vat_position')}")
    before = "opening_stock" if year == 1 else f"{col(year)}{rows['working_capital_need']}"
    return "=" + R(f"{at('working_capital_need')}-{before}")


def balance_sheet(
    wb: PlanWorkbook,
    s: Sheet,
    row: int,
    sheet_key: str,
    assets: list[tuple[str, str]],
    liabilities: list[tuple[str, str]],
) -> int:
    tx = wb.tx
    s.put(f"A{row}", wb.label(sheet_key), bold=True)
    totals = []
    for side, items, total_key in (
        ("assets", assets, "total_assets"),
        ("liabilities", liabilities, "total_liabilities"),
    ):
        row += 1
        s.header(row, [tx[side], tx["amount"]])
        first = row + 1
        for key, formula in items:
            row += 1
            s.put(f"A{row}", wb.label(key))
            s.put(f"B{row}", formula, money=True, check=(sheet_key, side, key, "amount"))
        row += 1
        s.put(f"A{row}", tx[total_key], bold=True)
        total = "=" + R(f"SUM(B{first}:B{row - 1})")
        s.put(f"B{row}", total, money=True, bold=True, check=(sheet_key, total_key))
        totals.append(f"B{row}")
    row += 1
    s.put(f"A{row}", tx["difference"])
    s.ws[f"A{row}"].font = MUTED
    s.put(f"B{row}", "=" + R(f"{totals[0]}-{totals[1]}"), money=True)
    return row + 1


# -------------------------------------------------------------- indicators


def indicators(wb: PlanWorkbook) -> None:
    s, tx = wb.N, wb.tx
    s.title(tx["indicators"])
    na = f'"{tx["not_applicable"]}"'
    years = [f"{wb.label('year')} {y}" for y in (1, 2, 3)]
    s.header(3, [tx["indicator"], *years])

    def year_1(key: str) -> str:
        return wb.I.ref(f"B{income_row(key)}")

    def at(key: str, year: int) -> str:
        return wb.I.ref(f"{col(1 + year)}{income_row(key)}")

    fixed = "+".join(
        year_1(k)
        for k in (
            "external_charges",
            "staff_costs",
            "social_charges",
            "depreciation",
            "interest",
        )
    )
    exact = f"IF(price_avg<=cost_avg,{na},({fixed})/12/(price_avg-cost_avg))"
    s.put("A4", tx["break_even_units_exact"])
    s.put("B4", f"={exact}", fmt=RATIO_FORMAT)
    s.put("A5", tx["break_even_revenue"], bold=True)
    s.put(
        "B5",
        f"=IF(price_avg<=cost_avg,{na},{R('B4*price_avg')})",
        money=True,
        check=("indicators", "break_even_revenue_per_month"),
    )
    s.put("A6", tx["break_even_units"], bold=True)
    s.put(
        "B6",
        f"=IF(price_avg<=cost_avg,{na},ROUNDUP(B4,0))",
        fmt=INTEGER_FORMAT,
        check=("indicators", "break_even_units_per_month"),
    )
    flags = wb.w.range("payback_flag", 1, HORIZON)
    s.put("A7", tx["payback"], bold=True)
    s.put(
        "B7",
        f"=IF(outlay<=0,0,IF(SUM({flags})=0,{na},MATCH(1,{flags},0)))",
        fmt=INTEGER_FORMAT,
        check=("indicators", "payback_months"),
    )
    for row, key, numerator, field in (
        (8, "gross_margin", "gross_margin", "gross_margin_pct"),
        (9, "net_margin", "net_result", "net_margin_pct"),
    ):
        s.put(f"A{row}", tx[key], bold=True)
        for year in (1, 2, 3):
            num, revenue = at(numerator, year), at("revenue", year)
            s.put(
                f"{col(1 + year)}{row}",
                f"=IF({revenue}=0,{na},ROUND({num}*100/{revenue},2))",
                fmt=RATIO_FORMAT,
                check=("indicators", field, year - 1),
            )
    s.put("A10", tx["debt_service"])
    s.put("A11", tx["debt_coverage"], bold=True)
    for year in (1, 2, 3):
        here, first, last = col(1 + year), 12 * (year - 1) + 1, 12 * year
        repaid = "+".join(f"SUM({wb.w.range(k, first, last)})" for k in ("interest", "principal"))
        s.put(f"{here}10", "=" + R(repaid), money=True)
        coverage = f"ROUND(({at('ebitda', year)}-{at('corporate_tax', year)})/{here}10,2)"
        s.put(
            f"{here}11",
            f"=IF({here}10=0,{na},{coverage})",
            fmt=RATIO_FORMAT,
            check=("indicators", "debt_service_coverage", year - 1),
        )
    cash: tuple[tuple[str, str, Path | None], ...] = (
        ("opening_cash", "=opening_cash", ("startup", "opening_cash")),
        ("negative_months", f'=COUNTIF({wb.w.range("closing_cash", 1, 12)},"<0")', None),
        (
            "lowest_cash",
            f"=MIN({wb.w.range('closing_cash', 0, 12)})",
            ("cash_flow", "lowest_closing_cash"),
        ),
        ("min_cash_needed", "=min_cash_needed", ("cash_flow", "minimum_cash_needed")),
    )
    row = 13
    for key, formula, check in cash:
        count = key == "negative_months"
        s.put(f"A{row}", tx[key])
        s.put(
            f"B{row}",
            formula,
            money=not count,
            fmt=INTEGER_FORMAT if count else None,
            check=check,
        )
        row += 1
    if wb.plan.warnings:
        row += 1
        s.put(f"A{row}", tx["warnings"], bold=True)
        for warning in wb.plan.warnings:
            row += 1
            s.put(f"A{row}", warning.message)
            s.ws[f"A{row}"].alignment = WRAP
    s.widths(62, 18, 18, 18)
