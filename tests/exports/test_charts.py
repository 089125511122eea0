"""The two charts of the plan: small, accessible SVG drawn by our code."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from genesis.core.finance import build_plan, format_money
from genesis.exports import charts
from tests.exports.plans import ALL, short_of_cash, typical_business

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def test_both_charts_are_small_accessible_svg_for_every_plan() -> None:
    for name, make in ALL.items():
        plan = build_plan(make())
        for svg in (charts.cash_chart(plan), charts.revenue_costs_chart(plan)):
            root = _parse(svg)
            assert root.get("viewBox") == "0 0 360 220", name
            assert root.get("role") == "img"
            title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
            assert title is not None
            assert title.text
            assert desc is not None
            assert desc.text
            assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
            assert len(svg) < 6000, (name, len(svg))
            assert "<script" not in svg
            assert "href" not in svg  # nothing fetched, nothing linked
            assert all(t.text for t in root.iter(f"{SVG}text"))


def test_cash_bars_are_red_below_zero_with_a_zero_line() -> None:
    plan = build_plan(short_of_cash())
    root = _parse(charts.cash_chart(plan))
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 12
    negative = [b for b in bars if b.get("fill") == charts.WARNING]
    assert len(negative) == len(plan.cash_flow.negative_months) > 0
    for bar, month in zip(bars, plan.monthly[:12], strict=True):
        tip = bar.find(f"{SVG}title")
        assert tip is not None
        assert tip.text == f"{month.label}: {format_money(month.closing_cash, 'XOF', 'en')}"
        assert (bar.get("fill") == charts.WARNING) == (month.closing_cash < 0)
    lines = [line for line in root.findall(f"{SVG}line") if line.get("stroke") == charts.INK]
    assert len(lines) == 1  # the zero line
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text
    assert f"below zero in {len(plan.cash_flow.negative_months)} months" in desc.text
    lowest = min(m.closing_cash for m in plan.monthly[:12])
    assert format_money(lowest, "XOF", "en") in desc.text
    # Amounts on the axis are written as the currency is written.
    labels = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert any(re.fullmatch(r"-?F\u202fCFA\u00a0[\d,]+", label) for label in labels)


def test_a_plan_that_never_goes_negative_says_so_in_french() -> None:
    plan = build_plan(typical_business())
    root = _parse(charts.cash_chart(plan))
    assert all(b.get("fill") == charts.POSITIVE for b in root.findall(f"{SVG}rect"))
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text
    assert "Elle ne passe jamais sous zéro." in desc.text
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "mars" in labels  # the start month is known: month names
    assert "Mois" in labels


def test_revenue_and_costs_are_two_lines_over_36_months() -> None:
    plan = build_plan(typical_business())
    root = _parse(charts.revenue_costs_chart(plan))
    lines = root.findall(f"{SVG}polyline")
    assert [line.get("stroke") for line in lines] == [charts.REVENUE, charts.COSTS]
    for line in lines:
        assert len((line.get("points") or "").split()) == 36
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Année 1", "Année 2", "Année 3", "Chiffre d'affaires", "Coûts totaux"} <= set(texts)
    text = charts.revenue_costs_text(plan)
    assert "à partir du mois 1" in text.description


def test_text_is_escaped() -> None:
    plan = build_plan(short_of_cash())
    odd = [m.model_copy(update={"label": "<b>&amp;"}) for m in plan.monthly]
    svg = charts.cash_chart(plan.model_copy(update={"monthly": odd}))
    assert "<b>" not in svg
    assert "&lt;b&gt;&amp;amp;" in svg
    _parse(svg)
