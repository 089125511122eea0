"""The channel is off unless configured, and half a configuration is refused by name."""

from __future__ import annotations

import pytest

from genesis.config import Settings, SettingsError, load_settings

FULL = {
    "GENESIS_WHATSAPP_PHONE_NUMBER_ID": "105550001",
    "GENESIS_WHATSAPP_ACCESS_TOKEN": "EAAG-secret-token",
    "GENESIS_WHATSAPP_APP_SECRET": "app-secret-value",
    "GENESIS_WHATSAPP_VERIFY_TOKEN": "verify-token-value",
    "GENESIS_WHATSAPP_PUBLIC_URL": "https://coach.example.org",
}


def test_off_by_default() -> None:
    assert not Settings(_env_file=None).whatsapp_enabled  # type: ignore[call-arg]


def test_on_when_all_five_are_set(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in FULL.items():
        monkeypatch.setenv(name, value)
    assert load_settings().whatsapp_enabled


def test_half_a_configuration_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENESIS_WHATSAPP_ACCESS_TOKEN", FULL["GENESIS_WHATSAPP_ACCESS_TOKEN"])
    monkeypatch.setenv("GENESIS_WHATSAPP_APP_SECRET", FULL["GENESIS_WHATSAPP_APP_SECRET"])
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert "GENESIS_WHATSAPP_PHONE_NUMBER_ID" in message
    assert "GENESIS_WHATSAPP_PUBLIC_URL" in message
    assert "EAAG-secret-token" not in message
    assert "app-secret-value" not in message


def test_the_public_url_must_be_a_web_address(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in FULL.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GENESIS_WHATSAPP_PUBLIC_URL", "coach.example.org")
    with pytest.raises(SettingsError, match="GENESIS_WHATSAPP_PUBLIC_URL"):
        load_settings()
