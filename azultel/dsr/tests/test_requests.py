"""The public request form (issue 19, B2): anyone files a request, verified by a single-use
emailed link or, for an account holder's own account, by re-authentication. Forged, replayed
and expired links, requests for someone else's address and agents without a permission are
refused, nothing is disclosed, and the attempt is logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from azultel.accounts.testing import customer_create, reauthenticate, sign_in
from azultel.comms.models import OutboxMessage
from azultel.core.models import AuditEvent, StoredFile
from azultel.core.testing.sample_files import docx_bytes, pdf_bytes
from azultel.dsr.models import PrivacyRequest, Status
from azultel.dsr.tests.conftest import Clock, link_in_mail
from azultel.dsr.tests.factories import request_answered, request_filed

pytestmark = pytest.mark.django_db


def _refusals(reason: str) -> int:
    return AuditEvent.objects.filter(action="dsr.link_refused", detail__reason=reason).count()


@pytest.mark.promise("B2")
def test_B2_a_visitor_without_an_account_files_and_confirms_by_the_emailed_link() -> None:
    client = Client()

    response = client.post(
        "/privacy/requests/new/", {"kind": "access", "email": "Visitor@Example.com"}
    )

    assert response.status_code == 302 and response["Location"] == "/privacy/requests/sent/"
    filed = PrivacyRequest.objects.get()
    assert filed.status == Status.UNVERIFIED and filed.email == "visitor@example.com"
    assert filed.account is None and filed.verified_at is None
    assert filed.reference in client.get("/privacy/requests/sent/").content.decode()
    path = link_in_mail("visitor@example.com", kind="confirm")
    assert client.get(path).status_code == 200  # a page with a button; nothing used yet
    filed.refresh_from_db()
    assert filed.status == Status.UNVERIFIED

    confirmed = client.post(path)

    assert confirmed.status_code == 200 and filed.reference in confirmed.content.decode()
    filed.refresh_from_db()
    assert filed.status == Status.OPEN and filed.verified_at is not None
    assert AuditEvent.objects.filter(action="dsr.request_verified").count() == 1


def test_a_replayed_link_is_refused_and_logged() -> None:
    request_filed()
    path = link_in_mail("visitor@example.com", kind="confirm")
    Client().post(path)

    replay = Client().post(path)

    assert replay.status_code == 400 and "does not work" in replay.content.decode()
    assert _refusals("used") == 1
    assert PrivacyRequest.objects.get().status == Status.OPEN


def test_a_forged_or_altered_link_is_refused_logged_and_confirms_nothing() -> None:
    request_filed()
    path = link_in_mail("visitor@example.com", kind="confirm")
    altered = path[:-6] + ("A" if path[-6] != "A" else "B") + path[-5:]

    for bad in (altered, "/privacy/requests/confirm/not-a-token/"):
        assert Client().post(bad).status_code == 400

    assert _refusals("forged") == 2
    assert PrivacyRequest.objects.get().status == Status.UNVERIFIED


def test_an_expired_link_is_refused_and_logged(clock: Clock, settings: object) -> None:
    request_filed()
    path = link_in_mail("visitor@example.com", kind="confirm")
    clock.now += timedelta(hours=73)

    assert Client().post(path).status_code == 400

    assert _refusals("expired") == 1
    assert PrivacyRequest.objects.get().status == Status.UNVERIFIED


def test_a_download_link_cannot_confirm_a_request_nor_a_confirm_link_download(officer) -> None:
    answered = request_answered(officer=officer, email="a@example.com")
    download = link_in_mail("a@example.com", kind="download")
    confirm_path = download.replace("/download/", "/confirm/")

    assert Client().post(confirm_path).status_code == 400

    assert _refusals("wrong_purpose") == 1
    answered.refresh_from_db()
    assert answered.downloaded_at is None


def test_a_signed_in_person_asking_about_another_address_must_verify_that_address() -> None:
    customer = customer_create(email="maria@example.com")
    client = Client()
    sign_in(client, customer)
    reauthenticate(client)

    client.post("/privacy/requests/new/", {"kind": "access", "email": "someone.else@example.com"})

    filed = PrivacyRequest.objects.get()
    assert filed.account is None and filed.status == Status.UNVERIFIED
    logged = AuditEvent.objects.get(action="dsr.request_filed")
    assert logged.actor == customer and logged.detail["signed_in_for_another_address"] is True
    assert OutboxMessage.objects.filter(to_address="someone.else@example.com").count() == 1
    assert not OutboxMessage.objects.filter(
        to_address="maria@example.com", body_text__contains="/privacy/requests/download/"
    ).exists()


def test_an_account_holder_confirms_their_own_request_by_signing_in_again() -> None:
    customer = customer_create(email="maria@example.com")
    client = Client()
    sign_in(client, customer)
    form = {"kind": "deletion", "email": "maria@example.com"}
    # Given a sign-in that is no longer recent (allauth keeps when the password was used)
    session = client.session
    session.pop("account_authentication_records", None)
    session.save()
    first = client.post("/privacy/requests/new/", form)

    assert first.status_code == 302 and "/account/reauthenticate/" in first["Location"]
    assert not PrivacyRequest.objects.exists()

    reauthenticate(client)
    second = client.post("/privacy/requests/new/", form)

    assert second.status_code == 302
    filed = PrivacyRequest.objects.get()
    assert filed.account == customer and filed.status == Status.OPEN
    assert filed.verified_at is not None


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"email": "a@example.com"}, "kind", "Choose what you would like us to do."),
        ({"kind": "access", "email": "not-an-address"}, "email", "valid email"),
        ({"kind": "correction", "email": "a@example.com"}, "details", "what is wrong"),
        ({"kind": "appeal", "email": "a@example.com"}, "appeal_reference", "reference"),
        ({"kind": "nonsense", "email": "a@example.com"}, "kind", "valid choice"),
    ],
)
def test_bad_input_shows_a_clear_error_and_saves_nothing(
    form: dict[str, str], field: str, message: str
) -> None:
    response = Client().post("/privacy/requests/new/", form)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not PrivacyRequest.objects.exists() and not OutboxMessage.objects.exists()


def test_an_appeal_must_name_an_answered_request_of_the_same_address(officer) -> None:
    answered = request_answered(officer=officer, email="a@example.com", outcome="refused")
    OutboxMessage.objects.all().delete()

    other = Client().post(
        "/privacy/requests/new/",
        {"kind": "appeal", "email": "b@example.com", "appeal_reference": answered.reference},
    )

    assert other.status_code == 400
    assert "could not find" in other.content.decode()
    assert PrivacyRequest.objects.count() == 1 and not OutboxMessage.objects.exists()


def test_an_agent_without_a_signed_permission_is_refused_and_nothing_is_kept() -> None:
    base = {"kind": "access", "email": "a@example.com", "is_agent": "on", "agent_name": "Rita"}

    missing = Client().post("/privacy/requests/new/", base)
    not_pdf = Client().post(
        "/privacy/requests/new/",
        {**base, "agent_permission": SimpleUploadedFile("permission.docx", docx_bytes())},
    )

    assert missing.status_code == 400 and "signed permission" in missing.content.decode()
    assert not_pdf.status_code == 400
    assert not_pdf.context["form"].errors["agent_permission"]
    assert not PrivacyRequest.objects.exists() and not StoredFile.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_an_agent_request_waits_for_the_officer_before_anything_is_done(officer, officer_client):
    Client().post(
        "/privacy/requests/new/",
        {
            "kind": "access",
            "email": "a@example.com",
            "is_agent": "on",
            "agent_name": "Rita Agent",
            "agent_permission": SimpleUploadedFile("permission.pdf", pdf_bytes("I permit Rita")),
        },
    )
    filed = PrivacyRequest.objects.get()
    assert filed.agent_permission is not None and filed.agent_permission.purpose == (
        "agent_permission"
    )
    Client().post(link_in_mail("a@example.com", kind="confirm"))
    filed.refresh_from_db()
    assert filed.status == Status.AGENT_REVIEW
    # The officer cannot answer before the permission is checked.
    blocked = officer_client.post(
        f"/staff/privacy/requests/{filed.pk}/answer/", {"outcome": "done"}
    )
    assert blocked.status_code == 400
    assert not OutboxMessage.objects.filter(body_text__contains="/download/").exists()

    officer_client.post(f"/staff/privacy/requests/{filed.pk}/agent/", {"decision": "refuse"})

    filed.refresh_from_db()
    assert filed.status == Status.CLOSED and filed.outcome == "refused"
    assert AuditEvent.objects.filter(action="dsr.agent_refused").count() == 1
    assert not OutboxMessage.objects.filter(body_text__contains="/download/").exists()


def test_the_form_cannot_flood_a_mailbox(settings: object) -> None:
    settings.DSR_REQUEST_RATE_LIMIT = 2  # type: ignore[attr-defined]
    client = Client()
    form = {"kind": "access", "email": "target@example.com"}

    codes = [client.post("/privacy/requests/new/", form).status_code for _ in range(3)]

    assert codes == [302, 302, 400]
    assert PrivacyRequest.objects.count() == 2
    assert OutboxMessage.objects.filter(to_address="target@example.com").count() == 2


def test_the_officer_reads_the_agents_permission_and_approves(officer, officer_client) -> None:
    from azultel.accounts.testing import staff_create

    Client().post(
        "/privacy/requests/new/",
        {
            "kind": "deletion",
            "email": "a@example.com",
            "is_agent": "on",
            "agent_name": "Rita Agent",
            "agent_permission": SimpleUploadedFile("permission.pdf", pdf_bytes("I permit Rita")),
        },
    )
    Client().post(link_in_mail("a@example.com", kind="confirm"))
    filed = PrivacyRequest.objects.get()
    care = Client()
    care.force_login(staff_create(role="customer_care"))

    pdf = officer_client.get(f"/staff/privacy/requests/{filed.pk}/permission/")
    refused = care.get(f"/staff/privacy/requests/{filed.pk}/permission/")

    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf["Content-Disposition"]
    assert refused.status_code in (403, 404) and not refused.content.startswith(b"%PDF")

    officer_client.post(f"/staff/privacy/requests/{filed.pk}/agent/", {"decision": "approve"})

    filed.refresh_from_db()
    assert filed.status == Status.OPEN and filed.handler == officer
    assert AuditEvent.objects.filter(action="dsr.agent_approved").count() == 1
    assert OutboxMessage.objects.filter(
        to_address="a@example.com", subject_line__startswith="We have your privacy request"
    ).exists()
