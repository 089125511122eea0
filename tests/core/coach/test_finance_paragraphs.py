"""The finances step on whole money paragraphs, through the very scoring function of
scripts/evaluate_finances.py, with a floor.

Two sets: the development set, written before the reader, and the fresh set, ten
batches of 16 paragraphs written while the reader was built, each measured before
any change made for it (the figures are in README, "One paragraph"), then tuned on.
The floors sit a margin under the figures reached at the last tuning (dev: 78 of 80
read fully right, 99.5 % of the stated figures, no false read; fresh: 154 of 160,
99.4 %, 4 false reads), so a change that reads paragraphs worse fails here. Both
sets were tuned on: their figures are optimistic.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.scripts import load_script

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "evaluate_finances.py"
DEV_SET = ROOT / "tests" / "core" / "coach" / "finance_paragraphs_dev.jsonl"
FRESH_SET = ROOT / "tests" / "core" / "coach" / "finance_paragraphs_fresh.jsonl"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script(SCRIPT)


def test_the_dev_set_is_what_the_brief_asked_for() -> None:
    lines = [json.loads(line) for line in DEV_SET.read_text("utf-8").splitlines()]
    assert len(lines) >= 80
    languages = [line["language"] for line in lines]
    assert languages.count("fr") == languages.count("en")
    assert len({line["country"] for line in lines}) >= 20
    assert len({line["id"] for line in lines}) == len(lines)


@pytest.mark.parametrize("path", [DEV_SET, FRESH_SET], ids=["dev", "fresh"])
def test_the_paragraph_sets_are_read_above_their_floor(script: ModuleType, path: Path) -> None:
    scores = script.score_file(path)
    assert scores.cases >= 80
    assert scores.fully_right_share >= 0.90
    assert scores.overall_recall >= 0.97
    assert sum(scores.false_reads.values()) <= 2 + scores.cases // 40
    for field in ("price", "monthly_revenue", "fixed_costs_monthly_total", "loan_amount"):
        assert scores.recall(field) >= 0.95, field


def test_the_script_prints_figures_never_a_paragraph(
    script: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Any file in the format, any African country: the held-out set is run this way.
    secret = "Zanzibar-spice-kiosk"
    lines = [
        {"id": "h-1", "language": "en", "country": "TZ",
         "text": f"{secret}: we sell at TSh 2,000 a cup, 50 cups a day. Rent 100,000 a month.",
         "expect": {"price": 2000, "units_per_month": 1500, "fixed_costs_monthly_total": 100000}},
        {"id": "h-2", "language": "fr", "country": "MR",
         "text": f"{secret} : loyer 5 000 par mois, j'ai 20 000 d'économies.",
         "expect": {"fixed_costs_monthly_total": 5000, "own_funds": 20000, "loan_amount": 7}},
    ]  # fmt: skip
    path = tmp_path / "held_out.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), "utf-8")
    for flags in ([], ["--json"]):
        monkeypatch.setattr("sys.argv", ["evaluate_finances.py", "--file", str(path), *flags])
        assert script.main() == 0
        out = capsys.readouterr().out
        assert secret not in out
        assert "2 paragraphs" in out or '"cases": 2' in out
    scores = script.score_file(path)
    assert scores.fully_right == 1  # h-2 states a loan of 7 it does not say: a miss
    assert scores.misses["loan_amount", "not_read"] == 1
