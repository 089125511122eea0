"""One worked example per currency zone, small enough to check by hand.

The examples' assumptions are in tests/core/finance/cases.py (the exports'
tests use them too). Each test writes the hand computation as comments and
types in the expected figures; the engine must agree to the minor unit
(0 decimals for the CFA francs, 2 for the others). Rates are given explicitly
so the examples do not move when a country parameter is confirmed.
"""

from __future__ import annotations

from decimal import Decimal as D

from genesis.core.finance.plan import build_plan
from tests.core.finance.cases import (
    ghs_shop,
    kes_salon,
    mad_crafts,
    ngn_service,
    xaf_shop,
    xof_restaurant,
    zar_tech,
)


def _closing(plan_values: list[D]) -> D:
    return plan_values[-1]


def test_xof_senegal_restaurant_with_a_microfinance_loan() -> None:
    plan = build_plan(xof_restaurant())
    # Loan: 600 000 at 24 %/year = 2 %/month over 12 months.
    # Instalment = 600 000 x 0.02 / (1 - 1.02^-12) = 12 000 / 0.211507 = 56 735.76 -> 56 736.
    # Month 1: interest 600 000 x 2 % = 12 000, principal 44 736, remaining 555 264.
    # The last instalment takes what is left: 1 112 interest + 55 620 principal = 56 732.
    # Total interest = 11 x 56 736 + 56 732 - 600 000 = 80 828.
    loan = plan.loans[0]
    assert loan.instalment == D(56_736)
    first, last = loan.rows[0], loan.rows[-1]
    assert (first.interest, first.principal, first.remaining) == (D(12_000), D(44_736), D(555_264))
    assert (last.instalment, last.interest, last.principal, last.remaining) == (
        D(56_732),
        D(1_112),
        D(55_620),
        D(0),
    )
    assert loan.total_interest == D(80_828)
    # Start: uses 1 200 000 + 200 000 + reserve 0 (no month is short, see below);
    # sources 1 600 000: surplus 200 000 kept as opening cash.
    assert plan.startup.total_uses == plan.startup.total_sources == D(1_600_000)
    assert plan.startup.surplus_cash == D(200_000)
    assert plan.startup.opening_cash == D(200_000)
    # Each month: sales 500 x 2 000 = 1 000 000; materials 500 x 800 = 400 000;
    # fixed 100 000 + 200 000 + 30 000 = 330 000; social charges 20 % x 200 000 = 40 000;
    # instalment 56 736: net 173 264 (month 12: instalment 56 732, net 173 268).
    net = plan.cash_flow.table.row("net_cash_flow").values
    assert net[1] == D(173_264)
    assert net[12] == D(173_268)
    # Closing cash month 12 = 200 000 + 11 x 173 264 + 173 268 = 2 279 172.
    assert _closing(plan.cash_flow.table.row("closing_cash").values) == D(2_279_172)
    assert plan.cash_flow.negative_months == []
    assert plan.cash_flow.minimum_cash_needed == D(0)
    # Year 1: revenue 12 000 000; cost of sales 4 800 000; gross margin 7 200 000;
    # external charges (100 000 + 30 000) x 12 = 1 560 000; salaries 2 400 000;
    # social 480 000; EBITDA 2 760 000; depreciation 1 200 000 / 5 = 240 000;
    # operating result 2 520 000; interest 80 828; before tax 2 439 172;
    # tax 30 % = 731 751.6 -> 731 752; net 1 707 420.
    income = plan.income_statement
    assert income.row("revenue").values[0] == D(12_000_000)
    assert income.row("gross_margin").values[0] == D(7_200_000)
    assert income.row("external_charges").values[0] == D(1_560_000)
    assert income.row("ebitda").values[0] == D(2_760_000)
    assert income.row("depreciation").values[0] == D(240_000)
    assert income.row("interest").values == [D(80_828), D(0), D(0)]
    assert income.row("corporate_tax").values[0] == D(731_752)
    assert income.row("net_result").values[0] == D(1_707_420)
    # Year 2: no interest; before tax 2 520 000; tax 756 000; net 1 764 000.
    assert income.row("net_result").values[1] == D(1_764_000)
    # Year-end balance sheet: fixed assets 1 400 000 - 240 000 = 1 160 000, cash 2 279 172
    # = 3 439 172; equity 1 000 000 + result 1 707 420 + tax payable 731 752 = 3 439 172.
    sheet = plan.year_end_balance_sheet
    assert sheet.total_assets == sheet.total_liabilities == D(3_439_172)
    # Break-even: monthly fixed costs (1 560 000 + 2 400 000 + 480 000 + 240 000 + 80 828) / 12
    # = 396 735.67; margin per plate 1 200 -> 330.61 plates (331), revenue 661 226.
    assert plan.indicators.break_even_units_per_month == D(331)
    assert plan.indicators.break_even_revenue_per_month == D(661_226)
    # Payback: 230 000 of operating cash a month; 7 x 230 000 >= 1 400 000 -> month 7.
    assert plan.indicators.payback_months == 7
    # DSCR year 1 = (2 760 000 - 731 752) / (12 instalments = 680 828) = 2.979 -> 2.98.
    assert plan.indicators.debt_service_coverage[0] == D("2.98")
    assert plan.indicators.net_margin_pct[0] == D("14.23")
    assert plan.warnings == []


