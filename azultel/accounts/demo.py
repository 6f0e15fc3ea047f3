"""Demo accounts for trying the site locally (never loaded in production)."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from azultel.accounts.models import CustomerProfile, User
from azultel.accounts.role_grants import role_assign_by_system
from azultel.accounts.roles import ROLE_BY_KEY, roles_sync
from azultel.core.demo import DemoSignIn
from azultel.privacy.services import consent_record, subject_for_user

CUSTOMER = ("maria.lopez@demo.azultel.test", "Maria", "Lopez", "harbor lights at dusk")
STAFF = (
    ("care@demo.azultel.test", "Carlos", "Care", "customer_care"),
    ("privacy@demo.azultel.test", "Priya", "Officer", "privacy_officer"),
    ("analyst@demo.azultel.test", "Ana", "Lyst", "analyst"),
    ("billing@demo.azultel.test", "Bill", "Ingram", "billing"),
    ("operator@demo.azultel.test", "Olivia", "Operator", "directory_operator"),
    ("hr@demo.azultel.test", "Hana", "Recruiter", "hr_recruiter"),
    ("admin@demo.azultel.test", "Alex", "Admin", "administrator"),
)
STAFF_PASSWORD = "azultel demo staff member"  # noqa: S105 - demo only, printed by make run


def _user(email: str, given: str, family: str, password: str) -> tuple[User, bool]:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(email, password, given_name=given, family_name=family)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, True


def demo_seed() -> list[DemoSignIn]:
    email, given, family, password = CUSTOMER
    customer, created = _user(email, given, family, password)
    if created:
        CustomerProfile.objects.create(
            user=customer,
            street="1200 Brickell Ave",
            unit="Apt 1504",
            city="Miami",
            state="FL",
            zip_code="33131",
            phone="+13055550123",
        )
        consent_record(
            subject=subject_for_user(user=customer),
            topic="newsletter",
            granted=True,
            source="registration",
        )
    roles_sync()
    sign_ins = [DemoSignIn("Customer", email, password)]
    for staff_email, staff_given, staff_family, role in STAFF:
        member, created = _user(staff_email, staff_given, staff_family, STAFF_PASSWORD)
        if created:
            # Seeding is a system step run from the command line, not a person: no second
            # administrator approves it (the audit trail records "system:seed_demo").
            role_assign_by_system(user=member, role=role, component="seed_demo")
        sign_ins.append(
            DemoSignIn(f"Staff: {ROLE_BY_KEY[role].title}", staff_email, STAFF_PASSWORD)
        )
    return sign_ins
