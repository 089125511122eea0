"""The core is pure: standard library, pydantic and itself only."""

import ast
import sys
from pathlib import Path

import genesis.core

CORE = Path(genesis.core.__file__).parent
ALLOWED_THIRD_PARTY = {"pydantic"}


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module)
    return roots


def test_core_imports_nothing_from_outside() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        for name in _imported_roots(path):
            root = name.split(".")[0]
            if name.startswith("genesis."):
                if not name.startswith("genesis.core"):
                    offenders.append(f"{path.relative_to(CORE)}: {name}")
            elif root not in sys.stdlib_module_names and root not in ALLOWED_THIRD_PARTY:
                offenders.append(f"{path.relative_to(CORE)}: {name}")
    assert not offenders, "core must stay pure:\n" + "\n".join(offenders)
