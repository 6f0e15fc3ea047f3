"""Reads of privacy requests, for the privacy officer only: the queue with each clock, one
request, the privacy-topic contact messages (read through contact's selectors) and the monthly
report (counts by kind and outcome, median days to close)."""

from __future__ import annotations

import statistics
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from azultel.contact.models import Thread
from azultel.contact.selectors import threads_for_staff
from azultel.core.actors import Person
from azultel.dsr.models import OPEN_STATUSES, Kind, Outcome, PrivacyRequest, Status

HANDLE_PERMISSION = "dsr.handle_privacy_request"


def may_handle(*, user: Person) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(HANDLE_PERMISSION))


def requests_for_officer(*, user: Person, state: str = "open") -> QuerySet[PrivacyRequest]:
    """The queue: open requests (oldest first), or closed, or those still unconfirmed."""
    if not may_handle(user=user):
        return PrivacyRequest.objects.none()
    rows = PrivacyRequest.objects.select_related("handler")
    if state == "closed":
        return rows.filter(status=Status.CLOSED).order_by("-closed_at", "id")
    if state == "unverified":
        return rows.filter(status=Status.UNVERIFIED).order_by("received_at", "id")
    return rows.filter(status__in=OPEN_STATUSES).order_by("received_at", "id")


def request_get_for_officer(*, user: Person, request_id: object) -> PrivacyRequest | None:
    if not may_handle(user=user):
        return None
    try:
        pk = uuid.UUID(str(request_id))
    except ValueError:
        return None
    return (
        PrivacyRequest.objects.select_related("handler", "appeal_of", "agent_permission")
        .filter(pk=pk)
        .first()
    )


def privacy_messages_for_officer(*, user: Person) -> QuerySet[Thread]:
    """The privacy-topic contact threads, read through the contact app's own scoped selector."""
    return threads_for_staff(user=user, topic="privacy")


@dataclass(frozen=True)
class ReportRow:
    label: str
    received: int
    closed: int
    done: int
    no_data: int
    refused: int
    median_days: float | None


@dataclass(frozen=True)
class MonthReport:
    year: int
    month: int
    rows: list[ReportRow]
    total: ReportRow


def _bounds(year: int, month: int) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def _row(label: str, received: list[PrivacyRequest], closed: list[PrivacyRequest]) -> ReportRow:
    days = [(r.closed_at - r.received_at).total_seconds() / 86400 for r in closed if r.closed_at]
    return ReportRow(
        label=label,
        received=len(received),
        closed=len(closed),
        done=sum(1 for r in closed if r.outcome == Outcome.DONE),
        no_data=sum(1 for r in closed if r.outcome == Outcome.NO_DATA),
        refused=sum(1 for r in closed if r.outcome == Outcome.REFUSED),
        median_days=round(statistics.median(days), 1) if days else None,
    )


def month_report(*, year: int, month: int) -> MonthReport:
    """Requests received and closed in a month, by kind, with the median days to close
    (confirmed requests only: an unconfirmed one was never a request we could act on)."""
    start, end = _bounds(year, month)
    received = list(
        PrivacyRequest.objects.exclude(status=Status.UNVERIFIED).filter(
            received_at__gte=start, received_at__lt=end
        )
    )
    closed = list(PrivacyRequest.objects.filter(closed_at__gte=start, closed_at__lt=end))
    rows = [
        _row(
            str(label),
            [r for r in received if r.kind == kind],
            [r for r in closed if r.kind == kind],
        )
        for kind, label in Kind.choices
    ]
    return MonthReport(year, month, rows, _row("All requests", received, closed))


def open_requests_count() -> int:
    return PrivacyRequest.objects.filter(status__in=OPEN_STATUSES).count()
