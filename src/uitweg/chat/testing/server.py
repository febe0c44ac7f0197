"""Run the real ASGI server (uvicorn) in a subprocess against its own database.

Used by the reliability test, the privacy test, the browser test and the benchmark: the server
can be killed hard and restarted on the same port, its stdout/stderr are captured in a file.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
PYTHON = sys.executable
UVICORN = str(Path(PYTHON).with_name("uvicorn"))
MANAGE = str(ROOT / "manage.py")


REDIS_OPTIONS = "socket_timeout=30&max_connections=10000"

# A database migrated once per test process and copied for every further server: migrating from
# nothing takes half a minute, and a test run starts a dozen servers. Each server still gets a
# fresh database of its own. Keyed by the database server (SQLite: "sqlite").
_TEMPLATES: dict[str, str] = {}
_TEMPLATE_DIR: tempfile.TemporaryDirectory | None = None


def _drop_templates() -> None:  # pragma: no cover - at exit
    import psycopg

    for key, name in _TEMPLATES.items():
        if key != "sqlite":
            with contextlib.suppress(Exception), psycopg.connect(
                    key + "/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    if _TEMPLATE_DIR is not None:
        _TEMPLATE_DIR.cleanup()


atexit.register(_drop_templates)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the server gets SIGKILL when the test process dies, so none is left behind."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _sqlite_copy(source: str, target: str) -> None:
    """A consistent copy through SQLite's backup API (whatever its journal mode)."""
    with contextlib.closing(sqlite3.connect(source)) as src, \
            contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChatServer:
    """``with ChatServer() as server: server.start(); …; server.kill(); server.start()``"""

    def __init__(self, *, database_url: str | None = None, redis_url: str = "",
                 workers: int = 1, extra_env: dict[str, str] | None = None):
        self.tmp = tempfile.TemporaryDirectory(prefix="uitweg-chat-")
        self.dir = Path(self.tmp.name)
        self.port = free_port()
        self.workers = workers
        self.log_path = self.dir / "server.log"
        self.process: subprocess.Popen | None = None
        self._pg_name = ""
        base = database_url or os.environ.get("DATABASE_URL", "")
        if base.startswith("postgres"):
            self._pg_name = f"uitweg_chat_srv_{os.getpid()}_{self.port}"
            self.database_url = base.rsplit("/", 1)[0] + "/" + self._pg_name
            self._pg_admin("CREATE DATABASE " + self._pg_name)
        else:
            self.database_url = f"sqlite:///{self.dir / 'chat.sqlite3'}"
        if redis_url and "max_connections" not in redis_url:
            # redis-py 8: a 5 s socket timeout (= channels_redis' BZPOPMIN timeout, so an idle
            # receive loop dies) and at most 100 connections per pool (a burst of group_add on
            # reconnects fails with MaxConnectionsError). REDIS_URL takes both as query
            # parameters; reported to the foundation to set in CHANNEL_LAYERS.
            redis_url += ("&" if "?" in redis_url else "?") + REDIS_OPTIONS
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": redis_url,
            "UITWEG_MODE": "development",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CHAT_OPENING_HOURS": "mon-sun 00:00-24:00",
            "CHAT_OUTREACH_OPENING_HOURS": "mon-sun 00:00-24:00",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.env.setdefault("DJANGO_SETTINGS_MODULE", "uitweg.settings")

    # --- database --------------------------------------------------------------------------------
    def _pg_admin(self, sql: str) -> None:
        import psycopg

        admin = self.database_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql)

    def migrate(self) -> None:
        """A fully migrated database: migrated here the first time in this process, a copy of
        that first one after."""
        key = self.database_url.rsplit("/", 1)[0] if self._pg_name else "sqlite"
        template = _TEMPLATES.get(key)
        if template is None:
            subprocess.run([PYTHON, MANAGE, "migrate", "--noinput"], env=self.env,  # noqa: S603
                           cwd=ROOT, check=True, capture_output=True)
            _TEMPLATES[key] = self._keep_as_template()
        elif self._pg_name:  # nobody is connected to either database now
            self._pg_admin(f"DROP DATABASE {self._pg_name}")
            self._pg_admin(f"CREATE DATABASE {self._pg_name} TEMPLATE {template}")
        else:
            _sqlite_copy(template, self.database_url.removeprefix("sqlite:///"))

    def _keep_as_template(self) -> str:
        global _TEMPLATE_DIR
        if self._pg_name:
            name = f"uitweg_chat_tpl_{os.getpid()}"
            self._pg_admin(f"CREATE DATABASE {name} TEMPLATE {self._pg_name}")
            return name
        if _TEMPLATE_DIR is None:
            _TEMPLATE_DIR = tempfile.TemporaryDirectory(prefix="uitweg-chat-template-")
        path = str(Path(_TEMPLATE_DIR.name) / "migrated.sqlite3")
        _sqlite_copy(self.database_url.removeprefix("sqlite:///"), path)
        return path

    def manage(self, code: str) -> str:
        """Run Python inside the server's Django (own process, same database); return stdout."""
        result = subprocess.run([PYTHON, MANAGE, "shell", "-c", code],  # noqa: S603
                                env=self.env, cwd=ROOT,
                                check=True, capture_output=True, text=True)
        return result.stdout

    def staff_session(self, username: str, roles: list[str]) -> dict:
        """A staff member with TOTP enrolled and a session that has passed MFA."""
        out = self.manage(f"""
import json
from uitweg.chat.testing.staff import make_staff_session
print(json.dumps(make_staff_session({username!r}, {roles!r})))
""")
        return json.loads(out.strip().splitlines()[-1])

    # --- the server process ----------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child keeps it open
        cmd = [UVICORN, "uitweg.asgi:application", "--host", "127.0.0.1", "--port",
               str(self.port), "--no-access-log", "--workers", str(self.workers)]
        self.process = subprocess.Popen(cmd, env=self.env, cwd=ROOT, stdout=log,  # noqa: S603
                                        stderr=log, start_new_session=True,
                                        preexec_fn=_die_with_parent)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("server exited:\n" + self.log())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start:\n" + self.log())

    def kill(self) -> None:
        """Kill the whole server process group at once (SIGKILL: no graceful shutdown)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.process = None

    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def close(self) -> None:
        self.stop()
        if self._pg_name:
            with contextlib.suppress(Exception):  # best effort clean-up
                self._pg_admin(f"DROP DATABASE IF EXISTS {self._pg_name} WITH (FORCE)")
        self.tmp.cleanup()

    def __enter__(self) -> ChatServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
