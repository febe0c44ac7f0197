"""Who is the client? ``X-Forwarded-For`` counts only when a trusted proxy sent it.

Pure functions, no Django. The ASGI server (``uitweg.core.serve``, via uvicorn's proxy-headers
middleware with the same list) and ``PrivacyLoggingMiddleware`` both follow this rule:

- the peer that connected is the client, unless the peer is a trusted proxy (``TRUSTED_PROXIES``);
- behind trusted proxies, each proxy appended the address it received the request from, so the
  client is the *rightmost* address in ``X-Forwarded-For`` that is not a trusted proxy. Anything
  to its left was written by the client itself and is ignored.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=16)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """``("10.0.0.5", "10.0.1.0/24")`` → networks; a bad entry is a configuration error."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"TRUSTED_PROXIES: {entry!r} is not an address or network") from exc
    return tuple(networks)


def _address(hop: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address from one hop: ``1.2.3.4``, ``1.2.3.4:567``, ``::1``, ``[::1]:567``."""
    hop = hop.strip()
    if hop.startswith("["):
        hop = hop[1:].partition("]")[0]
    elif hop.count(":") == 1:
        hop = hop.partition(":")[0]
    try:
        address = ipaddress.ip_address(hop)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def is_trusted(address: str, networks: Iterable[Network]) -> bool:
    ip = _address(address)
    return ip is not None and any(ip in network for network in networks)


def client_address(peer: str, forwarded_for: str | None, networks: Iterable[Network]) -> str:
    """The client's address: ``peer`` unless it is a trusted proxy, else the rightmost hop of
    ``forwarded_for`` that is not a trusted proxy (a hop that is no address ends the walk at
    the last trusted hop: only a proxy could have written it, and we do not guess)."""
    networks = tuple(networks)
    current = peer or ""
    if not forwarded_for or not is_trusted(current, networks):
        return current
    for hop in reversed(forwarded_for.split(",")):
        ip = _address(hop)
        if ip is None:
            return current
        current = str(ip)
        if not any(ip in network for network in networks):
            return current
    return current  # every hop is a trusted proxy: the leftmost is as far as we can see
