"""The phone directory in a real browser: search, results, accessibility (axe-core), B5."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from azultel.core.testing.browser import RequestLog, axe_violations
from azultel.orders.models import PhoneLine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.promise("P06")
def test_search_by_name_and_city_shows_listed_numbers_accessibly(
    browser_page: Any, browser_requests: RequestLog, make_line: Callable[..., PhoneLine]
) -> None:
    make_line(
        given="Lucia",
        family="Garcia",
        city="Miami",
        zip_code="33131",
        choice="listed",
        listed_name="Lucia Garcia",
    )
    make_line(
        given="Pedro",
        family="Garcia",
        city="Miami",
        zip_code="33131",
        choice="non_listed",
        listed_name="Pedro Garcia",
    )
    page = browser_page

    page.goto("/")
    page.get_by_role("link", name="Site map").first.click()
    page.get_by_role("link", name="Phone directory").click()
    page.wait_for_url("**/directory/")
    empty_form = axe_violations(page)
    page.get_by_label("Name").fill("Garcia")
    page.get_by_label("City").fill("Miami")
    page.get_by_role("button", name="Search").click()
    results = page.locator("table").inner_text()
    with_results = axe_violations(page)
    page.get_by_label("Name").fill("G")
    page.get_by_role("button", name="Search").click()
    error = page.get_by_role("alert").inner_text()

    assert "Lucia Garcia" in results and "Pedro" not in results
    assert "at least two letters" in error
    assert empty_form == [] and with_results == []
    assert browser_requests.outside == []
