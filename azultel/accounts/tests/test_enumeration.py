"""Response time does not tell whether an address has an account (P22).

Sign-up, password reset and sign-in are each tried 50 times with an address that has an account
and 50 times with one that has none, through the real HTTP views and the production hasher
(Argon2), after a short warm-up. The two kinds alternate, one of each per pair (which goes first
alternates too), so that load from other processes on a shared machine falls on both alike.

What is compared is the median of the pairs' ratios (with an account / without), which must lie
within 20%. Comparing the two kinds' separate medians asks the same question less robustly: on
a busy two-core machine a 4 ms request either runs through or waits a scheduler slice, and which
of the two a kind's median lands in can flip (8.3 ms against 4.6 ms was seen for two paths that
run the same queries). Both medians are recorded too (``--junitxml``).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from azultel.accounts.models import CustomerProfile, User
from azultel.accounts.testing import PASSWORD, customer_create
from azultel.comms.models import OutboxMessage
from azultel.privacy.models import ConsentEvent, DataSubject

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
    "adult": "on",
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


def _timed_pairs(
    known: Callable[[int], Any], unknown: Callable[[int], Any], check: Callable[[Any], None]
) -> list[tuple[float, float]]:
    """Milliseconds of ``known(i)`` and ``unknown(i)`` for each pair ``i`` after the warm-up."""
    pairs: list[tuple[float, float]] = []
    for i in range(WARM_UP + TRIES):
        timed: dict[str, float] = {}
        pair = [("known", known), ("unknown", unknown)]
        for kind, request in pair if i % 2 else reversed(pair):
            seconds, response = _elapsed(request, i)
            check(response)
            timed[kind] = seconds * 1000
        pairs.append((timed["known"], timed["unknown"]))
    return pairs[WARM_UP:]


def _assert_indistinguishable(
    pairs: list[tuple[float, float]], record_property: Callable[[str, object], None]
) -> None:
    ratio = statistics.median(k / u for k, u in pairs)
    known_ms = statistics.median(k for k, _ in pairs)
    unknown_ms = statistics.median(u for _, u in pairs)
    record_property(
        "median_ms",
        {"known": round(known_ms, 1), "unknown": round(unknown_ms, 1), "ratio": round(ratio, 3)},
    )
    assert 1 - TOLERANCE <= ratio <= 1 / (1 - TOLERANCE), (
        f"with an account / without: median ratio {ratio:.2f} "
        f"(medians {known_ms:.1f} ms and {unknown_ms:.1f} ms)"
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

    pairs = _timed_pairs(
        lambda i: client.post("/account/signup/", {**SIGNUP_FORM, "email": accounts[i].email}),
        lambda i: client.post("/account/signup/", {**SIGNUP_FORM, "email": f"new{i}@example.com"}),
        check,
    )

    _assert_indistinguishable(pairs, record_property)
    # Each address got exactly one email through the outbox, whichever kind it was.
    templates = dict(OutboxMessage.objects.values_list("to_address", "template"))
    assert len(templates) == 2 * (WARM_UP + TRIES)
    assert templates[accounts[0].email] == "accounts_already_registered"
    assert templates["new0@example.com"] == "accounts_verify_email"
    assert User.objects.count() == 2 * (WARM_UP + TRIES)


@pytest.mark.promise("P22")
@pytest.mark.django_db(transaction=True)
def test_signup_for_a_registered_address_keeps_nothing_of_its_rehearsal() -> None:
    existing = customer_create(email="has.account@example.com")
    client = Client()

    response = client.post("/account/signup/", {**SIGNUP_FORM, "email": existing.email})

    assert response.status_code == 302
    assert list(User.objects.values_list("email", flat=True)) == [existing.email]
    assert list(EmailAddress.objects.values_list("email", flat=True)) == [existing.email]
    assert CustomerProfile.objects.count() == 1
    assert ConsentEvent.objects.count() == 0
    assert DataSubject.objects.exclude(user=existing).count() == 0
    # Committed and delivered: one email, to the registered address, and nothing else.
    assert [m.to for m in mail.outbox] == [[existing.email]]
    assert list(OutboxMessage.objects.values_list("template", flat=True)) == [
        "accounts_already_registered"
    ]


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

    pairs = _timed_pairs(
        lambda i: client.post("/account/password/reset/", {"email": accounts[i].email}),
        lambda i: client.post("/account/password/reset/", {"email": f"nobody{i}@example.com"}),
        check,
    )

    _assert_indistinguishable(pairs, record_property)
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

    pairs = _timed_pairs(
        lambda i: client.post("/account/login/", {"login": accounts[i].email, "password": wrong}),
        lambda i: client.post(
            "/account/login/", {"login": f"nobody{i}@example.com", "password": wrong}
        ),
        check,
    )

    _assert_indistinguishable(pairs, record_property)
    assert "_auth_user_id" not in client.session
