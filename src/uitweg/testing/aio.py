"""Run a coroutine from a synchronous test, whatever else the test session is running.

Playwright's sync API (the browser tests' fixture, while a module of them runs) keeps an event
loop running in the main thread, and plain ``asyncio.run`` then fails. This runs the coroutine
in its own thread when a loop is running.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_coroutine(coro: Coroutine[Any, Any, T]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
