"""Privacy evidence for ordering: sensitive fields asked only at checkout (P03), never kept in
clear (P24), "my data" and account deletion (B2), and retention (B3)."""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.services import account_erase, local_profile_enable
from azultel.accounts.testing import reauthenticate
from azultel.core.actors import system_actor
from azultel.orders.models import (
    Cart,
    Checkout,
    CreditCheck,
    ListingChoice,
    Order,
    OrderStatus,
    PhoneLine,
    Service,
    ServiceStatus,
)
from azultel.orders.services import order_advance, order_place, orders_purge
from azultel.orders.tests.checkouts import checkout_ready
from azultel.orders.tests.journeys import add_to_cart, card_data, checkout_to_review, place
from azultel.payments.gateway import SandboxGateway
from azultel.payments.models import Charge, ChargeStatus, SandboxCardToken, StoredCard
from azultel.payments.services import (
    card_remove,
    card_tokenize,
    cards_unsaved_purge,
    charge_create,
)

AMEX = "3782 822463 10005"
AMEX_DIGITS = "378282246310005"
AMEX_CVC = "4821"
SSN = "123-45-6789"
DOB = "1977-05-23"

SENSITIVE_WORDS = {"ssn", "social", "birth", "dob", "card", "cvc", "cvv", "csc", "pan"}
SENSITIVE_AUTOCOMPLETE = re.compile(r'autocomplete="(cc-[a-z-]+|bday[a-z-]*)"')
CHECKOUT_PAGES_THAT_ASK = {"/order/checkout/payment/", "/order/checkout/review/"}


def _database_text() -> str:
    """Every row of every table as text (PostgreSQL rows, or SQLite's SQL dump)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return "\n".join(connection.connection.iterdump())
    with connection.cursor() as cursor:
        chunks = []
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT t::text FROM "{table}" t')
            chunks.extend(row[0] for row in cursor.fetchall())
    return "\n".join(chunks)


def _database_image() -> bytes:
    """Every byte the database holds (the SQLite image, free pages included), or all rows."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return bytes(connection.connection.serialize())
    return _database_text().encode()


def _standalone(value: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9A-Za-z]){re.escape(value)}(?![0-9A-Za-z])")


def _database_strings() -> list[str]:
    """Every text (and binary) value of every row of every table, field by field.

    A security code is a few digits: in a row printed whole it can turn up inside a timestamp
    (PostgreSQL prints 17:21:45.4821) or an id, so numbers and dates are not searched.
    """
    values = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                values.extend(
                    bytes(v).decode("latin-1") if isinstance(v, bytes | memoryview) else v
                    for v in row
                    if isinstance(v, str | bytes | memoryview)
                )
    return values


