"""LibreOffice, headless, as the reader of our spreadsheets: it opens each xlsx,
computes every formula (the files hold no cached results) and saves the result,
which openpyxl then reads back as values.

Each run has its own LibreOffice profile in a temporary folder, set to
recalculate every file it loads, so a developer's own LibreOffice settings
never change a result and runs never share state. Tests that need it skip
with a clear reason where ``soffice`` is not installed (CI installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
)
# Recalculate formulas on load, always, for xlsx (OOXML) and ODF files.
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def recalculate(files: list[Path], workdir: Path, timeout: float = 120) -> dict[Path, Path]:
    """Each xlsx as LibreOffice saves it after computing it (one process for all)."""
    assert SOFFICE is not None
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    out = workdir / "recalculated"
    command = [
        SOFFICE,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out),
        *(str(f) for f in files),
    ]
    env = {**os.environ, "HOME": str(workdir)}
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    results = {f: out / f.name for f in files}
    missing = [str(f) for f, r in results.items() if not r.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {done.stdout} {done.stderr}"
    return results


def resolve(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value at ``path`` in a plan's JSON; a text step in a list picks the item
    with that ``key`` (rows, lines, schedules)."""
    for step in path:
        if isinstance(step, str) and isinstance(data, list):
            data = next(item for item in data if item.get("key") == step)
        else:
            data = data[step]
    return data


def same(expected: Any, got: Any, decimals: int) -> bool:
    """LibreOffice's number equals the engine's figure to its last decimal (the
    currency's minor unit for amounts, 0.01 for ratios); None is a text cell."""
    if expected is None:
        return isinstance(got, str)
    if isinstance(got, bool) or not isinstance(got, int | float):
        return False
    want = Decimal(str(expected))
    exponent = want.as_tuple().exponent
    places = max(decimals, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    have = Decimal(repr(got)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return have == want