def test_xaf_cameroon_shop_with_stock_and_supplier_credit() -> None:
    plan = build_plan(xaf_shop())
    # Stock covers 30 days of the month's cost of sales: 700 000.
    # Month 1 purchases = 700 000 used + 700 000 target - 300 000 opening = 1 100 000,
    # paid 30 days later (month 2); then 700 000 a month.
    purchases = plan.cash_flow.table.row("purchases_paid").values
    assert purchases[1] == D(0)
    assert purchases[2] == D(1_100_000)
    assert purchases[3] == D(700_000)
    # Net: month 1 = 1 000 000 - 50 000 = 950 000; month 2 = 1 000 000 - 1 100 000 - 50 000
    # = -150 000; months 3-12 = 250 000. Cumulative never below 0: no reserve needed.
    net = plan.cash_flow.table.row("net_cash_flow").values
    assert net[1:4] == [D(950_000), D(-150_000), D(250_000)]
    # Start: 300 000 + 300 000 + 0 = 600 000 of uses, 800 000 of savings: surplus 200 000.
    assert plan.startup.surplus_cash == D(200_000)
    # Closing cash = 200 000 + 950 000 - 150 000 + 10 x 250 000 = 3 500 000.
    assert plan.cash_flow.table.row("closing_cash").values[-1] == D(3_500_000)
    # Depreciation 300 000 over 36 months, cumulative rounding: 8 333, 8 334, 8 333 ...
    # year 1 = 100 000 exactly.
    schedule = plan.depreciation[0]
    assert [row.depreciation for row in schedule.rows] == [D(100_000)] * 3
    assert schedule.rows[-1].net_book_value == D(0)
    # Year 1: revenue 12 000 000; cost of sales 8 400 000; rent 600 000; EBITDA 3 000 000;
    # depreciation 100 000; before tax 2 900 000; tax 33 % = 957 000; net 1 943 000.
    income = plan.income_statement
    assert income.row("ebitda").values[0] == D(3_000_000)
    assert income.row("corporate_tax").values[0] == D(957_000)
    assert income.row("net_result").values[0] == D(1_943_000)
    # Working capital at year end: stock 700 000, receivables 0, payables 700 000 (month 12's
    # purchases): need 0, down 300 000 from the opening stock.
    wc = plan.working_capital.table
    assert wc.row("working_capital_need").values[0] == D(0)
    assert wc.row("working_capital_change").values[0] == D(-300_000)
    # Balance sheet: 200 000 + 700 000 + 3 500 000 = 4 400 000
    # = 800 000 + 1 943 000 + 700 000 + 957 000.
    sheet = plan.year_end_balance_sheet
    assert sheet.total_assets == sheet.total_liabilities == D(4_400_000)


