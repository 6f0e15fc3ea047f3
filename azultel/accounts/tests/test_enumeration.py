"""Response time does not tell whether an address has an account (P22).

Sign-up, password reset and sign-in are each tried 50 times with an address that has an account
and 50 times with one that has none, through the real HTTP views and the production hasher
(Argon2). The two kinds are interleaved (and their order alternated) so that load from other
processes on a shared machine falls on both alike; medians, not means, so a few slow outliers
do not decide. The medians must lie within 20% of each other (``--junitxml`` records them).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import PASSWORD, customer_create
from azultel.comms.models import OutboxMessage

TRIES = 50
WARM_UP = 3  # first requests fill caches (templates, URL resolver, validators' word lists)
TOLERANCE = 0.20

SIGNUP_FORM = {
    "given_name": "Ana",
    "family_name": "Ruiz",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "street": "100 Ocean Dr",
    "unit": "",
    "city": "Miami",
    "state": "FL",
    "zip_code": "33139",
}


@pytest.fixture
def production_hashing_no_rate_limits(settings: Any) -> None:
    # The hasher production uses, whatever the test settings ever choose for speed.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    # 100 sign-ups from one client would hit allauth's limits (20/m per client) long before the
    # end; the limits are tested elsewhere.
    settings.ACCOUNT_RATE_LIMITS = False


def _elapsed(request: Callable[[int], Any], i: int) -> tuple[float, Any]:
    started = time.perf_counter()
    response = request(i)
    return time.perf_counter() - started, response


def _medians_ms(
    known: Callable[[int], Any], unknown: Callable[[int], Any], check: Callable[[Any], None]
) -> tuple[float, float]:
    """Median milliseconds of ``known(i)`` and ``unknown(i)``, interleaved, order alternating."""
    timings: dict[str, list[float]] = {"known": [], "unknown": []}
    for i in range(WARM_UP + TRIES):
        pair = [("known", known), ("unknown", unknown)]
        for kind, request in pair if i % 2 else reversed(pair):
            seconds, response = _elapsed(request, i)
            check(response)
            if i >= WARM_UP:
                timings[kind].append(seconds * 1000)
    return statistics.median(timings["known"]), statistics.median(timings["unknown"])


def _assert_indistinguishable(known_ms: float, unknown_ms: float) -> None:
    gap = abs(known_ms - unknown_ms)
    assert gap <= TOLERANCE * max(known_ms, unknown_ms), (
        f"median {known_ms:.1f} ms with an account vs {unknown_ms:.1f} ms without"
    )


def _accounts(count: int) -> list[User]:
    return [customer_create(email=f"has.account{i}@example.com") for i in range(count)]


@pytest.mark.promise("P22")
@pytest.mark.django_db
def test_signup_takes_as_long_for_a_registered_address_as_for_a_new_one(
    production_hashing_no_rate_limits: None, record_property: Callable[[str, object], None]
) -> None:
    accounts = _accounts(WARM_UP + TRIES)
    client = Client()

    def check(response: Any) -> None:
        assert response.status_code == 302
        assert response["Location"] == "/account/confirm-email/"

    known_ms, unknown_ms = _medians_ms(
        lambda i: client.post("/account/signup/", {**SIGNUP_FORM, "email": accounts[i].email}),
        lambda i: client.post("/account/signup/", {**SIGNUP_FORM, "email": f"new{i}@example.com"}),
        check,
    )

    record_property("median_ms", {"known": round(known_ms, 1), "unknown": round(unknown_ms, 1)})
    _assert_indistinguishable(known_ms, unknown_ms)
    # Each address got exactly one email through the outbox, whichever kind it was.
    templates = dict(OutboxMessage.objects.values_list("to_address", "template"))
    assert len(templates) == 2 * (WARM_UP + TRIES)
    assert templates[accounts[0].email] == "accounts_already_registered"
    assert templates["new0@example.com"] == "accounts_verify_email"
    assert User.objects.count() == 2 * (WARM_UP + TRIES)


@pytest.mark.promise("P22")
@pytest.mark.django_db
def test_password_reset_takes_as_long_for_an_unknown_address(
    production_hashing_no_rate_limits: None, record_property: Callable[[str, object], None]
) -> None:
    accounts = _accounts(WARM_UP + TRIES)
    client = Client()

    def check(response: Any) -> None:
        assert response.status_code == 302
        assert response["Location"] == "/account/password/reset/done/"

    known_ms, unknown_ms = _medians_ms(
        lambda i: client.post("/account/password/reset/", {"email": accounts[i].email}),
        lambda i: client.post("/account/password/reset/", {"email": f"nobody{i}@example.com"}),
        check,
    )

    record_property("median_ms", {"known": round(known_ms, 1), "unknown": round(unknown_ms, 1)})
    _assert_indistinguishable(known_ms, unknown_ms)
    templates = dict(OutboxMessage.objects.values_list("to_address", "template"))
    assert templates[accounts[0].email] == "accounts_password_reset"
    assert templates["nobody0@example.com"] == "accounts_unknown_account"
    assert len(templates) == 2 * (WARM_UP + TRIES)


@pytest.mark.promise("P22")
@pytest.mark.django_db
def test_sign_in_with_a_wrong_password_takes_as_long_as_with_an_unknown_address(
    production_hashing_no_rate_limits: None, record_property: Callable[[str, object], None]
) -> None:
    accounts = _accounts(WARM_UP + TRIES)
    client = Client()
    wrong = "not the passphrase at all"

    def check(response: Any) -> None:
        assert response.status_code == 200
        assert b"not correct" in response.content

    known_ms, unknown_ms = _medians_ms(
        lambda i: client.post("/account/login/", {"login": accounts[i].email, "password": wrong}),
        lambda i: client.post(
            "/account/login/", {"login": f"nobody{i}@example.com", "password": wrong}
        ),
        check,
    )

    record_property("median_ms", {"known": round(known_ms, 1), "unknown": round(unknown_ms, 1)})
    _assert_indistinguishable(known_ms, unknown_ms)
    assert "_auth_user_id" not in client.session
