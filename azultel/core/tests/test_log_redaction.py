"""Log lines never hold a client address (P27), a key or token from a path, or a query string."""

from __future__ import annotations

import logging
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from azultel.config.gunicorn_logging import RedactingLogger
from azultel.config.log_redaction import path_redact, text_redact
from azultel.core.testing.urlwalk import routes

SECRET = "S3cretValue0123456789"
# Parameters that carry a credential: a key, a token, or the account half of a reset link.
SECRET_PARAMETERS = {"key", "token", "uidb36"}


def test_every_url_carrying_a_key_or_token_is_redacted() -> None:
    """A new URL with a key or token in its path fails here until log_redaction knows it."""
    secret_routes = [r for r in routes() if SECRET_PARAMETERS & set(r.parameters)]
    samples = dict.fromkeys(SECRET_PARAMETERS, SECRET)

    leaked = [r.route for r in secret_routes if SECRET in path_redact(r.path(samples))]

    assert len(secret_routes) >= 4  # reset key, confirm-email key, unsubscribe, opt-out
    assert leaked == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "GET /account/password/reset/key/3-c4k9-0123abcd/ 302",
            "GET /account/password/reset/key/[redacted]/ 302",
        ),
        ("/account/password/reset/key/done/", "/account/password/reset/key/done/"),
        ("/account/confirm-email/MQ:1u2x:abc-DEF/", "/account/confirm-email/[redacted]/"),
        ("/email/unsubscribe/ImFi:1v:xyz/", "/email/unsubscribe/[redacted]/"),
        ("/privacy/opt-out/eyJ.x-y_z/", "/privacy/opt-out/[redacted]/"),
        ("GET /staff/customers/?q=Lopez HTTP/1.1", "GET /staff/customers/?[query] HTTP/1.1"),
        ("Invalid request from ip=127.0.0.1: bad", "Invalid request from ip=[ip]: bad"),
        ("Invalid request from ip=::1: bad", "Invalid request from ip=[ip]: bad"),
        ("peer [2001:db8::7]:443 and ::ffff:10.1.2.3.", "peer [[ip]]:443 and [ip]."),
        ("fe80::1%eth0 went away", "[ip] went away"),
        (
            "[2026-11-29 10:11:12 +0000] [41] [INFO] Booting",
            "[2026-11-29 10:11:12 +0000] [41] [INFO] Booting",
        ),
        ("Starting gunicorn 27.0.1", "Starting gunicorn 27.0.1"),
    ],
)
def test_lines_are_redacted(line: str, expected: str) -> None:
    assert text_redact(line) == expected


def _logger(tmp_path: Path) -> RedactingLogger:
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("errorlog", str(tmp_path / "error.log"))
    # Even a format asking for the address, the user agent and a header gets none of them.
    config.set("access_log_format", "%(h)s %(r)s %(U)s %(a)s %({x-forwarded-for}i)s %(s)s")
    return RedactingLogger(config)


def test_the_access_log_gets_no_address_key_or_header(tmp_path: Path) -> None:
    logger = _logger(tmp_path)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/account/password/reset/key/3-{SECRET}/?x=1",
        "PATH_INFO": f"/account/password/reset/key/3-{SECRET}/",
        "QUERY_STRING": "x=1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "198.51.100.23",
        "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64)",
    }
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", "203.0.113.9")])
    response = SimpleNamespace(status="302 Found", sent=0, headers=[])

    logger.access(response, request, environ, timedelta(milliseconds=3))
    for handler in logger.access_log.handlers:
        handler.flush()

    line = (tmp_path / "access.log").read_text()
    assert "/account/password/reset/key/[redacted]/" in line
    for leak in (SECRET, "198.51.100.23", "203.0.113.9", "Mozilla", "x=1"):
        assert leak not in line


def test_the_error_log_scrubs_messages_and_tracebacks(tmp_path: Path) -> None:
    logger = _logger(tmp_path)

    logger.warning("Invalid request from ip=%s: %s", "198.51.100.23", "Request Line is too large")
    try:
        raise ConnectionError(f"peer 2001:db8::23 reset while serving /email/unsubscribe/{SECRET}/")
    except ConnectionError:
        logger.exception(
            "Error handling request %s", f"/privacy/opt-out/{SECRET}/?email=a@b.example"
        )
    for handler in logger.error_log.handlers:
        handler.flush()

    text = (tmp_path / "error.log").read_text()
    assert "ip=[ip]" in text and "Traceback" in text
    for leak in ("198.51.100.23", "2001:db8::23", SECRET, "a@b.example"):
        assert leak not in text


def test_djangos_own_log_lines_are_scrubbed_too() -> None:
    """LOGGING's console formatter: the app's log lines go to the same error stream."""
    handler = next(h for h in logging.getLogger().handlers if h.formatter is not None)
    record = logging.LogRecord(
        "django.security.DisallowedHost",
        logging.ERROR,
        __file__,
        1,
        "Invalid HTTP_HOST header: %r, from %s",
        ("198.51.100.23", f"/account/confirm-email/{SECRET}/"),
        sys.exc_info(),
    )

    text = handler.formatter.format(record)  # type: ignore[union-attr]

    assert "198.51.100.23" not in text and SECRET not in text
    assert "/account/confirm-email/[redacted]/" in text