def test_ngn_nigeria_vat_registered_service_with_a_financing_gap() -> None:
    plan = build_plan(ngn_service())
    # Sales 100 x 5 000 = 500 000 + VAT 37 500 = 537 500, collected the next month.
    # Materials 100 000 + VAT 7 500 = 107 500 paid in the month. VAT owed 30 000, paid next month.
    # Month 1: -107 500 - 150 000 salaries - 15 000 social = -272 500.
    # Months 2-12: 537 500 - 107 500 - 165 000 - 30 000 = +235 000.
    net = plan.cash_flow.table.row("net_cash_flow").values
    assert net[1] == D("-272500.00")
    assert net[2] == D("235000.00")
    # The reserve is the deepest dip: 272 500. Uses 360 000 + 272 500 = 632 500;
    # sources 500 000: 132 500 still to find.
    assert plan.cash_flow.minimum_cash_needed == D("272500.00")
    assert plan.startup.financing_to_find == D("132500.00")
    assert plan.startup.total_sources == plan.startup.total_uses == D("632500.00")
    # Closing cash = 272 500 - 272 500 + 11 x 235 000 = 2 585 000.
    assert plan.cash_flow.table.row("closing_cash").values[-1] == D("2585000.00")
    # Year 1: revenue 6 000 000; cost 1 200 000; salaries 1 800 000; social 180 000;
    # EBITDA 2 820 000; depreciation 120 000; before tax 2 700 000; small company: tax 0.
    income = plan.income_statement
    assert income.row("ebitda").values[0] == D("2820000.00")
    assert income.row("corporate_tax").values[0] == D(0)
    assert income.row("net_result").values[0] == D("2700000.00")
    # Balance sheet: 240 000 fixed + 537 500 receivable + 2 585 000 cash = 3 362 500
    # = 300 000 equity + 200 000 grant + 132 500 to find + 2 700 000 result + 30 000 VAT.
    sheet = plan.year_end_balance_sheet
    assert sheet.total_assets == sheet.total_liabilities == D("3362500.00")
    lines = {line.key: line.amount for line in sheet.liabilities}
    assert lines["vat_payable"] == D("30000.00")
    # Break-even: (150 000 + 15 000 + 10 000) / (5 000 - 1 000) = 43.75 -> 44 units, 218 750.
    assert plan.indicators.break_even_units_per_month == D(44)
    assert plan.indicators.break_even_revenue_per_month == D("218750.00")
    # Payback: -272 500 + 235 000 x 3 = 432 500 >= 360 000 in month 4.
    assert plan.indicators.payback_months == 4
    assert [w.code for w in plan.warnings] == ["financing_gap"]


def test_kes_kenya_salon_with_two_products_and_a_family_loan() -> None:
    plan = build_plan(kes_salon())
    # Mix 3:1 -> average price (3 x 500 + 2 000) / 4 = 875, average cost (300 + 400) / 4 = 175.
    # Month: revenue 200 x 875 = 175 000; cost 35 000; fixed 37 000; social 1 500.
    # Family loan at 0 % over 10 months: 10 000 a month.
    assert plan.loans[0].instalment == D("10000.00")
    assert plan.loans[0].total_interest == D(0)
    net = plan.cash_flow.table.row("net_cash_flow").values
    assert net[1] == D("91500.00")  # 175 000 - 35 000 - 37 000 - 1 500 - 10 000
    assert net[11] == D("101500.00")  # loan repaid
    # Opening cash: 120 000 raised - 60 000 chairs = 60 000 surplus.
    # Closing = 60 000 + 10 x 91 500 + 2 x 101 500 = 1 178 000.
    assert plan.cash_flow.table.row("closing_cash").values[-1] == D("1178000.00")
    # Year 1: EBITDA 12 x 101 500 = 1 218 000; depreciation 12 000; tax 30 % of 1 206 000
    # = 361 800; net 844 200.
    income = plan.income_statement
    assert income.row("revenue").values[0] == D("2100000.00")
    assert income.row("corporate_tax").values[0] == D("361800.00")
    assert income.row("net_result").values[0] == D("844200.00")
    # Break-even: (17 000 + 20 000 + 1 500 + 1 000) / 700 margin = 56.43 -> 57 units;
    # revenue 56.4286 x 875 = 49 375.
    assert plan.indicators.break_even_units_per_month == D(57)
    assert plan.indicators.break_even_revenue_per_month == D("49375.00")
    # DSCR year 1 = (1 218 000 - 361 800) / 100 000 = 8.562 -> 8.56.
    assert plan.indicators.debt_service_coverage[0] == D("8.56")
    assert plan.year_end_balance_sheet.total_assets == D("1226000.00")


