from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create


@pytest.fixture(autouse=True)
def _careers_settings(settings: Any) -> None:
    settings.SITE_URL = "https://www.azultel.example"


@pytest.fixture
def hr(db: None) -> User:
    return staff_create(role="hr_recruiter")


@pytest.fixture
def hr_client(hr: User) -> Client:
    client = Client()
    client.force_login(hr)
    return client
