"""The financial plan of a brief, cut into what a person reads: indicators,
warnings and tables of formatted text, the same for the page, Markdown and PDF.

The plan arrives in the financial agent's section of the brief, read into a
:class:`FinancialPlan` with the brief (``Brief.plan_data``). A missing, failed
or unreadable section gives ``None``: every export then says the plan is not
available instead of failing.

Amounts in the tables are written in the currency's format without its symbol
(the table says the currency once); amounts standing alone keep the symbol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

from genesis.core.agents.brief import BriefContent
from genesis.core.finance.citations import note_in
from genesis.core.finance.model import FinancialPlan, Language, LoanSchedule, Table
from genesis.core.finance.money import currency_symbol, format_money
from genesis.core.finance.parameters import TO_CONFIRM
from genesis.exports.latin1 import latin1

FULL_LOAN_MONTHS: Final = 24  # longer loans: the first year month by month, then by year

# The words of the depreciation and balance-sheet tables: the page, Markdown and PDF
# (TEXTS) and the workbook (genesis.exports.xlsx_texts) say them alike.
TABLE_WORDS: Final[dict[str, dict[str, str]]] = {
    "fr": {
        "year": "Année",
        "charge": "Dotation",
        "accumulated": "Cumul",
        "net_book_value": "Valeur nette",
        "assets": "Actif",
        "liabilities": "Passif",
        "total_assets": "Total actif",
        "total_liabilities": "Total passif",
    },
    "en": {
        "year": "Year",
        "charge": "Charge",
        "accumulated": "Accumulated",
        "net_book_value": "Net book value",
        "assets": "Assets",
        "liabilities": "Equity and liabilities",
        "total_assets": "Total assets",
        "total_liabilities": "Total equity and liabilities",
    },
}

TEXTS: Final[dict[str, dict[str, str]]] = {
    "fr": {
        "title": "Plan financier",
        "currency_note": "Montants en {currency} ({code}), hors TVA.",
        "indicators": "Indicateurs clés",
        "warnings": "Points d'attention",
        "charts": "Graphiques",
        "startup_uses": "Budget de départ : besoins",
        "startup_sources": "Budget de départ : financement",
        "loan": "Échéancier : {label}",
        "loan_summary": (
            "{principal} à {rate} par an sur {months} mois : échéance de {instalment}, "
            "{interest} d'intérêts au total."
        ),
        "cash_flow": "Plan de trésorerie de la première année",
        "income_statement": "Compte de résultat prévisionnel sur 3 ans",
        "depreciation": "Plan d'amortissement",
        "working_capital": "Besoin en fonds de roulement",
        "working_capital_note": (
            "Stock : {stock} jours · délai clients : {customers} jours · délai fournisseurs : "
            "{suppliers} jours."
        ),
        "assumptions": "Hypothèses",
        "conventions": "Méthode de calcul",
        "to_confirm_all": (
            "Les valeurs par défaut et les estimations sont à confirmer avec un comptable."
        ),
        "not_available": "Le plan financier n'est pas disponible.",
        "item": "Poste",
        "amount": "Montant",
        "total_uses": "Total des besoins",
        "total_sources": "Total du financement",
        "month": "Mois",
        "months_range": "Mois {first} à {last}",
        "instalment": "Échéance",
        "interest": "Intérêts",
        "principal": "Capital",
        "remaining": "Restant dû",
        "total": "Total",
        "investment": "Investissement",
        **TABLE_WORDS["fr"],
        "assumption": "Hypothèse",
        "value": "Valeur",
        "origin": "Origine",
        "note": "Note",
        "origin_given": "donnée",
        "origin_estimate": "estimation",
        "origin_default": "par défaut",
        "to_confirm": "à confirmer avec un comptable",
        "break_even_revenue": "Chiffre d'affaires mensuel d'équilibre (année 1)",
        "break_even_units": "Ventes mensuelles d'équilibre (unités)",
        "payback": "Retour sur investissement",
        "payback_months": "{months} mois",
        "payback_none": "au-delà de 36 mois",
        "payback_zero": "aucun investissement de départ",
        "gross_margin": "Marge brute (années 1, 2, 3)",
        "net_margin": "Marge nette (années 1, 2, 3)",
        "debt_coverage": "Couverture des remboursements (années 1, 2, 3)",
        "opening_cash": "Trésorerie au démarrage",
        "closing_cash": "Trésorerie à la fin de l'année 1",
        "lowest_cash": "Trésorerie la plus basse de l'année 1",
        "cash_needed": "Réserve minimale pour ne jamais être à découvert",
        "no_margin": "pas de marge sur les ventes",
        "not_applicable": "n.d.",
        "no_debt": "sans emprunt",
    },
    "en": {
        "title": "Financial plan",
        "currency_note": "Amounts in {currency} ({code}), excluding VAT.",
        "indicators": "Key indicators",
        "warnings": "Points to watch",
        "charts": "Charts",
        "startup_uses": "Start-up budget: needs",
        "startup_sources": "Start-up budget: financing",
        "loan": "Repayment schedule: {label}",
        "loan_summary": (
            "{principal} at {rate} a year over {months} months: instalment of {instalment}, "
            "{interest} of interest in all."
        ),
        "cash_flow": "Cash-flow plan for year 1",
        "income_statement": "Projected income statement over 3 years",
        "depreciation": "Depreciation plan",
        "working_capital": "Working-capital need",
        "working_capital_note": (
            "Stock: {stock} days · customers pay after {customers} days · suppliers are paid "
            "after {suppliers} days."
        ),
        "assumptions": "Assumptions",
        "conventions": "How the figures are computed",
        "to_confirm_all": "Default values and estimates are to confirm with an accountant.",
        "not_available": "The financial plan is not available.",
        "item": "Item",
        "amount": "Amount",
        "total_uses": "Total needs",
        "total_sources": "Total financing",
        "month": "Month",
        "months_range": "Months {first} to {last}",
        "instalment": "Instalment",
        "interest": "Interest",
        "principal": "Principal",
        "remaining": "Remaining",
        "total": "Total",
        "investment": "Investment",
        **TABLE_WORDS["en"],
        "assumption": "Assumption",
        "value": "Value",
        "origin": "Origin",
        "note": "Note",
        "origin_given": "given",
        "origin_estimate": "estimate",
        "origin_default": "default",
        "to_confirm": "to confirm with an accountant",
        "break_even_revenue": "Break-even revenue per month (year 1)",
        "break_even_units": "Break-even sales per month (units)",
        "payback": "Payback",
        "payback_months": "{months} months",
        "payback_none": "beyond 36 months",
        "payback_zero": "no start-up investment",
        "gross_margin": "Gross margin (years 1, 2, 3)",
        "net_margin": "Net margin (years 1, 2, 3)",
        "debt_coverage": "Debt service coverage (years 1, 2, 3)",
        "opening_cash": "Cash at the start",
        "closing_cash": "Cash at the end of year 1",
        "lowest_cash": "Lowest cash in year 1",
        "cash_needed": "Minimum reserve to never be overdrawn",
        "no_margin": "no margin on sales",
        "not_applicable": "n/a",
        "no_debt": "no loan",
    },
}

_LEADING_MINUS_SPACE = re.compile(r"^([-\u2212])[\s\u00a0\u202f]+")


# ------------------------------------------------------------------ reading


def financial_plan(brief: BriefContent) -> FinancialPlan | None:
    """The plan of the brief, or None when there is none (or it cannot be read)."""
    data = brief.plan_data
    return data.plan if data is not None else None


# --------------------------------------------------------------- formatting


@dataclass(frozen=True)
class Formats:
    """Amounts, percentages and ratios written in the plan's language and currency.

    ``latin1_symbol``: the PDF core fonts know only Latin-1, so a symbol outside
    it ("₦", "GH₵") is written as the ISO code instead of disappearing."""

    currency: str
    language: Language
    latin1_symbol: bool = False

    @property
    def symbol(self) -> str:
        return currency_symbol(self.currency, self.language)

    def money(self, amount: Decimal) -> str:
        text = format_money(amount, self.currency, self.language)
        if self.latin1_symbol and not _prints_in_latin1(self.symbol):
            text = text.replace(self.symbol, self.currency)
            text = re.sub(rf"{self.currency}(?=\d)", f"{self.currency}\u00a0", text)
        return text

    def amount(self, amount: Decimal) -> str:
        """The amount in the currency's format, without the symbol (for tables)."""
        text = format_money(amount, self.currency, self.language).replace(self.symbol, "")
        return _LEADING_MINUS_SPACE.sub(r"\1", text.strip(" \u00a0\u202f"))

    def decimal(self, value: Decimal) -> str:
        text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
        return text.replace(".", ",") if self.language == "fr" else text

    def percent(self, value: Decimal) -> str:
        return (
            f"{self.decimal(value)}\u00a0%" if self.language == "fr" else f"{self.decimal(value)}%"
        )

    def currency_name(self) -> str:
        symbol = self.symbol
        if self.latin1_symbol and not _prints_in_latin1(symbol):
            return self.currency
        return symbol