def test_ghs_ghana_shop_with_growth_customer_credit_and_a_bank_loan() -> None:
    plan = build_plan(ghs_shop())
    # Units: 100, 110, 121 then flat. Revenue 2 000, 2 200, 2 420 ...
    # 45 days: half the month after, half two months after. Collected: 0, 1 000,
    # 1 000 + 1 100 = 2 100, 1 100 + 1 210 = 2 310, then 2 420.
    collected = plan.cash_flow.table.row("sales_collected").values
    assert collected[1:6] == [D(0), D("1000.00"), D("2100.00"), D("2310.00"), D("2420.00")]
    # Loan: 5 000 at 1 %/month over 6 months: 5 000 x 0.01 / (1 - 1.01^-6) = 862.74;
    # interest 50.00, 41.87, 33.66, 25.37, 17.00, 8.54 = 176.44.
    assert plan.loans[0].instalment == D("862.74")
    assert [row.interest for row in plan.loans[0].rows] == [
        D("50.00"), D("41.87"), D("33.66"), D("25.37"), D("17.00"), D("8.54"),
    ]  # fmt: skip
    # Net months 1-6: -2 927.74, -2 047.74, -1 079.74, -869.74, -759.74, -759.74
    # (fixed 800 + social 65 = 865; purchases = cost of sales); months 7-12: +103.
    # Deepest dip: -8 444.44 -> the reserve. Uses 1 200 + 8 444.44; sources 7 000:
    # 2 644.44 to find.
    assert plan.cash_flow.minimum_cash_needed == D("8444.44")
    assert plan.startup.financing_to_find == D("2644.44")
    # Closing cash = 8 444.44 - 8 444.44 + 6 x 103 = 618.
    assert plan.cash_flow.table.row("closing_cash").values[-1] == D("618.00")
    # Year 1: revenue 20 x (100 + 110 + 10 x 121) = 28 400; cost 12 x 1 420 = 17 040;
    # gross 11 360 - rent 3 600 - salaries 6 000 - social 780 = EBITDA 980;
    # depreciation 600; interest 176.44; before tax 203.56; tax 25 % = 50.89; net 152.67.
    income = plan.income_statement
    assert income.row("revenue").values[0] == D("28400.00")
    assert income.row("ebitda").values[0] == D("980.00")
    assert income.row("corporate_tax").values[0] == D("50.89")
    assert income.row("net_result").values[0] == D("152.67")
    # Balance sheet: 600 fixed + 3 630 receivable (2 420 + 1 210) + 618 cash = 4 848
    # = 2 000 + 2 644.44 + 152.67 + 50.89.
    sheet = plan.year_end_balance_sheet
    assert sheet.total_assets == sheet.total_liabilities == D("4848.00")
    # DSCR = (980 - 50.89) / (5 000 + 176.44) = 0.18: warned.
    assert plan.indicators.debt_service_coverage[0] == D("0.18")
    assert {w.code for w in plan.warnings} == {"financing_gap", "low_debt_coverage"}


