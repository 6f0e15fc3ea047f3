"""Reminders go once, with the calendar file, EVENTS_REMINDER_HOURS_BEFORE the start; registrations
are deleted EVENTS_RETENTION_DAYS after the event (B3); both are periodic jobs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from azultel.comms.models import OutboxAttachment, OutboxMessage
from azultel.core.models import AuditEvent
from azultel.core.periodic import periodic_jobs
from azultel.events.models import Registration
from azultel.events.services import registrations_purge, reminders_send
from azultel.events.tests.factories import EventFactory, register

pytestmark = pytest.mark.django_db


def test_the_reminder_goes_once_with_the_calendar_file(settings: Any) -> None:
    settings.EVENTS_REMINDER_HOURS_BEFORE = 24
    now = timezone.now()
    soon = EventFactory(
        starts_at=now + timedelta(hours=20), registration_closes_at=now + timedelta(hours=1)
    )
    later = EventFactory(starts_at=now + timedelta(days=3))
    due = register(soon, email="due@example.com")
    register(later, email="later@example.com")
    waiting = EventFactory(
        capacity=1,
        starts_at=now + timedelta(hours=10),
        registration_closes_at=now + timedelta(hours=1),
    )
    register(waiting, email="w1@example.com")
    register(waiting, email="w2@example.com")  # on the waiting list: no reminder

    assert reminders_send(now=now) == 2
    assert reminders_send(now=now + timedelta(minutes=15)) == 0

    reminders = OutboxMessage.objects.filter(template="events_reminder")
    assert sorted(reminders.values_list("to_address", flat=True)) == [
        "due@example.com",
        "w1@example.com",
    ]
    assert all(OutboxAttachment.objects.filter(message=m).exists() for m in reminders)
    due.refresh_from_db()
    assert due.reminder_sent_at is not None


@pytest.mark.promise("B3")
def test_registrations_are_deleted_after_the_retention_period(settings: Any) -> None:
    settings.EVENTS_RETENTION_DAYS = 90
    now = timezone.now()
    old = EventFactory(
        starts_at=now - timedelta(days=10), registration_closes_at=now - timedelta(days=11)
    )
    for email in ("a@example.com", "b@example.com"):
        Registration.objects.create(event=old, name="Old Person", email=email, status="confirmed")
    ended = old.ends_at

    assert registrations_purge(now=ended + timedelta(days=89)) == 0
    assert Registration.objects.count() == 2
    assert registrations_purge(now=ended + timedelta(days=91)) == 2
    assert not Registration.objects.exists()
    assert AuditEvent.objects.filter(action="events.registrations_purged").exists()


@pytest.mark.promise("B3")
def test_only_events_past_the_period_lose_their_registrations(settings: Any) -> None:
    settings.EVENTS_RETENTION_DAYS = 30
    now = timezone.now()
    past = EventFactory(
        starts_at=now - timedelta(days=40), registration_closes_at=now - timedelta(days=41)
    )
    current = EventFactory()
    Registration.objects.create(event=past, name="P", email="p@example.com", status="confirmed")
    register(current, email="c@example.com")

    assert registrations_purge(now=now) == 1
    assert list(Registration.objects.values_list("email", flat=True)) == ["c@example.com"]


def test_reminders_and_retention_are_periodic_jobs() -> None:
    schedule = periodic_jobs()
    assert schedule["events-reminders"]["task"] == "azultel.events.tasks.event_reminders"
    assert schedule["events-retention"]["task"] == "azultel.events.tasks.events_retention"
