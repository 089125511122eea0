"""The fake Graph API for the WhatsApp tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fake_graph import FakeGraph


@pytest.fixture
def fake_graph() -> Iterator[FakeGraph]:
    server = FakeGraph()
    server.start()
    try:
        yield server
    finally:
        server.stop()
