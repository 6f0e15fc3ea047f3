from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create


@pytest.fixture(autouse=True)
def _contact_settings(settings: Any) -> None:
    settings.SITE_URL = "https://www.azultel.example"


@pytest.fixture
def care(db: None) -> User:
    return staff_create(role="customer_care")


@pytest.fixture
def care_client(care: User) -> Client:
    client = Client()
    client.force_login(care)
    return client


@pytest.fixture
def privacy_officer(db: None) -> User:
    return staff_create(role="privacy_officer")


@pytest.fixture
def privacy_client(privacy_officer: User) -> Client:
    client = Client()
    client.force_login(privacy_officer)
    return client
