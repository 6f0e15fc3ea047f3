"""The privacy officer's queue (issue 19, P23): requests with their clocks, status, handler and
answer; the privacy-topic contact messages in the same place; the monthly report (page and
CSV). Nobody else sees any of it."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.comms.models import OutboxMessage
from azultel.contact.tests.factories import thread_send
from azultel.dsr import services
from azultel.dsr.models import Status
from azultel.dsr.tests.conftest import Clock
from azultel.dsr.tests.factories import request_answered, request_confirmed, request_filed

pytestmark = pytest.mark.django_db


def test_the_queue_shows_each_request_with_its_deadlines(officer_client: Client) -> None:
    confirmed = request_confirmed(kind="correction", email="a@example.com", details="Typo")
    unconfirmed = request_filed(email="b@example.com")

    page = officer_client.get("/staff/privacy/requests/").content.decode()

    assert confirmed.reference in page and unconfirmed.reference not in page
    assert confirmed.ack_due.strftime("%b") in page and "Nobody yet" in page
    assert (
        unconfirmed.reference
        in officer_client.get("/staff/privacy/requests/?show=unverified").content.decode()
    )


def test_the_queue_lists_few_queries_whatever_the_number_of_requests(
    officer_client: Client, django_assert_max_num_queries: object
) -> None:
    for n in range(5):
        request_confirmed(email=f"p{n}@example.com")

    with django_assert_max_num_queries(14):  # type: ignore[operator]
        response = officer_client.get("/staff/privacy/requests/")

    assert response.status_code == 200


def test_acknowledging_tells_the_person_and_records_the_handler(
    officer: User, officer_client: Client
) -> None:
    confirmed = request_confirmed(email="a@example.com")

    officer_client.post(f"/staff/privacy/requests/{confirmed.pk}/acknowledge/")

    confirmed.refresh_from_db()
    assert confirmed.acknowledged_at is not None and confirmed.handler == officer
    assert OutboxMessage.objects.filter(
        to_address="a@example.com", subject_line__startswith="We are working"
    ).exists()
    detail = officer_client.get(f"/staff/privacy/requests/{confirmed.pk}/").content.decode()
    assert "Acknowledged" in detail


def test_a_refusal_needs_a_reason_and_tells_the_person_how_to_appeal(
    officer_client: Client,
) -> None:
    confirmed = request_confirmed(kind="opt_out", email="a@example.com")

    no_reason = officer_client.post(
        f"/staff/privacy/requests/{confirmed.pk}/answer/", {"outcome": "refused"}
    )
    confirmed.refresh_from_db()
    assert no_reason.status_code == 400 and confirmed.status == Status.OPEN

    officer_client.post(
        f"/staff/privacy/requests/{confirmed.pk}/answer/",
        {"outcome": "refused", "answer": "We could not match this address."},
    )

    confirmed.refresh_from_db()
    assert confirmed.status == Status.CLOSED and confirmed.answer.startswith("We could not")
    answer = OutboxMessage.objects.get(subject_line__startswith="Answer to your privacy request")
    assert "We could not match this address." in answer.body_text
    assert confirmed.reference in answer.body_text and "appeal" in answer.body_text


def test_the_privacy_messages_tab_lists_privacy_threads_only(officer_client: Client) -> None:
    private = thread_send(topic="privacy", email="p@example.com", name="Pat Privacy")
    billing = thread_send(topic="billing", email="b@example.com", name="Bo Billing")

    page = officer_client.get("/staff/privacy/requests/?show=messages").content.decode()

    assert "Pat Privacy" in page and f"/staff/contact/threads/{private.pk}/" in page
    assert "Bo Billing" not in page and str(billing.pk) not in page


@pytest.mark.parametrize(
    "path",
    [
        "/staff/privacy/requests/",
        "/staff/privacy/requests/?show=messages",
        "/staff/privacy/requests/report/",
        "/staff/privacy/requests/child-account/",
    ],
)
def test_only_the_privacy_officer_sees_the_queue(path: str) -> None:
    request_confirmed(email="secret@example.com")
    care = Client()
    care.force_login(staff_create(role="customer_care"))
    customer = Client()
    customer.force_login(customer_create())

    for client in (care, customer, Client()):
        response = client.get(path)
        assert response.status_code in (302, 403, 404)
        assert b"secret@example.com" not in response.content


def test_the_monthly_report_counts_by_kind_and_outcome_with_the_median(
    clock: Clock, officer: User
) -> None:
    start = clock.now
    request_answered(officer=officer, kind="access", email="a@example.com")  # 0 days
    slow = request_confirmed(kind="access", email="b@example.com")
    clock.now = start + timedelta(days=10)
    services.request_answer(request=slow, outcome="no_data", answer="", actor=officer)
    refused = request_confirmed(kind="deletion", email="c@example.com")
    clock.now = start + timedelta(days=14)
    services.request_answer(request=refused, outcome="refused", answer="No.", actor=officer)
    request_filed(email="unconfirmed@example.com")
    client = Client()
    client.force_login(officer)

    page = client.get("/staff/privacy/requests/report/?month=2026-03").content.decode()
    response = client.get("/staff/privacy/requests/report/?month=2026-03&format=csv")

    assert "See a copy of my data" in page
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    by_kind = {row[0]: row[1:] for row in rows[1:]}
    assert by_kind["See a copy of my data"] == ["2", "2", "1", "1", "0", "5.0"]
    assert by_kind["Delete my data"] == ["1", "1", "0", "0", "1", "4.0"]
    assert by_kind["All requests"] == ["3", "3", "1", "1", "1", "4.0"]
    assert response["Content-Disposition"].endswith('privacy-requests-2026-03.csv"')
