"""A websocket test communicator on asgiref's ApplicationCommunicator.

``channels.testing`` cannot be imported here: its package imports the live-server helper, which
needs daphne (not a dependency). This is the small part of its API the chat tests use.
"""

from __future__ import annotations

import json

from asgiref.testing import ApplicationCommunicator


class SocketCommunicator(ApplicationCommunicator):
    def __init__(self, application, path: str, headers=None):
        super().__init__(application, {
            "type": "websocket", "path": path, "query_string": b"", "headers": headers or [],
            "subprotocols": [], "client": ["127.0.0.1", 50000],
        })

    async def connect(self, timeout: float = 2):
        await self.send_input({"type": "websocket.connect"})
        response = await self.receive_output(timeout)
        if response["type"] == "websocket.close":
            return False, response.get("code", 1000)
        assert response["type"] == "websocket.accept", response
        return True, None

    async def send_to(self, text_data: str) -> None:
        await self.send_input({"type": "websocket.receive", "text": text_data})

    async def send_json_to(self, data) -> None:
        await self.send_to(json.dumps(data))

    async def receive_json_from(self, timeout: float = 2):
        response = await self.receive_output(timeout)
        assert response["type"] == "websocket.send", response
        return json.loads(response["text"])

    async def disconnect(self, code: int = 1000, timeout: float = 2) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": code})
        await self.wait(timeout)
