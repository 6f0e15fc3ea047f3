"""Passwords and sign-in (P22, P30): long passphrases, Argon2id, throttling per account and client."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from azultel.accounts.models import SignInSession
from azultel.accounts.testing import PASSWORD, customer_create, sign_in
from azultel.core.models import AuditEvent


@pytest.mark.promise("P22")
@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "  spaces   are fine too  ",
        "contraseña segura con eñes y ácentos",
        "密码很长很长很长很长很长很长",
        "x" * 64 + " " + "y" * 63,
        "Ab1!" * 64,
    ],
)
def test_long_passphrases_with_any_characters_are_accepted(password: str) -> None:
    validate_password(password)


@pytest.mark.promise("P22")
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("eleven char", "at least 12 characters"),
        ("password1234", "too common"),
        ("qwertyuiop123", "too common"),
        ("x" * 257, "at most 256 characters"),
    ],
)
def test_short_common_and_absurdly_long_passwords_are_refused(password: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_password(password)


@pytest.mark.promise("P22")
@pytest.mark.django_db
def test_passwords_similar_to_the_person_are_refused() -> None:
    user = customer_create(
        email="rosalind.franklin@example.com", given_name="Rosalind", family_name="Franklinstein"
    )

    with pytest.raises(ValidationError, match="too similar"):
        validate_password("rosalind.franklin", user)


@pytest.mark.promise("P22")
@pytest.mark.parametrize(("configured", "effective"), [("3", 8), ("16", 16)])
def test_minimum_length_setting_never_goes_below_eight(configured: str, effective: int) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "AZULTEL_ENV": "test",
        "PASSWORD_MIN_LENGTH": configured,
        "DJANGO_SETTINGS_MODULE": "azultel.config.settings",
    }
    code = "from django.conf import settings; print(settings.PASSWORD_MIN_LENGTH)"

    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert int(result.stdout) == effective


@pytest.mark.promise("P22")
@pytest.mark.django_db
def test_five_failures_lock_that_account_and_client_only(client: Client) -> None:
    user = customer_create()
    other_client = Client()

    for _ in range(5):
        response = sign_in(
            client, user, password="wrong passphrase here", REMOTE_ADDR="198.51.100.7"
        )
        assert b"not correct" in response.content
    locked = sign_in(client, user, REMOTE_ADDR="198.51.100.7")
    elsewhere = sign_in(other_client, user, REMOTE_ADDR="203.0.113.50")

    assert b"Too many failed login attempts" in locked.content
    assert "_auth_user_id" not in client.session
    assert elsewhere.status_code == 302
    assert other_client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.promise("P22")
@pytest.mark.django_db
def test_sign_ins_are_logged_without_the_password(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    user = customer_create()
    caplog.set_level(logging.INFO)

    sign_in(client, user, password="the wrong passphrase")
    sign_in(client, user)

    actions = list(
        AuditEvent.objects.filter(subject_id=str(user.pk)).values_list("action", flat=True)
    )
    assert "signin.failed" in actions and "signin.succeeded" in actions
    everything = caplog.text + repr(list(AuditEvent.objects.values("detail")))
    assert PASSWORD not in everything and "the wrong passphrase" not in everything


@pytest.mark.promise("P22")
@pytest.mark.django_db
def test_sign_in_issues_a_new_session_key_and_sign_out_ends_it(client: Client) -> None:
    from django.contrib.sessions.models import Session

    user = customer_create()
    client.get("/account/login/")
    client.cookies["azultel_session"] = "anonymous-session-key-fixation"

    sign_in(client, user)
    key = client.session.session_key
    client.post("/account/logout/")

    assert key != "anonymous-session-key-fixation"
    assert not Session.objects.filter(session_key=key).exists()
    assert SignInSession.objects.get(session_key=key).ended_at is not None


@pytest.mark.django_db
def test_idle_and_absolute_timeouts_sign_the_person_out(client: Client) -> None:
    from azultel.accounts.middleware import SEEN, STARTED

    user = customer_create()
    client.force_login(user)
    assert client.get("/account/").status_code == 200
    session = client.session
    session[SEEN] -= 31 * 60
    session.save()

    idle = client.get("/account/")

    client.force_login(user)
    client.get("/account/")
    session = client.session
    session[STARTED] -= 12 * 3600 + 1
    session.save()
    absolute = client.get("/account/")

    assert idle.status_code == 302 and "/account/login/" in idle["Location"]
    assert absolute.status_code == 302 and "/account/login/" in absolute["Location"]


@pytest.mark.django_db
def test_sessions_list_and_sign_out_everywhere_else() -> None:
    user = customer_create()
    here, there = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"), Client()
    sign_in(here, user)
    sign_in(there, user)

    page = here.get("/account/sessions/").content.decode()
    here.post("/account/sessions/")

    assert "Firefox on Linux" in page and "(this browser)" in page
    assert SignInSession.objects.filter(user=user, used_password=True).count() == 2
    assert here.get("/account/").status_code == 200
    assert there.get("/account/").status_code == 302
    assert SignInSession.objects.filter(user=user, ended_at__isnull=True).count() == 1
    assert "198.51" not in page


@pytest.mark.promise("P27")
@pytest.mark.django_db
def test_session_records_hold_no_address_or_full_user_agent() -> None:
    agent = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
    )
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR="192.0.2.44")
    user = customer_create()

    sign_in(client, user)

    stored = repr(list(SignInSession.objects.values())) + repr(list(AuditEvent.objects.values()))
    assert "192.0.2.44" not in stored and agent not in stored
    assert SignInSession.objects.get().device_label == "Chrome on Windows"


@pytest.mark.promise("P30")
@pytest.mark.django_db
def test_there_is_no_security_question_or_biographical_fallback(client: Client) -> None:
    pages = [
        client.get(u).content.decode().lower()
        for u in ("/account/login/", "/account/signup/", "/account/password/reset/")
    ]

    for page in pages:
        for word in ("security question", "maiden name", "date of birth", "first pet"):
            assert word not in page


@pytest.mark.promise("B3")
@pytest.mark.django_db
def test_ended_and_timed_out_sign_in_records_are_forgotten() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from azultel.accounts.services import signin_session_start, signin_sessions_purge

    user = customer_create()
    live = signin_session_start(
        user=user, session_key="k-live", device_label="Firefox on Linux", used_password=True
    )
    ended = signin_session_start(
        user=user, session_key="k-ended", device_label="x", used_password=True
    )
    stale = signin_session_start(
        user=user, session_key="k-stale", device_label="y", used_password=True
    )
    SignInSession.objects.filter(pk=ended.pk).update(ended_at=timezone.now())
    SignInSession.objects.filter(pk=stale.pk).update(
        last_seen_at=timezone.now() - timedelta(hours=1)
    )

    assert signin_sessions_purge() == 2
    assert list(SignInSession.objects.values_list("pk", flat=True)) == [live.pk]


@pytest.mark.promise("P22")
@pytest.mark.django_db
def test_guessing_spread_over_many_clients_is_capped_per_account(settings: object) -> None:
    settings.LOGIN_FAILED_PER_ACCOUNT_DAY = 3  # type: ignore[attr-defined]
    user = customer_create()

    for n in range(3):
        sign_in(Client(), user, password="wrong guess number x", REMOTE_ADDR=f"198.51.100.{n}")
    blocked = sign_in(Client(), user, REMOTE_ADDR="203.0.113.77")

    assert b"Too many failed login attempts" in blocked.content
