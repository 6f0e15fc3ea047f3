"""Demo accounts for trying the site locally (never loaded in production)."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.core.demo import DemoSignIn

DEMO_CUSTOMER = ("maria.lopez@demo.azultel.test", "Maria", "Lopez", "harbor lights at dusk")
DEMO_ADMIN = ("admin@demo.azultel.test", "Alex", "Admin", "azultel demo administrator")


def demo_seed() -> list[DemoSignIn]:
    email, given, family, password = DEMO_CUSTOMER
    if not User.objects.filter(email=email).exists():
        User.objects.create_user(email, password, given_name=given, family_name=family)
    a_email, a_given, a_family, a_password = DEMO_ADMIN
    if not User.objects.filter(email=a_email).exists():
        User.objects.create_superuser(a_email, a_password, given_name=a_given, family_name=a_family)
    return [
        DemoSignIn("Customer", email, password),
        DemoSignIn("Administrator (staff admin)", a_email, a_password),
    ]
