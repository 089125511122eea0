"""Offline coach benchmark: average time to judge one answer.

Runs :class:`genesis.core.coach.offline.OfflineCoach` on every answer of
the development set tests/core/coach/answers_dev.jsonl (both languages, every
step, good and weak answers), many times over, in one process and one thread, and prints the mean
and percentiles per answer with the machine it ran on. The first pass warms
the caches (content, lexicons, gazetteer) and is not counted.

    .venv/bin/python bench/bench_coach.py [--repeat 20] [--json]

With ``--json`` it prints one JSON line instead (times in milliseconds). The
target is a mean under 2 ms per answer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from genesis.core.coach.evaluation import context, load
from genesis.core.coach.offline import OfflineCoach
from genesis.core.coach.types import CoachContext

DEV_SET = Path(__file__).resolve().parent.parent / "tests" / "core" / "coach" / "answers_dev.jsonl"

TARGET_MEAN_MS = 2.0


def _contexts(lines: list[dict[str, Any]]) -> list[tuple[CoachContext, str]]:
    return [(context(line), line["text"]) for line in lines]


async def _run(cases: list[tuple[CoachContext, str]], repeat: int) -> list[float]:
    coach = OfflineCoach()
    for ctx, text in cases:  # warm-up: load and validate the data files once
        await coach.answer(ctx, text)
    timings = []
    for _ in range(repeat):
        for ctx, text in cases:
            started = time.perf_counter()
            await coach.answer(ctx, text)
            timings.append(time.perf_counter() - started)
    return timings


def _percentile(ordered: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of the sorted values fall (nearest rank)."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def summary(timings: list[float], answers: int, repeat: int) -> dict[str, Any]:
    """Per-answer statistics in milliseconds, with the machine they ran on."""
    ms = sorted(t * 1000 for t in timings)
    return {
        "benchmark": "offline_coach",
        "answers": answers,
        "repeat": repeat,
        "judged": len(ms),
        "mean_ms": round(statistics.fmean(ms), 4),
        "p50_ms": round(_percentile(ms, 0.50), 4),
        "p95_ms": round(_percentile(ms, 0.95), 4),
        "p99_ms": round(_percentile(ms, 0.99), 4),
        "max_ms": round(ms[-1], 4),
        "target_mean_ms": TARGET_MEAN_MS,
        "within_target": statistics.fmean(ms) < TARGET_MEAN_MS,
        "python": f"{sys.version.split()[0]} ({platform.python_implementation()})",
        "machine": f"{platform.platform()}, {platform.processor() or platform.machine()}",
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the answer set")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    lines = load(DEV_SET)
    timings = asyncio.run(_run(_contexts(lines), args.repeat))
    result = summary(timings, len(lines), args.repeat)
    if args.json:
        print(json.dumps(result))
        return
    print(f"machine: {result['machine']}")
    print(f"python: {result['python']}, cpus: {result['cpus']}")
    print(f"answers: {len(lines)} x {args.repeat} passes = {result['judged']} judged, one thread")
    print(
        f"per answer: mean {result['mean_ms']:.3f} ms, p50 {result['p50_ms']:.3f} ms, "
        f"p95 {result['p95_ms']:.3f} ms, p99 {result['p99_ms']:.3f} ms, "
        f"max {result['max_ms']:.3f} ms"
    )
    verdict = "within" if result["within_target"] else "OVER"
    print(f"target: mean < {TARGET_MEAN_MS:.1f} ms per answer: {verdict}")


if __name__ == "__main__":
    main()
