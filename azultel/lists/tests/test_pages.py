"""The staff pages: only marketing staff with two-step sign-in open them (P23); the import page
refuses a bad file with every line listed and writes nothing; addresses are masked; list pages
run a constant number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.lists.models import ContactList
from azultel.lists.tests.conftest import Rows
from azultel.lists.tests.factories import (
    ContactListFactory,
    ListContactFactory,
    contact_row,
    csv_file,
)
from azultel.privacy.tests.factories import DataSubjectFactory

pytestmark = pytest.mark.django_db


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _paths() -> list[str]:
    contact_list = ContactListFactory()
    return [
        "/staff/lists/",
        "/staff/lists/import/",
        f"/staff/lists/{contact_list.pk}/",
        f"/staff/lists/{contact_list.pk}/skipped/",
    ]


def _form(csv_bytes: bytes, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Austin Tech Fair 2026",
        "source_organisation": "Hill Country Makers",
        "description": "",
        "csv_file": SimpleUploadedFile("fair.csv", csv_bytes, content_type="text/csv"),
        "evidence_confirmed": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.promise("P23")
@pytest.mark.parametrize("role", ["customer_care", "billing", "analyst", "privacy_officer"])
def test_other_staff_roles_are_refused(role: str) -> None:
    client = _client_for(staff_create(role=role))
    for path in _paths():
        assert client.get(path).status_code == 403, path


@pytest.mark.promise("P23")
def test_customers_are_refused_and_visitors_sent_to_sign_in(db: None) -> None:
    customer = _client_for(customer_create(email="maria@example.com"))
    visitor = Client()
    for path in _paths():
        assert customer.get(path).status_code == 403, path
        response = visitor.get(path)
        assert response.status_code == 302 and "/account/login/" in response["Location"], path


@pytest.mark.promise("P23")
def test_marketing_staff_without_two_step_sign_in_must_set_it_up_first(db: None) -> None:
    client = _client_for(staff_create(role="marketing", two_factor=False))
    for path in _paths():
        response = client.get(path)
        assert response.status_code == 302, path
        assert "totp" in response["Location"], path


def test_marketing_staff_open_every_page_and_an_unknown_list_is_404(
    marketing_client: Client,
) -> None:
    for path in _paths():
        assert marketing_client.get(path).status_code == 200, path
    assert (
        marketing_client.get("/staff/lists/00000000-0000-0000-0000-000000000000/").status_code
        == 404
    )


def test_importing_through_the_page_shows_the_skipped_lines(
    marketing_client: Client, list_rows: Rows
) -> None:
    from azultel.comms.services import suppression_add

    suppression_add(email="bounced@example.com", reason="complaint", actor=None)
    response = marketing_client.post(
        "/staff/lists/import/",
        _form(csv_file([contact_row("a@example.com"), contact_row("bounced@example.com")])),
    )
    contact_list = ContactList.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/lists/{contact_list.pk}/skipped/"
    page = marketing_client.get(response["Location"]).content.decode()
    assert "1 person added, 1 line skipped" in page
    assert "Skipped: the address is on the do-not-email list" in page
    assert "bounced@example.com" not in page


def test_a_bad_file_is_refused_on_the_page_with_every_line_and_nothing_saved(
    marketing_client: Client, list_rows: Rows
) -> None:
    before = list_rows()
    response = marketing_client.post(
        "/staff/lists/import/",
        _form(
            csv_file(
                [
                    contact_row("a@example.com"),
                    contact_row("nope"),
                    contact_row("b@example.com", topics="faxes"),
                ]
            )
        ),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Import a contact list" in page
    assert "Nothing was imported" in page
    assert (
        '<th scope="row" data-label="Line">Line 3</th><td data-label="Problem">The email address is not valid.</td>'
        in page
    )
    assert (
        '<th scope="row" data-label="Line">Line 4</th>' in page and "Unknown topic “faxes”" in page
    )
    assert list_rows() == before


def test_the_form_needs_the_evidence_confirmation_and_a_file(
    marketing_client: Client, list_rows: Rows
) -> None:
    before = list_rows()
    unconfirmed = marketing_client.post(
        "/staff/lists/import/",
        _form(csv_file([contact_row("a@example.com")]), evidence_confirmed=""),
    )
    no_file = marketing_client.post("/staff/lists/import/", _form(b"", csv_file=""))
    assert unconfirmed.status_code == 400
    assert "Confirm that each row carries the person" in unconfirmed.content.decode()
    assert no_file.status_code == 400
    assert list_rows() == before


def test_a_file_over_the_size_limit_is_refused_before_reading(
    marketing_client: Client, list_rows: Rows, settings: Any
) -> None:
    settings.LISTS_IMPORT_MAX_BYTES = 200
    before = list_rows()
    response = marketing_client.post(
        "/staff/lists/import/",
        _form(csv_file([contact_row(f"p{n}@example.com") for n in range(10)])),
    )
    assert response.status_code == 400
    assert "more than the 1 KB limit" in response.content.decode()
    assert list_rows() == before


def test_the_list_page_masks_addresses_and_shows_the_evidence(marketing_client: Client) -> None:
    contact = ListContactFactory(
        subject=DataSubjectFactory(email="jordan.reyes@example.com"),
        given_name="Jordan",
        topics=["newsletter", "special_offers"],
    )
    page = marketing_client.get(f"/staff/lists/{contact.contact_list.pk}/").content.decode()
    assert "j•••@example.com" in page
    assert "jordan.reyes@example.com" not in page
    assert "Newsletters, Special offers" in page
    assert "sign-up form at the Austin Tech Fair" in page


def test_list_pages_run_a_constant_number_of_queries(
    marketing_client: Client, django_assert_num_queries: Any
) -> None:
    contact_list = ContactListFactory()
    ListContactFactory(contact_list=contact_list)
    ContactListFactory()
    marketing_client.get("/staff/lists/")  # warm the session and permission caches alike

    def count(path: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert marketing_client.get(path).status_code == 200
        return len(queries)

    small = (count("/staff/lists/"), count(f"/staff/lists/{contact_list.pk}/"))
    for _ in range(6):
        ListContactFactory(contact_list=contact_list)
        ListContactFactory(contact_list=ContactListFactory())
    big = (count("/staff/lists/"), count(f"/staff/lists/{contact_list.pk}/"))
    assert big == small
    # sign-in and permission checks, then the page's count and rows (the detail: its list first)
    assert small == (7, 8)
    with django_assert_num_queries(small[1]):
        marketing_client.get(f"/staff/lists/{contact_list.pk}/")


def test_the_staff_home_offers_the_tool_to_marketing_only(marketing_client: Client) -> None:
    analyst = _client_for(staff_create(role="analyst"))
    assert 'href="/staff/lists/"' in marketing_client.get("/staff/").content.decode()
    assert 'href="/staff/lists/"' not in analyst.get("/staff/").content.decode()
