from pathlib import Path

import pytest
from pydantic import ValidationError

from genesis.config import DEFAULT_SECRET_KEY, Settings, SettingsError, load_settings


def test_defaults_are_embedded_sqlite() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.env == "development"
    assert settings.resolved_database_url.startswith("sqlite+aiosqlite:///")
    assert settings.redis_url == ""


def test_production_refuses_the_default_secret() -> None:
    with pytest.raises(ValidationError, match="GENESIS_SECRET_KEY"):
        Settings(env="production", secret_key=DEFAULT_SECRET_KEY, _env_file=None)  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="32 characters"):
        Settings(env="production", secret_key="short", _env_file=None)  # type: ignore[call-arg]
    ok = Settings(env="production", secret_key="k" * 48, _env_file=None)  # type: ignore[call-arg]
    assert ok.env == "production"


def test_environment_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENESIS_DATABASE_URL", "postgresql+asyncpg://u@h/db")
    monkeypatch.setenv("GENESIS_ACCESS_TOKEN_MINUTES", "15")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.resolved_database_url == "postgresql+asyncpg://u@h/db"
    assert settings.access_token_minutes == 15


def test_log_levels_and_choices_take_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENESIS_LOG_LEVEL", "warning")
    monkeypatch.setenv("GENESIS_ENV", "Development")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.log_level == "WARNING"
    assert settings.env == "development"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgresql://u:pw@h:5432/db", "postgresql+asyncpg://u:pw@h:5432/db"),
        ("postgres://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("sqlite:///data/x.db", "sqlite+aiosqlite:///data/x.db"),
    ],
)
def test_a_database_url_gets_the_async_driver(
    monkeypatch: pytest.MonkeyPatch, given: str, used: str
) -> None:
    monkeypatch.setenv("GENESIS_DATABASE_URL", given)
    assert Settings(_env_file=None).resolved_database_url == used  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("env", "says"),
    [
        (
            {"GENESIS_MAX_FOLLOW_UPS": "abc"},
            "GENESIS_MAX_FOLLOW_UPS='abc': Input should be a valid integer, unable to parse "
            "string as an integer. Set it to a whole number from 0 to 10 (remove it for the "
            "default, 2).",
        ),
        (
            {"GENESIS_LOG_LEVEL": "loud"},
            "GENESIS_LOG_LEVEL='loud': Input should be 'DEBUG', 'INFO', 'WARNING', 'ERROR' or "
            "'CRITICAL'. Set it to one of debug, info, warning, error, critical (remove it "
            "for the default, info).",
        ),
        (
            {"GENESIS_DATABASE_URL": "mysql://root:hunter2@db/genesis"},
            "GENESIS_DATABASE_URL='mysql://root:***@db/genesis': not a PostgreSQL or SQLite "
            "URL: use postgresql://user:password@host:5432/name, or leave it empty for SQLite "
            "in GENESIS_DATA_DIR.",
        ),
        (
            {"GENESIS_PDF_TIMEOUT_SECONDS": "-1"},
            "GENESIS_PDF_TIMEOUT_SECONDS='-1': Input should be greater than 0. Set it to a "
            "number greater than 0 (remove it for the default, 10.0).",
        ),
        (
            {"GENESIS_ENV": "production", "GENESIS_SECRET_KEY": "hunter2"},
            "GENESIS_SECRET_KEY must be a random value of at least 32 characters in production",
        ),
    ],
)
def test_a_wrong_setting_is_one_line_naming_it_its_value_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], says: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(Path(__file__).parent)  # no .env here
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(says)
    assert message.count("\n") == 0
    assert "hunter2" not in message  # secrets and passwords are never echoed


def test_the_public_url() -> None:
    assert Settings(_env_file=None).public_base_url == ""  # type: ignore[call-arg]
    given = Settings(public_url="https://coach.example.org/", _env_file=None)  # type: ignore[call-arg]
    assert given.public_base_url == "https://coach.example.org"
    with pytest.raises(ValidationError, match="GENESIS_PUBLIC_URL"):
        Settings(public_url="coach.example.org", _env_file=None)  # type: ignore[call-arg]
