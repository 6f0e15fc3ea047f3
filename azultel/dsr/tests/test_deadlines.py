"""Each request's clock, with a frozen clock (issue 19): acknowledge within 10 days, answer
within 45, one extension of 45 with a notice to the requester, reminders to the privacy office
once per deadline; the purge 24 months after closing (B3)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.comms.models import OutboxMessage
from azultel.dsr import services
from azultel.dsr.models import PrivacyRequest, Status
from azultel.dsr.tests.conftest import Clock
from azultel.dsr.tests.factories import request_answered, request_confirmed, request_filed

pytestmark = pytest.mark.django_db


def test_the_clock_acknowledge_in_10_days_answer_in_45(clock: Clock) -> None:
    filed = request_confirmed()

    assert filed.received_at == clock.now
    assert filed.ack_due == clock.now + timedelta(days=10)
    assert filed.answer_due == clock.now + timedelta(days=45)


def test_one_extension_of_45_days_with_a_notice_and_never_a_second(
    clock: Clock, officer: User
) -> None:
    filed = request_confirmed(email="a@example.com")
    clock.now += timedelta(days=30)
    officer_client = Client()
    officer_client.force_login(officer)

    response = officer_client.post(
        f"/staff/privacy/requests/{filed.pk}/extend/", {"reason": "Records are in the archive."}
    )

    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.answer_due == filed.received_at + timedelta(days=90)
    notice = OutboxMessage.objects.get(to_address="a@example.com", subject_line__contains="More")
    assert "Records are in the archive." in notice.body_text
    assert "May 31, 2026" in notice.body_text  # March 2 + 90 days

    again = officer_client.post(
        f"/staff/privacy/requests/{filed.pk}/extend/", {"reason": "Still busy."}
    )

    assert again.status_code == 400 and "already extended once" in again.content.decode()
    filed.refresh_from_db()
    assert filed.extension_reason == "Records are in the archive."
    assert OutboxMessage.objects.filter(subject_line__contains="More").count() == 1


def test_an_extension_needs_a_reason_and_an_open_request(officer: User) -> None:
    filed = request_filed()

    with pytest.raises(services.RequestRefused):
        services.request_extend(request=filed, reason="Busy", actor=officer)
    confirmed = request_confirmed(email="b@example.com")
    with pytest.raises(services.RequestRefused):
        services.request_extend(request=confirmed, reason="  ", actor=officer)

    assert not PrivacyRequest.objects.filter(extended_at__isnull=False).exists()


def _reminders() -> list[str]:
    return list(
        OutboxMessage.objects.filter(subject_line__startswith="Privacy request").values_list(
            "subject_line", flat=True
        )
    )


def test_reminders_before_each_deadline_are_sent_once(clock: Clock, officer: User) -> None:
    filed = request_confirmed()
    start = clock.now

    clock.now = start + timedelta(days=6)
    assert services.reminders_send() == 0
    clock.now = start + timedelta(days=7, hours=1)  # 3 days before the acknowledgement is due
    assert services.reminders_send() == 1
    assert services.reminders_send() == 0  # once
    assert len(_reminders()) >= 1 and all("acknowledge" in s for s in _reminders())
    assert officer.email in OutboxMessage.objects.filter(
        subject_line__startswith="Privacy request"
    ).values_list("to_address", flat=True)

    clock.now = start + timedelta(days=42, hours=1)  # 3 days before the answer is due
    assert services.reminders_send() == 1
    assert services.reminders_send() == 0
    assert any("answer" in s for s in _reminders())

    # An extension sets a new deadline, so its reminder comes again, once.
    services.request_extend(request=filed, reason="Archive", actor=officer)
    assert services.reminders_send() == 0
    clock.now = start + timedelta(days=87, hours=1)
    assert services.reminders_send() == 1
    assert services.reminders_send() == 0


@pytest.mark.promise("B3")
def test_closed_requests_are_purged_after_24_months_B3(clock: Clock, officer: User) -> None:
    answered = request_answered(officer=officer)
    kept = request_confirmed(email="open@example.com")
    clock.now += timedelta(days=700)

    assert services.requests_purge() == 0

    clock.now += timedelta(days=40)
    assert services.requests_purge() == 1
    assert not PrivacyRequest.objects.filter(pk=answered.pk).exists()
    assert PrivacyRequest.objects.filter(pk=kept.pk, status=Status.OPEN).exists()


@pytest.mark.promise("B3")
def test_requests_never_confirmed_are_purged_after_30_days(clock: Clock) -> None:
    request_filed()
    clock.now += timedelta(days=29)
    assert services.requests_purge() == 0
    clock.now += timedelta(days=2)
    assert services.requests_purge() == 1
    assert not PrivacyRequest.objects.exists()


def test_the_demo_seeds_requests_in_several_states_once() -> None:
    from azultel.accounts.demo import demo_seed as accounts_demo_seed
    from azultel.dsr.demo import demo_seed

    accounts_demo_seed()
    demo_seed()
    demo_seed()

    statuses = sorted(PrivacyRequest.objects.values_list("status", flat=True))
    assert statuses == ["agent_review", "closed", "open", "open", "unverified"]
    assert PrivacyRequest.objects.filter(extended_at__isnull=False).count() == 1
