from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.comms.models import OutboxMessage

SITE = "https://www.azultel.example"


@pytest.fixture(autouse=True)
def _dsr_settings(settings: Any) -> None:
    settings.SITE_URL = SITE


@pytest.fixture
def officer(db: None) -> User:
    return staff_create(role="privacy_officer")


@pytest.fixture
def officer_client(officer: User) -> Client:
    client = Client()
    client.force_login(officer)
    return client


class Clock:
    """A frozen ``timezone.now`` the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    frozen = Clock(datetime(2026, 3, 2, 14, 0, tzinfo=UTC))
    monkeypatch.setattr(timezone, "now", frozen)
    return frozen


def link_in_mail(to: str, *, kind: str) -> str:
    """The path of the newest ``/privacy/requests/<kind>/...`` link emailed to ``to``."""
    message = (
        OutboxMessage.objects.filter(
            to_address=to, body_text__contains=f"/privacy/requests/{kind}/"
        )
        .order_by("-created_at", "-id")
        .first()
    )
    assert message is not None, f"no {kind} link emailed to {to}"
    found = re.search(rf"{re.escape(SITE)}(/privacy/requests/{kind}/[^\s]+/)", message.body_text)
    assert found is not None
    return found.group(1)
