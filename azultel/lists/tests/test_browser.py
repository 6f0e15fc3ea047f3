"""The import page in Chromium on a 360 px phone screen, as marketing staff: a bad file is refused
with its lines listed, the corrected file is imported and its people are shown masked; axe finds no serious problem and nothing
scrolls sideways."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from azultel.accounts.testing import staff_create
from azultel.core.testing.browser import RequestLog, axe_violations, screenshot, sideways_overflow
from azultel.lists.models import ContactList, ListContact
from azultel.lists.tests.factories import contact_row, csv_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Any, live_server: Any) -> None:
    client = Client()
    client.force_login(staff_create(role="marketing"))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def _upload(page: Any, content: bytes) -> None:
    page.get_by_label("Name of the list").fill("Austin Tech Fair 2026")
    page.get_by_label("Supplied by").fill("Hill Country Makers Association")
    page.get_by_label("The file", exact=True).set_input_files(
        {"name": "fair.csv", "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_label("The partner gave us each person").check()
    page.get_by_role("button", name="Check and import").click()


def test_importing_a_list_on_a_phone(
    browser_page: Any, browser_requests: RequestLog, live_server: Any
) -> None:
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    _sign_in(page, live_server)

    page.goto("/staff/lists/import/")
    form_violations = axe_violations(page)
    form_overflow = sideways_overflow(page)

    _upload(page, csv_file([contact_row("a@example.com"), contact_row("not-an-address")]))
    page.get_by_role("heading", name="Nothing was imported").wait_for()
    problems_text = page.locator("#problems + table").inner_text()
    refused_violations = axe_violations(page)
    refused_overflow = sideways_overflow(page)
    screenshot(page, "lists-import-refused-360")
    rows_after_refusal = ListContact.objects.count()

    _upload(page, csv_file([contact_row("a@example.com"), contact_row("b@example.com")]))
    page.get_by_role("heading", name="Austin Tech Fair 2026: import result").wait_for()
    result_violations = axe_violations(page)
    result_overflow = sideways_overflow(page)
    screenshot(page, "lists-import-result-360")

    page.get_by_role("link", name="See the people on this list").click()
    page.get_by_role("heading", name="Austin Tech Fair 2026", exact=True).wait_for()
    detail_violations = axe_violations(page)
    detail_overflow = sideways_overflow(page)
    detail_text = page.locator("main").inner_text()
    screenshot(page, "lists-list-detail-360")

    assert form_violations == [] and refused_violations == [] and result_violations == []
    assert detail_violations == []
    assert (form_overflow, refused_overflow, result_overflow, detail_overflow) == (0, 0, 0, 0)
    assert "a•••@example.com" in detail_text and "a@example.com" not in detail_text
    assert "3" in problems_text and "The email address is not valid." in problems_text
    assert rows_after_refusal == 0
    assert ContactList.objects.get().rows_imported == 2
    assert browser_requests.outside == []
