"""TMF621 Trouble Ticket: own customers' tickets only, customer-visible history only, the
ticket scope, bad input refused with nothing saved, each read a disclosure (P14)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.api.models import Partner
from azultel.api.tests.conftest import ALL_SCOPES, api, token_for
from azultel.billing.tests.factories import service_make
from azultel.care import services as care_services
from azultel.care.models import Ticket, TicketEntry
from azultel.comms.models import OutboxMessage
from azultel.core.actors import system_actor
from azultel.orders.models import Service
from azultel.privacy.models import Disclosure

TICKETS = "/api/tmf-api/troubleTicket/v4/troubleTicket"


def service_of(customer: User) -> Service:
    return service_make(customer, name="Fiber 500", kind="internet", started_on=date(2026, 1, 1))


def ticket_of(customer: User, service: Service, symptoms: str = "No internet since noon") -> Ticket:
    return care_services.ticket_open(customer=customer, service_id=str(service.pk),
                                     category="no_service", symptoms=symptoms,
                                     actor=system_actor("test"))  # fmt: skip


def body(customer: User, service: Service | None = None, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "description": "Phone line crackles",
        "ticketType": "phone_line",
        "relatedParty": [{"id": str(customer.public_id), "role": "Customer"}],
    }
    if service is not None:
        data["relatedEntity"] = [{"id": str(service.pk)}]
    return {**data, **extra}


@pytest.mark.promise("P14")
def test_list_and_read_own_customers_tickets_without_staff_notes_each_a_disclosure(
    partner: Partner, customer: User, other_customer: User
) -> None:
    mine = ticket_of(customer, service_of(customer))
    theirs = ticket_of(other_customer, service_of(other_customer))
    staff = staff_create(role="customer_care")
    care_services.ticket_staff_update(ticket=mine, actor=staff, change=care_services.TicketChange(
        status="open", update="A technician is looking at it", note="SECRET internal remark"))  # fmt: skip
    client = api(token_for(partner))

    listed = client.get(TICKETS)
    one = client.get(f"{TICKETS}/{mine.pk}")

    assert listed.status_code == 200 and [t["id"] for t in listed.json()] == [str(mine.pk)]
    assert listed["X-Total-Count"] == "1"
    ticket = one.json()
    assert ticket["@type"] == "TroubleTicket" and ticket["status"] == "inProgress"
    assert ticket["description"] == "No internet since noon"
    assert ticket["relatedParty"][0]["id"] == str(customer.public_id)
    texts = [note["text"] for note in ticket["note"]]
    assert "A technician is looking at it" in texts
    assert "SECRET" not in one.content.decode() and "SECRET" not in listed.content.decode()
    assert TicketEntry.objects.filter(ticket=mine, body__contains="SECRET").exists()
    assert client.get(f"{TICKETS}/{theirs.pk}").status_code == 404
    assert Disclosure.objects.filter(recipient="API partner Carrier One").count() == 2


def test_other_partners_ticket_is_404_in_tmf_shape(partner: Partner, other_customer: User) -> None:
    theirs = ticket_of(other_customer, service_of(other_customer))

    response = api(token_for(partner)).get(f"{TICKETS}/{theirs.pk}")

    assert response.status_code == 404
    assert response.json()["@type"] == "Error" and response.json()["code"] == "404"
    assert not Disclosure.objects.exists()


@pytest.mark.promise("P23")
def test_without_the_ticket_scope_is_403_and_nothing_is_opened(
    partner: Partner, customer: User
) -> None:
    service = service_of(customer)
    without = [scope for scope in ALL_SCOPES if scope != "ticket"]
    client = api(token_for(partner, without))

    assert client.get(TICKETS).status_code == 403
    response = client.post(TICKETS, body(customer, service), content_type="application/json")

    assert response.status_code == 403 and "ticket" in response.json()["message"]
    assert not Ticket.objects.exists()


def test_create_opens_a_care_ticket_and_emails_the_customer(
    partner: Partner, customer: User
) -> None:
    service = service_of(customer)

    response = api(token_for(partner)).post(
        TICKETS, body(customer, service), content_type="application/json"
    )

    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get()
    assert response.json()["id"] == str(ticket.pk)
    assert response.json()["status"] == "acknowledged"
    assert (ticket.customer, ticket.service, ticket.category) == (customer, service, "phone_line")
    assert OutboxMessage.objects.filter(to_address=customer.email).exists()
    assert Disclosure.objects.filter(recipient="API partner Carrier One").count() == 1


def test_create_without_service_uses_the_customers_only_service(
    partner: Partner, customer: User
) -> None:
    service = service_of(customer)

    response = api(token_for(partner)).post(
        TICKETS, body(customer), content_type="application/json"
    )

    assert response.status_code == 201
    assert Ticket.objects.get().service == service


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ticketType": "fire"}, "ticketType"),
        ({"description": "   "}, "description"),
        ({"description": "x" * 2001}, "description"),
        ({"relatedParty": []}, "relatedParty"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_nothing_saved(
    partner: Partner, customer: User, change: dict[str, object], field: str
) -> None:
    service = service_of(customer)

    response = api(token_for(partner)).post(
        TICKETS, body(customer, service, **change), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["@type"] == "Error" and field in response.json()["message"]
    assert not Ticket.objects.exists() and not TicketEntry.objects.exists()
    assert not Disclosure.objects.exists()


def test_another_partners_customer_or_service_is_422_and_nothing_saved(
    partner: Partner, customer: User, other_customer: User
) -> None:
    foreign_service = service_of(other_customer)
    client = api(token_for(partner))

    not_mine = client.post(TICKETS, body(other_customer), content_type="application/json")
    wrong_service = client.post(
        TICKETS, body(customer, foreign_service), content_type="application/json"
    )
    no_service = client.post(TICKETS, body(customer), content_type="application/json")

    assert not_mine.status_code == 422 and "relatedParty" in not_mine.json()["message"]
    assert wrong_service.status_code == 422 and "relatedEntity" in wrong_service.json()["message"]
    assert no_service.status_code == 422 and "relatedEntity" in no_service.json()["message"]
    assert not Ticket.objects.exists() and not Disclosure.objects.exists()


def test_list_queries_do_not_grow_with_tickets(partner: Partner, customer: User) -> None:
    service = service_of(customer)
    ticket_of(customer, service, "Problem 0")
    client = api(token_for(partner))
    client.get(TICKETS)  # the first read also creates the customer's disclosure subject
    with CaptureQueriesContext(connection) as one:
        client.get(TICKETS)
    for n in range(1, 6):
        ticket_of(customer, service, f"Problem {n}")

    with CaptureQueriesContext(connection) as six:
        response = client.get(TICKETS)

    assert response.status_code == 200 and len(response.json()) == 6
    assert len(six) == len(one)


def test_demo_partner_sees_the_care_demo_customers_tickets(db: None) -> None:
    from azultel.accounts.demo import demo_seed as accounts_seed
    from azultel.api.demo import CARE_CUSTOMER, PARTNER_NAME, demo_seed
    from azultel.catalog.demo import demo_seed as catalog_seed

    catalog_seed()
    accounts_seed()
    maria = User.objects.get(email=CARE_CUSTOMER)  # made by accounts.demo
    ticket = ticket_of(maria, service_of(maria))

    demo_seed()
    listed = api(token_for(Partner.objects.get(name=PARTNER_NAME))).get(TICKETS)

    assert [t["id"] for t in listed.json()] == [str(ticket.pk)]
