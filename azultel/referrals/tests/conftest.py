"""Fixtures for the referrals tests: the site address, a signed-in customer, a plan to talk
about, and posting the form the way a browser does (visitors answer the signed sum)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import signing
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.catalog.models import Product
from azultel.catalog.tests.factories import InternetPlanFactory

FRIEND = "ana.friend@example.com"


@pytest.fixture(autouse=True)
def _referrals_settings(settings: Any) -> None:
    settings.SITE_URL = "https://www.azultel.example"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REFERRALS_MIN_FORM_SECONDS = 0


@pytest.fixture
def customer(db: None) -> User:
    return customer_create(email="maria@example.com", given_name="Maria", family_name="Lopez")


@pytest.fixture
def signed_in(customer: User) -> Client:
    client = Client()
    client.force_login(customer)
    return client


@pytest.fixture
def plan(db: None) -> Product:
    return InternetPlanFactory(slug="fiber-500", name="Fiber 500")


def challenge_answer(page_html: str) -> dict[str, str]:
    """The hidden challenge token on the page and the right answer to its sum."""
    match = re.search(r'name="challenge" value="([^"]+)"', page_html)
    assert match is not None
    token = match.group(1)
    values = signing.loads(token, salt="azultel.referrals.challenge")
    return {"challenge": token, "answer": str(values["a"] + values["b"])}


@pytest.fixture
def visitor_post() -> Callable[..., Any]:
    """Open the form as a visitor, then send it with the right answer and ``fields``."""

    def post(client: Client, **fields: str) -> Any:
        page = client.get("/tell-a-friend/")
        data = {"sender_name": "Jon Visitor", "friend_name": "Ana", "friend_email": FRIEND}
        data.update(challenge_answer(page.content.decode()))
        data.update(fields)
        return client.post("/tell-a-friend/", data)

    return post
