"""System checks: the proxy settings agree with each other (core/proxies.py)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from azultel.core.proxies import trusted_proxy_networks


def check_trusted_proxies(
    app_configs: object = None, **kwargs: object
) -> list[checks.CheckMessage]:
    try:
        networks = trusted_proxy_networks()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="core.E001")]
    uses_forwarded = settings.TRUSTED_PROXY_HOPS > 0 or bool(
        getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    )
    if uses_forwarded and networks == ():
        return [
            checks.Warning(
                "TRUSTED_PROXY_HOPS or TRUST_X_FORWARDED_PROTO is set, but FORWARDED_ALLOW_IPS "
                "names no proxy, so X-Forwarded-For and X-Forwarded-Proto are ignored.",
                hint="Set FORWARDED_ALLOW_IPS to the proxies' addresses (the same value for "
                "gunicorn and Django).",
                id="core.W001",
            )
        ]
    return []
