"""Caller verification (47 CFR 64.2010(b), P30, P23): care staff see call detail and make account
changes only for a verified caller; passcode or a one-time code to the address on file; every
attempt logged; too many failures lock and notify the customer."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.hashers import check_password
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import reauthenticate, sign_in, staff_create
from azultel.billing.services import billing_account_get_or_create
from azultel.billing.services.adjustments import UsageCall, usage_records_add
from azultel.care import services
from azultel.care.models import (
    CallerSecurity,
    CallerVerification,
    Method,
    Outcome,
    VerificationAttempt,
)
from azultel.comms.models import OutboxMessage
from azultel.core.models import AuditEvent
from azultel.orders.models import Order, OrderStatus
from azultel.orders.tests.factories import OrderFactory

pytestmark = pytest.mark.django_db

PASSCODE = "582914"


def _with_calls(customer: User) -> None:
    account = billing_account_get_or_create(customer=customer, actor=None)
    usage_records_add(
        account=account,
        calls=[
            UsageCall(
                phone_number="+13055550100",
                started_at=timezone.now() - timedelta(days=1),
                called_number="+525512345678",
                duration_seconds=240,
                charge=Decimal("1.20"),
            )
        ],
        actor=None,
    )


def _passcode(customer: User) -> None:
    services.passcode_set(customer=customer, passcode=PASSCODE, actor=customer)


def _desk(customer: User) -> str:
    return f"/staff/care/desk/{customer.public_id}/"


def test_p30_care_cannot_see_call_detail_until_the_caller_gives_the_passcode(
    maria: User, care: User, care_client: Client
) -> None:
    _with_calls(maria)
    _passcode(maria)

    refused = care_client.get(_desk(maria) + "calls/")
    assert refused.status_code == 403
    assert "Verify the caller first" in refused.content.decode()
    assert "5512345678" not in refused.content.decode()
    assert AuditEvent.objects.filter(action="care.caller_gate_refused", actor=care).count() == 1

    verified = care_client.post(_desk(maria) + "passcode/", {"passcode": PASSCODE})
    assert verified.status_code == 302
    calls = care_client.get(_desk(maria) + "calls/")
    assert calls.status_code == 200
    assert "+52 55 1234 5678" in calls.content.decode()
    assert AuditEvent.objects.filter(action="care.call_detail_viewed", actor=care).count() == 1
    attempt = VerificationAttempt.objects.get()
    assert (attempt.staff, attempt.method, attempt.outcome) == (care, "passcode", "verified")


def test_p30_an_account_change_by_care_is_refused_before_verification_and_nothing_changes(
    maria: User, care: User, care_client: Client
) -> None:
    order = OrderFactory(customer=maria, status=OrderStatus.SUBMITTED)
    _passcode(maria)

    refused = care_client.post(
        f"/staff/orders/{order.pk}/action/", {"action": "cancel", "reason": "Caller asked"}
    )

    assert refused.status_code == 403
    assert Order.objects.get(pk=order.pk).status == OrderStatus.SUBMITTED
    services.caller_verify(customer=maria, method=Method.PASSCODE, secret=PASSCODE, actor=care)
    allowed = care_client.post(
        f"/staff/orders/{order.pk}/action/", {"action": "cancel", "reason": "Caller asked"}
    )
    assert allowed.status_code == 302
    assert Order.objects.get(pk=order.pk).status == OrderStatus.CANCELLED


def test_the_window_is_short_and_belongs_to_one_staff_member(
    maria: User, care: User, care_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    _passcode(maria)
    services.caller_verify(customer=maria, method=Method.PASSCODE, secret=PASSCODE, actor=care)
    colleague = Client()
    colleague.force_login(staff_create(role="customer_care"))

    assert care_client.get(_desk(maria) + "calls/").status_code == 200
    assert colleague.get(_desk(maria) + "calls/").status_code == 403
    later = timezone.now() + timedelta(minutes=16)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert care_client.get(_desk(maria) + "calls/").status_code == 403


def test_ending_the_call_closes_the_window(maria: User, care_client: Client) -> None:
    _passcode(maria)
    care_client.post(_desk(maria) + "passcode/", {"passcode": PASSCODE})

    care_client.post(_desk(maria) + "end/")

    assert care_client.get(_desk(maria) + "calls/").status_code == 403


def test_too_many_wrong_passcodes_lock_verification_and_email_the_customer_once(
    maria: User, care: User, care_client: Client
) -> None:
    _passcode(maria)

    statuses = [
        care_client.post(_desk(maria) + "passcode/", {"passcode": "111222"}).status_code
        for _ in range(5)
    ]

    assert statuses == [400, 400, 400, 400, 423]
    security = CallerSecurity.objects.get(customer=maria)
    assert security.locked_until is not None and security.locked_until > timezone.now()
    locked = OutboxMessage.objects.filter(template="care_caller_locked")
    assert list(locked.values_list("to_address", flat=True)) == [maria.email]
    # While locked, even the right passcode and a code request do nothing.
    right = care_client.post(_desk(maria) + "passcode/", {"passcode": PASSCODE})
    assert right.status_code == 423
    care_client.post(_desk(maria) + "send-code/")
    assert not OutboxMessage.objects.filter(template="care_caller_code").exists()
    assert not CallerVerification.objects.exists()
    assert care_client.get(_desk(maria) + "calls/").status_code == 403
    outcomes = list(VerificationAttempt.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == [Outcome.WRONG] * 5 + [Outcome.LOCKED]
    assert locked.count() == 1
    assert AuditEvent.objects.filter(action="care.caller_verify_failed").count() == 6


def test_a_one_time_code_goes_to_the_address_on_file_and_verifies_the_caller(
    maria: User, care_client: Client
) -> None:
    assert care_client.post(_desk(maria) + "send-code/").status_code == 302

    email = OutboxMessage.objects.get(template="care_caller_code")
    assert email.to_address == maria.email and email.sensitive
    found = re.search(r"\b(\d{6})\b", email.body_text)
    assert found is not None
    security = CallerSecurity.objects.get(customer=maria)
    assert found.group(1) not in security.code_hash
    wrong = care_client.post(_desk(maria) + "code/", {"code": "000000"})
    assert wrong.status_code == 400 or found.group(1) == "000000"
    right = care_client.post(_desk(maria) + "code/", {"code": found.group(1)})
    assert right.status_code == 302
    assert care_client.get(_desk(maria) + "calls/").status_code == 200
    # The code is spent.
    security.refresh_from_db()
    assert security.code_hash == ""


def test_an_expired_code_does_not_verify(
    maria: User, care: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.caller_code_send(customer=maria, actor=care)
    email = OutboxMessage.objects.get(template="care_caller_code")
    found = re.search(r"\b(\d{6})\b", email.body_text)
    assert found is not None
    later = timezone.now() + timedelta(minutes=11)
    monkeypatch.setattr(timezone, "now", lambda: later)

    result = services.caller_verify(
        customer=maria, method=Method.CODE, secret=found.group(1), actor=care
    )

    assert result.outcome == Outcome.EXPIRED and not result.verified
    assert not CallerVerification.objects.exists()


def test_a_customer_without_a_passcode_cannot_be_verified_by_one(
    maria: User, care_client: Client
) -> None:
    response = care_client.post(_desk(maria) + "passcode/", {"passcode": "582914"})

    assert response.status_code == 400
    assert "has not set a phone passcode" in response.content.decode()
    assert VerificationAttempt.objects.get().outcome == Outcome.NO_PASSCODE


def test_p30_the_customer_sets_a_passcode_stored_hashed_with_a_notice_not_showing_it(
    maria: User,
) -> None:
    client = Client()
    sign_in(client, maria)
    reauthenticate(client)

    response = client.post(
        "/account/help/passcode/", {"passcode": PASSCODE, "passcode_again": PASSCODE}
    )

    assert response.status_code == 302
    security = CallerSecurity.objects.get(customer=maria)
    assert PASSCODE not in security.passcode_hash
    assert check_password(PASSCODE, security.passcode_hash)
    notice = OutboxMessage.objects.get(template="care_passcode_changed")
    assert notice.to_address == maria.email and PASSCODE not in notice.body_text


@pytest.mark.parametrize(
    ("first", "again", "message"),
    [
        ("1234", "1234", "Use 6 to 10 digits."),
        ("123456", "123456", "not all the same or in a row"),
        ("abcdefg", "abcdefg", "Use 6 to 10 digits."),
        ("582914", "582915", "The two passcodes are not the same."),
    ],
)
def test_a_weak_or_mistyped_passcode_is_refused_and_nothing_is_saved(
    maria: User, first: str, again: str, message: str
) -> None:
    client = Client()
    sign_in(client, maria)
    reauthenticate(client)

    response = client.post("/account/help/passcode/", {"passcode": first, "passcode_again": again})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CallerSecurity.objects.exclude(passcode_hash="").exists()
    assert not OutboxMessage.objects.filter(template="care_passcode_changed").exists()


def test_people_without_the_care_role_are_not_gated_and_customers_never_reach_the_desk(
    maria: User, maria_client: Client
) -> None:
    assert maria_client.get(_desk(maria)).status_code == 403
    assert Client().get(_desk(maria)).status_code == 404


def test_b3_old_attempts_and_closed_windows_are_purged(
    maria: User, care: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    _passcode(maria)
    services.caller_verify(customer=maria, method=Method.PASSCODE, secret="000111", actor=care)
    services.caller_verify(customer=maria, method=Method.PASSCODE, secret=PASSCODE, actor=care)
    assert services.verification_records_purge() == 0

    later = timezone.now() + timedelta(days=731)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert services.verification_records_purge() == 3
    assert not VerificationAttempt.objects.exists() and not CallerVerification.objects.exists()
