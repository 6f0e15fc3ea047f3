"""The real server (gunicorn with the project's config): what reaches its logs, and what it
believes of a client's headers.

One gunicorn (one worker) serves a fresh SQLite site on loopback, over IPv4 and IPv6. A customer
asks for a password reset and follows the emailed link, a visitor signs up and opens the
confirmation link, unsubscribe and opt-out links are opened, and oversize and malformed requests
are sent from 127.0.0.1 and ::1. Then the access log must hold no key or token and the error
log no client address (P27).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "violet harbor lantern 42"
CREATE_CUSTOMER = (
    "import django; django.setup(); "
    "from azultel.accounts.testing import customer_create; "
    "customer_create(email='maria@example.com')"
)


def _free_port(family: socket.AddressFamily, host: str) -> int:
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    base: str
    port: int
    port6: int
    var: Path
    process: subprocess.Popen[bytes]

    @property
    def access_log(self) -> Path:
        return self.var / "access.log"

    @property
    def error_log(self) -> Path:
        return self.var / "error.log"


def _environment(var: Path, port: int) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AZULTEL_", "DATABASE_", "DJANGO_", "FORWARDED_", "SCRIPT_NAME"))
    }
    # Test mode: the project's settings without the static-files manifest (no collectstatic),
    # with email delivered into the local mailbox so the test can read the links.
    env.update(
        AZULTEL_ENV="test",
        AZULTEL_VAR_DIR=str(var),
        DJANGO_SETTINGS_MODULE="azultel.config.settings",
        PORT=str(port),
        SITE_URL=f"http://127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        WEB_THREADS="2",
        CACHE_URL="locmem://",
        ACCESS_LOG=str(var / "access.log"),
        EMBEDDED_SCHEDULER="0",
        ANALYTICS_BACKGROUND_FLUSH="0",
        EMAIL_HOST="",
        EMAIL_BACKEND="azultel.comms.mailbox.MailboxBackend",
        EMAIL_FILE_PATH=str(var / "mail"),
    )
    return env


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    var = tmp_path_factory.mktemp("gunicorn")
    port = _free_port(socket.AF_INET, "127.0.0.1")
    port6 = _free_port(socket.AF_INET6, "::1")
    env = _environment(var, port)
    python = Path(sys.executable)
    for command in (["manage.py", "migrate", "-v0"], ["-c", CREATE_CUSTOMER]):
        subprocess.run(
            [str(python), *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300
        )
    with (var / "error.log").open("wb") as errors:
        process = subprocess.Popen(
            [
                str(python.with_name("gunicorn")),
                "--config",
                "python:azultel.config.gunicorn",
                "--bind",
                f"127.0.0.1:{port}",
                "--bind",
                f"[::1]:{port6}",
                # gunicorn's control socket defaults to one path per user: others' servers
                # (other test runs) may hold it.
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    running = Server(f"http://127.0.0.1:{port}", port, port6, var, process)
    try:
        _wait_until_serving(running)
        yield running
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_serving(server: Server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(server.error_log.read_text())
        try:
            urllib.request.urlopen(server.base + "/robots.txt", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not answer")


class _Browser:
    """Cookies, CSRF tokens and redirects, as a browser would."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def submit(self, path: str, fields: dict[str, str]) -> int:
        _, page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page[:500]
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), **fields}).encode()
        request = urllib.request.Request(self.base + path, data=data)
        request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=20) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)


def _mail_links(server: Server, pattern: str) -> list[str]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        links = [
            link
            for eml in sorted((server.var / "mail").glob("*.eml"))
            for link in re.findall(pattern, eml.read_text(errors="replace"))
        ]
        if links:
            return links
        time.sleep(0.2)
    raise AssertionError(f"no email with {pattern}")


def _raw(host: str, port: int, payload: bytes) -> bytes:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as connection:
        connection.settimeout(10)
        connection.connect((host, port))
        connection.sendall(payload)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def _stop(server: Server) -> tuple[str, str]:
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(timeout=30)
    return server.access_log.read_text(), server.error_log.read_text()


def _check_forwarded_headers_are_not_believed(server: Server) -> None:
    """With the default configuration no peer is a trusted proxy, loopback included."""
    browser = _Browser(server.base)

    prefixed = browser.get("/x/robots.txt", {"SCRIPT_NAME": "/x"})
    staff = browser.get("/x/staff/customers/", {"SCRIPT_NAME": "/x"})
    forwarded = browser.get(
        "/robots.txt",
        {
            "X-Forwarded-Host": "evil.example",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.9",
            "Forwarded": "host=evil.example;proto=https",
        },
    )

    assert (prefixed[0], staff[0]) == (404, 404)
    assert forwarded[0] == 200
    assert f"Sitemap: {server.base}/sitemap.xml" in forwarded[1]


def _reset_and_confirm(server: Server) -> list[str]:
    """A password reset with its link followed, a sign-up with its confirmation link opened,
    and (forged) unsubscribe and opt-out links: the secrets that were in paths."""
    browser = _Browser(server.base)
    assert browser.submit("/account/password/reset/", {"email": "maria@example.com"}) == 200
    reset_link = _mail_links(server, r"http://\S+/account/password/reset/key/[^/\s]+/")[0]
    # allauth moves the key into the session and redirects to a page without it
    assert browser.get(reset_link.removeprefix(server.base))[0] == 200
    visitor = _Browser(server.base)
    signup = {
        "given_name": "Ana",
        "family_name": "Ruiz",
        "email": "ana.ruiz@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "street": "100 Ocean Dr",
        "city": "Miami",
        "state": "FL",
        "zip_code": "33139",
        "adult": "on",
    }
    assert visitor.submit("/account/signup/", signup) == 200
    confirm_link = _mail_links(server, r"http://\S+/account/confirm-email/[^/\s]+/")[0]
    assert visitor.get(confirm_link.removeprefix(server.base))[0] == 200
    tokens = ["Zm9yZ2VkLXVuc3Vic2NyaWJl:1x2y3z", "Zm9yZ2VkLW9wdC1vdXQ:4a5b6c"]
    visitor.get(f"/email/unsubscribe/{tokens[0]}/")
    visitor.get(f"/privacy/opt-out/{tokens[1]}/")
    return [link.rstrip("/").rsplit("/", 1)[1] for link in (reset_link, confirm_link)] + tokens


@pytest.mark.promise("P27")
@pytest.mark.promise("P23")
def test_the_server_believes_no_client_header_and_logs_no_secret_or_address(
    server: Server,
) -> None:
    _check_forwarded_headers_are_not_believed(server)
    secrets = _reset_and_confirm(server)
    # Requests the server refuses before the app sees them, from IPv4 and IPv6 loopback
    for host, port in (("127.0.0.1", server.port), ("::1", server.port6)):
        assert b" 414 " in _raw(host, port, b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n")
        assert b" 400 " in _raw(host, port, b"GET / HTTP/1.1\r\nHost: x\r\nno colon\r\n\r\n")
        assert b" 400 " in _raw(host, port, b"\x16\x03\x01 not http at all\r\n\r\n")

    access, errors = _stop(server)

    assert "/account/password/reset/key/[redacted]/" in access
    assert "/account/confirm-email/[redacted]/" in access
    assert "/email/unsubscribe/[redacted]/" in access
    for secret in secrets:
        assert secret not in access and secret not in errors
    assert "Invalid request from ip=[ip]" in errors  # the refusals were logged, scrubbed
    for address in ("127.0.0.1", "::1"):
        assert address not in errors and address not in access
