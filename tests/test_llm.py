"""The LLM client against a fake OpenAI-compatible server, over real HTTP."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest

from genesis.core.ports import LLMError
from genesis.llm import OpenAICompatibleLLM
from tests.fake_llm import FakeLLM

SCHEMA = {
    "type": "object",
    "required": ["accepted", "confidence"],
    "properties": {
        "accepted": {"type": "boolean"},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "tags": {"type": "array", "items": {"type": "string"}},
    },
}
MESSAGES = [{"role": "user", "content": "Is this answer good?"}]


@pytest.fixture
async def llm(fake_llm: FakeLLM) -> AsyncIterator[OpenAICompatibleLLM]:
    client = OpenAICompatibleLLM(
        fake_llm.base_url, "test-model", api_key="sk-test", timeout_s=0.5, max_retries=1
    )
    yield client
    await client.aclose()


async def test_success(llm: OpenAICompatibleLLM, fake_llm: FakeLLM) -> None:
    fake_llm.replies = [{"accepted": True, "confidence": 0.8, "tags": ["ok"]}]
    assert await llm.chat_json(MESSAGES, schema=SCHEMA) == {
        "accepted": True,
        "confidence": 0.8,
        "tags": ["ok"],
    }
    sent = fake_llm.requests[0]
    assert sent["model"] == "test-model"
    assert sent["messages"] == MESSAGES
    assert sent["response_format"] == {"type": "json_object"}


async def test_fenced_json_is_accepted(llm: OpenAICompatibleLLM, fake_llm: FakeLLM) -> None:
    fake_llm.replies = ['```json\n{"accepted": false, "confidence": 0.1}\n```']
    assert await llm.chat_json(MESSAGES, schema=SCHEMA) == {"accepted": False, "confidence": 0.1}


async def test_slow_server_times_out(llm: OpenAICompatibleLLM, fake_llm: FakeLLM) -> None:
    fake_llm.replies = [("sleep", 2, {"accepted": True, "confidence": 1})] * 2
    started = time.monotonic()
    with pytest.raises(LLMError, match="did not answer"):
        await llm.chat_json(MESSAGES, schema=SCHEMA)
    assert time.monotonic() - started < 2.0  # two attempts of 0.5 s and a short pause


async def test_http_500_after_retries(llm: OpenAICompatibleLLM, fake_llm: FakeLLM) -> None:
    fake_llm.replies = [("status", 500), ("status", 500)]
    with pytest.raises(LLMError, match="HTTP 500"):
        await llm.chat_json(MESSAGES, schema=SCHEMA)
    assert len(fake_llm.requests) == 2


async def test_a_transient_500_is_retried(llm: OpenAICompatibleLLM, fake_llm: FakeLLM) -> None:
    fake_llm.replies = [("status", 503), {"accepted": True, "confidence": 0.5}]
    assert (await llm.chat_json(MESSAGES, schema=SCHEMA))["accepted"] is True


async def test_malformed_json(llm: OpenAICompatibleLLM, fake_llm: FakeLLM) -> None:
    fake_llm.replies = ["{accepted: yes"]
    with pytest.raises(LLMError, match="not valid JSON"):
        await llm.chat_json(MESSAGES, schema=SCHEMA)


async def test_schema_violation(llm: OpenAICompatibleLLM, fake_llm: FakeLLM) -> None:
    fake_llm.replies = [{"accepted": "yes", "confidence": 3}]
    with pytest.raises(LLMError, match="does not match the schema"):
        await llm.chat_json(MESSAGES, schema=SCHEMA)


async def test_unreachable_server() -> None:
    from tests.servers import free_port

    client = OpenAICompatibleLLM(f"http://127.0.0.1:{free_port()}/v1", "m", timeout_s=0.5)
    try:
        with pytest.raises(LLMError, match="unreachable"):
            await client.chat_json(MESSAGES, schema=SCHEMA)
    finally:
        await client.aclose()
