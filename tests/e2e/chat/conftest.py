"""The chat's browser tests: each module gets its own real uvicorn server (ChatServer)."""

import pytest

from uitweg.chat.testing.server import ChatServer


@pytest.fixture(scope="module")
def server():
    with ChatServer() as chat_server:
        chat_server.migrate()
        chat_server.start()
        yield chat_server
        chat_server.stop()
