"""The workbook's plumbing: sheets, cell references, names, styles and formats.

Formulas are written as text in English function names with commas (what the
xlsx format stores, whatever the reader's language). Money cells get a number
format built from the currency's CLDR pattern (symbol before or after), and
negative amounts show in red. Input cells (the assumptions) are filled yellow:
the only cells a reader is meant to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from genesis.core.finance.model import Language
from genesis.core.finance.money import currency_symbol, format_money

Value = str | int | float | Decimal | bool | None
Path = tuple[str | int, ...]

INPUT_FILL: Final = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL: Final = PatternFill("solid", fgColor="E6F2EB")
TITLE_FONT: Final = Font(bold=True, size=13, color="0A5132")
BOLD: Final = Font(bold=True)
MUTED: Final = Font(italic=True, color="5A5A5A")
WRAP: Final = Alignment(wrap_text=True, vertical="top")
PERCENT_FORMAT: Final = "0.00"
INTEGER_FORMAT: Final = "0"
RATIO_FORMAT: Final = "0.00"


def money_format(currency: str, lang: Language, decimals: int) -> str:
    """An Excel number format for the currency: '#,##0 "F CFA"' or '"₦"#,##0.00'."""
    symbol = currency_symbol(currency, lang)
    number = "#,##0" + ("." + "0" * decimals if decimals else "")
    quoted = '"' + symbol.replace('"', "") + '"'
    sample = format_money(Decimal(1), currency, lang)
    positive = f"{quoted} {number}" if sample.startswith(symbol) else f"{number} {quoted}"
    return f"{positive};[Red]-{positive}"


def col(index: int) -> str:
    return get_column_letter(index)


@dataclass
class Sheet:
    """One worksheet and the helpers to fill it."""

    book: Book
    ws: Worksheet

    @property
    def prefix(self) -> str:
        return "'" + self.ws.title.replace("'", "''") + "'!"

    def ref(self, cell: str) -> str:
        """``cell`` ("B5") as an absolute reference from any sheet."""
        column = cell.rstrip("0123456789")
        row = cell[len(column) :]
        return f"{self.prefix}${column}${row}"

    def range_ref(self, first: str, last: str) -> str:
        a, b = self.ref(first), self.ref(last)
        return f"{a}:{b.split('!', 1)[1]}"

    def put(
        self,
        cell: str,
        value: Value,
        *,
        money: bool = False,
        fmt: str | None = None,
        bold: bool = False,
        input_cell: bool = False,
        check: Path | None = None,
    ) -> str:
        target = self.ws[cell]
        target.value = value
        if money:
            target.number_format = self.book.money
        elif fmt:
            target.number_format = fmt
        if bold:
            target.font = BOLD
        if input_cell:
            target.fill = INPUT_FILL
        if check is not None:
            self.book.checks.append((check, self.ws.title, cell))
        return cell

    def title(self, text: str, note: str = "") -> None:
        self.ws["A1"] = text
        self.ws["A1"].font = TITLE_FONT
        if note:
            self.ws["A2"] = note
            self.ws["A2"].font = MUTED

    def header(self, row: int, values: list[str], first_col: int = 1) -> None:
        for offset, text in enumerate(values):
            cell = self.ws.cell(row=row, column=first_col + offset, value=text)
            cell.font = BOLD
            cell.fill = HEADER_FILL

    def widths(self, *widths: float) -> None:
        for index, width in enumerate(widths, start=1):
            self.ws.column_dimensions[col(index)].width = width


@dataclass
class Book:
    """The workbook, its names, its input cells, and the cells that hold the plan's
    figures (``checks``: path in the plan's JSON, sheet, cell), which the tests
    compare with the engine after LibreOffice has computed them."""

    currency: str
    language: Language
    decimals: int
    wb: Workbook = field(default_factory=Workbook)
    checks: list[tuple[Path, str, str]] = field(default_factory=list)
    sheets: dict[str, Sheet] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)  # assumption key -> its input cell

    def __post_init__(self) -> None:
        self.wb.remove(self.wb.active)  # type: ignore[arg-type]
        self.wb.properties.creator = "Genesis Coach"
        self.money = money_format(self.currency, self.language, self.decimals)

    def sheet(self, key: str, title: str) -> Sheet:
        sheet = Sheet(self, self.wb.create_sheet(title[:31]))
        self.sheets[key] = sheet
        return sheet

    def name(self, name: str, sheet: Sheet, cell: str) -> str:
        """A workbook-wide name for one cell, so formulas read like words."""
        self.wb.defined_names[name] = DefinedName(name, attr_text=sheet.ref(cell))
        return name
