import pytest
from pydantic import ValidationError

from genesis.config import DEFAULT_SECRET_KEY, Settings


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
