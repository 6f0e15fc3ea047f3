"""Fixtures for the lists tests: settings, a marketing staff member, and row counts that prove a
refused import wrote nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.core.models import AuditEvent
from azultel.lists.models import ContactList, ListContact, SkippedLine
from azultel.privacy.models import ConsentEvent, ConsentState, DataSubject

Rows = Callable[[], dict[str, int]]


@pytest.fixture(autouse=True)
def _lists_settings(settings: Any) -> None:
    settings.LISTS_IMPORT_MAX_ROWS = 50_000
    settings.LISTS_IMPORT_MAX_BYTES = 5 * 1024 * 1024
    settings.LISTS_CONTACT_RETENTION_MONTHS = 24


@pytest.fixture
def marketer(db: None) -> User:
    return staff_create(role="marketing")


@pytest.fixture
def marketing_client(marketer: User) -> Client:
    client = Client()
    client.force_login(marketer)
    return client


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in (
            ContactList,
            ListContact,
            SkippedLine,
            ConsentEvent,
            ConsentState,
            DataSubject,
            AuditEvent,
        )
    }


@pytest.fixture
def list_rows() -> Rows:
    """Row counts of the lists tables, the consent ledger, data subjects and the audit trail."""
    return _counts
