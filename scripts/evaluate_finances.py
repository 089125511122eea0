"""How well the finances step reads a money answer given in one paragraph.

    .venv/bin/python scripts/evaluate_finances.py                  # the development set
    .venv/bin/python scripts/evaluate_finances.py --file other.jsonl
    .venv/bin/python scripts/evaluate_finances.py --json

Each line of the file is one paragraph and the figures it states (the format of
tests/core/coach/finance_paragraphs_dev.jsonl). The paragraph is applied as the
first reply of the finances step, in its language and country (and so the
country's currency), and the figures the step holds as given are compared with
the expected ones (see genesis.core.coach.finance_evaluation for the rules).
Only aggregate figures are printed, never a paragraph, so that a held-out set
can be measured without anyone reading it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from genesis.core.coach import finance_evaluation as fe

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "tests" / "core" / "coach" / "finance_paragraphs_dev.jsonl"


def load(path: Path) -> list[fe.Case]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [fe.case_of(json.loads(line)) for line in lines if line.strip()]


def score_file(path: Path) -> fe.Scores:
    return fe.score(load(path))


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def report(name: str, scores: fe.Scores) -> None:
    print(f"== {name}: {scores.cases} paragraphs")
    print(
        f"read fully right {_percent(scores.fully_right_share)} ({scores.fully_right}); "
        f"stated figures read {_percent(scores.overall_recall)}; "
        f"false reads {sum(scores.false_reads.values())}"
    )
    by_language = scores.as_dict()["fully_right_by_language"]
    print(
        "fully right by language: "
        + ", ".join(f"{k} {_percent(v)}" for k, v in by_language.items())
    )
    print(f"{'field':<28}{'stated':>7}{'read':>9}{'false reads':>13}")
    for key in fe.FIELDS:
        print(
            f"{key:<28}{scores.stated[key]:>7}{_percent(scores.recall(key)):>9}"
            f"{scores.false_reads[key]:>13}"
        )
    misses = ", ".join(f"{key}/{kind} {n}" for (key, kind), n in sorted(scores.misses.items()))
    print(f"misses by field/kind: {misses or 'none'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEV_SET, help="a paragraph set (JSON lines)")
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    args = parser.parse_args()
    scores = score_file(args.file)
    if args.json:
        print(json.dumps({"file": args.file.name, **scores.as_dict()}))
    else:
        report(args.file.name, scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
