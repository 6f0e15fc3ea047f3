"""The home page's query count (issue 23): none for a visitor, a fixed few when signed in."""

from __future__ import annotations

import pytest
from django.test import Client

from azultel.accounts.testing import customer_create


@pytest.mark.django_db
def test_the_home_page_runs_no_query_for_a_visitor(
    client: Client, django_assert_num_queries: object
) -> None:
    client.get("/")  # the process's first page loads what it keeps for every later one

    with django_assert_num_queries(0):  # type: ignore[operator]
        response = client.get("/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_home_page_runs_two_queries_when_signed_in(
    client: Client, django_assert_num_queries: object
) -> None:
    client.force_login(customer_create(email="maria@example.com"))
    client.get("/")  # the session's first request does its upkeep

    with django_assert_num_queries(2):  # type: ignore[operator]  # session, user
        response = client.get("/")

    assert response.status_code == 200
