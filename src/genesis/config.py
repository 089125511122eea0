"""Settings from the environment (prefix ``GENESIS_``), documented in ``.env.example``."""

from __future__ import annotations

import typing
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from annotated_types import Ge, Gt, Le
from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Long enough for HS256 (no key-length warnings in development); refused in production.
DEFAULT_SECRET_KEY = "dev-secret-change-me-development-only-0123456789"  # noqa: S105
DEFAULT_DATA_DIR = Path("data")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GENESIS_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    env: Literal["development", "production"] = "development"
    # Any case, as uvicorn takes it (warning, Warning, WARNING).
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    data_dir: Path = DEFAULT_DATA_DIR
    # Empty means SQLite in ``data_dir``; PostgreSQL: postgresql://user@host/db (the
    # async driver, postgresql+asyncpg://, is chosen when the URL names none).
    database_url: str = ""
    # PostgreSQL connections each API process keeps open, and never more: opening and
    # closing connections for a burst costs both sides more than the requests do.
    database_pool_size: int = Field(default=10, ge=1, le=500)
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

    # This server's public address (https://coach.example.org), for the links it gives
    # out: the address of a published website. Empty: GENESIS_WHATSAPP_PUBLIC_URL if
    # set (the same server), else the address each request came to.
    public_url: str = ""

    # The WhatsApp channel (WhatsApp Business Cloud API): off unless the phone number
    # id, access token, app secret, verify token and public URL are all set.
    whatsapp_phone_number_id: str = ""
    whatsapp_access_token: str = ""
    whatsapp_app_secret: str = ""
    whatsapp_verify_token: str = ""
    whatsapp_api_url: str = "https://graph.facebook.com/v21.0"
    # This server's public https address, as Meta reaches it (the brief's PDF link).
    whatsapp_public_url: str = ""
    # The approved template sent outside the 24-hour window (empty: nothing is sent).
    whatsapp_template_name: str = ""
    whatsapp_template_language: str = "fr"
    # A send refused for a rate limit or a server error is tried this many times in
    # all, waiting whatsapp_retry_seconds, then doubling, between tries.
    whatsapp_send_attempts: int = Field(default=4, ge=1, le=10)
    whatsapp_retry_seconds: float = Field(default=1.0, ge=0, le=60)
    # Handled messages and finished sends (their text and content already gone) are
    # deleted after this many days: long enough to know a webhook Meta sends again.
    whatsapp_retention_days: int = Field(default=30, ge=1, le=3650)

    @field_validator("log_level", "env", "jobs", mode="before")
    @classmethod
    def _any_case(cls, value: Any, info: ValidationInfo) -> Any:
        """Choices in any case; a value that is none of them is reported as given."""
        if not isinstance(value, str) or info.field_name is None:
            return value
        choices = typing.get_args(cls.model_fields[info.field_name].annotation)
        return next((c for c in choices if c.lower() == value.strip().lower()), value)

    @field_validator("database_url", mode="before")
    @classmethod
    def _async_driver(cls, value: Any) -> Any:
        if not isinstance(value, str) or not value.strip():
            return value
        return async_database_url(value.strip())

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

    @model_validator(mode="after")
    def _whatsapp_all_or_nothing(self) -> Settings:
        required = {name: getattr(self, name) for name in WHATSAPP_REQUIRED}
        missing = [f"GENESIS_{n.upper()}" for n, v in required.items() if not v]
        if missing and len(missing) < len(required):
            raise ValueError(
                "The WhatsApp channel needs all of its settings: set "
                + ", ".join(missing)
                + " too (or remove every GENESIS_WHATSAPP_* setting to leave it off)."
            )
        if self.whatsapp_public_url and not self.whatsapp_public_url.startswith(
            ("https://", "http://")
        ):
            raise ValueError(
                "GENESIS_WHATSAPP_PUBLIC_URL must be this server's address as Meta reaches "
                "it, starting with https:// (for example https://coach.example.org)."
            )
        return self

    @model_validator(mode="after")
    def _public_url_is_http(self) -> Settings:
        if self.public_url and not self.public_url.startswith(("https://", "http://")):
            raise ValueError(
                "GENESIS_PUBLIC_URL must be this server's public address, starting with "
                "https:// (for example https://coach.example.org)."
            )
        return self

    @property
    def public_base_url(self) -> str:
        """The configured public address without its trailing slash ("" when unset)."""
        return (self.public_url or self.whatsapp_public_url).rstrip("/")

    @property
    def whatsapp_enabled(self) -> bool:
        return all(getattr(self, name) for name in WHATSAPP_REQUIRED)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'genesis.db').as_posix()}"


