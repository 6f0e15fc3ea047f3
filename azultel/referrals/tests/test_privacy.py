"""The friend's address is never kept in clear (P05): a scan of every table and the log after an
invitation is sent and delivered; hashes purged on schedule (B3); success counted from the
friend's sign-up and order; the referrer's data in "my data" and deletion (B2)."""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from allauth.account.signals import user_signed_up
from django.db import connection
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.billing.models import Credit
from azultel.comms.models import OutboxMessage
from azultel.core.periodic import periodic_jobs
from azultel.orders.services import order_place
from azultel.orders.tests.checkouts import checkout_ready
from azultel.privacy.registry import erasure_hooks, export_providers
from azultel.referrals import tasks
from azultel.referrals.models import Referral
from azultel.referrals.tests.conftest import FRIEND
from azultel.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def _tables_holding(text: str) -> list[str]:
    """Every table (and column) whose stored value contains ``text``, in any letter case."""
    needle = text.lower()
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                found.extend(
                    f"{table}.{column}"
                    for column, value in zip(columns, row, strict=True)
                    if value is not None and needle in str(value).lower()
                )
    return found


@pytest.mark.promise("P05")
def test_p05_no_table_and_no_log_line_holds_the_friends_address_once_it_is_sent(
    signed_in: Client, django_capture_on_commit_callbacks: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            "/tell-a-friend/",
            {"friend_name": "Ana", "friend_email": "Ana.Friend@Example.com", "note": "Hi!"},
        )

    assert response.status_code == 302
    assert OutboxMessage.objects.get().status == "sent"
    assert _tables_holding(FRIEND) == []
    assert FRIEND not in caplog.text.lower()
    assert Referral.objects.get().friend_hash != ""


@pytest.mark.promise("B3")
@pytest.mark.promise("P05")
def test_b3_friends_hashes_are_purged_on_schedule_and_the_counts_stay(settings: Any) -> None:
    settings.REFERRALS_HASH_RETENTION_DAYS = 180
    old = ReferralFactory(signed_up_at=timezone.now())
    recent = ReferralFactory()
    Referral.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=181))
    Referral.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=179))

    purged = tasks.referral_hashes_purge()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert purged == 1
    assert old.friend_hash == "" and old.hash_purged_at is not None
    assert old.signed_up_at is not None
    assert recent.friend_hash != "" and recent.hash_purged_at is None
    assert periodic_jobs()["referrals-hashes-purge"]["task"] == (
        "azultel.referrals.tasks.referral_hashes_purge"
    )


@pytest.mark.promise("P05")
def test_p05_a_friend_who_signs_up_with_the_invited_address_is_counted(db: None) -> None:
    older = ReferralFactory(friend_email=FRIEND)
    Referral.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=40))
    newest = ReferralFactory(friend_email=FRIEND)
    stranger = ReferralFactory(friend_email="someone@example.com")
    friend = customer_create(email="ANA.FRIEND@example.com", given_name="Ana")

    user_signed_up.send(sender=User, request=None, user=friend)

    assert Referral.objects.get(pk=newest.pk).signed_up_at is not None
    assert Referral.objects.get(pk=older.pk).signed_up_at is None
    assert Referral.objects.get(pk=stranger.pk).signed_up_at is None


def _friend_orders(friend: User, key: str) -> None:
    ready = checkout_ready(friend)
    order_place(
        checkout=ready.checkout,
        identity=ready.identity,
        payment=ready.card,
        idempotency_key=key,
        actor=friend,
    )


@pytest.fixture
def shop(settings: Any) -> None:
    from azultel.catalog.demo import demo_seed

    settings.PAYMENT_GATEWAY = "azultel.payments.gateway.SandboxGateway"
    settings.CREDIT_BUREAU = "azultel.orders.credit.SandboxCreditBureau"
    settings.CATALOG_CACHE_SECONDS = 0
    demo_seed()


@pytest.mark.promise("P05")
def test_p05_a_friends_placed_order_is_counted_after_it_commits(
    shop: None, django_capture_on_commit_callbacks: Any
) -> None:
    referral = ReferralFactory(friend_email=FRIEND, signed_up_at=timezone.now())
    friend = customer_create(email=FRIEND, given_name="Ana")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _friend_orders(friend, "referral-order")
        counted_before_commit = Referral.objects.get(pk=referral.pk).ordered_at
    for callback in callbacks:
        callback()

    assert counted_before_commit is None
    assert Referral.objects.get(pk=referral.pk).ordered_at is not None
    # No credit is configured (REFERRALS_FRIEND_CREDIT_CENTS = 0).
    assert not Credit.objects.exists()


def test_a_friends_second_order_does_not_count_for_an_older_referral(
    shop: None, django_capture_on_commit_callbacks: Any
) -> None:
    older = ReferralFactory(friend_email=FRIEND)
    Referral.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=40))
    newest = ReferralFactory(friend_email=FRIEND)
    friend = customer_create(email=FRIEND, given_name="Ana")

    with django_capture_on_commit_callbacks(execute=True):
        _friend_orders(friend, "first")
    with django_capture_on_commit_callbacks(execute=True):
        _friend_orders(friend, "second")

    assert Referral.objects.get(pk=newest.pk).ordered_at is not None
    assert Referral.objects.get(pk=older.pk).ordered_at is None


def test_with_a_friend_credit_set_the_friends_first_bill_gets_it_once(
    shop: None, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.REFERRALS_FRIEND_CREDIT_CENTS = 1500
    referral = ReferralFactory(friend_email=FRIEND)
    friend = customer_create(email=FRIEND, given_name="Ana")

    with django_capture_on_commit_callbacks(execute=True):
        _friend_orders(friend, "first")
    # Invited again later by someone else, the friend orders again: no second credit.
    Referral.objects.filter(pk=referral.pk).update(created_at=timezone.now() - timedelta(days=40))
    again = ReferralFactory(friend_email=FRIEND)
    with django_capture_on_commit_callbacks(execute=True):
        _friend_orders(friend, "second")

    credit = Credit.objects.get()
    assert credit.account.customer == friend
    assert credit.amount == Decimal("15.00") and credit.bill is None  # applied by the next bill
    assert credit.reason == "Welcome credit: a friend told you about Azultel"
    assert Referral.objects.get(pk=referral.pk).friend_credited_at is not None
    assert Referral.objects.get(pk=again.pk).ordered_at is not None
    assert Referral.objects.get(pk=again.pk).friend_credited_at is None


@pytest.mark.promise("B2")
def test_b2_the_referrer_finds_their_invitations_in_my_data_and_deletion_keeps_only_counts(
    customer: User,
) -> None:
    ReferralFactory(referrer=customer, product_slug="fiber-500")

    exported = export_providers()["referrals_sent"](customer)
    for hook in erasure_hooks():
        if hook.__module__ == "azultel.referrals.registrations":
            hook(customer)

    assert [row["product"] for row in exported] == ["fiber-500"]
    assert "friend" not in str(exported).lower()
    referral = Referral.objects.get()
    assert referral.referrer is None and referral.product_slug == "fiber-500"
