"""Every benchmark in one go (`make bench`): the offline coach, the brief, the
load test on PostgreSQL + Redis, closed-loop and with paced users, and the
WhatsApp webhook with full coaching runs over WhatsApp (jobs in process, then
on a taskiq worker).

Each benchmark runs in its own process; their JSON results are gathered into
bench/results/latest.json and summed up as the table the README shows.

    .venv/bin/python bench/run_all.py [--seconds 30] [--users 50]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"


def _json_line(script: str, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(BENCH / script), *args, "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    last = [line for line in out.splitlines() if line.startswith("{")][-1]
    result: dict[str, Any] = json.loads(last)
    return result


def _load(name: str, users: int, seconds: float, think: float) -> dict[str, Any]:
    path = RESULTS / f"load-{name}.json"
    subprocess.run(
        [
            sys.executable,
            str(BENCH / "load.py"),
            "--users",
            str(users),
            "--seconds",
            str(seconds),
            "--think",
            str(think),
            "--json",
            str(path),
        ],
        check=False,  # a run with errors still reports; the table shows them
        stdout=subprocess.DEVNULL,
    )
    result: dict[str, Any] = json.loads(path.read_text())
    return result


def _table(results: dict[str, Any]) -> str:
    closed, paced = results["load_closed"], results["load_paced"]
    coach, brief, wa = results["coach"], results["brief"], results["whatsapp"]

    def step(run: dict[str, Any], q: str) -> str:
        return f"{run['endpoints']['step'][q]:.1f} ms"

    rows = [
        ("Offline coach, one answer (mean)", f"{coach['mean_ms']:.3f} ms", "< 2 ms"),
        (
            "Financial plan, one business (mean)",
            f"{results['finance']['mean_ms']:.1f} ms",
            "< 50 ms",
        ),
        (
            "Brief offline: five agents + assembly (mean)",
            f"{brief['stages']['agents_and_assembly']['mean_ms']:.1f} ms",
            "< 300 ms",
        ),
        ("Brief as PDF (mean)", f"{brief['stages']['pdf']['mean_ms']:.0f} ms", ""),
        (
            f"Five agents, LLM taking {brief['slow_llm']['llm_delay_ms']:.0f} ms per call",
            f"{brief['slow_llm']['wall_mean_ms']:.0f} ms wall "
            f"({brief['slow_llm']['agents_calling_llm']} calls)",
            "close to one call",
        ),
        (
            "Trivial endpoint, closed loop",
            f"{closed['trivial_rps']:.0f} req/s",
            "baseline",
        ),
        ("Steps, closed loop", f"{closed['steps_per_s']:.0f} steps/s", ""),
        (
            "Steps / trivial",
            f"{closed['ratio_steps_to_trivial']:.2f}",
            ">= 0.40",
        ),
        ("Step p99, closed loop", step(closed, "p99_ms"), "< 50 ms"),
        (
            f"Step p50 / p99, users pausing ~{paced['think_seconds']:g} s",
            f"{step(paced, 'p50_ms')} / {step(paced, 'p99_ms')}",
            "< 50 ms",
        ),
        *(
            (
                f"WhatsApp webhook p50 / p99, {run['senders']} senders pausing "
                f"~{run['think_seconds']:g} s, {where}",
                f"{run['webhook_paced']['p50_ms']:.1f} ms / "
                f"{run['webhook_paced']['p99_ms']:.1f} ms",
                target,
            )
            for run, where, target in (
                (wa, "jobs in process", ""),
                (results["whatsapp_taskiq"], "taskiq worker", "p99 < 50 ms"),
            )
        ),
        (
            f"WhatsApp webhook p50 / p99, {wa['senders']} senders, closed loop",
            f"{wa['webhook_closed_loop']['p50_ms']:.1f} ms / "
            f"{wa['webhook_closed_loop']['p99_ms']:.1f} ms",
            "",
        ),
        (
            "WhatsApp messages sent per coaching step (full runs)",
            f"{wa['messages_per_step_mean']:.2f}",
            "<= 12",
        ),
        (
            "Server peak RSS",
            f"{max(closed['server_peak_rss_mb'], paced['server_peak_rss_mb']):.0f} MB",
            "< 150 MB",
        ),
    ]
    lines = ["| Measure | Result | Target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--think", type=float, default=1.0, help="pause of the paced run")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    results = {
        "machine": {"platform": platform.platform(), "python": platform.python_version()},
        "coach": _json_line("bench_coach.py"),
        "brief": _json_line("bench_brief.py"),
        "finance": _json_line("bench_finance.py"),
        "load_closed": _load("closed", args.users, args.seconds, 0.0),
        "load_paced": _load("paced", args.users, args.seconds, args.think),
        "whatsapp": _json_line(
            "bench_whatsapp.py", "--senders", str(args.users), "--seconds", str(args.seconds)
        ),
        # The channel under load runs its jobs on `genesis worker` (README, WhatsApp).
        "whatsapp_taskiq": _json_line(
            "bench_whatsapp.py",
            *("--senders", str(args.users), "--seconds", str(args.seconds)),
            *("--jobs", "taskiq"),
        ),
    }
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))
    print(_table(results))
    print(f"\nDetails: {RESULTS / 'latest.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
