"""Fulfilment across every app (B2, issue 19): one request covers everything the data map lists,
for account holders (their account's export and erasure) and for people without an account
(the email-keyed handlers of careers, referrals, events, contact, lists, surveys, emails)."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.careers.models import Application
from azultel.careers.tests.factories import application_make
from azultel.comms.addresses import address_fingerprint
from azultel.contact.models import Thread
from azultel.contact.tests.factories import thread_send
from azultel.core.models import AuditEvent
from azultel.dsr import services
from azultel.dsr.models import Outcome, PrivacyRequest, Status
from azultel.dsr.tests.conftest import link_in_mail
from azultel.dsr.tests.factories import request_confirmed
from azultel.events.models import Registration
from azultel.events.tests.factories import EventFactory, register
from azultel.privacy.datamap import map_entries
from azultel.privacy.models import ConsentEvent
from azultel.privacy.registry import email_erasure_hooks, email_export_providers, export_providers
from azultel.privacy.selectors import consent_is_granted
from azultel.privacy.services import consent_record, subject_for_email
from azultel.referrals.models import Referral
from azultel.referrals.tests.factories import ReferralFactory
from azultel.site.models import ContactMessage

pytestmark = pytest.mark.django_db

VISITOR = "visitor@example.com"
OTHER = "someone.else@example.com"


def _holdings(email: str) -> None:
    ReferralFactory.create(friend_email=email)
    register(EventFactory.create(), email=email)
    thread_send(topic="privacy", email=email, message="Please tell me what you hold.")
    application_make(email=email)


@pytest.mark.promise("B2")
def test_B2_a_person_without_an_account_has_their_data_deleted_in_every_app(
    officer_client: Client,
) -> None:
    _holdings(VISITOR)
    _holdings(OTHER)
    confirmed = request_confirmed(kind="deletion", email=VISITOR)

    response = officer_client.post(
        f"/staff/privacy/requests/{confirmed.pk}/answer/", {"outcome": "done", "answer": ""}
    )

    assert response.status_code == 302
    assert not Referral.objects.filter(friend_hash=address_fingerprint(VISITOR)).exists()
    assert Referral.objects.filter(friend_hash="").count() == 1  # the count stays
    assert not Registration.objects.filter(email__iexact=VISITOR).exists()
    assert not Thread.objects.filter(sender_email__iexact=VISITOR).exists()
    assert not ContactMessage.objects.filter(email__iexact=VISITOR).exists()
    assert not Application.objects.filter(email__iexact=VISITOR).exists()
    # Nobody else's data is touched.
    assert Referral.objects.filter(friend_hash=address_fingerprint(OTHER)).count() == 1
    assert Registration.objects.filter(email=OTHER).count() == 1
    assert Thread.objects.filter(sender_email=OTHER).count() == 1
    assert Application.objects.filter(email=OTHER).count() == 1
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CLOSED and confirmed.outcome == Outcome.DONE
    assert confirmed.erased["referral_invitations_received"] == 1
    assert confirmed.erased["event_registrations"] == 1
    assert confirmed.erased["contact_threads"] >= 1
    assert confirmed.erased["job_applications"] == 1
    assert AuditEvent.objects.filter(action="dsr.data_erased").count() == 1


@pytest.mark.promise("B2")
def test_B2_an_access_request_gives_a_single_use_download_of_everything_held(
    officer: User,
) -> None:
    _holdings(VISITOR)
    confirmed = request_confirmed(kind="access", email=VISITOR)
    services.request_answer(request=confirmed, outcome="done", answer="", actor=officer)
    path = link_in_mail(VISITOR, kind="download")
    client = Client()

    assert client.get(path).status_code == 200  # a page with a button: nothing used yet
    response = client.post(path)

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    held = data["held_under_your_address"]
    assert held["event_registrations"][0]["email"] == VISITOR
    assert held["contact_threads"][0]["messages"][0]["text"] == "Please tell me what you hold."
    assert held["job_applications"][0]["email"] == VISITOR
    assert len(held["referral_invitations_received"]) == 1
    assert OTHER not in response.content.decode()

    replay = Client().post(path)

    assert replay.status_code == 400 and b"held_under" not in replay.content
    assert AuditEvent.objects.filter(action="dsr.link_refused", detail__reason="used").count() == 1
    assert AuditEvent.objects.filter(action="dsr.result_downloaded").count() == 1


@pytest.mark.promise("B2")
def test_an_account_holders_deletion_uses_the_account_erasure(officer: User) -> None:
    customer = customer_create(email="maria@example.com")
    filed = services.request_file(
        details=services.RequestDetails(kind="deletion", email="maria@example.com"),
        account=customer,
        reauthenticated=True,
        agent_permission=None,
        actor=customer,
    )

    services.request_answer(request=filed, outcome="done", answer="", actor=officer)

    customer.refresh_from_db()
    assert customer.erased_at is not None and not customer.is_active
    filed.refresh_from_db()
    assert filed.erased == {"account": 1}


def test_a_request_not_yet_confirmed_cannot_be_fulfilled(officer: User) -> None:
    _holdings(VISITOR)
    filed = PrivacyRequest.objects.create(
        reference="PR-TEST-01",
        kind="deletion",
        email=VISITOR,
        received_at=officer.date_joined,
        link_nonce="x" * 32,
    )

    with pytest.raises(services.RequestRefused):
        services.request_answer(request=filed, outcome="done", answer="", actor=officer)

    assert Registration.objects.filter(email=VISITOR).count() == 1


def test_only_the_privacy_officer_fulfils() -> None:
    confirmed = request_confirmed(kind="deletion", email=VISITOR)
    customer = customer_create()

    with pytest.raises(PermissionError):
        services.request_answer(request=confirmed, outcome="done", answer="", actor=customer)

    confirmed.refresh_from_db()
    assert confirmed.status == Status.OPEN


# Models holding personal data that no request handler covers, each with the reason.
EXEMPT = {
    "api.hubdelivery": "event notices queued for a partner (order ids and states, no name or "
    "address), deleted 30 days after delivery; the order itself is in the orders export",
    "analytics.pageview": "anonymous statistics: a daily keyed hash, never a person (P01)",
    "analytics.visitorseen": "anonymous statistics: a daily keyed hash, never a person (P01)",
    "careers.equalopportunityanswer": "kept apart with no link to the applicant (totals only)",
    "compliance.cpnicertification": "the officer's signature on the certificate (64.2009(e))",
    "comms.suppressedaddress": "a keyed fingerprint kept so refused email stays stopped (P12)",
    "core.auditevent": "the security log (two years); it holds no content",
    "directory.assistancesearch": "the operators' search log; never changed (directory rules)",
    "dsr.privacyrequest": "the request itself, kept 24 months as proof of the answer",
    "marketing.cpnicampaignrecord": "kept at least a year by 47 CFR 64.2009(c)",
    "privacy.consentevent": "append-only consent ledger (B4); erasure unlinks the person",
    "privacy.consentstate": "the current consent answer; erasure unlinks the person",
    "privacy.datasubject": "the pseudonym the ledger points at; erasure clears its link",
    "privacy.disclosure": "the tamper-evident disclosure log (P14); erasure unlinks the person",
    "privacy_testapp.identitysample": "a model installed only in tests",
    "referrals.blockedaddress": "a fingerprint kept so no more invitations reach the address",
}
# Account holders: what the account's own erasure (accounts) and each app's per-user handler
# (the names registered with ``export_provider_register``) cover.
PER_ACCOUNT = {
    "account.emailaddress": "accounts",
    "accounts.customerprofile": "accounts",
    "accounts.signinsession": "accounts",
    "accounts.user": "accounts",
    "mfa.authenticator": "accounts",
    "sessions.session": "accounts",
    "api.partnercustomer": "partner_api",
    "billing.bill": "billing",
    "billing.collectionsnotice": "billing_collections",
    "billing.instalment": "billing_collections",
    "billing.paymentarrangement": "billing_collections",
    "care.callersecurity": "care",
    "care.repairappointment": "care",
    "care.ticket": "care",
    "care.ticketentry": "care",
    "care.verificationattempt": "care",
    "orders.linesetup": "orders",
    "orders.noticeacknowledgement": "orders",
    "orders.portin": "orders",
    "orders.portoutprotection": "orders",
    "billing.billingaccount": "billing",
    "billing.billline": "billing",
    "billing.credit": "billing",
    "billing.onetimecharge": "billing",
    "billing.payment": "billing",
    "billing.usagerecord": "billing",
    "careers.application": "job_applications",
    "compliance.breachcustomer": "disclosures_on_request",
    "compliance.disclosurerequest": "disclosures_on_request",
    "compliance.trainingacknowledgement": "disclosures_on_request",
    "careers.applicationnote": "job_applications",
    "contact.thread": "contact_threads",
    "contact.threadentry": "contact_threads",
    "comms.outboxmessage": "emails",
    "comms.outboxattachment": "emails",
    "core.storedfile": "job_applications",
    "events.registration": "event_registrations",
    "lifecycle.servicechange": "service_changes",
    "lists.listcontact": "contact_lists",
    "orders.cartline": "orders",
    "orders.checkout": "orders",
    "orders.creditcheck": "orders",
    "orders.order": "orders",
    "orders.orderline": "orders",
    "orders.phoneline": "orders",
    "orders.service": "orders",
    "orders.servicerate": "orders",
    "payments.charge": "payments",
    "payments.sandboxcardtoken": "payments",
    "payments.sandboxcharge": "payments",
    "payments.storedcard": "payments",
    "referrals.referral": "referrals_sent",
    "site.contactmessage": "contact_messages",
    "surveys.answer": "surveys",
    "surveys.response": "surveys",
}


@pytest.mark.promise("B2")
def test_B2_every_personal_field_in_the_data_map_has_an_export_or_deletion_handler() -> None:
    personal_models = {entry.model for entry in map_entries()}
    by_email = {
        model for handler in [*email_export_providers(), *email_erasure_hooks()]
        for model in handler.models
    }  # fmt: skip
    registered = set(export_providers()) | {"accounts"}

    uncovered = sorted(personal_models - set(PER_ACCOUNT) - set(EXEMPT))
    unknown_handlers = sorted(
        f"{model}: {name}" for model, name in PER_ACCOUNT.items() if name not in registered
    )
    # Whatever a person without an account can leave (an address typed into a form) is covered
    # by an email-keyed handler too.
    without_account = {
        "careers.application",
        "contact.thread",
        "events.registration",
        "lists.listcontact",
        "referrals.referral",
        "site.contactmessage",
        "surveys.response",
        "comms.outboxmessage",
    }

    assert uncovered == [], "personal data with no export or deletion handler"
    assert unknown_handlers == []
    assert without_account <= by_email
    assert all(apps.get_model(label) for label in by_email)


@pytest.mark.promise("P04")
def test_P04_what_a_request_holds_is_declared_for_the_legal_purpose_and_kept_24_months() -> None:
    declared = [entry for entry in map_entries() if entry.model == "dsr.privacyrequest"]

    assert {entry.field_name for entry in declared} == {
        "email",
        "account",
        "details",
        "agent_name",
        "answer",
    }
    assert all(entry.declaration.purposes == ("legal",) for entry in declared)
    assert all(entry.declaration.retention == "privacy_request_24m" for entry in declared)


@pytest.mark.promise("P30")
def test_an_accounts_copy_is_given_only_to_that_account_signed_in_with_its_password(
    officer: User,
) -> None:
    from azultel.accounts.testing import sign_in

    customer = customer_create(email="maria@example.com")
    filed = services.request_file(
        details=services.RequestDetails(kind="access", email="maria@example.com"),
        account=customer,
        reauthenticated=True,
        agent_permission=None,
        actor=customer,
    )
    services.request_answer(request=filed, outcome="done", answer="", actor=officer)
    path = link_in_mail("maria@example.com", kind="download")

    anonymous = Client().post(path)

    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]
    filed.refresh_from_db()
    assert filed.downloaded_at is None and filed.download_nonce  # the link is not used up
    client = Client()
    sign_in(client, customer)
    response = client.post(path)
    assert response.status_code == 200 and json.loads(response.content)["account"]


@pytest.mark.promise("B4")
@pytest.mark.parametrize(
    ("kind", "topics"),
    [
        ("opt_out", {"data_sharing"}),
        ("limit_sensitive", {"cpni_marketing", "profiling_combination"}),
    ],
)
def test_B4_an_opt_out_or_limit_use_request_done_withdraws_those_choices_in_the_ledger(
    officer_client: Client, kind: str, topics: set[str]
) -> None:

    subject = subject_for_email(email=VISITOR)
    for topic in ("data_sharing", "cpni_marketing", "profiling_combination", "newsletter"):
        consent_record(subject=subject, topic=topic, granted=True, source="profile")
    confirmed = request_confirmed(kind=kind, email=VISITOR)

    response = officer_client.post(
        f"/staff/privacy/requests/{confirmed.pk}/answer/", {"outcome": "done", "answer": ""}
    )

    assert response.status_code == 302
    for topic in ("data_sharing", "cpni_marketing", "profiling_combination"):
        assert consent_is_granted(subject=subject, topic=topic) is (topic not in topics)
    assert consent_is_granted(subject=subject, topic="newsletter") is True
    withdrawn = ConsentEvent.objects.filter(subject=subject, granted=False)
    assert {e.topic for e in withdrawn} == topics
    assert {e.source for e in withdrawn} == {"staff"}
    assert AuditEvent.objects.filter(action="dsr.choices_withdrawn").count() == 1


def test_a_refused_opt_out_request_changes_no_choice(officer_client: Client) -> None:

    subject = subject_for_email(email=VISITOR)
    consent_record(subject=subject, topic="data_sharing", granted=True, source="profile")
    confirmed = request_confirmed(kind="opt_out", email=VISITOR)

    officer_client.post(
        f"/staff/privacy/requests/{confirmed.pk}/answer/",
        {"outcome": "refused", "answer": "We could not match this request to you."},
    )

    assert consent_is_granted(subject=subject, topic="data_sharing") is True
    assert not AuditEvent.objects.filter(action="dsr.choices_withdrawn").exists()
