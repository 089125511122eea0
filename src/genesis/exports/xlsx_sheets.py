"""The sheets of the financial plan workbook, every figure a formula.

"Hypothèses" / "Assumptions" holds the inputs (yellow cells, one value
each); "Monthly workings" (``xlsx_workings``) redoes the engine's 36 months;
every other sheet (start-up budget, loans, cash flow, income statement,
depreciation, balance sheets, indicators) reads those rows. Changing a price,
a rate, a duration or a delay moves the whole plan as it would in the engine.

The formulas follow the engine step for step (genesis.core.finance:
simulation, loan, depreciation, statements, indicators), rounding included:
every amount is ROUND(..., decimals) where the engine rounds, and sums of
rounded amounts are rounded again so floating point never drifts from the
decimal figures. Workbook names ("decimals", "price_avg", "vat_rate",
"opening_cash" ...) keep the formulas readable.

Fixed at export: how many products, investments and financing sources there
are, and which sources are loans (they have a schedule).
"""

from __future__ import annotations

from typing import Final

from genesis.core.finance.budget import financing_keys
from genesis.core.finance.labels import label as engine_label
from genesis.core.finance.model import Assumptions, FinancialPlan, Financing
from genesis.core.finance.money import round_money
from genesis.core.finance.statements import EQUITY_KINDS
from genesis.exports.finance import note_text, origin_text
from genesis.exports.xlsx_book import (
    INTEGER_FORMAT,
    MUTED,
    Book,
    Path,
    Sheet,
    Value,
    col,
)
from genesis.exports.xlsx_statements import (
    balance,
    cash_flow,
    depreciation,
    income,
    income_row,
    indicators,
)
from genesis.exports.xlsx_texts import XT
from genesis.exports.xlsx_workings import FIXED, FIXED_NAMES, HORIZON, LoanRefs, R, Workings

MIN_LOAN_ROWS: Final = 60
LOAN_HEAD: Final = 10  # the schedule's header row; month 0 below it, then months 1..n
FIXED_LABELS: Final = {"other": "other_costs"}
WORKINGS_TEXTS: Final = (
    "units", "stock_target", "purchases", "output_vat", "input_vat", "sales_due",
    "sales_later", "bought", "bought_later", "vat_carry", "fixed_total", "principal",
    "tax_paid", "operating_payments", "cumulative", "operating_cash", "cumulative_operating",
    "payback_flag", "costs", "price_avg", "cost_avg", "vat_rate", "cust_lag", "cust_rem",
    "sup_lag", "sup_rem", "outlay", "min_cash_needed", "month",
)  # fmt: skip


