"""Learn the coach's judgement (src/genesis/core/coach/data/judgement.json) from the dev set.

For each step, a logistic model over the features of
:func:`genesis.core.coach.judgement.features` is fitted to the advisor's
decisions in tests/core/coach/answers_dev.jsonl (Newton's method with an L2
penalty, whose strength is chosen by 5-fold cross-validation). Only the
development set is read: the frozen test set never informs the weights.
Deterministic: the same set gives the same file.

    .venv/bin/python scripts/train_coach.py          # rewrite judgement.json, print CV figures
    .venv/bin/python scripts/train_coach.py --check  # exit 1 if judgement.json is out of date
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

from genesis.core.coach import criteria, evidence, judgement
from genesis.core.steps import CoachingStepEnum

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "tests" / "core" / "coach" / "answers_dev.jsonl"
OUTPUT = ROOT / "src" / "genesis" / "core" / "coach" / "data" / "judgement.json"
PENALTIES = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
FOLDS = 5
TOLERANCE = 0.01
NEWTON_STEPS = 50
STEPS = judgement.JUDGED_STEPS

Row = tuple[list[float], int]


def _rows(lines: list[dict[str, Any]], step: CoachingStepEnum) -> tuple[list[str], list[Row]]:
    names: list[str] = []
    rows: list[Row] = []
    for line in lines:
        if line["step"] != step.value:
            continue
        values = judgement.features(step, evidence.gather(criteria.read(line["text"])))
        names = names or list(values)
        rows.append(([values[name] for name in names], int(line["expected"] == "accept")))
    return names, rows


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the systems are 20 x 20)."""
    size = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(size):
            if r != col and a[r][col]:
                factor = a[r][col] / a[col][col]
                a[r] = [x - factor * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[i][size] / a[i][i] for i in range(size)]


def fit(rows: list[Row], penalty: float) -> list[float]:
    """Weights (bias first) of an L2-penalised logistic regression (the bias is not penalised)."""
    size = len(rows[0][0]) + 1
    w = [0.0] * size
    for _ in range(NEWTON_STEPS):
        grad = [0.0] * size
        hess = [[0.0] * size for _ in range(size)]
        for x, y in rows:
            xs = [1.0, *x]
            p = _sigmoid(sum(wi * xi for wi, xi in zip(w, xs, strict=True)))
            for i in range(size):
                grad[i] += (p - y) * xs[i]
                for j in range(i, size):
                    hess[i][j] += p * (1 - p) * xs[i] * xs[j]
        for i in range(size):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i:
                grad[i] += penalty * w[i]
                hess[i][i] += penalty
        hess[0][0] += 1e-9
        delta = _solve(hess, grad)
        w = [wi - di for wi, di in zip(w, delta, strict=True)]
        if max(abs(d) for d in delta) < 1e-8:
            break
    return w


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def _accuracy(w: list[float], rows: list[Row]) -> float:
    right = sum(
        (_sigmoid(sum(wi * xi for wi, xi in zip(w, [1.0, *x], strict=True))) >= 0.5) == bool(y)
        for x, y in rows
    )
    return right / len(rows)


def _cross_validated(rows: list[Row], penalty: float) -> float:
    right = 0.0
    for fold in range(FOLDS):
        train = [row for i, row in enumerate(rows) if i % FOLDS != fold]
        held = [row for i, row in enumerate(rows) if i % FOLDS == fold]
        right += _accuracy(fit(train, penalty), held) * len(held)
    return right / len(rows)


def train(lines: list[dict[str, Any]]) -> dict[str, Any]:
    steps: dict[str, Any] = {}
    for step in STEPS:
        names, rows = _rows(lines, step)
        scored = {penalty: _cross_validated(rows, penalty) for penalty in PENALTIES}
        # The strongest penalty whose agreement is within a point of the best:
        # on a set this size a weaker one mostly learns its accidents.
        best = max(scored.values())
        penalty = max(p for p, cv in scored.items() if cv >= best - TOLERANCE)
        cv = scored[penalty]
        w = fit(rows, penalty)
        steps[step.value] = {
            "answers": len(rows),
            "penalty": penalty,
            "cross_validated_agreement": round(cv, 4),
            "training_agreement": round(_accuracy(w, rows), 4),
            "bias": round(w[0], 4),
            "weights": {name: round(wi, 4) for name, wi in zip(names, w[1:], strict=True)},
        }
    return steps


def build() -> dict[str, Any]:
    raw = DEV_SET.read_bytes()
    lines = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    return {
        "_about": (
            "Weights of the coach's judgement, one logistic model per step over the features "
            "of genesis.core.coach.judgement.features. Generated by scripts/train_coach.py "
            "from the development set only: do not edit."
        ),
        "dev_set": {"answers": len(lines), "sha256": hashlib.sha256(raw).hexdigest()},
        "steps": train(lines),
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args()
    text = render(build())
    if args.check:
        if OUTPUT.read_text("utf-8") != text:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run scripts/train_coach.py")
            return 1
        return 0
    OUTPUT.write_text(text, "utf-8")
    for step, spec in json.loads(text)["steps"].items():
        print(
            f"{step}: {spec['answers']} answers, penalty {spec['penalty']}, "
            f"cross-validated {spec['cross_validated_agreement']:.1%}, "
            f"training {spec['training_agreement']:.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
