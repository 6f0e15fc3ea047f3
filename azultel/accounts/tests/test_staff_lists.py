"""Staff lists page and filter (issue 14): customer lookup and the email outbox."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from azultel.accounts.testing import customer_create, staff_create
from azultel.comms.models import MessageStatus, OutboxMessage
from azultel.comms.tests.factories import OutboxMessageFactory
from azultel.core import paging

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch: Any) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)


def _signed_in(role: str) -> Client:
    client = Client()
    client.force_login(staff_create(role=role))
    return client


def _message(n: int, status: str) -> OutboxMessage:
    return OutboxMessageFactory(
        to_address=f"person{n}@example.com", subject_line=f"Message number {n}", status=status
    )


def test_customer_lookup_pages_keep_the_search_and_page_two_shows_the_rest() -> None:
    for given in ("Ana", "Bea", "Cruz"):
        customer_create(given_name=given, family_name="Lopez")
    customer_create(given_name="Dan", family_name="Other")
    client = _signed_in("customer_care")

    first = client.get("/staff/customers/", {"q": "Lopez"}).content.decode()
    second = client.get("/staff/customers/", {"q": "Lopez", "page": "2"}).content.decode()

    assert ">Ana Lopez</a>" in first and ">Bea Lopez</a>" in first
    assert ">Cruz Lopez</a>" not in first and ">Cruz Lopez</a>" in second
    assert "Dan Other" not in first + second
    assert 'href="?q=Lopez&amp;page=2"' in first
    assert "3 customers found, page 2 of 2" in second


def test_the_outbox_filters_by_status_and_keeps_it_across_pages() -> None:
    for n in range(3):
        _message(n, MessageStatus.FAILED)
    _message(9, MessageStatus.SENT)
    client = _signed_in("privacy_officer")

    first = client.get("/staff/outbox/", {"status": "failed"}).content.decode()
    second = client.get("/staff/outbox/", {"status": "failed", "page": "2"}).content.decode()

    assert "3 messages, page 1 of 2" in first
    assert 'href="?status=failed&amp;page=2"' in first
    shown = [n for n in range(10) if f"Message number {n}<" in first + second]
    assert shown == [0, 1, 2]


def test_the_outbox_runs_the_same_queries_for_a_full_page_as_for_one_row() -> None:
    client = _signed_in("privacy_officer")
    _message(0, MessageStatus.SENT)
    client.get("/staff/outbox/")
    with CaptureQueriesContext(connection) as one:
        client.get("/staff/outbox/")
    for n in range(1, 6):
        _message(n, MessageStatus.SENT)

    with CaptureQueriesContext(connection) as full:
        client.get("/staff/outbox/")

    assert len(full.captured_queries) == len(one.captured_queries)