WHATSAPP_REQUIRED = (
    "whatsapp_phone_number_id",
    "whatsapp_access_token",
    "whatsapp_app_secret",
    "whatsapp_verify_token",
    "whatsapp_public_url",
)

# The async drivers the app runs on, for URLs that name a database but no driver.
_ASYNC_DRIVERS = {
    "postgresql": "postgresql+asyncpg",
    "postgres": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
}
DATABASE_URL_FIX = (
    "use postgresql://user:password@host:5432/name, or leave it empty for SQLite in "
    "GENESIS_DATA_DIR"
)


def async_database_url(url: str) -> str:
    """``url`` with the app's async driver (postgresql:// -> postgresql+asyncpg://)."""
    scheme, separator, rest = url.partition("://")
    driver = _ASYNC_DRIVERS.get(scheme.lower())
    if not separator or driver is None:
        raise ValueError(f"not a PostgreSQL or SQLite URL: {DATABASE_URL_FIX}")
    return f"{driver}://{rest}"


class SettingsError(Exception):
    """Settings an operator must fix; the message names each variable, its value and
    what it should be, in a line or two each."""


# Never echoed back: shown as their length only.
_SECRET_FIELDS = frozenset(
    {
        "secret_key",
        "llm_api_key",
        "whatsapp_access_token",
        "whatsapp_app_secret",
        "whatsapp_verify_token",
    }
)


def shown(name: str, value: object) -> str:
    """A setting's value as it may appear in a message (no secret, no password)."""
    if name in _SECRET_FIELDS:
        return f"<{len(str(value))} characters, not shown>"
    text = str(value)
    scheme, separator, rest = text.partition("://")
    if separator and "@" in rest:
        credentials, _, host = rest.rpartition("@")
        user, colon, _ = credentials.partition(":")
        text = f"{scheme}://{user}{':***' if colon else ''}@{host}"
    return repr(text)


def expected(name: str) -> str:
    """What the setting ``name`` takes, in words, with its default."""
    info = Settings.model_fields[name]
    annotation = info.annotation
    bounds = {type(m): m for m in info.metadata}
    default = info.default
    if typing.get_origin(annotation) is Literal:
        what = "one of " + ", ".join(str(a).lower() for a in typing.get_args(annotation))
        default = str(default).lower()
    elif annotation in (int, float):
        what = "a whole number" if annotation is int else "a number"
        if Ge in bounds and Le in bounds:
            what += f" from {bounds[Ge].ge} to {bounds[Le].le}"
        elif Ge in bounds:
            what += f" of at least {bounds[Ge].ge}"
        elif Gt in bounds:
            what += f" greater than {bounds[Gt].gt}"
    else:
        what = "a valid value"
    if default in ("", None):
        return what
    return f"{what} (remove it for the default, {default})"


def settings_error(exc: ValidationError) -> SettingsError:
    lines = []
    for error in exc.errors(include_url=False):
        message = str(error["msg"]).removeprefix("Value error, ")
        if not error["loc"]:  # a rule between settings: its message names them
            lines.append(message)
            continue
        name = str(error["loc"][0])
        variable = "GENESIS_" + name.upper()
        if name == "database_url":
            lines.append(f"{variable}={shown(name, error['input'])}: {message}.")
            continue
        lines.append(
            f"{variable}={shown(name, error['input'])}: {message.rstrip('.')}. "
            f"Set it to {expected(name)}."
        )
    return SettingsError("\n".join(lines))


def load_settings() -> Settings:
    """The settings from the environment (and .env); SettingsError when one is wrong."""
    try:
        return Settings()
    except ValidationError as exc:
        raise settings_error(exc) from None


@lru_cache
def get_settings() -> Settings:
    return load_settings()
