"""Test and benchmark helpers of the chat: a real ASGI server in a subprocess, socket clients."""
