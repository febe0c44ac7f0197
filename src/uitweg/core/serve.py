"""Start the ASGI server with the proxy trust of the settings (``make run``, ``make serve``).

    python -m uitweg.core.serve --host 127.0.0.1 --port 8000 [--workers 4]

uvicorn trusts ``X-Forwarded-For`` from 127.0.0.1 by default, so anyone on the machine (or a
local proxy that passes the header on) could name any client address. Here it trusts exactly
``TRUSTED_PROXIES`` (default: nobody, proxy headers off), the same list the application uses
(:mod:`uitweg.core.forwarded`). The access log stays off: it would store client addresses.
"""

from __future__ import annotations

import argparse
import os


def uvicorn_options(trusted_proxies: list[str]) -> dict:
    """uvicorn's proxy settings for the configured proxies (none: headers ignored)."""
    if not trusted_proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": list(trusted_proxies)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--with-tasks", action="store_true",
                        help="also run the background-task worker (the estimate, ADR 0076)")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uitweg.settings")
    import uvicorn
    from django.conf import settings

    from uitweg.core.forwarded import trusted_networks

    trusted_networks(tuple(settings.TRUSTED_PROXIES))  # a typo stops the start, not a request
    worker = start_task_worker() if args.with_tasks else None
    try:
        uvicorn.run("uitweg.asgi:application", host=args.host, port=args.port,
                    workers=args.workers, access_log=False,
                    **uvicorn_options(settings.TRUSTED_PROXIES))
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=10)


def task_worker_command() -> list[str]:
    """The worker of the database task queue "estimates" (django-tasks; ADR 0076)."""
    import sys

    return [sys.executable, "-m", "django", "db_worker", "--backend", "estimates",
            "--queue-name", "*", "--no-reload"]


def start_task_worker():
    import subprocess

    return subprocess.Popen(task_worker_command(), env=os.environ.copy())  # noqa: S603


if __name__ == "__main__":
    main()
