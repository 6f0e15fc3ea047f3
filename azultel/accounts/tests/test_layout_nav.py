"""The header's staff link is decided at sign-in and kept in the session: a customer's pages run
no permission lookup, and staff see the link."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from azultel.accounts.context_processors import STAFF_NAV_SESSION_KEY
from azultel.accounts.roles import ROLE_BY_KEY, roles_sync
from azultel.accounts.testing import customer_create, sign_in

STAFF_LINK = '<a href="/staff/">Staff tools</a>'
pytestmark = pytest.mark.django_db


def _page(client: Client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/company/")
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in captured.captured_queries]


def test_a_customer_sees_no_staff_link_and_no_permission_is_looked_up() -> None:
    client = Client()
    sign_in(client, customer_create(email="maria@example.com"))

    page, queries = _page(client)

    assert "Sign out" in page
    assert STAFF_LINK not in page
    assert not [sql for sql in queries if "auth_permission" in sql]


def test_a_member_of_a_role_with_customer_records_sees_the_staff_link() -> None:
    # Given a care agent whose staff flag is off: the role's permission alone decides
    roles_sync()
    agent = customer_create(email="care@example.com", profile=False)
    agent.groups.add(Group.objects.get(name=ROLE_BY_KEY["customer_care"].title))
    client = Client()
    sign_in(client, agent)

    page, _ = _page(client)

    assert STAFF_LINK in page


def test_a_session_from_before_the_choice_was_kept_decides_once_and_keeps_it() -> None:
    # Given a signed-in customer whose session does not hold the choice yet
    client = Client()
    sign_in(client, customer_create(email="jon@example.com"))
    session = client.session
    del session[STAFF_NAV_SESSION_KEY]
    session.save()

    # When two pages are shown, the first decides (a permission lookup), the second does not
    first, first_queries = _page(client)
    second, second_queries = _page(client)

    assert STAFF_LINK not in first and STAFF_LINK not in second
    assert [sql for sql in first_queries if "auth_permission" in sql]
    assert not [sql for sql in second_queries if "auth_permission" in sql]
    assert client.session[STAFF_NAV_SESSION_KEY] is False


def test_signed_out_visitors_see_no_staff_link(client: Client) -> None:
    page, queries = _page(client)

    assert STAFF_LINK not in page and "Sign in" in page
    assert queries == []