def _prints_in_latin1(symbol: str) -> bool:
    """Whether the PDF can print ``symbol`` (its spaces may become plain spaces)."""
    return "".join(latin1(symbol).split()) == "".join(symbol.split())


# -------------------------------------------------------------------- views

RowKind = str  # "item", "subtotal", "total", "heading"


@dataclass(frozen=True)
class ViewRow:
    label: str
    cells: tuple[str, ...]
    kind: RowKind = "item"
    negative: tuple[bool, ...] = ()


@dataclass(frozen=True)
class ViewTable:
    """A table of text: the first column is a label, the others are figures
    (right-aligned) unless ``text_columns`` says how many are words."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[ViewRow, ...]
    note: str = ""
    text_columns: int = 1
    wide: bool = False  # many columns: the PDF gives it a landscape page


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: str
    alert: bool = False


@dataclass(frozen=True)
class FinanceView:
    language: Language
    title: str
    currency_note: str
    indicators: tuple[Figure, ...]
    warnings: tuple[str, ...]
    tables: tuple[ViewTable, ...]
    conventions: tuple[str, ...]
    to_confirm: str
    texts: dict[str, str] = field(repr=False)

    def table(self, key: str) -> ViewTable:
        return next(t for t in self.tables if t.key == key)


def texts(language: Language) -> dict[str, str]:
    return TEXTS[language]


def not_available_text(language: Language) -> str:
    return texts(language)["not_available"]


def finance_view(plan: FinancialPlan, *, latin1_symbol: bool = False) -> FinanceView:
    """The plan as titled tables of text, in the plan's language."""
    fmt = Formats(plan.currency, plan.language, latin1_symbol)
    tx = texts(plan.language)
    tables = [
        _uses(plan, fmt, tx),
        _sources(plan, fmt, tx),
        *(_loan(loan, fmt, tx) for loan in plan.loans),
        _cash_flow(plan, fmt, tx),
        _years_table("income_statement", tx["income_statement"], plan.income_statement, fmt),
        *([_depreciation(plan, fmt, tx)] if plan.depreciation else []),
        _working_capital(plan, fmt, tx),
        _balance_sheet("opening_balance_sheet", plan, fmt, tx),
        _balance_sheet("year_end_balance_sheet", plan, fmt, tx),
        _assumptions(plan, tx),
    ]
    return FinanceView(
        language=plan.language,
        title=tx["title"],
        currency_note=tx["currency_note"].format(currency=fmt.currency_name(), code=plan.currency),
        indicators=tuple(_indicators(plan, fmt, tx)),
        warnings=tuple(w.message for w in plan.warnings),
        tables=tuple(tables),
        conventions=tuple(plan.conventions),
        to_confirm=tx["to_confirm_all"],
        texts=tx,
    )


