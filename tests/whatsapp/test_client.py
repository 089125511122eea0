"""The Graph client over real HTTP against the local fake: refusals are classified."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from bench.fake_graph import ACCESS_TOKEN, PHONE_NUMBER_ID, FakeGraph

from genesis.whatsapp import client as graph
from genesis.whatsapp.messages import Text, payload

WA = "221771234567"


@pytest.fixture
async def client(fake_graph: FakeGraph) -> AsyncIterator[graph.GraphClient]:
    c = graph.GraphClient(fake_graph.api_url, PHONE_NUMBER_ID, ACCESS_TOKEN, timeout_s=5)
    try:
        yield c
    finally:
        await c.aclose()


async def test_sends_and_returns_the_message_id(
    client: graph.GraphClient, fake_graph: FakeGraph
) -> None:
    sent = await client.send(payload(WA, Text(body="Bonjour")))
    assert sent.message_id.startswith("wamid.")
    assert fake_graph.to(WA)[0]["text"]["body"] == "Bonjour"
    assert fake_graph.tokens == [f"Bearer {ACCESS_TOKEN}"]


@pytest.mark.parametrize(
    ("failure", "error", "code"),
    [
        ("window_closed", graph.WindowClosedError, 131047),
        ("rate_limited", graph.RetryableSendError, 130429),
        ("server_error", graph.RetryableSendError, 1),
        ("bad_number", graph.RefusedError, 131026),
    ],
)
async def test_refusals_are_classified(
    client: graph.GraphClient,
    fake_graph: FakeGraph,
    failure: str,
    error: type[graph.SendError],
    code: int,
) -> None:
    fake_graph.failures.append(failure)
    with pytest.raises(error) as caught:
        await client.send(payload(WA, Text(body="Bonjour")))
    assert type(caught.value) is error
    assert caught.value.code == code
    assert "refused" in caught.value.detail
    assert fake_graph.sent == []


async def test_unreachable_api_is_retryable() -> None:
    c = graph.GraphClient("http://127.0.0.1:9/v21.0", PHONE_NUMBER_ID, ACCESS_TOKEN, timeout_s=2)
    try:
        with pytest.raises(graph.RetryableSendError, match="could not be reached"):
            await c.send(payload(WA, Text(body="Bonjour")))
    finally:
        await c.aclose()
