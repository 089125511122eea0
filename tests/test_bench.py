"""The load and scale benchmarks run end to end, tiny and briefly, and report what
the README quotes: figures per part, rows counted, query plans."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import POSTGRES_URL

BENCH = Path(__file__).resolve().parents[1] / "bench"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES_URL, reason="GENESIS_TEST_POSTGRES_URL is not set"),
]


def _run(script: str, *args: str, out: Path) -> dict[str, object]:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / script),
            "--postgres",
            POSTGRES_URL,
            *args,
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=170,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    result: dict[str, object] = json.loads(out.read_text())
    return result


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server")
def test_load_spreads_steps_over_two_processes_and_loses_no_answer(tmp_path: Path) -> None:
    result = _run(
        "load.py",
        *("--processes", "2", "--users", "4", "--seconds", "3", "--drain-seconds", "10"),
        out=tmp_path / "load.json",
    )
    assert result["processes"] == 2
    assert result["steps_done"] > 0
    rows = result["rows"]
    assert isinstance(rows, dict)
    assert rows["lost"] == rows["duplicated"] == rows["history_mismatch"] == 0
    assert rows["step_rows"] == rows["answers_acknowledged"] == result["steps_done"]
    cpu = result["cpu_ms_per_step"]
    assert isinstance(cpu, dict)
    assert set(cpu) == {"api", "postgres", "redis", "worker", "load_client"}
    assert cpu["api"] > 0


def test_scale_times_both_sizes_and_prints_the_plans(tmp_path: Path) -> None:
    result = _run(
        "scale.py",
        *("--sizes", "30,60", "--runs", "1", "--repeat", "2", "--copies", "1", "--long", "40"),
        out=tmp_path / "scale.json",
    )
    sizes = result["sizes"]
    assert isinstance(sizes, dict)
    assert set(sizes) == {"30", "60"}
    for figures in sizes.values():
        assert figures["step"]["n"] > 0
        assert set(figures["answers_behind"]) == {"10", "40"}
        assert "Execution Time" in figures["plans"]["steps_of_session"]
    assert set(result["ratio_largest_to_smallest_p50"]) == {"step", "sessions_list", "get_session"}


# Modules the scripts share: imported, never run.
SHARED = {"__init__.py", "answers.py", "brief_inputs.py", "fake_graph.py", "http_client.py"}
SCRIPTS = sorted(p.name for p in BENCH.glob("*.py") if p.name not in SHARED | {"servers.py"})


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_benchmark_script_starts(script: str) -> None:
    """Each script imports what it needs from its neighbours (a renamed helper in
    servers.py or load.py breaks the scripts that import it, not only their tests)."""
    done = subprocess.run(
        [sys.executable, str(BENCH / script), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage" in done.stdout
