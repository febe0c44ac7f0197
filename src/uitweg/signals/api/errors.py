"""The partner API's error format lives in the foundation (shared by every API)."""

from uitweg.core.api import exception_handler, flatten

__all__ = ["exception_handler", "flatten"]