def _indicators(plan: FinancialPlan, fmt: Formats, tx: dict[str, str]) -> list[Figure]:
    ind = plan.indicators
    na = tx["not_applicable"]

    def yearly(values: list[Decimal | None], show: Any, none: str) -> str:
        return " · ".join(none if v is None else show(v) for v in values)

    if ind.payback_months is None:
        payback = tx["payback_none"]
    elif ind.payback_months == 0:
        payback = tx["payback_zero"]
    else:
        payback = tx["payback_months"].format(months=ind.payback_months)
    closing = plan.cash_flow.table.row("closing_cash").values
    figures = [
        Figure(
            "break_even_revenue",
            tx["break_even_revenue"],
            tx["no_margin"]
            if ind.break_even_revenue_per_month is None
            else fmt.money(ind.break_even_revenue_per_month),
            alert=ind.break_even_revenue_per_month is None,
        ),
        Figure(
            "break_even_units",
            tx["break_even_units"],
            na
            if ind.break_even_units_per_month is None
            else fmt.decimal(ind.break_even_units_per_month),
        ),
        Figure("payback", tx["payback"], payback, alert=ind.payback_months is None),
        Figure("gross_margin", tx["gross_margin"], yearly(ind.gross_margin_pct, fmt.percent, na)),
        Figure("net_margin", tx["net_margin"], yearly(ind.net_margin_pct, fmt.percent, na)),
        Figure(
            "debt_coverage",
            tx["debt_coverage"],
            yearly(ind.debt_service_coverage, fmt.decimal, tx["no_debt"]),
            alert=any(w.code == "low_debt_coverage" for w in plan.warnings),
        ),
        Figure("opening_cash", tx["opening_cash"], fmt.money(plan.startup.opening_cash)),
        Figure("closing_cash", tx["closing_cash"], fmt.money(closing[-1]), alert=closing[-1] < 0),
        Figure(
            "lowest_cash",
            tx["lowest_cash"],
            fmt.money(plan.cash_flow.lowest_closing_cash),
            alert=plan.cash_flow.lowest_closing_cash < 0,
        ),
        Figure("cash_needed", tx["cash_needed"], fmt.money(plan.cash_flow.minimum_cash_needed)),
    ]
    return figures


