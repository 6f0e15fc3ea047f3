"""The account home (P11): one card per task, what is due with Pay, numbers written for people."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from azultel.accounts.testing import customer_create
from azultel.billing import services as billing_services
from azultel.billing.models import Bill
from azultel.billing.tests.factories import service_make
from azultel.privacy.services import consent_record, subject_for_user

pytestmark = pytest.mark.django_db


@pytest.mark.promise("P11")
def test_the_account_home_shows_what_is_due_services_listing_and_choices(client: Client) -> None:
    customer = customer_create(email="maria.home@example.com")
    service = service_make(customer, started_on=date(2026, 1, 1))
    billing_services.billing_run(period_start=date(2026, 3, 1), actor=None)
    consent_record(
        subject=subject_for_user(user=customer),
        topic="newsletter",
        granted=True,
        source="registration",
    )
    bill = Bill.objects.get()
    number = service.phone_line.number
    client.force_login(customer)

    html = client.get("/account/").content.decode()

    for heading in (
        "Your bills",
        "Your services",
        "Your orders",
        "Your directory listing",
        "Your privacy choices",
    ):
        assert f">{heading}</h2>" in html
    assert f'href="/account/bills/{bill.pk}/pay/"' in html
    assert "You have answered 1 of 8 choices" in html and "Newsletters" in html
    assert number.startswith("+1") and number not in html
    national = f"({number[2:5]}) {number[5:8]}-{number[8:]}"
    assert html.count(national) == 2  # the services card and the listing card
    assert re.search(r"Listed|Not listed|Not published", html)


@pytest.mark.promise("P11")
def test_a_new_customer_sees_the_empty_states(client: Client) -> None:
    customer = customer_create(email="new.home@example.com")
    client.force_login(customer)

    html = client.get("/account/").content.decode()

    assert "Bills appear here once your first billing period ends." in html
    assert "nothing of yours is in the phone directory" in html
    assert "You have answered 0 of 8 choices" in html
    assert "/pay/" not in html
