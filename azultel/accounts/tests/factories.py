# mypy: disable-error-code="no-untyped-call,untyped-decorator"
# (factory_boy declarations are untyped; accounts/testing.py imports this module, so mypy reads it)
"""Factories for accounts rows (factory_boy): people, their email addresses and profiles, staff.

Every account shares the passphrase ``azultel.accounts.testing.PASSWORD``; its Argon2 hash is
computed once per run (P22 makes hashing slow on purpose) and reused by every factory call.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from azultel.accounts.models import CustomerProfile, RoleGrant, User

PASSWORD = "violet harbor lantern 42"


@lru_cache(maxsize=1)
def password_hash() -> str:
    return make_password(PASSWORD)


class EmailAddressFactory(factory.django.DjangoModelFactory[EmailAddress]):
    class Meta:
        model = EmailAddress

    email = factory.SelfAttribute("user.email")
    verified = True
    primary = True


class CustomerProfileFactory(factory.django.DjangoModelFactory[CustomerProfile]):
    class Meta:
        model = CustomerProfile

    street = "1200 Brickell Ave"
    city = "Miami"
    state = "FL"
    zip_code = "33131"


class UserFactory(factory.django.DjangoModelFactory[User]):
    """An account with a primary email address (verified unless ``verified=False``), no profile."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        verified = True

    email = factory.Sequence(lambda n: f"customer{n}@example.com")
    given_name = "Maria"
    family_name = "Lopez"
    password = factory.LazyFunction(password_hash)
    email_address = factory.RelatedFactory(
        EmailAddressFactory,
        factory_related_name="user",
        verified=factory.SelfAttribute("..verified"),
    )


class CustomerFactory(UserFactory):
    """A customer with a verified email and an address of record (``profile__zip_code=...``)."""

    profile = factory.RelatedFactory(CustomerProfileFactory, factory_related_name="user")


class StaffFactory(UserFactory):
    """A staff member in one role (``role=...``, its Django group) with two-step sign-in on
    (``two_factor=False`` leaves it off) and no customer profile.

    The role is given the way demo seeding gives it: ``role_assign_by_system`` (audited, no person
    acting), which also turns on the staff flag.
    """

    email = factory.Sequence(lambda n: f"staff{n}@azultel.example")
    given_name = "Customer_Care"
    family_name = "Staff"

    @factory.post_generation
    def role(obj: User, create: bool, extracted: str | None, **kwargs: Any) -> None:
        from azultel.accounts.role_grants import role_assign_by_system
        from azultel.accounts.roles import roles_sync

        roles_sync()
        role_assign_by_system(user=obj, role=extracted or "customer_care", component="tests")

    @factory.post_generation
    def two_factor(obj: User, create: bool, extracted: bool | None, **kwargs: Any) -> None:
        from azultel.accounts.testing import totp_enable

        if extracted is None or extracted:
            totp_enable(obj)
        obj.refresh_from_db()


class RoleGrantFactory(factory.django.DjangoModelFactory[RoleGrant]):
    """A waiting request for a role, as ``role_grant_request`` leaves it (without its audit)."""

    class Meta:
        model = RoleGrant

    target = factory.SubFactory(UserFactory)
    role = "billing"
    reason = "Needs the role for tests."
    requested_by = factory.SubFactory(StaffFactory, role="administrator")
