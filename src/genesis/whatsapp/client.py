"""The Graph API client that sends messages: ``POST {api_url}/{phone_number_id}/messages``.

Every refusal is classified, so that the sender knows what to do with it:
retry later (rate limits, server errors, network), send the approved template
instead (the 24-hour window is closed) or give up (anything else).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Final

import httpx

log = logging.getLogger(__name__)

# https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
WINDOW_CLOSED_CODES: Final = frozenset({131047})  # "Re-engagement message"
RATE_LIMIT_CODES: Final = frozenset({4, 80007, 130429, 131048, 131056})
TRANSIENT_CODES: Final = frozenset({1, 2, 131000, 131016})


class SendError(Exception):
    """A message the Graph API did not take."""

    def __init__(self, detail: str, *, status: int | None = None, code: int | None = None):
        super().__init__(detail)
        self.detail = detail
        self.status = status
        self.code = code


class RetryableSendError(SendError):
    """Rate limited, a server error or the network: the same message may go later."""

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        code: int | None = None,
        retry_after: float | None = None,
    ):
        super().__init__(detail, status=status, code=code)
        self.retry_after = retry_after


class WindowClosedError(SendError):
    """More than 24 hours since the person's last message: only a template may go."""


class RefusedError(SendError):
    """Refused for good (a bad number, a bad token, a malformed message)."""


@dataclass(frozen=True, slots=True)
class Sent:
    message_id: str


class GraphClient:
    def __init__(
        self,
        api_url: str,
        phone_number_id: str,
        access_token: str,
        *,
        timeout_s: float = 15.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._path = f"{phone_number_id}/messages"
        self._client = httpx.AsyncClient(
            base_url=api_url.rstrip("/") + "/",
            headers={"Authorization": f"Bearer {access_token}"},
            timeout=httpx.Timeout(timeout_s),
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send(self, body: dict[str, Any]) -> Sent:
        try:
            response = await self._client.post(self._path, json=body)
        except httpx.HTTPError as exc:
            raise RetryableSendError(f"the Graph API could not be reached ({exc!r})") from None
        data = _json(response)
        if response.is_success:
            messages = data.get("messages") if isinstance(data, dict) else None
            if isinstance(messages, list) and messages and isinstance(messages[0], dict):
                return Sent(str(messages[0].get("id", "")))
            raise RetryableSendError(
                f"the Graph API answered {response.status_code} without a message id",
                status=response.status_code,
            )
        raise _refusal(response, data)


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _refusal(response: httpx.Response, data: Any) -> SendError:
    error = data.get("error") if isinstance(data, dict) else None
    error = error if isinstance(error, dict) else {}
    code = error.get("code") if isinstance(error.get("code"), int) else None
    message = str(error.get("message") or response.reason_phrase or "no reason given")
    details = (error.get("error_data") or {}) if isinstance(error.get("error_data"), dict) else {}
    if details.get("details"):
        message += f" ({details['details']})"
    status = response.status_code
    detail = f"the Graph API refused the message: {status}, code {code}: {message}"
    if code in WINDOW_CLOSED_CODES:
        return WindowClosedError(detail, status=status, code=code)
    rate_limited = status == 429 or code in RATE_LIMIT_CODES
    if rate_limited or status >= 500 or status == 408 or code in TRANSIENT_CODES:
        return RetryableSendError(
            detail, status=status, code=code, retry_after=_retry_after(response)
        )
    return RefusedError(detail, status=status, code=code)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
