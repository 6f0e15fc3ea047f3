"""Test support other apps use too: people with verified accounts, staff in roles, sign-in."""

from __future__ import annotations

import itertools
import time
from typing import TYPE_CHECKING, Protocol

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.test import Client
from django.test.client import MULTIPART_CONTENT

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse
    from playwright.sync_api import Page

from azultel.accounts.models import User
from azultel.accounts.tests.factories import PASSWORD, CustomerFactory, StaffFactory, UserFactory

_counter = itertools.count(1)


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
    """A customer with a verified email and an address of record (``CustomerFactory``)."""

    names: dict[str, object] = {"given_name": given_name, "family_name": family_name}
    if email:
        names["email"] = email
    if not profile:
        return UserFactory.create(verified=verified, **names)
    return CustomerFactory.create(
        verified=verified,
        profile__street=street,
        profile__city=city,
        profile__state=state,
        profile__zip_code=zip_code,
        **names,
    )


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
    """A staff member in one role, with two-step sign-in by default (``StaffFactory``)."""

    n = next(_counter)
    return StaffFactory.create(
        email=email or f"{role}{n}@azultel.example",
        given_name=role.title(),
        role=role,
        two_factor=two_factor,
    )


def sign_in(
    client: Client, user: User, *, password: str = PASSWORD, **extra: str
) -> _MonkeyPatchedWSGIResponse:
    """A real sign-in through the allauth form (records that the password was used).

    ``extra`` are WSGI environ values (``REMOTE_ADDR="198.51.100.7"``); the other arguments of
    ``Client.post`` are spelled out at their defaults so none of them can take an ``extra``."""
    return client.post(
        "/account/login/",
        {"login": user.email, "password": password},
        MULTIPART_CONTENT,
        False,
        False,
        headers=None,
        query_params=None,
        **extra,
    )


def reauthenticate(client: Client, *, password: str = PASSWORD) -> _MonkeyPatchedWSGIResponse:
    """Confirm the password again, as sensitive changes require (B6)."""
    return client.post("/account/reauthenticate/", {"password": password})


class HasUrl(Protocol):
    """What a browser sign-in needs of pytest-django's ``live_server``: its address."""

    url: str


def signed_in_as(page: Page, live_server: HasUrl, user: User) -> None:
    """Give the browser a session signed in as ``user`` (the test client logs in; its session
    cookie is handed to the page), starting from no cookies."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
