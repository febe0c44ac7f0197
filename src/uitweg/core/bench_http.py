"""One keep-alive HTTP client loop for the concurrent benchmarks (cases, public pages).

Each client holds one raw keep-alive connection (no client library: the benchmarks measure the
server) and asks again as soon as an answer is in, until the window closes. Answers during the
warm-up or finishing after the window are not recorded; a broken connection is counted by its
error name and opened again.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

#: ``send(reader, writer)`` writes one request and reads its whole answer; returns the status.
Send = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[int]]


async def keep_requesting(*, host: str, port: int, start: float, end: float,
                          errors: dict[str, int], ask: Callable[[], tuple[str, Send]],
                          record: Callable[[str, int, float], None]) -> None:
    """Until ``end`` (``time.perf_counter()``): ``label, send = ask()``, time ``send`` and call
    ``record(label, status, milliseconds)`` for answers that started after ``start`` and
    finished before ``end``."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < end:
            label, send = ask()
            began = time.perf_counter()
            try:
                status = await asyncio.wait_for(send(reader, writer), end + 30 - began)
            except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            done = time.perf_counter()
            if began >= start and done <= end:  # not warm-up, not after the window closed
                record(label, status, (done - began) * 1000)
    finally:
        writer.close()


async def read_answer(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes, int]:
    """Read one HTTP/1.1 answer: (status, headers in lower case, body, bytes on the wire)."""
    raw = await reader.readuntil(b"\r\n\r\n")
    lines = raw.decode("latin1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in
               (line.partition(":") for line in lines[1:] if line)}
    wire, body = len(raw), b""
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
        wire += len(body)
    elif headers.get("transfer-encoding") == "chunked":
        parts = []
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            wire += len(size_line) + len(chunk)
            parts.append(chunk[:-2])
            if size == 0:
                break
        body = b"".join(parts)
    return status, headers, body, wire
