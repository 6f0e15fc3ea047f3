"""Vacation suspend and restore on the customer desk (issue 20): only for a caller the agent
has verified (64.2010(b), P30), the customer told that customer care made the change (P13/P30),
and refusals saving nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from azultel.accounts.models import User
from azultel.care import services
from azultel.care.models import Method
from azultel.comms.models import OutboxMessage
from azultel.lifecycle.models import ChangeStatus, ServiceChange
from azultel.orders.models import Service, ServiceRate

pytestmark = pytest.mark.django_db

PASSCODE = "582914"


def _url(name: str, customer: User, service: Service) -> str:
    return reverse(f"care:{name}", args=[customer.public_id, service.pk])


def _dates(start_in: int, days: int, key: str) -> dict[str, str]:
    starts = timezone.localdate() + timedelta(days=start_in)
    return {
        "starts_on": starts.isoformat(),
        "ends_on": (starts + timedelta(days=days)).isoformat(),
        "idempotency_key": key * 24,
    }


def _nothing_changed() -> None:
    assert not ServiceChange.objects.exists()
    assert not ServiceRate.objects.exists()
    assert not OutboxMessage.objects.filter(template="lifecycle_change_notice").exists()


def test_p30_care_cannot_suspend_before_verifying_the_caller_and_nothing_changes(
    maria: User, care_client: Client, fiber: Service
) -> None:
    services.passcode_set(customer=maria, passcode=PASSCODE, actor=maria)

    page = care_client.get(_url("desk_vacation", maria, fiber))
    refused = care_client.post(_url("desk_suspend", maria, fiber), _dates(5, 10, "a"))

    assert page.status_code == refused.status_code == 403
    assert "Verify the caller first" in refused.content.decode()
    _nothing_changed()


def test_p13_p30_care_books_and_calls_off_a_suspension_for_a_verified_caller(
    maria: User, care: User, care_client: Client, fiber: Service
) -> None:
    services.passcode_set(customer=maria, passcode=PASSCODE, actor=maria)
    services.caller_verify(customer=maria, method=Method.PASSCODE, secret=PASSCODE, actor=care)

    booked = care_client.post(_url("desk_suspend", maria, fiber), _dates(5, 10, "a"))
    assert booked.status_code == 302
    suspension = ServiceChange.objects.get()
    assert (suspension.actor, suspension.status) == (care, ChangeStatus.SCHEDULED)
    assert "Already booked" in care_client.get(_url("desk_vacation", maria, fiber)).content.decode()
    off = care_client.post(_url("desk_restore", maria, fiber), {"idempotency_key": "b" * 24})

    assert off.status_code == 302
    suspension.refresh_from_db()
    assert suspension.status == ChangeStatus.CANCELLED
    notices = OutboxMessage.objects.filter(template="lifecycle_change_notice")
    assert notices.count() == 2
    assert all("Our customer care team made this change" in n.body_text for n in notices)
    assert {n.to_address for n in notices} == {"maria@example.com"}


def test_a_return_day_before_the_first_day_is_refused_next_to_the_field(
    maria: User, care: User, care_client: Client, fiber: Service
) -> None:
    services.passcode_set(customer=maria, passcode=PASSCODE, actor=maria)
    services.caller_verify(customer=maria, method=Method.PASSCODE, secret=PASSCODE, actor=care)

    response = care_client.post(_url("desk_suspend", maria, fiber), _dates(5, -3, "a"))

    assert response.status_code == 400
    assert "The return day must be after the first day." in response.content.decode()
    assert "<title>Error:" in response.content.decode()
    _nothing_changed()