def test_zar_south_africa_tech_with_a_loss_carried_forward() -> None:
    plan = build_plan(zar_tech())
    # Units 1, 2, then 4 a month: year 1 = 43 sites (430 000), years 2-3 = 48 (480 000).
    # Fixed costs +10 % a year: rent 60 000 / 66 000 / 72 600; salaries 240 000 / 264 000 /
    # 290 400; UIF 1 %: 2 400 / 2 640 / 2 904.
    # EBITDA: 127 600 / 147 360 / 114 096; depreciation 135 000 a year;
    # before tax: -7 400 / 12 360 / -20 904.
    # Tax: year 1 none (7 400 of loss carried); year 2 27 % x (12 360 - 7 400) = 1 339.20;
    # year 3 none.
    income = plan.income_statement
    assert income.row("revenue").values == [D("430000.00"), D("480000.00"), D("480000.00")]
    assert income.row("external_charges").values == [D("60000.00"), D("66000.00"), D("72600.00")]
    assert income.row("profit_before_tax").values == [
        D("-7400.00"),
        D("12360.00"),
        D("-20904.00"),
    ]
    assert income.row("corporate_tax").values == [D(0), D("1339.20"), D(0)]
    assert income.row("net_result").values == [D("-7400.00"), D("11020.80"), D("-20904.00")]
    # Start: 405 000 + reserve 50 000 = 455 000; 500 000 saved: opening cash 95 000.
    # Net flows: -15 200, -5 200, then 10 x 14 800; closing 95 000 + 127 600 = 222 600.
    assert plan.startup.opening_cash == D("95000.00")
    assert plan.cash_flow.table.row("closing_cash").values[-1] == D("222600.00")
    assert plan.cash_flow.minimum_cash_needed == D("20400.00")
    # Balance sheet: 270 000 + 222 600 = 492 600 = 500 000 - 7 400.
    assert plan.year_end_balance_sheet.total_assets == D("492600.00")
    assert plan.year_end_balance_sheet.total_liabilities == D("492600.00")


def test_mad_morocco_crafts_vat_registered_with_60_supplier_days() -> None:
    plan = build_plan(mad_crafts())
    # Cost of sales 8 000 a month; stock kept at 15 days = 4 000 = the opening stock,
    # so purchases are 8 000 a month + VAT 1 600 = 9 600, paid two months later.
    # Sales 20 000 + VAT 4 000 = 24 000, collected in the month. VAT owed 2 400, paid next month.
    # Net: month 1 = 24 000 - 3 000 = 21 000; month 2 = 21 000 - 2 400 = 18 600;
    # months 3-12 = 24 000 - 9 600 - 3 000 - 2 400 = 9 000.
    net = plan.cash_flow.table.row("net_cash_flow").values
    assert net[1:4] == [D("21000.00"), D("18600.00"), D("9000.00")]
    # Opening cash 20 000 - 12 000 - 4 000 = 4 000; closing 4 000 + 129 600 = 133 600.
    assert plan.cash_flow.table.row("closing_cash").values[-1] == D("133600.00")
    # Year 1: revenue 240 000; cost 96 000; rent 36 000; EBITDA 108 000; depreciation 3 000;
    # before tax 105 000; tax 20 % = 21 000; net 84 000.
    assert plan.income_statement.row("net_result").values[0] == D("84000.00")
    # Balance sheet: 9 000 fixed + 4 000 stock + 133 600 cash = 146 600
    # = 20 000 + 84 000 + payables 19 200 (two months of 9 600) + VAT 2 400 + tax 21 000.
    sheet = plan.year_end_balance_sheet
    assert sheet.total_assets == sheet.total_liabilities == D("146600.00")
    lines = {line.key: line.amount for line in sheet.liabilities}
    assert lines["payables"] == D("19200.00")
    assert lines["vat_payable"] == D("2400.00")
    assert lines["tax_payable"] == D("21000.00")