def _amount_row(label: str, amount: Decimal, fmt: Formats, kind: RowKind = "item") -> ViewRow:
    return ViewRow(label, (fmt.amount(amount),), kind, (amount < 0,))


def _uses(plan: FinancialPlan, fmt: Formats, tx: dict[str, str]) -> ViewTable:
    rows = [_amount_row(line.label, line.amount, fmt) for line in plan.startup.uses]
    rows.append(_amount_row(tx["total_uses"], plan.startup.total_uses, fmt, "total"))
    return ViewTable("startup_uses", tx["startup_uses"], (tx["item"], tx["amount"]), tuple(rows))


def _sources(plan: FinancialPlan, fmt: Formats, tx: dict[str, str]) -> ViewTable:
    rows = [_amount_row(line.label, line.amount, fmt) for line in plan.startup.sources]
    rows.append(_amount_row(tx["total_sources"], plan.startup.total_sources, fmt, "total"))
    return ViewTable(
        "startup_sources", tx["startup_sources"], (tx["item"], tx["amount"]), tuple(rows)
    )


def _loan(loan: LoanSchedule, fmt: Formats, tx: dict[str, str]) -> ViewTable:
    def row(
        name: str, inst: Decimal, interest: Decimal, principal: Decimal, left: Decimal
    ) -> ViewRow:
        values = (inst, interest, principal, left)
        return ViewRow(name, tuple(fmt.amount(v) for v in values))

    rows = []
    shown = loan.rows if loan.duration_months <= FULL_LOAN_MONTHS else loan.rows[:12]
    for r in shown:
        rows.append(row(str(r.month), r.instalment, r.interest, r.principal, r.remaining))
    rest = loan.rows[len(shown) :]
    for start in range(0, len(rest), 12):
        chunk = rest[start : start + 12]
        rows.append(
            row(
                tx["months_range"].format(first=chunk[0].month, last=chunk[-1].month),
                sum((r.instalment for r in chunk), Decimal(0)),
                sum((r.interest for r in chunk), Decimal(0)),
                sum((r.principal for r in chunk), Decimal(0)),
                chunk[-1].remaining,
            )
        )
    total_paid = sum((r.instalment for r in loan.rows), Decimal(0))
    rows.append(
        ViewRow(
            tx["total"],
            (
                fmt.amount(total_paid),
                fmt.amount(loan.total_interest),
                fmt.amount(loan.principal),
                "",
            ),
            "total",
        )
    )
    summary = tx["loan_summary"].format(
        principal=fmt.money(loan.principal),
        rate=fmt.percent(loan.annual_rate_pct),
        months=loan.duration_months,
        instalment=fmt.money(loan.instalment),
        interest=fmt.money(loan.total_interest),
    )
    return ViewTable(
        f"loan_{loan.key}",
        tx["loan"].format(label=loan.label),
        (tx["month"], tx["instalment"], tx["interest"], tx["principal"], tx["remaining"]),
        tuple(rows),
        note=summary,
    )


