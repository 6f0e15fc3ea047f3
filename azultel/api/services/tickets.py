"""TMF621: a partner reports a problem for one of its own customers through the care desk, adds
to the report and closes (or cancels) it."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.api.models import Partner
from azultel.care import services as care_services
from azultel.care.models import Ticket
from azultel.core.actors import system_actor
from azultel.orders import selectors as order_selectors


class ApiTicketRefused(ValueError):
    """The ticket cannot be opened; the message says which attribute to fix."""


def partner_ticket_open(
    *, partner: Partner, customer: User, service_id: str | None, category: str, symptoms: str
) -> Ticket:
    """Open a care ticket for ``customer`` (already checked to be ``partner``'s own) on the
    named service, or on the customer's only service when none is named."""
    if service_id is None:
        services = list(order_selectors.services_for_customer(customer=customer)[:2])
        if len(services) != 1:
            raise ApiTicketRefused(
                "relatedEntity: name the service with the problem (role Service)."
                if services
                else "relatedEntity: this customer has no service with Azultel."
            )
        service_id = str(services[0].pk)
    try:
        return care_services.ticket_open(
            customer=customer, service_id=service_id, category=category, symptoms=symptoms,
            actor=system_actor(f"api partner {partner.pk}"),
        )  # fmt: skip
    except care_services.TicketRefused as exc:
        message = f"relatedEntity: {exc}" if "service" in str(exc) else str(exc)
        raise ApiTicketRefused(message) from exc


# TMF621 status a partner may ask for -> the words the ticket's history gets. Both close the
# care ticket (the desk has no "cancelled"), so either reads back as "closed".
CLOSING_STATUSES = {"closed": "Closed at the request of {partner}",
                    "cancelled": "Cancelled at the request of {partner}"}  # fmt: skip


def partner_ticket_update(
    *, partner: Partner, ticket: Ticket, notes: list[str], status: str | None, reason: str
) -> Ticket:
    """Add ``notes`` to the partner's customer's ``ticket`` (already checked to be the partner's)
    and close it when ``status`` is one of ``CLOSING_STATUSES``, ``reason`` in its history."""
    close_words = None
    if status is not None:
        close_words = CLOSING_STATUSES[status].format(partner=partner.name)
        close_words += f": {reason.strip()}" if reason.strip() else "."
    try:
        return care_services.ticket_reporter_update(
            ticket=ticket, notes=notes, close_words=close_words,
            actor=system_actor(f"api partner {partner.pk}"),
        )  # fmt: skip
    except care_services.TicketRefused as exc:
        raise ApiTicketRefused(str(exc)) from exc
