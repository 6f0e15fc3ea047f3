"""Disclosures on request (P14, 47 CFR 64.2010): recorded by one privacy officer, decided by
another, handed over once with only the approved fields, written to the disclosure log, and the
customer told unless a non-disclosure order holds the notice until it ends."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.comms.models import OutboxMessage
from azultel.compliance.models import DisclosureRequest, RequestStatus
from azultel.compliance.services import (
    ComplianceRefused,
    delayed_notices_send,
    disclosure_hand_over,
    disclosure_request_approve,
    disclosure_request_record,
)
from azultel.compliance.tests.conftest import client_for, draft_for
from azultel.core.models import AuditEvent
from azultel.privacy.models import Disclosure
from azultel.privacy.services.disclosures import disclosure_log_verify

pytestmark = pytest.mark.django_db


def _refusals() -> int:
    return AuditEvent.objects.filter(action="compliance.attempt_refused").count()


def _notices_to(email: str) -> int:
    return OutboxMessage.objects.filter(to_address=email).count()


@pytest.mark.promise("P14")
def test_the_officer_who_recorded_a_request_cannot_approve_it(
    officer: User, second_officer: User, customer: User
) -> None:
    request = disclosure_request_record(actor=officer, draft=draft_for(customer))
    before = _refusals()

    with pytest.raises(ComplianceRefused, match="another privacy officer"):
        disclosure_request_approve(actor=officer, request_id=request.pk, fields=["name"])

    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING and request.decided_by is None
    assert _refusals() == before + 1
    approved = disclosure_request_approve(
        actor=second_officer, request_id=request.pk, fields=["name"]
    )
    assert approved.status == RequestStatus.APPROVED
    assert approved.decided_by == second_officer


@pytest.mark.promise("P14")
def test_the_same_officer_is_refused_through_the_page_too(officer: User, customer: User) -> None:
    request = disclosure_request_record(actor=officer, draft=draft_for(customer))
    client = client_for(officer)

    response = client.post(
        f"/staff/compliance/disclosures/{request.pk}/approve/", {"information": ["name"]}
    )

    assert response.status_code == 400
    assert "another privacy officer" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING


@pytest.mark.promise("P14")
def test_hand_over_has_only_the_approved_fields_is_logged_and_downloads_once(
    officer: User, second_officer: User, customer: User
) -> None:
    request = disclosure_request_record(actor=officer, draft=draft_for(customer))
    disclosure_request_approve(
        actor=second_officer, request_id=request.pk, fields=["name", "call_detail"]
    )
    client = client_for(second_officer)

    response = client.post(f"/staff/compliance/disclosures/{request.pk}/download/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Name"] and rows[1] == ["Maria Lopez"]
    assert ["Call from", "Call to", "Started at", "Duration (seconds)"] in rows
    assert sum(1 for r in rows if r and r[1:2] in (["+13055559876"], ["+13055554321"])) == 2
    content = response.content.decode()
    assert "maria@example.com" not in content  # asked for, not approved
    logged = Disclosure.objects.get()
    assert logged.basis == "legal_process"
    assert logged.categories == ["user.cpni", "user.name"]
    assert "GJ-2026-118" in logged.basis_reference
    assert disclosure_log_verify() == []
    request.refresh_from_db()
    assert request.status == RequestStatus.HANDED_OVER and request.disclosure == logged
    before = _refusals()

    replay = client.post(f"/staff/compliance/disclosures/{request.pk}/download/")

    assert replay.status_code == 302
    assert Disclosure.objects.count() == 1
    assert _refusals() == before + 1


@pytest.mark.promise("P14")
def test_customer_is_told_by_email_at_hand_over(
    officer: User, second_officer: User, customer: User, django_capture_on_commit_callbacks: object
) -> None:
    request = disclosure_request_record(actor=officer, draft=draft_for(customer))
    disclosure_request_approve(actor=second_officer, request_id=request.pk, fields=["name"])

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        disclosure_hand_over(actor=second_officer, request_id=request.pk)

    request.refresh_from_db()
    assert request.customer_notified_at is not None
    assert _notices_to(customer.email) == 1
    assert any("Miami-Dade State Attorney" in m.body for m in mail.outbox if customer.email in m.to)


@pytest.mark.promise("P14")
def test_a_non_disclosure_order_holds_the_notice_until_it_ends(
    officer: User, second_officer: User, customer: User
) -> None:
    ends = timezone.localdate() + timedelta(days=30)
    request = disclosure_request_record(
        actor=officer,
        draft=draft_for(customer, hold_until=ends, hold_reference="NDO 2705(b) 26-3"),
    )
    disclosure_request_approve(actor=second_officer, request_id=request.pk, fields=["name"])
    disclosure_hand_over(actor=second_officer, request_id=request.pk)

    assert delayed_notices_send(today=ends) == 0
    assert _notices_to(customer.email) == 0
    request.refresh_from_db()
    assert request.customer_notified_at is None

    later = timezone.now() + timedelta(days=31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert delayed_notices_send() == 1
        assert delayed_notices_send() == 0

    request.refresh_from_db()
    assert request.customer_notified_at is not None
    assert _notices_to(customer.email) == 1


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"legal_basis": "  "}, "legal basis"),
        ({"fields": ["name", "social_security_number"]}, "from the list"),
        ({"fields": []}, "from the list"),
        ({"kind": "friendly_request"}, "what kind"),
        ({"customer_email": "nobody@example.com"}, "No open customer"),
        ({"hold_until": "past"}, "in the future"),
    ],
)
def test_bad_requests_are_refused_nothing_saved_and_the_attempt_logged(
    officer: User, customer: User, changes: dict[str, object], reason: str
) -> None:
    if changes.get("hold_until") == "past":
        changes = {"hold_until": timezone.localdate(), "hold_reference": "NDO"}
    before = _refusals()

    with pytest.raises(ComplianceRefused, match=reason):
        disclosure_request_record(actor=officer, draft=draft_for(customer, **changes))

    assert DisclosureRequest.objects.count() == 0
    assert _refusals() == before + 1


def test_the_intake_page_refuses_fields_outside_the_list(officer: User, customer: User) -> None:
    response = client_for(officer).post(
        "/staff/compliance/disclosures/",
        {
            "kind": "warrant",
            "requester": "FBI Miami",
            "asked": "Everything",
            "legal_basis": "18 U.S.C. 2703(c)",
            "document_reference": "W-1",
            "customer_email": customer.email,
            "information": ["name", "password"],
        },
    )

    assert response.status_code == 400
    assert DisclosureRequest.objects.count() == 0


def test_approval_by_someone_without_the_privacy_role_is_refused_and_logged(
    officer: User, customer: User
) -> None:
    request = disclosure_request_record(actor=officer, draft=draft_for(customer))
    care = staff_create(role="customer_care")
    before = _refusals()

    response = client_for(care).post(
        f"/staff/compliance/disclosures/{request.pk}/approve/", {"information": ["name"]}
    )
    with pytest.raises(ComplianceRefused):
        disclosure_request_approve(actor=care, request_id=request.pk, fields=["name"])

    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING and request.decided_by is None
    assert _refusals() == before + 2


def test_approving_a_field_that_was_not_asked_for_is_refused(
    officer: User, second_officer: User, customer: User
) -> None:
    request = disclosure_request_record(actor=officer, draft=draft_for(customer, fields=["name"]))

    with pytest.raises(ComplianceRefused, match="asked for"):
        disclosure_request_approve(
            actor=second_officer, request_id=request.pk, fields=["name", "call_detail"]
        )

    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING and request.fields_approved == []


def test_nothing_is_handed_over_before_approval(
    officer: User, second_officer: User, customer: User
) -> None:
    request = disclosure_request_record(
        actor=officer, draft=draft_for(customer, kind="emergency", fields=["call_detail"])
    )

    with pytest.raises(ComplianceRefused, match="second privacy officer approves"):
        disclosure_hand_over(actor=officer, request_id=request.pk)

    assert Disclosure.objects.count() == 0
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING


@pytest.mark.promise("P14")
def test_my_data_shows_a_hand_over_only_once_the_hold_ends_and_deletion_unlinks(
    officer: User, second_officer: User, customer: User
) -> None:
    from azultel.compliance.services.personal_data import compliance_erase, compliance_export

    ends = timezone.localdate() + timedelta(days=10)
    request = disclosure_request_record(
        actor=officer, draft=draft_for(customer, hold_until=ends, hold_reference="NDO-1")
    )
    disclosure_request_approve(actor=second_officer, request_id=request.pk, fields=["name"])
    disclosure_hand_over(actor=second_officer, request_id=request.pk)

    assert compliance_export(customer) == []
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(days=11)):
        rows = compliance_export(customer)
    assert [r["to"] for r in rows] == ["Miami-Dade State Attorney"]

    compliance_erase(customer)

    request.refresh_from_db()
    assert request.customer is None
    assert Disclosure.objects.count() == 1
