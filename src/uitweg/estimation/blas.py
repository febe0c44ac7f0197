"""Run OpenBLAS single-threaded while fitting many tiny models.

The matrices here are at most a few dozen rows wide. OpenBLAS still hands each call to all its
threads, and on a 2-core machine that made the bootstrap about 1.5 times slower in one process
and kept worker processes from scaling at all. :func:`single_threaded_blas` sets the thread
count of every OpenBLAS library loaded in the process to 1 and restores it afterwards (what
``threadpoolctl`` does, without the dependency). Where the libraries cannot be found (not Linux,
another BLAS) it does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
from collections.abc import Iterator
from pathlib import Path

_SETTERS = (
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("openblas_set_num_threads", "openblas_get_num_threads"),
)


def _openblas_handles() -> list[tuple[ctypes._CFuncPtr, ctypes._CFuncPtr]]:
    maps = Path("/proc/self/maps")
    if not maps.exists():
        return []
    paths = set()
    with contextlib.suppress(OSError):
        for line in maps.read_text().splitlines():
            fields = line.split()
            path = fields[-1] if len(fields) >= 6 else ""
            if "openblas" in path.lower() and ".so" in path:
                paths.add(path)
    handles = []
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for set_name, get_name in _SETTERS:
            setter = getattr(lib, set_name, None)
            getter = getattr(lib, get_name, None)
            if setter is not None and getter is not None:
                setter.argtypes = [ctypes.c_int]
                getter.restype = ctypes.c_int
                handles.append((setter, getter))
                break
    return handles


@contextlib.contextmanager
def single_threaded_blas() -> Iterator[None]:
    handles = _openblas_handles()
    previous = [getter() for _setter, getter in handles]
    for setter, _getter in handles:
        setter(1)
    try:
        yield
    finally:
        for (setter, _getter), n in zip(handles, previous, strict=True):
            setter(n)


def limit_blas_threads() -> None:
    """Set OpenBLAS to one thread for the rest of the process (for worker processes)."""
    for setter, _getter in _openblas_handles():
        setter(1)
