"""The policy's children statement, backed by code (issue 19): sign-up asks for an adult
attestation, and an account found to belong to a child under 13 is closed and its data deleted
through the request workflow, recorded."""

from __future__ import annotations

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import PASSWORD, customer_create
from azultel.contact.models import Thread
from azultel.contact.tests.factories import thread_send
from azultel.core.models import AuditEvent
from azultel.dsr.models import Kind, Outcome, PrivacyRequest, Status

pytestmark = pytest.mark.django_db

SIGNUP = {
    "given_name": "Ana",
    "family_name": "Ruiz",
    "email": "ana.ruiz@example.com",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "street": "100 Ocean Dr",
    "unit": "",
    "city": "Miami",
    "state": "FL",
    "zip_code": "33139",
}


def test_sign_up_without_the_adult_attestation_is_refused_and_saves_nothing() -> None:
    response = Client().post("/account/signup/", SIGNUP)

    assert response.status_code == 200  # allauth shows the form again
    assert "Confirm that you are 18 or older" in response.content.decode()
    assert not User.objects.filter(email="ana.ruiz@example.com").exists()


def test_the_sign_up_page_states_accounts_are_for_adults() -> None:
    page = Client().get("/account/signup/").content.decode()

    assert "I am 18 or older" in page and "children under 13" in page


def test_sign_up_with_the_attestation_creates_the_account() -> None:
    Client().post("/account/signup/", {**SIGNUP, "adult": "on"})

    assert User.objects.filter(email="ana.ruiz@example.com").exists()


def test_the_officer_closes_a_childs_account_through_the_request_workflow(
    officer: User, officer_client: Client
) -> None:
    child = customer_create(email="kid@example.com")
    thread_send(topic="billing", email="kid@example.com", person=child)

    response = officer_client.post(
        "/staff/privacy/requests/child-account/",
        {"email": "kid@example.com", "note": "A parent called.", "confirm": "on"},
    )

    assert response.status_code == 302
    child.refresh_from_db()
    assert child.erased_at is not None and not child.is_active
    assert not Thread.objects.filter(account=child).exists()
    record = PrivacyRequest.objects.get()
    assert record.kind == Kind.DELETION and record.status == Status.CLOSED
    assert record.outcome == Outcome.DONE and record.handler == officer
    assert record.details == "A parent called." and record.erased == {"account": 1}
    assert "kid@example.com" not in record.email
    assert AuditEvent.objects.filter(action="dsr.child_account_closed").count() == 1


def test_closing_a_childs_account_needs_the_confirmation_and_the_privacy_officer(
    officer_client: Client,
) -> None:
    child = customer_create(email="kid@example.com")
    care = Client()
    care.force_login(customer_create(email="someone@example.com"))

    unconfirmed = officer_client.post(
        "/staff/privacy/requests/child-account/", {"email": "kid@example.com", "note": "x"}
    )
    by_customer = care.post(
        "/staff/privacy/requests/child-account/",
        {"email": "kid@example.com", "note": "x", "confirm": "on"},
    )

    assert unconfirmed.status_code == 400 and by_customer.status_code in (302, 403, 404)
    child.refresh_from_db()
    assert child.erased_at is None and not PrivacyRequest.objects.exists()
