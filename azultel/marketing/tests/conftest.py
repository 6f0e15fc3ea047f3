"""Fixtures for the marketing tests: the site address, staff in the two marketing roles, and
row counts proving a refused request wrote nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create


@pytest.fixture(autouse=True)
def _marketing_settings(settings: Any) -> None:
    settings.SITE_URL = "https://www.azultel.example"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def marketer(db: None) -> User:
    return staff_create(role="marketing")


@pytest.fixture
def supervisor(db: None) -> User:
    return staff_create(role="marketing_supervisor")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _counts() -> dict[str, int]:
    counted = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("marketing").get_models()
    }
    from azultel.comms.models import OutboxMessage

    counted["comms.OutboxMessage"] = OutboxMessage.objects.count()
    return counted


@pytest.fixture
def marketing_rows() -> Callable[[], dict[str, int]]:
    """Row counts of every marketing table and the outbox."""
    return _counts
