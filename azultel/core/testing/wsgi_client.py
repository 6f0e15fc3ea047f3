"""A test client that sets the script prefix from each request, as Django's WSGIHandler does.

Django's test ``Client`` leaves the script prefix alone, so ``reverse()`` and ``{% url %}``
ignore a ``SCRIPT_NAME`` sent with a test request. Under a real server the prefix comes from
the request (``WSGIHandler`` calls ``set_script_prefix(get_script_name(environ))``), so tests
about script prefixes use this client.
"""

from __future__ import annotations

from typing import Any

from django.core.handlers.wsgi import get_script_name
from django.test import Client
from django.test.client import ClientHandler
from django.urls import get_script_prefix, set_script_prefix


class _PrefixSettingHandler(ClientHandler):
    def __call__(self, environ: dict[str, object]) -> Any:
        previous = get_script_prefix()
        set_script_prefix(get_script_name(environ))
        try:
            return super().__call__(environ)
        finally:
            set_script_prefix(previous)


class WSGIClient(Client):
    def __init__(self, enforce_csrf_checks: bool = False, **defaults: Any) -> None:
        super().__init__(enforce_csrf_checks, **defaults)
        self.handler = _PrefixSettingHandler(enforce_csrf_checks)