class PlanWorkbook:
    """Lays out and writes the workbook of one plan; ``book.checks`` lists the
    cells that hold a figure of the plan, by its path in the plan's JSON."""

    def __init__(self, plan: FinancialPlan, inputs: Assumptions) -> None:
        self.plan = plan
        self.a = inputs
        self.lang = plan.language
        self.tx = XT[self.lang]
        self.book = Book(plan.currency, self.lang, plan.decimals)
        tx = self.tx
        sheet = self.book.sheet
        self.A = sheet("assumptions", tx["assumptions"])
        self.B = sheet("budget", tx["budget"])
        self.L = sheet("loans", tx["loans"])
        self.C = sheet("cash_flow", tx["cash_flow"])
        self.I = sheet("income", tx["income"])
        self.D = sheet("depreciation", tx["depreciation"])
        self.S = sheet("balance", tx["balance"])
        self.N = sheet("indicators", tx["indicators"])
        self.M = sheet("workings", tx["workings"])
        self.inputs: dict[str, str] = self.book.inputs  # assumption key -> absolute reference
        self.loans: list[tuple[int, Financing]] = [
            (i, f) for i, f in enumerate(inputs.financing) if f.is_loan
        ]
        # The engine's schedules are found by financing key (a loan of 0 has none).
        keys = financing_keys(inputs.financing)
        scheduled = {loan.key for loan in plan.loans}
        self.loan_keys = [keys[i] if keys[i] in scheduled else None for i, _ in self.loans]
        self.loan_rows = max([MIN_LOAN_ROWS, *(f.duration_months for _, f in self.loans)])

    def label(self, key: str) -> str:
        return engine_label(key, self.lang)

    def build(self) -> Book:
        self._assumptions()
        self.w = Workings(
            self.M,
            [
                (
                    self.inputs[f"investments.{i}.amount"],
                    self.inputs[f"investments.{i}.lifetime_years"],
                )
                for i in range(len(self.a.investments))
            ],
            [
                LoanRefs(self._loan_cell(j, 6), self._loan_column(j, 2), self._loan_column(j, 3))
                for j in range(len(self.loans))
            ],
            taxes=self.I.range_ref(
                f"B{income_row('corporate_tax')}", f"D{income_row('corporate_tax')}"
            ),
            averages=self._averages(),
        )
        self._budget()
        self._loans()
        self.w.write(
            self.tx["workings"], self.tx["workings_note"], self._workings_labels(), self._months()
        )
        cash_flow(self)
        income(self)
        depreciation(self)
        balance(self)
        indicators(self)
        return self.book

    # ------------------------------------------------------------ assumptions

    def _assumptions(self) -> None:
        s, a, tx = self.A, self.a, self.tx
        lines = {line.key: line for line in self.plan.assumptions}
        s.title(tx["assumptions"], tx["assumptions_note"].format(currency=self.plan.currency))
        s.put("A3", tx["currency"])
        s.put("B3", self.plan.currency)
        s.put("A4", tx["decimals"])
        s.put("B4", self.plan.decimals, fmt=INTEGER_FORMAT)
        self.book.name("decimals", s, "B4")
        s.header(6, [tx["assumption"], tx["value"], tx["origin"], tx["note"]])
        self.row = 7
        cur = a.currency

        def add(
            key: str,
            value: Value,
            *,
            text: str | None = None,
            money: bool = False,
            fmt: str | None = None,
            name: str | None = None,
            note: str | None = None,
        ) -> None:
            row = self.row
            line = lines.get(key)
            s.put(f"A{row}", text or (line.label if line else self.label(key.split(".")[-1])))
            s.put(f"B{row}", value, money=money, fmt=fmt, input_cell=True)
            if line is not None:
                s.put(f"C{row}", origin_text(line.origin, self.lang))
            shown = note if note is not None else note_text(line.note if line else None, self.lang)
            if shown:
                s.put(f"D{row}", shown)
            self.inputs[key] = s.ref(f"B{row}")
            if name:
                self.book.name(name, s, f"B{row}")
            self.row += 1

        for i, p in enumerate(a.products):
            add(
                f"products.{i}.unit_price",
                p.unit_price,
                money=True,
                text=self._named("unit_price", p.name),
            )
            add(
                f"products.{i}.unit_cost",
                p.unit_cost,
                money=True,
                text=self._named("unit_cost", p.name),
            )
            add(
                f"products.{i}.share_of_units",
                p.share_of_units,
                text=self._named("share_of_units", p.name),
            )
        add("units_per_month", a.units_per_month, name="units_start")
        add("monthly_growth_pct", a.monthly_growth_pct, name="growth_pct")
        add(
            "growth_months",
            HORIZON if a.growth_months is None else a.growth_months,
            fmt=INTEGER_FORMAT,
            name="growth_months",
            note=tx["growth_all"] if a.growth_months is None else None,
        )
        for key in FIXED:
            add(
                f"fixed_costs.{key}",
                round_money(getattr(a.fixed_costs, key), cur),
                money=True,
                name=FIXED_NAMES[key],
                text=self.label(FIXED_LABELS.get(key, key)),
            )
        add(
            "yearly_fixed_cost_increase_pct",
            a.yearly_fixed_cost_increase_pct,
            name="cost_increase_pct",
        )
        for i, inv in enumerate(a.investments):
            add(f"investments.{i}.amount", round_money(inv.amount, cur), money=True, text=inv.label)
            add(
                f"investments.{i}.lifetime_years",
                inv.lifetime_years or 0,
                fmt=INTEGER_FORMAT,
                text=self._named("lifetime_years", inv.label),
            )
        add("opening_stock", round_money(a.opening_stock, cur), money=True, name="opening_stock")
        add(
            "cash_buffer",
            None if a.cash_buffer is None else round_money(a.cash_buffer, cur),
            money=True,
            name="cash_buffer_given",
            note=tx["cash_buffer_blank"] if a.cash_buffer is None else None,
        )
        for i, f in enumerate(a.financing):
            name = f.label or self.label(f.kind)
            add(f"financing.{i}.amount", round_money(f.amount, cur), money=True, text=name)
            if f.is_loan:
                add(
                    f"financing.{i}.annual_rate_pct",
                    f.annual_rate_pct,
                    text=self._named("annual_rate_pct", name),
                )
                add(
                    f"financing.{i}.duration_months",
                    f.duration_months,
                    fmt=INTEGER_FORMAT,
                    text=self._named("duration_months", name),
                )
        for key in ("stock_days", "customer_days", "supplier_days"):
            add(
                f"working_capital.{key}",
                getattr(a.working_capital, key),
                fmt=INTEGER_FORMAT,
                name=key,
            )
        for i, band in enumerate(a.rates.corporate_tax_bands):
            key = f"rates.corporate_tax_pct.band{i}"
            if band.turnover_up_to is not None:
                ceiling = round_money(band.turnover_up_to, cur)
                add(f"{key}.turnover_up_to", ceiling, money=True, name=f"tax_band{i}_upto")
            add(f"{key}.rate_pct", band.rate_pct, name=f"tax_band{i}_pct")
        for key, name in (
            ("corporate_tax_pct", "tax_pct"),
            ("social_charges_pct", "social_pct"),
            ("vat_pct", "vat_pct"),
        ):
            if key != "corporate_tax_pct" or not a.rates.corporate_tax_bands:
                add(f"rates.{key}", getattr(a.rates, key), name=name)
        add(
            "vat_registered",
            a.vat_registered,
            name="vat_registered",
            note=tx["vat_registered_note"],
        )
        row = self.row + 1
        s.put(f"A{row}", tx["conventions"], bold=True)
        for text in self.plan.conventions:
            row += 1
            s.put(f"A{row}", text)
            s.ws[f"A{row}"].font = MUTED
        s.widths(58, 18, 12, 60)
        s.ws.freeze_panes = "B7"

    def _named(self, key: str, name: str) -> str:
        colon = ":" if self.lang == "en" else "\u00a0:"
        return f"{self.label(key)}{colon} {name}"

    def _averages(self) -> dict[str, str]:
        """The average price and cost of a unit, weighted by the shares of sales."""
        products = range(len(self.a.products))
        shares = [self.inputs[f"products.{i}.share_of_units"] for i in products]
        weights = "+".join(shares)
        out = {}
        for name, field in (("price_avg", "unit_price"), ("cost_avg", "unit_cost")):
            terms = "+".join(
                f"{self.inputs[f'products.{i}.{field}']}*{shares[i]}" for i in products
            )
            out[name] = f"=({terms})/({weights})"
        return out

    # -------------------------------------------------------------- workings

    def _months(self) -> list[str]:
        return [self.label("start"), *(m.label for m in self.plan.monthly)]

    def _workings_labels(self) -> dict[str, str]:
        labels = {key: self.tx[key] for key in WORKINGS_TEXTS}
        for key in ("revenue", "cost_of_sales", "stock", "vat_paid", "interest", "depreciation"):
            labels[key] = self.label(key)
        labels |= {
            "collected": self.label("sales_collected"),
            "purchases_paid": self.label("purchases_paid"),
            "social": self.label("social_charges"),
            "net_flow": self.label("net_cash_flow"),
            "closing_cash": self.label("closing_cash"),
        }
        for key in FIXED:
            labels[key] = self.label(FIXED_LABELS.get(key, key))
        for i, inv in enumerate(self.a.investments):
            labels[f"dep_{i}"] = self.tx["dep_item"].format(label=inv.label)
        for j, (_, loan) in enumerate(self.loans):
            name = loan.label or self.label(loan.kind)
            labels[f"interest_{j}"] = self.tx["interest_item"].format(label=name)
            labels[f"principal_{j}"] = self.tx["principal_item"].format(label=name)
        return labels

    # ----------------------------------------------------------------- loans

    def _loan_cell(self, j: int, row: int) -> str:
        """The summary of loan j: row 4 principal, 5 rate, 6 duration, 7 instalment."""
        return self.L.ref(f"{col(2 + 6 * j)}{row}")

    def _loan_column(self, j: int, offset: int) -> str:
        """A column of loan j's schedule, months 1..n (offset 2 interest, 3 principal)."""
        column = col(1 + 6 * j + offset)
        first = LOAN_HEAD + 2
        return self.L.range_ref(f"{column}{first}", f"{column}{first + self.loan_rows - 1}")

    def _loans(self) -> None:
        s, tx = self.L, self.tx
        s.title(tx["loans"])
        if not self.loans:
            s.put("A3", tx["no_loans"])
            return
        for j, (index, loan) in enumerate(self.loans):
            self._loan(s, j, index, loan)
        s.widths(*([24, 16, 14, 14, 16, 3] * len(self.loans)))

    def _loan(self, s: Sheet, j: int, index: int, loan: Financing) -> None:
        tx, key = self.tx, self.loan_keys[j]
        base = 1 + 6 * j
        first, value = col(base), col(base + 1)
        month_col, inst, intr, prin, rem = (col(base + k) for k in range(5))
        s.put(f"{first}3", loan.label or self.label(loan.kind), bold=True)
        summary = (
            ("principal_amount", f"=ROUND({self.inputs[f'financing.{index}.amount']},decimals)"),
            ("rate", f"={self.inputs[f'financing.{index}.annual_rate_pct']}"),
            ("duration", f"={self.inputs[f'financing.{index}.duration_months']}"),
        )
        for offset, (name, formula) in enumerate(summary):
            s.put(f"{first}{4 + offset}", tx[name])
            s.put(f"{value}{4 + offset}", formula, money=name == "principal_amount")
        principal, rate, duration = f"${value}$4", f"${value}$5", f"${value}$6"
        r = f"({rate}/1200)"
        s.put(f"{first}7", tx["instalment"])
        s.put(
            f"{value}7",
            f"=IF({rate}=0,{R(f'{principal}/{duration}')},"
            f"{R(f'{principal}*{r}/(1-(1+{r})^-{duration})')})",
            money=True,
            check=None if key is None else ("loans", key, "instalment"),
        )
        last = LOAN_HEAD + 1 + self.loan_rows
        s.put(f"{first}8", tx["total_interest"])
        s.put(
            f"{value}8",
            f"=SUM({intr}{LOAN_HEAD + 2}:{intr}{last})",
            money=True,
            check=None if key is None else ("loans", key, "total_interest"),
        )
        s.header(
            LOAN_HEAD,
            [
                tx["schedule_month"],
                tx["schedule_instalment"],
                tx["schedule_interest"],
                tx["schedule_principal"],
                tx["schedule_remaining"],
            ],
            first_col=base,
        )
        s.put(f"{month_col}{LOAN_HEAD + 1}", 0)
        s.put(f"{rem}{LOAN_HEAD + 1}", f"={principal}", money=True)
        for k in range(1, self.loan_rows + 1):
            row = LOAN_HEAD + 1 + k
            before = f"{rem}{row - 1}"
            path: Path | None = (
                ("loans", key, "rows", k - 1) if key and k <= loan.duration_months else None
            )
            formulas = (
                (intr, R(f"{before}*{rate}/1200"), "interest"),
                (
                    prin,
                    f"IF({month_col}{row}={duration},{before},"
                    f"MIN(MAX(${value}$7-{intr}{row},0),{before}))",
                    "principal",
                ),
                (inst, R(f"{intr}{row}+{prin}{row}"), "instalment"),
                (rem, R(f"{before}-{prin}{row}"), "remaining"),
            )
            s.put(f"{month_col}{row}", k)
            for column, formula, name in formulas:
                s.put(
                    f"{column}{row}",
                    f'=IF({month_col}{row}<={duration},{formula},"")',
                    money=True,
                    check=None if path is None else (*path, name),
                )

    # ----------------------------------------------------------------- budget

    def _budget(self) -> None:
        s, tx, a = self.B, self.tx, self.a
        s.title(tx["budget"])
        s.header(3, [tx["uses"], tx["amount"]])
        row = 4
        investments = []
        for i, inv in enumerate(a.investments):
            s.put(f"A{row}", inv.label)
            check = ("startup", "uses", f"investment_{i + 1}", "amount")
            s.put(f"B{row}", f"={self.inputs[f'investments.{i}.amount']}", money=True, check=check)
            investments.append(f"B{row}")
            row += 1
        uses = {line.key for line in self.plan.startup.uses}
        for key, formula in (
            ("opening_stock", "=opening_stock"),
            ("cash_buffer", "=IF(ISBLANK(cash_buffer_given),min_cash_needed,cash_buffer_given)"),
        ):
            use: Path | None = ("startup", "uses", key, "amount") if key in uses else None
            s.put(f"A{row}", self.label(key))
            s.put(f"B{row}", formula, money=True, check=use)
            row += 1
        self.book.name("cash_reserve", s, f"B{row - 1}")
        row = self._line(
            s, row, tx["needs_subtotal"], "=" + R(f"SUM(B4:B{row - 1})"), "needs_total"
        )
        row = self._line(
            s, row, self.label("surplus_cash"), "=MAX(sources_total-needs_total,0)",
            "surplus_cash", ("startup", "surplus_cash"),
        )  # fmt: skip
        row = self._line(
            s, row, tx["total_uses"], "=needs_total+surplus_cash", None, ("startup", "total_uses")
        )
        row += 1
        s.header(row, [tx["sources"], tx["amount"]])
        row += 1
        first_source = row
        groups: dict[str, list[str]] = {"equity": [], "grant": [], "loan": []}
        keys = financing_keys(a.financing)
        for i, f in enumerate(a.financing):
            s.put(f"A{row}", f.label or self.label(f.kind))
            check = ("startup", "sources", keys[i], "amount")
            s.put(f"B{row}", f"={self.inputs[f'financing.{i}.amount']}", money=True, check=check)
            group = (
                "loan"
                if f.is_loan
                else "grant"
                if f.kind == "grant"
                else "equity"
                if f.kind in EQUITY_KINDS
                else None
            )
            if group:
                groups[group].append(f"B{row}")
            row += 1
        subtotal = "=" + R(f"SUM(B{first_source}:B{row - 1})") if a.financing else "=0"
        row = self._line(s, row, tx["sources_subtotal"], subtotal, "sources_total")
        row = self._line(
            s, row, self.label("financing_to_find"), "=MAX(needs_total-sources_total,0)",
            "financing_to_find", ("startup", "financing_to_find"),
        )  # fmt: skip
        row = self._line(
            s, row, tx["total_sources"], "=sources_total+financing_to_find", None,
            ("startup", "total_sources"),
        )  # fmt: skip
        row = self._line(
            s, row + 1, tx["opening_cash"], "=cash_reserve+surplus_cash", "opening_cash",
            ("startup", "opening_cash"),
        )  # fmt: skip
        # Totals the other sheets use, kept beside the budget they come from.
        row += 1
        for name, label_key, cells in (
            ("investments_total", "investments", investments),
            ("contributions", "contributions", groups["equity"]),
            ("grants_total", "grants", groups["grant"]),
            ("loans_total", "loans_received", groups["loan"]),
        ):
            s.put(f"A{row}", self.label(label_key))
            s.ws[f"A{row}"].font = MUTED
            s.put(f"B{row}", "=" + R("+".join(cells)) if cells else 0, money=True)
            self.book.name(name, s, f"B{row}")
            row += 1
        s.widths(52, 20)

    def _line(
        self,
        s: Sheet,
        row: int,
        text: str,
        formula: str,
        name: str | None,
        check: Path | None = None,
    ) -> int:
        bold = name is None or name in {"opening_cash", "needs_total", "sources_total"}
        s.put(f"A{row}", text, bold=bold)
        s.put(f"B{row}", formula, money=True, bold=bold, check=check)
        if name:
            self.book.name(name, s, f"B{row}")
        return row + 1
