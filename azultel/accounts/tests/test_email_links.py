"""Links in sign-in emails start with SITE_URL, whatever the request said about itself.

A password-reset or confirmation link built from the request's Host, X-Forwarded-Host or script
prefix would send the key to whoever chose them. Every link in every message below must start
with the configured SITE_URL.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, override_settings

from azultel.accounts.testing import PASSWORD, customer_create
from azultel.comms.models import OutboxMessage
from azultel.core.testing.wsgi_client import WSGIClient

SITE_URL = "https://www.azultel.example"
SIGNUP = {
    "given_name": "Ana",
    "family_name": "Ruiz",
    "email": "ana.ruiz@example.com",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "street": "100 Ocean Dr",
    "unit": "",
    "city": "Miami",
    "state": "FL",
    "zip_code": "33139",
    "adult": "on",
}
LINK = re.compile(r"\w+://[^\s<>\"]+")

POISONED_REQUESTS: dict[str, dict[str, Any]] = {
    "another allowed Host": {"HTTP_HOST": "evil.example"},
    "X-Forwarded-Host": {"HTTP_X_FORWARDED_HOST": "evil.example"},
    "SCRIPT_NAME": {"SCRIPT_NAME": "/x"},
    "all of them": {
        "HTTP_HOST": "evil.example",
        "HTTP_X_FORWARDED_HOST": "evil.example",
        "HTTP_X_FORWARDED_PROTO": "http",
        "HTTP_X_SCRIPT_NAME": "/x",
        "SCRIPT_NAME": "/x",
    },
}


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    # Django's default: the server's SCRIPT_NAME would be believed. Links must not need the
    # project's FORCE_SCRIPT_NAME = "" to come out right.
    settings.FORCE_SCRIPT_NAME = None


@pytest.fixture
def client() -> Client:
    """Sets the script prefix from SCRIPT_NAME for each request, as the real server does."""
    return WSGIClient()


def _links(template: str) -> list[str]:
    message = OutboxMessage.objects.get(template=template)
    found = LINK.findall(message.body_text) + LINK.findall(message.body_html)
    assert found, message.body_text
    return [link.rstrip(".,;:)") for link in found]  # the sentence's punctuation


def _foreign(links: list[str]) -> list[str]:
    return [link for link in links if not link.startswith(SITE_URL + "/")]


@pytest.mark.promise("P22")
@pytest.mark.parametrize("poison", list(POISONED_REQUESTS))
@pytest.mark.django_db
def test_password_reset_link_starts_with_site_url(client: Client, poison: str) -> None:
    customer = customer_create(email="maria@example.com")

    client.post("/account/password/reset/", {"email": customer.email}, **POISONED_REQUESTS[poison])

    links = _links("accounts_password_reset")
    assert _foreign(links) == []
    key_link = next(link for link in links if "/password/reset/key/" in link)
    opened = Client().get(key_link.removeprefix(SITE_URL))
    assert opened.status_code == 302 and "set-password" in opened["Location"]


@pytest.mark.promise("P19")
@pytest.mark.parametrize("poison", list(POISONED_REQUESTS))
@pytest.mark.django_db
def test_email_confirmation_link_starts_with_site_url(client: Client, poison: str) -> None:
    client.post("/account/signup/", SIGNUP, **POISONED_REQUESTS[poison])

    links = _links("accounts_verify_email")
    assert _foreign(links) == []
    confirm_link = next(link for link in links if "/account/confirm-email/" in link)
    assert Client().get(confirm_link.removeprefix(SITE_URL)).status_code == 200


@pytest.mark.parametrize("poison", list(POISONED_REQUESTS))
@pytest.mark.django_db
def test_reset_for_an_unknown_address_links_to_sign_up_on_site_url(
    client: Client, poison: str
) -> None:
    client.post(
        "/account/password/reset/", {"email": "nobody@example.com"}, **POISONED_REQUESTS[poison]
    )

    links = _links("accounts_unknown_account")
    assert _foreign(links) == []
    assert f"{SITE_URL}/account/signup/" in links


@pytest.mark.parametrize("poison", list(POISONED_REQUESTS))
@pytest.mark.django_db
def test_sign_up_with_a_taken_address_links_to_site_url(client: Client, poison: str) -> None:
    customer_create(email="maria@example.com")

    with override_settings(ACCOUNT_PREVENT_ENUMERATION=True):
        client.post(
            "/account/signup/",
            {**SIGNUP, "email": "maria@example.com"},
            **POISONED_REQUESTS[poison],
        )

    assert _foreign(_links("accounts_already_registered")) == []
