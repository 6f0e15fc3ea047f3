"""The front door trusts forwarded headers and script prefixes from configured proxies only."""

from __future__ import annotations

import importlib
import io
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from django.core import checks
from gunicorn.config import Config

from azultel.core.proxies import ForwardedHeadersGuard, proxy_is_trusted

FORWARDED = {
    "HTTP_X_FORWARDED_FOR": "203.0.113.9",
    "HTTP_X_FORWARDED_HOST": "evil.example",
    "HTTP_X_FORWARDED_PROTO": "https",
    "HTTP_X_FORWARDED_PORT": "443",
    "HTTP_FORWARDED": "for=203.0.113.9;proto=https",
    "HTTP_X_REAL_IP": "203.0.113.9",
    "HTTP_X_SCRIPT_NAME": "/x",
}


def _gunicorn_config(monkeypatch: pytest.MonkeyPatch, **env: str) -> tuple[ModuleType, Config]:
    """azultel.config.gunicorn imported afresh under ``env``, and the values gunicorn parses."""
    for name in ("FORWARDED_ALLOW_IPS", "SCRIPT_NAME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    sys.modules.pop("azultel.config.gunicorn", None)
    module = importlib.import_module("azultel.config.gunicorn")
    config = Config()
    for name in config.settings:
        if hasattr(module, name):
            config.set(name, getattr(module, name))
    return module, config


@pytest.fixture
def _fresh_gunicorn_module() -> Iterator[None]:
    yield
    sys.modules.pop("azultel.config.gunicorn", None)


@pytest.mark.usefixtures("_fresh_gunicorn_module")
def test_gunicorn_trusts_no_forwarder_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    module, config = _gunicorn_config(monkeypatch)

    assert module.forwarded_allow_ips == ""
    assert config.forwarded_allow_ips == []
    assert config.forwarded_allow_networks() == []
    # No header may set SCRIPT_NAME or PATH_INFO, not even from a trusted proxy.
    assert config.forwarder_headers == []


@pytest.mark.usefixtures("_fresh_gunicorn_module")
def test_gunicorn_trusts_exactly_the_configured_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    _, config = _gunicorn_config(monkeypatch, FORWARDED_ALLOW_IPS="10.0.0.5, 192.168.10.0/24")

    assert config.forwarded_allow_ips == ["10.0.0.5", "192.168.10.0/24"]
    assert [str(n) for n in config.forwarded_allow_networks()] == [
        "10.0.0.5/32",
        "192.168.10.0/24",
    ]
    assert config.forwarder_headers == []
    from azultel.config.gunicorn_logging import RedactingLogger

    assert config.logger_class is RedactingLogger


def _through_guard(environ: dict[str, Any]) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def app(env: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.update(env)
        return []

    ForwardedHeadersGuard(app)(
        {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "SCRIPT_NAME": "", **environ}, None
    )
    return seen


def test_a_script_name_from_the_server_goes_back_into_the_path() -> None:
    seen = _through_guard({"SCRIPT_NAME": "/x", "PATH_INFO": "/staff/customers/"})

    assert (seen["SCRIPT_NAME"], seen["PATH_INFO"]) == ("", "/x/staff/customers/")


@pytest.mark.parametrize("peer", ["203.0.113.50", "127.0.0.1", "::1", ""])
def test_forwarded_headers_from_a_peer_that_is_no_proxy_are_dropped(
    settings: Any, peer: str
) -> None:
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.0/24"]

    seen = _through_guard({"REMOTE_ADDR": peer, "HTTP_HOST": "www.azultel.example", **FORWARDED})

    assert not set(FORWARDED) & set(seen)
    assert seen["HTTP_HOST"] == "www.azultel.example"


def test_nothing_is_trusted_by_default(settings: Any) -> None:
    assert settings.FORWARDED_ALLOW_IPS == []
    seen = _through_guard({"REMOTE_ADDR": "127.0.0.1", **FORWARDED})

    assert not set(FORWARDED) & set(seen)


@pytest.mark.parametrize(
    ("allowed", "peer"),
    [
        (["10.0.0.0/24"], "10.0.0.7"),
        (["::1"], "::1"),
        (["10.0.0.7"], "::ffff:10.0.0.7"),
        (["*"], ""),
    ],
)
def test_forwarded_headers_from_a_configured_proxy_are_kept(
    settings: Any, allowed: list[str], peer: str
) -> None:
    settings.FORWARDED_ALLOW_IPS = allowed

    seen = _through_guard({"REMOTE_ADDR": peer, **FORWARDED})

    assert proxy_is_trusted(peer)
    assert {k: seen[k] for k in FORWARDED} == FORWARDED


@pytest.mark.django_db
def test_the_wsgi_application_serves_the_path_the_client_asked_for() -> None:
    """Through the real WSGI entry point: /x/robots.txt with SCRIPT_NAME=/x is not robots.txt."""
    from azultel.config.wsgi import application

    def get(**environ: str) -> tuple[str, bytes]:
        status: list[str] = []
        body = b"".join(
            application(
                {
                    "REQUEST_METHOD": "GET",
                    "SERVER_NAME": "testserver",
                    "SERVER_PORT": "80",
                    "HTTP_HOST": "testserver",
                    "REMOTE_ADDR": "127.0.0.1",
                    "wsgi.url_scheme": "http",
                    "wsgi.input": io.BytesIO(b""),
                    "wsgi.errors": io.StringIO(),
                    **environ,
                },
                lambda s, headers, exc_info=None: status.append(s),
            )
        )
        return status[0], body

    prefixed = get(SCRIPT_NAME="/x", PATH_INFO="/robots.txt")
    plain = get(SCRIPT_NAME="", PATH_INFO="/robots.txt")

    assert prefixed[0].startswith("404")
    assert plain[0].startswith("200") and b"Sitemap:" in plain[1]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, []),
        ({"TRUSTED_PROXY_HOPS": 1}, ["core.W001"]),
        ({"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")}, ["core.W001"]),
        ({"TRUSTED_PROXY_HOPS": 1, "FORWARDED_ALLOW_IPS": ["10.0.0.5"]}, []),
        ({"FORWARDED_ALLOW_IPS": ["not-an-address"]}, ["core.E001"]),
    ],
)
def test_the_proxy_settings_check(
    settings: Any, overrides: dict[str, Any], expected: list[str]
) -> None:
    from azultel.core.checks import check_trusted_proxies

    for name, value in overrides.items():
        setattr(settings, name, value)

    found = check_trusted_proxies()

    assert [m.id for m in found] == expected
    assert all(isinstance(m, checks.CheckMessage) for m in found)
