"""How often the offline coach agrees with a human advisor, on the labelled answer sets.

    .venv/bin/python scripts/evaluate_coach.py              # both sets, aggregate figures
    .venv/bin/python scripts/evaluate_coach.py --set dev --show-misses
    .venv/bin/python scripts/evaluate_coach.py --json
    .venv/bin/python scripts/evaluate_coach.py --file new_batch.jsonl --show-misses

The development set (tests/core/coach/answers_dev.jsonl) is the one the rules
are tuned on; ``--show-misses`` prints its disagreements. The test set
(tests/core/coach/answers_test.jsonl) was written by people who never read
the coach's rules and frozen before tuning: for it the script prints the
aggregate figures and the kinds of answers missed, never the answers, so that
nobody tunes the rules on it by accident. ``--file`` measures a new batch (same
format, see tests/core/coach/LABELLING.md) before it joins the development set.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from genesis.core.coach import evaluation

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "dev": ROOT / "tests" / "core" / "coach" / "answers_dev.jsonl",
    "test": ROOT / "tests" / "core" / "coach" / "answers_test.jsonl",
}


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _report(name: str, scores: evaluation.Scores) -> None:
    print(f"== {name} set: {scores.answers} answers")
    print(
        f"decision {_percent(scores.decision)}  accept recall {_percent(scores.accept_recall)}"
        f"  clarify recall {_percent(scores.clarify_recall)}"
    )
    print(
        f"on vision answers: sector {_percent(scores.vision_sector)}"
        f" ({scores.sector_misses} missed), country {_percent(scores.vision_country)}"
        f" ({scores.country_misses} missed)"
    )
    print("decision by step: " + ", ".join(f"{k} {_percent(v)}" for k, v in scores.by_step.items()))
    print(
        "decision by language: "
        + ", ".join(f"{k} {_percent(v)}" for k, v in scores.by_language.items())
    )
    for label, kinds in (
        ("decisions missed, by step/category", scores.decision_misses),
        ("sectors missed, by category/how", scores.sector_miss_kinds),
        ("countries missed, by category/how", scores.country_miss_kinds),
    ):
        print(f"{label}: " + (", ".join(f"{k} {v}" for k, v in kinds.items()) or "none"))


def _show_misses(judged: list[evaluation.Judged]) -> None:
    for item in judged:
        line = item.line
        problems = []
        if not item.agrees:
            problems.append(f"decision {item.decision} (expected {line['expected']})")
        if line["step"] == "vision" and item.sector != line["sector"]:
            problems.append(f"sector {item.sector} (expected {line['sector']})")
        if line["step"] == "vision" and item.country != line["country_code"]:
            problems.append(f"country {item.country} (expected {line['country_code']})")
        if problems:
            print(f"- [{line['step']}/{line.get('category')}] {'; '.join(problems)}")
            print(f"  {line['text']}")
            print(f"  met {item.reply.met_criteria}, missing {item.reply.missing_criteria}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--file", type=Path, help="a new batch to measure instead of a set")
    parser.add_argument("--json", action="store_true", help="one JSON object per set")
    parser.add_argument(
        "--show-misses", action="store_true", help="print the development set's disagreements"
    )
    args = parser.parse_args()
    paths = dict(SETS) if args.set == "all" else {args.set: SETS[args.set]}
    if args.file is not None:
        paths = {args.file.name: args.file}
    elif args.show_misses and "test" in paths:
        parser.error("--show-misses is for the development set only (--set dev)")
    for name, path in paths.items():
        judged = evaluation.judge(evaluation.load(path))
        scores = evaluation.score(judged)
        if args.json:
            print(json.dumps({"set": name, **scores.as_dict()}))
        else:
            _report(name, scores)
        if args.show_misses:
            _show_misses(judged)
    return 0


if __name__ == "__main__":
    sys.exit(main())
