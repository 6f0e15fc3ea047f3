"""Demo privacy office (never loaded in production): a second privacy officer (a request needs
two), a subpoena for the demo customer's call detail waiting for the second officer, a CPNI
breach in its holding period, and last year's signed certificate. Idempotent: nothing is done once
any disclosure request exists."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from azultel.accounts.demo import CUSTOMER, STAFF_PASSWORD
from azultel.accounts.models import User
from azultel.accounts.role_grants import role_assign_by_system
from azultel.compliance import services
from azultel.compliance.models import DisclosureRequest
from azultel.core.demo import DemoSignIn
from azultel.privacy.cpni_breach import cpni_breach_law_enforcement_notified

SECOND_OFFICER = ("privacy2@demo.azultel.test", "Paul", "Second")


def _second_officer() -> User:
    email, given, family = SECOND_OFFICER
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, STAFF_PASSWORD, given_name=given, family_name=family)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        role_assign_by_system(user=user, role="privacy_officer", component="seed_demo")
    return user


def demo_seed() -> list[DemoSignIn]:
    officer = User.objects.filter(email="privacy@demo.azultel.test").first()
    customer = User.objects.filter(email=CUSTOMER[0]).first()
    if officer is None or customer is None:
        return []
    second = _second_officer()
    sign_in = [DemoSignIn("Staff: Privacy officer (second)", second.email, STAFF_PASSWORD)]
    if DisclosureRequest.objects.exists():
        return sign_in
    services.disclosure_request_record(
        actor=officer,
        draft=services.RequestDraft(
            kind="subpoena",
            asked="Subscriber name and the calls made from the line in October.",
            requester="Miami-Dade State Attorney's Office",
            legal_basis="Grand jury subpoena under Fla. Stat. 27.04",
            document_reference="GJ-2026-0481",
            customer_email=customer.email,
            fields=["name", "call_detail"],
        ),
    )
    today = timezone.localdate()
    breach = services.breach_open(
        actor=officer,
        determined_on=today - timedelta(days=3),
        description="A support spreadsheet with call records was shared outside the company.",
        customer_emails=[customer.email],
    )
    cpni_breach_law_enforcement_notified(
        breach=breach, actor=officer, reference="CRF-DEMO-0012", delay_until=None
    )
    services.certification_sign(
        actor=officer,
        year=today.year - 1,
        signer_name="Priya Officer",
        signer_title="Chief Privacy Officer",
    )
    return sign_in
