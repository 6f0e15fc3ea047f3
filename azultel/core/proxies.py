"""Trust boundary at the front door: who may speak for the client, and where the site lives.

* ``FORWARDED_ALLOW_IPS`` (addresses or networks, comma separated; ``*`` for every peer, e.g. a
  Unix socket only the proxy can reach) names the proxies in front of the site. gunicorn reads
  the same variable (``config/gunicorn.py``). Empty, the default, trusts no one.
* Forwarded headers (X-Forwarded-For/-Host/-Proto/..., Forwarded, X-Real-IP, X-Script-Name, ...)
  reach Django only when the connecting peer is one of those proxies: from anyone else they are
  removed before Django sees the request, so ``SECURE_PROXY_SSL_HEADER`` and
  ``core.ratelimit.client_address`` never read a value a client made up.
* The site is served at the root of ``SITE_URL``: a ``SCRIPT_NAME`` the server passes is put
  back in front of the path (``FORCE_SCRIPT_NAME`` is ``""``), so a request for ``/x/staff/`` is
  the page ``/x/staff/`` and never ``/staff/`` under a prefix of the client's choosing.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Headers a proxy sets to describe the client's request; HTTP_X_FORWARDED_* is matched as a prefix.
FORWARDED_HEADER_KEYS = frozenset(
    {
        "HTTP_FORWARDED",
        "HTTP_X_REAL_IP",
        "HTTP_X_CLIENT_IP",
        "HTTP_CLIENT_IP",
        "HTTP_TRUE_CLIENT_IP",
        "HTTP_X_CLUSTER_CLIENT_IP",
        "HTTP_X_SCRIPT_NAME",
        "HTTP_X_ORIGINAL_URL",
        "HTTP_X_REWRITE_URL",
        "HTTP_X_ORIGINAL_HOST",
        "HTTP_X_HOST",
        "HTTP_FRONT_END_HTTPS",
        "HTTP_X_URL_SCHEME",
        "HTTP_X_SCHEME",
    }
)
# Set by Apache's mod_rewrite; Django would derive a script prefix from them.
_SCRIPT_URL_KEYS = ("SCRIPT_URL", "REDIRECT_URL")


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...] | None:
    """The configured proxies as networks; None means every peer ("*")."""
    if "*" in entries:
        return None
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"FORWARDED_ALLOW_IPS holds {entry!r}, which is not an address or network."
            ) from exc
    return tuple(networks)


def trusted_proxy_networks() -> tuple[Network, ...] | None:
    """``settings.FORWARDED_ALLOW_IPS`` parsed (read at call time); None means every peer."""
    return _networks(tuple(str(e).strip() for e in settings.FORWARDED_ALLOW_IPS if str(e).strip()))


def proxy_is_trusted(address: str) -> bool:
    """Whether the connecting peer ``address`` is a configured proxy."""
    networks = trusted_proxy_networks()
    if networks is None:
        return True
    try:
        peer = ipaddress.ip_address(address.strip().strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(peer, ipaddress.IPv6Address) and peer.ipv4_mapped is not None:
        peer = peer.ipv4_mapped
    return any(peer in network for network in networks)


def forwarded_header_keys(keys: Iterable[str]) -> list[str]:
    """The environ keys among ``keys`` that carry a forwarded header."""
    return [k for k in keys if k in FORWARDED_HEADER_KEYS or k.startswith("HTTP_X_FORWARDED_")]


class ForwardedHeadersGuard:
    """WSGI middleware: the request Django sees has the path the client asked for and forwarded
    headers only from configured proxies (see the module docstring)."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        script_name = environ.get("SCRIPT_NAME") or ""
        if script_name:
            environ["PATH_INFO"] = script_name + (environ.get("PATH_INFO") or "")
            environ["SCRIPT_NAME"] = ""
        for key in _SCRIPT_URL_KEYS:
            environ.pop(key, None)
        if not proxy_is_trusted(str(environ.get("REMOTE_ADDR") or "")):
            for key in forwarded_header_keys(list(environ)):
                del environ[key]
        return self.app(environ, start_response)
