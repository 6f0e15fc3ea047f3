"""Test support other apps use too: people with verified accounts, staff in roles, sign-in."""

from __future__ import annotations

import itertools
import time
from functools import lru_cache
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from django.contrib.auth.hashers import make_password
from django.test import Client

from azultel.accounts.models import CustomerProfile, User
from azultel.accounts.role_grants import role_assign_by_system
from azultel.accounts.roles import roles_sync

PASSWORD = "violet harbor lantern 42"  # noqa: S105 - the test accounts' shared passphrase
_counter = itertools.count(1)


@lru_cache(maxsize=1)
def _password_hash() -> str:
    # Hashing once per test run: Argon2 is slow on purpose (P22).
    return make_password(PASSWORD)


def customer_create(
    *,
    email: str | None = None,
    given_name: str = "Maria",
    family_name: str = "Lopez",
    verified: bool = True,
    street: str = "1200 Brickell Ave",
    city: str = "Miami",
    state: str = "FL",
    zip_code: str = "33131",
    profile: bool = True,
) -> User:
    """A customer with a verified email and an address of record."""

    n = next(_counter)
    email = email or f"customer{n}@example.com"
    user = User.objects.create(
        email=email, given_name=given_name, family_name=family_name, password=_password_hash()
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    if profile:
        CustomerProfile.objects.create(
            user=user, street=street, city=city, state=state, zip_code=zip_code
        )
    return user


def totp_secret_for(user: User) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return str(decrypt(authenticator.data["secret"]))


def totp_enable(user: User) -> str:
    """Turn on two-step sign-in; returns the secret so tests can compute codes."""

    secret: str = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    code: str = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    return code


def staff_create(*, role: str, email: str | None = None, two_factor: bool = True) -> User:
    """A staff member in one role (its Django group), with two-step sign-in by default.

    The role is given the way demo seeding gives it: ``role_assign_by_system`` (audited, no
    person acting), which also turns on the staff flag.
    """

    roles_sync()
    n = next(_counter)
    user = customer_create(
        email=email or f"{role}{n}@azultel.example",
        given_name=role.title(),
        family_name="Staff",
        profile=False,
    )
    role_assign_by_system(user=user, role=role, component="tests")
    if two_factor:
        totp_enable(user)
    return User.objects.get(pk=user.pk)


def sign_in(client: Client, user: User, *, password: str = PASSWORD, **extra: Any) -> Any:
    """A real sign-in through the allauth form (records that the password was used)."""
    return client.post("/account/login/", {"login": user.email, "password": password}, **extra)


def reauthenticate(client: Client, *, password: str = PASSWORD) -> Any:
    """Confirm the password again, as sensitive changes require (B6)."""
    return client.post("/account/reauthenticate/", {"password": password})
