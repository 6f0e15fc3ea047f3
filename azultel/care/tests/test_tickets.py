"""Trouble tickets through HTTP: reporting, the customer's view, staff triage and updates, repair
visits and their reminder (frozen clock), and every refusal with the database checked."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.care import services
from azultel.care.models import (
    AppointmentStatus,
    EntryKind,
    RepairAppointment,
    Ticket,
    TicketEntry,
    TicketStatus,
)
from azultel.care.tests.conftest import service_in
from azultel.comms.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _report(client: Client, service_id: object, **overrides: str) -> Any:
    data = {
        "service": str(service_id),
        "category": "slow_internet",
        "symptoms": "Speed drops below 5 Mbps every evening.",
    }
    data.update(overrides)
    return client.post("/account/help/report/", data)


def test_a_customer_reports_a_problem_and_sees_it_with_its_history(
    maria: User, maria_client: Client
) -> None:
    service = service_in(maria, "33131")

    response = _report(maria_client, service.pk)

    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/account/help/{ticket.pk}/"
    assert ticket.customer == maria and ticket.service == service
    assert ticket.status == TicketStatus.NEW and ticket.service_zip == "33131"
    assert list(ticket.entries.values_list("kind", flat=True)) == [EntryKind.REPORT]
    email = OutboxMessage.objects.get(template="care_ticket_opened")
    assert email.to_address == maria.email and ticket.reference in email.body_text
    page = maria_client.get(f"/account/help/{ticket.pk}/")
    assert page.status_code == 200
    assert "Speed drops below 5 Mbps" in page.content.decode()
    assert ticket.reference in maria_client.get("/account/help/").content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"symptoms": "   "}, "Describe what is happening."),
        ({"category": "broken"}, "Choose what the problem is."),
        ({"service": ""}, "Choose the service with the problem."),
    ],
)
def test_a_report_with_bad_input_says_what_is_wrong_and_saves_nothing(
    maria: User, maria_client: Client, overrides: dict[str, str], message: str
) -> None:
    service = service_in(maria, "33131")

    response = _report(maria_client, service.pk, **overrides)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.content.decode().count("<title>Error:") == 1
    assert not Ticket.objects.exists() and not OutboxMessage.objects.exists()


def test_a_report_on_another_customers_service_is_refused_and_saves_nothing(
    maria: User, maria_client: Client
) -> None:
    service_in(maria, "33131")
    other = customer_create(email="other@example.com")
    theirs = service_in(other, "33131")

    response = _report(maria_client, theirs.pk)

    assert response.status_code == 400
    assert "Choose one of your services." in response.content.decode()
    assert not Ticket.objects.exists()


def test_another_customers_ticket_is_not_found(maria_client: Client) -> None:
    other = customer_create(email="other@example.com")
    ticket = services.ticket_open(
        customer=other,
        service_id=service_in(other, "33131").pk,
        category="no_service",
        symptoms="Nothing works.",
        actor=other,
    )

    assert maria_client.get(f"/account/help/{ticket.pk}/").status_code == 404
    assert maria_client.get("/account/help/not-a-uuid/").status_code == 404
    assert ticket.reference not in maria_client.get("/account/help/").content.decode()


def _ticket(customer: User) -> Ticket:
    return services.ticket_open(
        customer=customer,
        service_id=service_in(customer, "33131").pk,
        category="no_service",
        symptoms="No dial tone since this morning.",
        actor=customer,
    )


def test_care_triages_assigns_updates_and_closes_and_the_customer_sees_only_the_update(
    maria: User, maria_client: Client, care: User, care_client: Client
) -> None:
    ticket = _ticket(maria)

    response = care_client.post(
        f"/staff/care/tickets/{ticket.pk}/update/",
        {
            "status": "closed",
            "priority": "high",
            "assignee": care.pk,
            "update": "We replaced a faulty card at the exchange.",
            "note": "Card 7 in rack B was dead.",
        },
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.CLOSED and ticket.closed_at is not None
    assert ticket.priority == "high" and ticket.assignee == care
    update = OutboxMessage.objects.get(template="care_ticket_update")
    assert "faulty card" in update.body_text and "rack B" not in update.body_text
    page = maria_client.get(f"/account/help/{ticket.pk}/").content.decode()
    assert "faulty card" in page and "rack B" not in page and "Closed" in page
    staff_page = care_client.get(f"/staff/care/tickets/{ticket.pk}/").content.decode()
    assert "rack B" in staff_page


def test_a_staff_save_that_changes_nothing_is_refused_and_writes_nothing(
    maria: User, care_client: Client
) -> None:
    ticket = _ticket(maria)
    entries = TicketEntry.objects.count()

    response = care_client.post(
        f"/staff/care/tickets/{ticket.pk}/update/",
        {"status": "new", "priority": "normal", "assignee": "", "update": "", "note": ""},
    )

    assert response.status_code == 400
    assert "Nothing to save" in response.content.decode()
    assert TicketEntry.objects.count() == entries


def test_only_care_reaches_the_ticket_pages(maria: User, maria_client: Client) -> None:
    ticket = _ticket(maria)
    billing = Client()
    billing.force_login(staff_create(role="billing"))

    assert billing.get("/staff/care/tickets/").status_code == 403
    assert maria_client.get(f"/staff/care/tickets/{ticket.pk}/").status_code == 403
    assert Client().get("/staff/care/tickets/").status_code == 404
    refused = billing.post(
        f"/staff/care/tickets/{ticket.pk}/update/",
        {"status": "closed", "priority": "normal", "note": "x"},
    )
    assert refused.status_code == 403
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.NEW


def test_the_queue_reads_a_fixed_number_of_queries(
    care_client: Client, django_assert_max_num_queries: Any
) -> None:
    for n in range(6):
        customer = customer_create(email=f"c{n}@example.com")
        _ticket(customer)

    with django_assert_max_num_queries(14):
        response = care_client.get("/staff/care/tickets/")

    assert response.status_code == 200
    assert response.content.decode().count("/staff/care/tickets/") >= 6


def test_a_visit_in_the_past_is_refused_and_nothing_is_booked(
    maria: User, care_client: Client
) -> None:
    ticket = _ticket(maria)
    yesterday = timezone.localdate() - timedelta(days=1)

    response = care_client.post(
        f"/staff/care/tickets/{ticket.pk}/visit/",
        {"day": yesterday.isoformat(), "window": "8-12"},
    )

    assert response.status_code == 400
    assert "Choose a day from tomorrow on." in response.content.decode()
    assert not RepairAppointment.objects.exists()


def _freeze(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_the_reminder_goes_the_day_before_once(
    maria: User, care: User, care_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticket = _ticket(maria)
    tz = timezone.get_current_timezone()
    _freeze(monkeypatch, datetime(2026, 5, 4, 9, 0, tzinfo=tz))
    response = care_client.post(
        f"/staff/care/tickets/{ticket.pk}/visit/", {"day": "2026-05-07", "window": "12-17"}
    )
    assert response.status_code == 302
    visit = RepairAppointment.objects.get(status=AppointmentStatus.BOOKED)
    assert OutboxMessage.objects.filter(template="care_appointment_booked").count() == 1

    _freeze(monkeypatch, datetime(2026, 5, 5, 18, 0, tzinfo=tz))  # two days before
    assert services.appointment_reminders_send() == 0
    _freeze(monkeypatch, datetime(2026, 5, 6, 8, 0, tzinfo=tz))  # the day before
    assert services.appointment_reminders_send() == 1
    assert services.appointment_reminders_send() == 0  # the next hourly run

    reminder = OutboxMessage.objects.get(template="care_appointment_reminder")
    assert reminder.to_address == maria.email
    assert "Thursday, May 7, 12 noon to 5 pm" in reminder.body_text
    visit.refresh_from_db()
    assert visit.reminder_sent_at == datetime(2026, 5, 6, 8, 0, tzinfo=tz)
    assert date(2026, 5, 7) == visit.day
