"""The typical business of bench/bench_finance.py, shared so tests and benchmark agree."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

from genesis.core.finance.model import Assumptions

BENCH = Path(__file__).resolve().parents[3] / "bench" / "bench_finance.py"


@cache
def bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_finance", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def typical_business() -> Assumptions:
    business: Assumptions = bench_module().typical_business()
    return business