def _table_rows(
    table: Table, fmt: Formats, *, with_total: bool, skip_zero: bool = False
) -> list[ViewRow]:
    rows = []
    for r in table.rows:
        if skip_zero and r.kind == "item" and r.key != "opening_cash" and not any(r.values):
            continue
        values = list(r.values)
        cells = [fmt.amount(v) for v in values]
        negative = [v < 0 for v in values]
        if with_total:
            cells.append("" if r.total is None else fmt.amount(r.total))
            negative.append(r.total is not None and r.total < 0)
        rows.append(ViewRow(r.label, tuple(cells), r.kind, tuple(negative)))
    return rows


def _cash_flow(plan: FinancialPlan, fmt: Formats, tx: dict[str, str]) -> ViewTable:
    table = plan.cash_flow.table
    rows = _table_rows(table, fmt, with_total=True, skip_zero=True)
    return ViewTable(
        "cash_flow",
        tx["cash_flow"],
        ("", *table.columns, tx["total"]),
        tuple(rows),
        wide=True,
    )


def _years_table(key: str, title: str, table: Table, fmt: Formats) -> ViewTable:
    return ViewTable(
        key, title, ("", *table.columns), tuple(_table_rows(table, fmt, with_total=False))
    )


def _depreciation(plan: FinancialPlan, fmt: Formats, tx: dict[str, str]) -> ViewTable:
    rows = []
    for schedule in plan.depreciation:
        for r in schedule.rows:
            rows.append(
                ViewRow(
                    schedule.label if r.year == 1 else "",
                    (
                        str(r.year),
                        fmt.amount(r.depreciation),
                        fmt.amount(r.accumulated),
                        fmt.amount(r.net_book_value),
                    ),
                )
            )
    header = (tx["investment"], tx["year"], tx["charge"], tx["accumulated"], tx["net_book_value"])
    return ViewTable("depreciation", tx["depreciation"], header, tuple(rows))


def _working_capital(plan: FinancialPlan, fmt: Formats, tx: dict[str, str]) -> ViewTable:
    wc = plan.working_capital
    table = _years_table("working_capital", tx["working_capital"], wc.table, fmt)
    note = tx["working_capital_note"].format(
        stock=wc.stock_days, customers=wc.customer_days, suppliers=wc.supplier_days
    )
    return ViewTable(table.key, table.title, table.header, table.rows, note=note)


def _balance_sheet(key: str, plan: FinancialPlan, fmt: Formats, tx: dict[str, str]) -> ViewTable:
    sheet = getattr(plan, key)
    rows = [ViewRow(tx["assets"], ("",), "heading")]
    rows += [_amount_row(line.label, line.amount, fmt) for line in sheet.assets]
    rows.append(_amount_row(tx["total_assets"], sheet.total_assets, fmt, "total"))
    rows.append(ViewRow(tx["liabilities"], ("",), "heading"))
    rows += [_amount_row(line.label, line.amount, fmt) for line in sheet.liabilities]
    rows.append(_amount_row(tx["total_liabilities"], sheet.total_liabilities, fmt, "total"))
    return ViewTable(key, sheet.label, (tx["item"], tx["amount"]), tuple(rows))


def origin_text(origin: str, language: Language) -> str:
    return texts(language)[f"origin_{origin}"]


def note_text(note: str | None, language: Language) -> str:
    """The note of an assumption in the plan's language (the country data cites
    its sources and says what a rate covers in English)."""
    if not note:
        return ""
    return note_in(note.replace(TO_CONFIRM, texts(language)["to_confirm"]), language)


def _assumptions(plan: FinancialPlan, tx: dict[str, str]) -> ViewTable:
    rows = []
    for line in plan.assumptions:
        note = note_text(line.note, plan.language)
        if line.origin != "given" and not note:
            note = tx["to_confirm"]
        rows.append(
            ViewRow(line.label, (line.value, origin_text(line.origin, plan.language), note))
        )
    header = (tx["assumption"], tx["value"], tx["origin"], tx["note"])
    return ViewTable("assumptions", tx["assumptions"], header, tuple(rows), text_columns=4)
