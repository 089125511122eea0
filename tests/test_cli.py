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


OPERATOR_MISTAKES = [
    (["sessions"], {"GENESIS_MAX_FOLLOW_UPS": "abc"}, "GENESIS_MAX_FOLLOW_UPS='abc'"),
    (["serve"], {"GENESIS_LOG_LEVEL": "loud"}, "one of debug, info, warning, error"),
    (["serve"], {"GENESIS_DATABASE_URL": "nonsense"}, "GENESIS_DATABASE_URL='nonsense'"),
    (
        ["serve"],
        {"GENESIS_DATABASE_URL": "postgresql://genesis:hunter2@127.0.0.1:1/genesis"},
        "GENESIS_DATABASE_URL='postgresql+asyncpg://genesis:***@127.0.0.1:1/genesis': the "
        "database cannot be used (ConnectionRefusedError",
    ),
    (["serve"], {"GENESIS_ENV": "production"}, "GENESIS_SECRET_KEY must be a random value"),
    (["sessions"], {"GENESIS_DATA_DIR": "/proc/nope"}, "GENESIS_DATA_DIR='/proc/nope'"),
    (["sessions"], {}, "run 'genesis db upgrade'"),  # no schema yet
]


def test_operator_mistakes_are_two_lines_not_a_traceback(tmp_path: Path) -> None:
    # Started together: each is a Python start-up, the machine has two cores.
    runs = [(_start(args, tmp_path, **env), says) for args, env, says in OPERATOR_MISTAKES]
    for proc, says in runs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 2, (says, out, err)
        assert says in err, err
        assert err.startswith("Error: "), err
        assert len(err.strip().splitlines()) <= 2, err
        assert "Traceback" not in err + out
        assert "hunter2" not in err


def test_lower_case_log_level_and_a_plain_postgresql_url_work(tmp_path: Path, pg_url: str) -> None:
    plain = pg_url.replace("postgresql+asyncpg://", "postgresql://")
    proc = _start(["sessions"], tmp_path, GENESIS_LOG_LEVEL="warning", GENESIS_DATABASE_URL=plain)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "sub-agents (status coaching_complete or sub_agents_running)" in err
    assert "0 session(s)." in err


def test_create_user_checks_the_email_and_password_as_the_api_does(tmp_path: Path) -> None:
    bad_email = _start(
        ["create-user", "--email", "not-an-email", "--name", "X"],
        tmp_path,
        GENESIS_PASSWORD="a-long-password",
    )
    weak = _start(
        ["create-user", "--email", "awa@example.com", "--name", "X"],
        tmp_path,
        GENESIS_PASSWORD="12345678",
    )
    for proc, says in (
        (bad_email, "'not-an-email' is not a valid email"),
        (weak, "simple sequence"),
    ):
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 1, err
        assert says in err
        assert "Traceback" not in err
