"""A thread belongs to an account only when the sender was signed in or wrote from an address
verified on that account; the customer sees only their own threads at /account/messages/."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from azultel.accounts.testing import customer_create
from azultel.contact import services
from azultel.contact.models import Thread
from azultel.contact.tests.factories import thread_send

pytestmark = pytest.mark.django_db


def test_a_signed_in_sender_gets_the_thread_in_their_account_whatever_address_they_type() -> None:
    customer = customer_create(email="maria@example.com")
    client = Client()
    client.force_login(customer)

    client.post(
        "/contact/",
        {"name": "Maria", "email": "other@example.net", "topic": "billing",
         "message": "Please explain the late fee."},
    )  # fmt: skip

    thread = Thread.objects.get()
    assert thread.account == customer and thread.sender_email == "other@example.net"
    page = client.get("/account/messages/").content.decode()
    assert thread.reference in page
    assert client.get(f"/account/messages/{thread.pk}/").status_code == 200


def test_a_signed_out_sender_from_a_verified_address_gets_the_thread_in_that_account() -> None:
    customer = customer_create(email="maria@example.com", verified=True)

    thread = thread_send(email="Maria@Example.com")

    assert thread.account == customer


def test_an_unverified_or_unknown_address_attaches_the_thread_to_no_account() -> None:
    customer_create(email="unverified@example.com", verified=False)
    assert EmailAddress.objects.filter(email="unverified@example.com", verified=False).exists()

    unverified = thread_send(email="unverified@example.com")
    unknown = thread_send(email="stranger@example.com")

    assert unverified.account is None and unknown.account is None


def test_a_customer_sees_only_their_own_threads() -> None:
    maria = customer_create(email="maria@example.com")
    other = customer_create(email="juan@example.com")
    mine = thread_send(email="maria@example.com", message="Maria's question here")
    theirs = thread_send(email="juan@example.com", message="Juan's question here")
    client = Client()
    client.force_login(maria)

    listing = client.get("/account/messages/").content.decode()

    assert mine.reference in listing and theirs.reference not in listing
    assert client.get(f"/account/messages/{theirs.pk}/").status_code == 404
    response = client.post(f"/account/messages/{theirs.pk}/", {"message": "Sneaking in"})
    assert response.status_code == 404
    assert theirs.entries.count() == 1 and theirs.account == other


def test_the_account_thread_page_shows_replies_not_notes_and_takes_a_follow_up(
    care: object,
) -> None:
    maria = customer_create(email="maria@example.com")
    thread = thread_send(email="maria@example.com")
    services.staff_reply_send(thread=thread, body="We fixed the bill.", actor=care)  # type: ignore[arg-type]
    services.staff_note_add(thread=thread, body="Secret staff remark", actor=care)  # type: ignore[arg-type]
    client = Client()
    client.force_login(maria)

    page = client.get(f"/account/messages/{thread.pk}/").content.decode()
    response = client.post(f"/account/messages/{thread.pk}/", {"message": "Thank you!"})

    assert "We fixed the bill." in page and "Secret staff remark" not in page
    assert response.status_code == 302
    assert thread.entries.last().body == "Thank you!"  # type: ignore[union-attr]


def test_my_messages_needs_sign_in() -> None:
    response = Client().get("/account/messages/")

    assert response.status_code == 302 and "/account/login/" in response["Location"]
