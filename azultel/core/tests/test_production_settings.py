"""Production mode: refuses to start without secrets, passes check --deploy, sends security headers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

PRODUCTION_ENV = {
    "AZULTEL_ENV": "production",
    "SECRET_KEY": "p" * 20 + "roduction-secret-key-with-plenty-of-entropy-0123456789",
    "ALLOWED_HOSTS": "www.azultel.example",
    "SITE_URL": "https://www.azultel.example",
    "DATABASE_URL": "sqlite:///:memory:",
    "CACHE_URL": "locmem://",
    "FIELD_ENCRYPTION_KEYS": "prod-1:" + "A" * 43,
    "FIELD_HMAC_KEY": "production-hmac-key-for-lookup-hashes-0123456789",
    "EMAIL_HOST": "smtp.azultel.example",
}


def _run(code: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AZULTEL_", "DJANGO_"))}
    clean.update(env)
    clean["AZULTEL_VAR_DIR"] = str(tmp_path)
    clean["DJANGO_SETTINGS_MODULE"] = "azultel.config.settings"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.promise("P24")
def test_check_deploy_reports_no_issues(tmp_path: Path) -> None:
    result = _run(
        "import sys; from django.core.management import execute_from_command_line as e; "
        "e(['manage.py', 'check', '--deploy', '--fail-level', 'DEBUG'])",
        PRODUCTION_ENV,
        tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "SITE_URL",
        "FIELD_ENCRYPTION_KEYS",
        "FIELD_HMAC_KEY",
        "EMAIL_HOST",
    ],
)
def test_production_refuses_to_start_without_a_required_secret(
    tmp_path: Path, missing: str
) -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}

    result = _run("import django; django.setup()", env, tmp_path)

    assert result.returncode != 0
    assert f"AZULTEL_ENV=production needs {missing}" in result.stderr


_HEADERS_SCRIPT = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
from django.conf import settings
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
client = Client()
plain = client.get("/", HTTP_HOST="www.azultel.example")
secure = client.get("/contact/", secure=True, HTTP_HOST="www.azultel.example")
print(json.dumps({
    "redirect": [plain.status_code, plain.get("Location")],
    "status": secure.status_code,
    "headers": dict(secure.headers),
    "cookies": {name: {"secure": m["secure"], "httponly": m["httponly"], "samesite": m["samesite"],
                       "path": m["path"], "domain": m["domain"]} for name, m in secure.cookies.items()},
}))
"""


@pytest.mark.promise("P24")
def test_production_responses_carry_the_security_headers(tmp_path: Path) -> None:
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = _run(_HEADERS_SCRIPT, env, tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    headers = data["headers"]

    assert data["redirect"] == [301, "https://www.azultel.example/"]
    assert data["status"] == 200
    hsts = headers["Strict-Transport-Security"]
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31_536_000
    assert "includeSubDomains" in hsts
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    csp = headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    csrf = data["cookies"]["__Host-csrftoken"]
    assert csrf["secure"] is True and csrf["httponly"] is True
    assert csrf["samesite"] == "Lax" and csrf["path"] == "/" and csrf["domain"] == ""


@pytest.mark.django_db
def test_session_cookie_is_host_prefixed_secure_and_httponly_in_production(tmp_path: Path) -> None:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.DEBUG]))"
    )
    result = _run(code, PRODUCTION_ENV, tmp_path)

    assert json.loads(result.stdout) == ["__Host-session", True, True, "Lax", False]


def test_every_response_has_a_strict_csp_locally_too(client: object) -> None:
    response = client.get("/robots.txt")  # type: ignore[attr-defined]

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize(
    ("hops", "peer", "forwarded", "expected"),
    [
        (0, "10.0.0.2", "203.0.113.9", "10.0.0.2"),
        (1, "10.0.0.2", "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "10.0.0.2", "198.51.100.1, 203.0.113.9", "198.51.100.1"),
        (2, "10.0.0.2", "203.0.113.9", "10.0.0.2"),
        # A client that reaches the app without passing the proxy cannot choose its address.
        (1, "192.0.2.44", "198.51.100.1", "192.0.2.44"),
    ],
)
def test_the_client_address_behind_trusted_proxies(
    rf: object, settings: object, hops: int, peer: str, forwarded: str, expected: str
) -> None:
    from azultel.core.ratelimit import client_address

    settings.TRUSTED_PROXY_HOPS = hops  # type: ignore[attr-defined]
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.0/24"]  # type: ignore[attr-defined]
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=peer)  # type: ignore[attr-defined]

    assert client_address(request) == expected
