"""The benchmark runs and reports what the README will quote."""

from __future__ import annotations

from bench import bench_finance as bench


def test_the_benchmark_times_plans_and_names_the_machine() -> None:
    result = bench.summary(bench.run(3))
    assert result["plans"] == 3
    assert result["mean_ms"] > 0
    assert result["target_mean_ms"] == 50.0
    assert result["machine"]
