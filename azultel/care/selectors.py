"""Reads of the care desk, scoped to whom they belong to: another customer's ticket id is "no such
ticket"; staff read tickets through the queue and one ticket at a time."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from azultel.accounts.models import User
from azultel.care.models import (
    AppointmentStatus,
    CallerSecurity,
    CallerVerification,
    Outage,
    OutageStatus,
    RepairAppointment,
    Ticket,
    TicketEntry,
    TicketStatus,
    VerificationAttempt,
)
from azultel.orders import selectors as order_selectors

OPEN_STATUSES = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.WAITING)


def _uuid_or_none(value: object) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def _with_service() -> QuerySet[Ticket]:
    return Ticket.objects.select_related("service__phone_line", "outage", "assignee")


def tickets_for_customer(*, customer: User) -> list[Ticket]:
    return list(_with_service().filter(customer=customer).order_by("-created_at", "id"))


def ticket_get_for_customer(*, customer: User, ticket_id: object) -> Ticket | None:
    pk = _uuid_or_none(ticket_id)
    if pk is None:
        return None
    return _with_service().filter(pk=pk, customer=customer).first()


def tickets_for_customers(*, customers: QuerySet[User]) -> QuerySet[Ticket]:
    """Tickets of ``customers`` with only what a customer sees of each history (no staff notes),
    for readers outside the desk (the partner API)."""
    visible = TicketEntry.objects.filter(visible_to_customer=True).order_by("created_at", "id")
    return (
        Ticket.objects.filter(customer__in=customers)
        .select_related("customer")
        .prefetch_related(Prefetch("entries", queryset=visible, to_attr="customer_entries"))
        .order_by("-created_at", "id")
    )


def ticket_history_for_customer(*, ticket: Ticket) -> list[TicketEntry]:
    """What the customer sees of the history: everything except staff notes."""
    return list(ticket.entries.filter(visible_to_customer=True).order_by("created_at", "id"))


def ticket_history_for_staff(*, ticket: Ticket) -> list[TicketEntry]:
    return list(ticket.entries.select_related("author").order_by("created_at", "id"))


def ticket_get_for_staff(*, ticket_id: object) -> Ticket | None:
    pk = _uuid_or_none(ticket_id)
    if pk is None:
        return None
    return _with_service().select_related("customer").filter(pk=pk).first()


def ticket_queue(*, status: str = "", mine_of: User | None = None) -> QuerySet[Ticket]:
    """Staff queue: open tickets oldest first unless a status is chosen (three queries a page)."""
    rows = _with_service().select_related("customer")
    rows = rows.filter(status=status) if status else rows.filter(status__in=OPEN_STATUSES)
    if mine_of is not None:
        rows = rows.filter(assignee=mine_of)
    return rows.prefetch_related(
        Prefetch(
            "appointments",
            queryset=RepairAppointment.objects.filter(status=AppointmentStatus.BOOKED),
            to_attr="booked",
        )
    ).order_by("created_at", "id")


def ticket_queue_count() -> int:
    return Ticket.objects.filter(status=TicketStatus.NEW).count()


def ticket_appointment_booked(*, ticket: Ticket) -> RepairAppointment | None:
    return RepairAppointment.objects.filter(ticket=ticket, status=AppointmentStatus.BOOKED).first()


def ticket_handlers() -> QuerySet[User]:
    """Staff who may be given a ticket (holding the ticket permission through a role)."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(
                groups__permissions__codename="handle_ticket",
                groups__permissions__content_type__app_label="care",
            )
            | Q(is_superuser=True)
        )
        .distinct()
        .order_by("given_name", "family_name", "id")
    )


def outages_active() -> list[Outage]:
    return list(
        Outage.objects.filter(status=OutageStatus.ACTIVE)
        .annotate(ticket_count=Count("tickets"))
        .prefetch_related("zips")
        .order_by("-started_at")
    )


def outages_recent_ended(*, limit: int = 20) -> list[Outage]:
    return list(
        Outage.objects.filter(status=OutageStatus.ENDED)
        .prefetch_related("zips")
        .order_by("-ended_at")[:limit]
    )


def outage_get_for_staff(*, outage_id: object) -> Outage | None:
    pk = _uuid_or_none(outage_id)
    return None if pk is None else Outage.objects.filter(pk=pk).first()


def outages_for_customer(*, customer: User) -> list[Outage]:
    """Active outages where the customer has an active service (two queries)."""
    zips = order_selectors.service_zips_active_for_customer(customer=customer)
    if not zips:
        return []
    return list(
        Outage.objects.filter(status=OutageStatus.ACTIVE, zips__zip_code__in=zips)
        .distinct()
        .order_by("-started_at")
    )


@dataclass(frozen=True)
class CallerState:
    """What the desk shows about verifying a caller."""

    passcode_set: bool
    locked_until: object  # datetime | None
    verification: CallerVerification | None
    attempts: list[VerificationAttempt]

    @property
    def verified(self) -> bool:
        return self.verification is not None


def caller_verification_active(*, staff: object, customer: User) -> CallerVerification | None:
    """The staff member's open window with this caller, if any."""
    return (
        CallerVerification.objects.filter(
            staff_id=getattr(staff, "pk", None), customer=customer, expires_at__gt=timezone.now()
        )
        .order_by("-expires_at")
        .first()
    )


def caller_state(*, staff: User, customer: User) -> CallerState:
    security = CallerSecurity.objects.filter(customer=customer).first()
    now = timezone.now()
    locked = (
        security.locked_until
        if security and security.locked_until and security.locked_until > now
        else None
    )
    return CallerState(
        passcode_set=bool(security and security.passcode_hash),
        locked_until=locked,
        verification=caller_verification_active(staff=staff, customer=customer),
        attempts=list(
            VerificationAttempt.objects.filter(customer=customer)
            .select_related("staff")
            .order_by("-created_at", "-id")[:10]
        ),
    )
