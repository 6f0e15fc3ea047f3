"""TMF621 PATCH: a partner adds notes to, closes or cancels a ticket of its own customer, in the
ticket scope; another partner's ticket is 404; refusals save nothing (P14, P23)."""

from __future__ import annotations

import pytest

from azultel.accounts.models import User
from azultel.api.models import Partner
from azultel.api.tests.conftest import ALL_SCOPES, api, token_for
from azultel.api.tests.test_tickets import TICKETS, service_of, ticket_of
from azultel.api.tests.test_tmf_schemas import _check
from azultel.care.models import EntryKind, Ticket, TicketEntry
from azultel.privacy.models import Disclosure

MERGE_PATCH = "application/merge-patch+json"


def _unchanged(ticket: Ticket) -> None:
    """Only the report ``ticket_open`` wrote is there, the ticket is still new, nothing disclosed."""
    ticket.refresh_from_db()
    assert (ticket.status, ticket.closed_at) == ("new", None)
    assert list(TicketEntry.objects.values_list("kind", flat=True)) == [EntryKind.REPORT]
    assert not Disclosure.objects.exists()


@pytest.mark.promise("P14")
def test_partner_adds_a_note_then_closes_its_customers_ticket(
    partner: Partner, customer: User
) -> None:
    ticket = ticket_of(customer, service_of(customer))
    client = api(token_for(partner))

    noted = client.patch(f"{TICKETS}/{ticket.pk}",
                         {"note": [{"text": "Still down after a router restart"}]},
                         content_type="application/json")  # fmt: skip
    closed = client.patch(f"{TICKETS}/{ticket.pk}",
                          {"status": "closed", "statusChangeReason": "Working again"},
                          content_type=MERGE_PATCH)  # fmt: skip

    assert noted.status_code == 200, noted.content
    assert noted.json()["status"] == "acknowledged" and "resolutionDate" not in noted.json()
    assert "Still down after a router restart" in [n["text"] for n in noted.json()["note"]]
    assert closed.status_code == 200, closed.content
    body = closed.json()
    assert body["status"] == "closed" and "resolutionDate" in body
    _check("Common/TroubleTicket.schema.json", "TroubleTicket", body)
    ticket.refresh_from_db()
    assert ticket.status == "closed" and ticket.closed_at is not None
    history = list(TicketEntry.objects.filter(ticket=ticket).values_list("kind", "body"))
    assert history[1:] == [
        ("report", "Still down after a router restart"),
        ("status", "Status: Closed. Closed at the request of Carrier One: Working again"),
    ]
    assert Disclosure.objects.filter(recipient="API partner Carrier One").count() == 2


def test_cancelled_closes_the_ticket_and_reads_back_as_closed(
    partner: Partner, customer: User
) -> None:
    ticket = ticket_of(customer, service_of(customer))

    response = api(token_for(partner)).patch(
        f"{TICKETS}/{ticket.pk}", {"status": "cancelled"}, content_type=MERGE_PATCH
    )

    assert response.status_code == 200 and response.json()["status"] == "closed"
    assert TicketEntry.objects.filter(
        ticket=ticket, body="Status: Closed. Cancelled at the request of Carrier One."
    ).exists()


@pytest.mark.promise("P14")
def test_another_partners_ticket_is_404_and_nothing_changes(
    partner: Partner, other_customer: User
) -> None:
    theirs = ticket_of(other_customer, service_of(other_customer))

    response = api(token_for(partner)).patch(
        f"{TICKETS}/{theirs.pk}", {"status": "closed"}, content_type="application/json"
    )

    assert response.status_code == 404
    assert response.json()["@type"] == "Error" and response.json()["code"] == "404"
    _unchanged(theirs)


@pytest.mark.promise("P23")
def test_without_the_ticket_scope_is_403_and_nothing_changes(
    partner: Partner, customer: User
) -> None:
    ticket = ticket_of(customer, service_of(customer))
    without = [scope for scope in ALL_SCOPES if scope != "ticket"]

    response = api(token_for(partner, without)).patch(
        f"{TICKETS}/{ticket.pk}", {"status": "closed"}, content_type="application/json"
    )

    assert response.status_code == 403 and "ticket" in response.json()["message"]
    _unchanged(ticket)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"status": "inProgress"}, "status: A partner may set only closed or cancelled"),
        ({"status": "resolved"}, "status: A partner may set only closed or cancelled"),
        ({"description": "Something else"}, "description: This attribute cannot be changed"),
        ({"priority": "High", "status": "closed"}, "priority: This attribute cannot be changed"),
        ({}, "Nothing to change"),
        ({"@type": "TroubleTicket"}, "Nothing to change"),
        ({"note": []}, "note"),
        ({"note": [{"text": "   "}]}, "note"),
        ({"note": [{"text": "x" * 2001}]}, "note"),
        ({"statusChangeReason": "Fixed"}, "statusChangeReason: Give it with a status"),
    ],
)
def test_bad_input_is_400_naming_the_attribute_and_nothing_changes(
    partner: Partner, customer: User, change: dict[str, object], words: str
) -> None:
    ticket = ticket_of(customer, service_of(customer))

    response = api(token_for(partner)).patch(
        f"{TICKETS}/{ticket.pk}", change, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["@type"] == "Error" and words in response.json()["message"]
    _unchanged(ticket)


def test_a_closed_ticket_takes_no_change_422(partner: Partner, customer: User) -> None:
    ticket = ticket_of(customer, service_of(customer))
    client = api(token_for(partner))
    client.patch(f"{TICKETS}/{ticket.pk}", {"status": "closed"}, content_type="application/json")
    entries = TicketEntry.objects.count()
    disclosures = Disclosure.objects.count()

    again = client.patch(f"{TICKETS}/{ticket.pk}", {"note": [{"text": "One more thing"}]},
                         content_type="application/json")  # fmt: skip

    assert again.status_code == 422 and again.json()["@type"] == "Error"
    assert "closed" in again.json()["message"]
    assert TicketEntry.objects.count() == entries and Disclosure.objects.count() == disclosures
    assert not TicketEntry.objects.filter(body="One more thing").exists()
