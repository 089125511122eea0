"""The ``genesis`` command, run as a user would (a real process on a fresh database)."""

import os
import subprocess
import sys
from pathlib import Path

GENESIS = str(Path(sys.executable).parent / "genesis")


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "GENESIS_DATA_DIR": str(tmp_path / "data"), **env}
    full_env.pop("GENESIS_DATABASE_URL", None)
    return subprocess.run(
        [GENESIS, *args], capture_output=True, text=True, env=full_env, cwd=tmp_path, timeout=120
    )


def test_db_upgrade_create_user_and_sessions(tmp_path: Path) -> None:
    r = run(["db", "upgrade"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "data" / "genesis.db").exists()

    r = run(["db", "check"], tmp_path)
    assert r.returncode == 0, r.stderr

    r = run(
        ["create-user", "--email", "fatou@example.com", "--name", "Fatou", "--language", "fr"],
        tmp_path,
        GENESIS_PASSWORD="a-long-password",
    )
    assert r.returncode == 0, r.stderr
    assert "fatou@example.com" in r.stdout

    r = run(
        ["create-user", "--email", "fatou@example.com", "--name", "Fatou"],
        tmp_path,
        GENESIS_PASSWORD="a-long-password",
    )
    assert r.returncode == 1
    assert "already exists" in r.stderr

    r = run(["sessions", "--status", "sub_agents_running"], tmp_path)
    assert r.returncode == 0, r.stderr
    assert "0 session(s)." in r.stderr

    r = run(["sessions", "--status", "nonsense"], tmp_path)
    assert r.returncode == 2
