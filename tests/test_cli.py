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


def _start(args: list[str], tmp_path: Path, **env: str) -> subprocess.Popen[str]:
    full_env = {**os.environ, "GENESIS_DATA_DIR": str(tmp_path / "data"), **env}
    if "GENESIS_DATABASE_URL" not in env:
        full_env.pop("GENESIS_DATABASE_URL", None)
    return subprocess.Popen(
        [GENESIS, *args],
        env=full_env,
        cwd=tmp_path,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


# (command, environment, exit code, what stderr says). The wording of each kind of
# setting error is checked in tests/test_config.py; here, real processes.
OPERATOR_RUNS = [
    (["sessions"], {"GENESIS_MAX_FOLLOW_UPS": "abc"}, 2, "GENESIS_MAX_FOLLOW_UPS='abc'"),
    (
        ["serve"],
        {"GENESIS_DATABASE_URL": "postgresql://genesis:hunter2@127.0.0.1:1/genesis"},
        2,
        "GENESIS_DATABASE_URL='postgresql+asyncpg://genesis:***@127.0.0.1:1/genesis': the "
        "database cannot be used (ConnectionRefusedError",
    ),
    (["sessions"], {"GENESIS_DATA_DIR": "/proc/nope"}, 2, "GENESIS_DATA_DIR='/proc/nope'"),
    (["sessions"], {}, 2, "run 'genesis db upgrade'"),  # no schema yet
    (
        ["create-user", "--email", "not-an-email", "--name", "X"],
        {"GENESIS_PASSWORD": "a-long-password"},
        1,
        "'not-an-email' is not a valid email",
    ),
    (
        ["create-user", "--email", "awa@example.com", "--name", "X"],
        {"GENESIS_PASSWORD": "12345678"},
        1,
        "simple sequence",
    ),
]


def test_operator_mistakes_are_a_line_or_two_not_a_traceback(tmp_path: Path, pg_url: str) -> None:
    # All at once: each is a Python start-up, and the machine has two cores.
    plain = pg_url.replace("postgresql+asyncpg://", "postgresql://")
    works = _start(["sessions"], tmp_path, GENESIS_LOG_LEVEL="warning", GENESIS_DATABASE_URL=plain)
    runs = [(_start(args, tmp_path, **env), code, says) for args, env, code, says in OPERATOR_RUNS]
    for proc, code, says in runs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == code, (says, out, err)
        assert says in err, err
        assert err.startswith("Error: "), err
        assert len(err.strip().splitlines()) <= 2, err
        assert "Traceback" not in err + out
        assert "hunter2" not in err
    # A lower-case log level and a URL without its driver are fine.
    _, err = works.communicate(timeout=60)
    assert works.returncode == 0, err
    assert "sub-agents (status coaching_complete or sub_agents_running)" in err
    assert "0 session(s)." in err
