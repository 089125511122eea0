"""Settings from the environment (prefix ``GENESIS_``), documented in ``.env.example``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Long enough for HS256 (no key-length warnings in development); refused in production.
DEFAULT_SECRET_KEY = "dev-secret-change-me-development-only-0123456789"  # noqa: S105
DEFAULT_DATA_DIR = Path("data")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GENESIS_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    env: Literal["development", "production"] = "development"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    data_dir: Path = DEFAULT_DATA_DIR
    # Empty means SQLite in ``data_dir``; PostgreSQL: postgresql+asyncpg://user@host/db
    database_url: str = ""
    redis_url: str = ""
    redis_timeout_seconds: float = Field(default=0.5, gt=0)
    # How long an idle session stays in the live cache (refreshed on every use).
    cache_ttl_seconds: int = Field(default=3600, ge=10)

    secret_key: str = DEFAULT_SECRET_KEY
    access_token_minutes: int = Field(default=60, ge=1, le=60 * 24 * 30)
    # Failed logins for one email from one client address before each new attempt
    # waits: 1 s, then doubling, up to login_max_backoff_seconds. Success clears it.
    login_max_failures: int = Field(default=5, ge=1)
    login_max_backoff_seconds: int = Field(default=900, ge=1)
    # Failures are forgotten this long after the last one (per email and address);
    # an address's budget over all emails runs over a window of this length.
    login_window_seconds: int = Field(default=3600, ge=1)
    login_max_failures_per_address: int = Field(default=100, ge=1)
    # Sign-ups allowed per client address in an hour.
    registrations_per_hour: int = Field(default=20, ge=1)

    max_follow_ups: int = Field(default=2, ge=0, le=10)
    # Live progress streams (server-sent events) one person may hold open per process.
    max_streams_per_user: int = Field(default=5, ge=1, le=100)

    # An OpenAI-compatible LLM (OpenAI, Mistral, DeepSeek, Ollama, vLLM, llama.cpp).
    # Empty base URL: the offline coach and agents only.
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout_seconds: float = Field(default=20.0, gt=0)
    llm_max_retries: int = Field(default=1, ge=0, le=5)
    # Optional web search for the market-research agent: a SearxNG instance's URL.
    search_url: str = ""

    # A PDF export that takes longer is stopped (its process killed) with a clear error.
    pdf_timeout_seconds: float = Field(default=10.0, gt=0)

    # Each sub-agent's time limit; one that runs over fails alone.
    agent_timeout_seconds: float = Field(default=30.0, gt=0)
    # inprocess: background tasks of the API process (no extra service).
    # taskiq: a distributed queue on Redis (GENESIS_REDIS_URL), run by `genesis worker`.
    jobs: Literal["inprocess", "taskiq"] = "inprocess"
    # How often sessions whose sub-agents' job died are looked for and re-enqueued.
    recovery_interval_seconds: float = Field(default=30.0, gt=0)
    # A job holds its session for this long and renews it every quarter of it; a job
    # that dies is taken over once its lease has run out.
    agents_lease_seconds: float = Field(default=60.0, gt=0)

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        if self.env == "production" and (
            self.secret_key == DEFAULT_SECRET_KEY or len(self.secret_key) < 32
        ):
            raise ValueError(
                "GENESIS_SECRET_KEY must be a random value of at least 32 characters in "
                "production: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        return self

    @model_validator(mode="after")
    def _taskiq_needs_redis(self) -> Settings:
        if self.jobs == "taskiq" and not self.redis_url:
            raise ValueError(
                "GENESIS_JOBS=taskiq needs GENESIS_REDIS_URL (the queue lives in Redis)."
            )
        return self

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'genesis.db').as_posix()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
