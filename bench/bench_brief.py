"""Offline brief benchmark: agents + assembly, then each export, for one session.

Builds a realistic AgentInput (a Dakar restaurant coached in French, with
curly quotes and accents), then N times: runs the five agents with no LLM and
no search (``run_agents``), assembles the brief, and renders Markdown, PDF and
the site zip. Prints the mean and p95 wall time of each stage and the machine
it ran on; the issue's target is agents + assembly under 300 ms. The first
iteration loads the data files and templates and is not counted.

    .venv/bin/python bench/bench_brief.py [--repeat 50] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import statistics
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for the bench package

from bench.brief_inputs import senegal_restaurant
from genesis import exports
from genesis.core.agents.brief import Brief, assemble_brief
from genesis.core.agents.runner import run_agents
from genesis.core.agents.types import AGENT_NAMES, AgentInput
from genesis.core.ports import LLMError

TARGET_MS = 300.0


async def _brief(inp: AgentInput) -> dict[str, Any]:
    results = await run_agents(inp, AGENT_NAMES, llm=None, search=None, timeout_s=30)
    content = assemble_brief(inp, results).model_dump(mode="json")
    content.update(session_id=inp.session_id, language=inp.language, status="completed")
    return content


LLM_DELAY_S = 0.5


class SlowLLM:
    """An LLM that takes LLM_DELAY_S to give a reply no agent accepts (they fall
    back offline): what is timed is the wait, not the work."""

    def __init__(self) -> None:
        self.calls = 0

    async def chat_json(
        self,
        messages: Sequence[Mapping[str, str]],
        *,
        schema: Mapping[str, Any],
        timeout_s: float | None = None,
    ) -> dict[str, Any]:
        self.calls += 1
        await asyncio.sleep(LLM_DELAY_S)
        raise LLMError("no reply")


async def _with_slow_llm(inp: AgentInput) -> tuple[float, int]:
    """Wall time of the five agents when every LLM call takes LLM_DELAY_S, and how
    many agents called it: concurrent agents cost about one call, not the sum."""
    llm = SlowLLM()
    started = time.perf_counter()
    await run_agents(inp, AGENT_NAMES, llm=llm, search=None, timeout_s=30)
    return (time.perf_counter() - started) * 1000, llm.calls


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"mean_ms": round(statistics.fmean(ordered), 3), "p95_ms": round(p95, 3)}


def run(repeat: int) -> dict[str, Any]:
    inp = senegal_restaurant()
    timings: dict[str, list[float]] = {
        "agents_and_assembly": [],
        "markdown": [],
        "pdf": [],
        "site": [],
    }
    for i in range(repeat + 1):
        started = time.perf_counter()
        content = asyncio.run(_brief(inp))
        brief_ms = (time.perf_counter() - started) * 1000
        stages = {"agents_and_assembly": brief_ms}
        brief = Brief.model_validate(content)  # as service.get_brief reads it back
        for name, render in (
            ("markdown", exports.to_markdown),
            ("pdf", exports.to_pdf),
            ("site", exports.to_site_zip),
        ):
            started = time.perf_counter()
            render(brief)
            stages[name] = (time.perf_counter() - started) * 1000
        if i == 0:
            continue  # warm-up: data files, templates, imports
        for name, ms in stages.items():
            timings[name].append(ms)
    slow = [asyncio.run(_with_slow_llm(inp)) for _ in range(3)]
    return {
        "benchmark": "brief_offline",
        "slow_llm": {
            "llm_delay_ms": LLM_DELAY_S * 1000,
            "agents_calling_llm": slow[0][1],
            "sum_of_calls_ms": slow[0][1] * LLM_DELAY_S * 1000,
            "wall_mean_ms": round(statistics.fmean(ms for ms, _ in slow), 1),
        },
        "repeat": repeat,
        "target_ms": TARGET_MS,
        "stages": {name: _stats(samples) for name, samples in timings.items()},
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
        },
    }


def main() -> None:
    logging.disable(logging.WARNING)  # the slow-LLM run's fallbacks are expected
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50, help="measured iterations")
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args()
    report = run(args.repeat)
    if args.json:
        print(json.dumps(report, separators=(",", ":")))
        return
    machine = report["machine"]
    print(
        f"brief offline, {args.repeat} runs, Python {machine['python']} on {machine['platform']}"
        f" ({machine['cpus']} CPUs)"
    )
    for name, stat in report["stages"].items():
        print(f"  {name:<20} mean {stat['mean_ms']:8.2f} ms   p95 {stat['p95_ms']:8.2f} ms")
    slow = report["slow_llm"]
    print(
        f"  with an LLM taking {slow['llm_delay_ms']:.0f} ms per call: "
        f"{slow['agents_calling_llm']} agents call it, wall {slow['wall_mean_ms']:.0f} ms "
        f"(their sum: {slow['sum_of_calls_ms']:.0f} ms)"
    )
    brief = report["stages"]["agents_and_assembly"]
    verdict = "OK" if brief["p95_ms"] < TARGET_MS else "OVER TARGET"
    print(f"  target: agents + assembly < {TARGET_MS:.0f} ms -> {verdict}")


if __name__ == "__main__":
    main()