def _strings_in(value: Any) -> list[str]:
    """The text leaves of decoded JSON-like data (session contents, log arguments)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings_in(k) + _strings_in(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings_in(v)]
    return []


@pytest.mark.promise("P24")
def test_after_an_order_no_card_number_cvc_ssn_or_birth_date_is_stored_logged_or_in_a_session(
    shopper: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    add_to_cart(shopper, "home-phone-essential")
    review = checkout_to_review(shopper, card=card_data(AMEX, cvc=AMEX_CVC))

    response = place(shopper, review, ssn=SSN, dob=DOB)

    assert response.status_code == 302
    assert Order.objects.get().status == OrderStatus.CONFIRMED
    image = _database_image()
    sessions = json.dumps([s.get_decoded() for s in Session.objects.all()])
    logged = caplog.text + json.dumps([str(r.args) for r in caplog.records])
    for value in (AMEX, AMEX_DIGITS, SSN, SSN.replace("-", ""), DOB):
        assert value.encode() not in image, value
        assert value not in sessions and value not in logged, value
    cvc = _standalone(AMEX_CVC)
    assert not [v for v in _database_strings() if cvc.search(v)]
    session_texts = _strings_in([s.get_decoded() for s in Session.objects.all()])
    log_texts = [r.getMessage() for r in caplog.records] + _strings_in(
        [r.args for r in caplog.records]
    )
    assert not [t for t in session_texts + log_texts if cvc.search(t)]
    card = StoredCard.objects.get()
    assert (card.brand, card.last4) == ("amex", "0005")
    assert CreditCheck.objects.values_list("ssn", flat=True).get().startswith("enc1$")


def _get_paths(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    """Every URL of the site without parameters (the pages a form could be on)."""
    paths = []
    for pattern in (resolver or get_resolver()).url_patterns:
        route = str(pattern.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(pattern, URLResolver):
            paths.extend(_get_paths(pattern, prefix + route))
        elif isinstance(pattern, URLPattern):
            paths.append("/" + prefix + route)
    return sorted(set(paths))


def _form_fields(html: str) -> list[str]:
    return re.findall(r"<(?:input|select|textarea)\b[^>]*>", html)


def _asks_for_sensitive_data(tag: str) -> bool:
    name = re.search(r'name="([^"]*)"', tag)
    words = set(re.split(r"[^a-z]+", name.group(1).lower())) if name else set()
    return bool(words & SENSITIVE_WORDS or SENSITIVE_AUTOCOMPLETE.search(tag))


@pytest.mark.promise("P03")
def test_card_ssn_and_birth_date_fields_appear_only_on_the_checkout_pages_that_need_them(
    shopper: Client, customer: User
) -> None:
    anonymous = Client()
    add_to_cart(shopper, "home-phone-essential")
    checkout_to_review(shopper)
    paths = [p for p in _get_paths() if "logout" not in p and "/admin/" not in p]
    asking: dict[str, list[str]] = {}

    for path in paths:
        for client in (anonymous, shopper):
            html = client.get(path).content.decode(errors="replace")
            fields = [tag for tag in _form_fields(html) if _asks_for_sensitive_data(tag)]
            asking.setdefault(path, []).extend(fields)

    assert len(paths) > 40
    assert {p for p, fields in asking.items() if fields} == CHECKOUT_PAGES_THAT_ASK


def _placed(customer: User, key: str, **kwargs: Any) -> Order:
    ready = checkout_ready(customer, **kwargs)
    return order_place(
        checkout=ready.checkout,
        identity=ready.identity,
        payment=ready.card,
        idempotency_key=key,
        actor=customer,
    )


@pytest.mark.promise("B2")
def test_my_data_lists_orders_services_and_cards_without_tokens_or_clear_identity(
    customer: User, demo_catalog: None
) -> None:
    order = _placed(customer, "export", ssn=SSN)
    order_advance(order=order, actor=system_actor("test"))
    order_advance(order=order, actor=system_actor("test"))
    client = Client()
    client.force_login(customer)
    reauthenticate(client)  # the download holds CPNI: the password again in this session

    data = json.loads(client.get("/account/my-data/download/").content)

    exported = data["orders"]["orders"][0]
    assert exported["number"] == order.number
    assert exported["service_address"]["street"] == "1200 Brickell Ave"
    assert exported["credit_check"]["ssn"] == "•••• 6789"
    assert [s["phone_number"] for s in data["orders"]["services"]] == ["+13055550100"]
    assert data["payments"]["cards"][0]["last4"] == "4242"
    dumped = json.dumps(data)
    assert SSN not in dumped and "123456789" not in dumped
    assert StoredCard.objects.get().token not in dumped
    assert "1980-07-04" not in dumped


@pytest.mark.promise("B2")
def test_deleting_the_account_anonymises_orders_erases_identity_and_ends_services(
    customer: User, demo_catalog: None, django_capture_on_commit_callbacks: Any
) -> None:
    active = _placed(customer, "erase-active")
    order_advance(order=active, actor=system_actor("test"))
    order_advance(order=active, actor=system_actor("test"))
    pending = _placed(customer, "erase-pending")

    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=customer, actor=customer)

    active.refresh_from_db()
    pending.refresh_from_db()
    assert (active.service_street, active.billing_zip, active.anonymised_at is not None) == (
        "",
        "",
        True,
    )
    assert pending.status == OrderStatus.CANCELLED
    assert Charge.objects.get(pk=pending.charge_id).status == ChargeStatus.REFUNDED
    assert Charge.objects.get(pk=active.charge_id).amount == active.upfront_total
    assert list(CreditCheck.objects.values_list("ssn", "date_of_birth")) == [("", ""), ("", "")]
    assert StoredCard.objects.count() == 0
    assert Checkout.objects.count() == 0
    service = Service.objects.get()
    assert (service.status, service.service_street) == (ServiceStatus.ENDED, "")
    line = PhoneLine.objects.get()
    assert (line.listing_choice, line.listed_name, line.listed_street) == (
        ListingChoice.NON_PUBLISHED,
        "",
        "",
    )


@pytest.mark.promise("B3")
def test_stale_carts_and_old_credit_check_identities_are_purged_on_schedule(
    customer: User, demo_catalog: None, settings: Any
) -> None:
    old = _placed(customer, "purge-old")
    recent = _placed(customer, "purge-recent")
    CreditCheck.objects.filter(order=old).update(decided_at=timezone.now() - timedelta(days=91))
    stale, fresh = Client(), Client()
    add_to_cart(stale, "wifi-6-mesh-router")
    Cart.objects.filter(status="open").update(updated_at=timezone.now() - timedelta(days=31))
    add_to_cart(fresh, "wifi-6-mesh-router")

    result = orders_purge()

    assert (result.carts_deleted, result.identities_erased) == (1, 1)
    assert Cart.objects.filter(status="open").count() == 1
    assert CreditCheck.objects.get(order=old).identity_erased_at is not None
    assert str(CreditCheck.objects.get(order=old).ssn or "") == ""
    assert str(CreditCheck.objects.get(order=recent).ssn) == "•••• 3333"
    assert Cart.objects.filter(status="ordered").count() == 2


def _card(customer: User, *, save: bool = False) -> StoredCard:
    return card_tokenize(
        customer=customer,
        number="5555 5555 5555 4444",
        exp_month=12,
        exp_year=timezone.now().year + 2,
        cvc="123",
        postal_code="33131",
        save=save,
        actor=customer,
    )


@pytest.mark.promise("B3")
def test_cards_nobody_saved_are_deleted_after_the_retention_period_unless_still_used(
    customer: User, demo_catalog: None, settings: Any
) -> None:
    # Given Maria's cards: one she paid an order with, one she paid a bill with (no checkout
    # holds it), one her open checkout holds, one typed in and replaced by another before
    # paying, one saved, one saved then removed, and one from today
    settings.PAYMENTS_UNSAVED_CARD_RETENTION_DAYS = 30
    local_profile_enable(user=customer, actor=customer)
    paid_with = Order.objects.get(pk=_placed(customer, "cards-purge").pk).charge.card
    bill_paid_with = _card(customer)
    charge_create(
        customer=customer,
        card=bill_paid_with,
        amount=Decimal("33.65"),
        idempotency_key="bill:cards-purge",
        description="Azultel bill",
        actor=customer,
    )
    held = checkout_ready(customer).card
    replaced = _card(customer)
    kept_saved = _card(customer, save=True)
    removed = _card(customer, save=True)
    card_remove(customer=customer, card=removed, actor=customer)
    StoredCard.objects.update(created_at=timezone.now() - timedelta(days=31))
    today = _card(customer)

    deleted = cards_unsaved_purge()

    # Then only the replaced and the removed card are gone
    assert deleted == 2
    assert set(StoredCard.objects.values_list("pk", flat=True)) == {
        paid_with.pk,
        bill_paid_with.pk,
        held.pk,
        kept_saved.pk,
        today.pk,
    }
    assert set(Charge.objects.values_list("card", flat=True)) == {paid_with.pk, bill_paid_with.pk}
    assert not StoredCard.objects.filter(pk__in=[replaced.pk, removed.pk]).exists()
    # And the processor was asked to forget exactly those two tokens
    assert not SandboxCardToken.objects.filter(token__in=[replaced.token, removed.token]).exists()
    assert (
        SandboxCardToken.objects.filter(
            token__in=[
                paid_with.token,
                bill_paid_with.token,
                held.token,
                kept_saved.token,
                today.token,
            ]
        ).count()
        == 5
    )

    # And once the open cart expires, the card its checkout held goes at the next run
    Cart.objects.filter(status="open").update(updated_at=timezone.now() - timedelta(days=31))
    orders_purge()
    assert cards_unsaved_purge() == 1
    assert not StoredCard.objects.filter(pk=held.pk).exists()


@pytest.mark.promise("B3")
def test_a_card_the_processor_did_not_forget_is_kept_and_tried_again_at_the_next_run(
    customer: User, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given two stale unsaved cards, and a processor that fails to forget the first one once
    settings.PAYMENTS_UNSAVED_CARD_RETENTION_DAYS = 30
    first, second = _card(customer), _card(customer)
    StoredCard.objects.update(created_at=timezone.now() - timedelta(days=31))
    real_forget = SandboxGateway.forget
    failures = {first.token}

    def flaky_forget(self: SandboxGateway, *, token: str) -> None:
        if token in failures:
            failures.discard(token)
            raise ConnectionError("processor unavailable")
        real_forget(self, token=token)

    monkeypatch.setattr(SandboxGateway, "forget", flaky_forget)

    # When the purge runs, only the card the processor forgot is deleted here
    assert cards_unsaved_purge() == 1
    assert list(StoredCard.objects.values_list("pk", flat=True)) == [first.pk]
    assert SandboxCardToken.objects.filter(token=first.token).exists()
    assert not SandboxCardToken.objects.filter(token=second.token).exists()

    # And the next run finishes the job
    assert cards_unsaved_purge() == 1
    assert not StoredCard.objects.exists()
    assert not SandboxCardToken.objects.filter(token__in=[first.token, second.token]).exists()


@pytest.mark.promise("B2")
def test_account_deletion_asks_the_processor_to_forget_the_cards_after_commit(
    customer: User, demo_catalog: None, django_capture_on_commit_callbacks: Any
) -> None:
    # Given a saved card and an unsaved one
    local_profile_enable(user=customer, actor=customer)
    saved, unsaved = _card(customer, save=True), _card(customer)

    # When the account is erased, nothing is asked of the processor before the commit
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        account_erase(user=customer, actor=customer)
    assert SandboxCardToken.objects.filter(token__in=[saved.token, unsaved.token]).count() == 2
    assert not StoredCard.objects.filter(pk__in=[saved.pk, unsaved.pk]).exists()

    # Then after it, both tokens are gone from the processor too
    for callback in callbacks:
        callback()
    assert not SandboxCardToken.objects.filter(token__in=[saved.token, unsaved.token]).exists()
