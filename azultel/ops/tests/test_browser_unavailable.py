"""The 503 pages in Debian's Chromium at a phone's and a laptop's width: the nodes' "database
unavailable" page (with Retry-After), their "upload store full" page, and the balancer's own
static 503 page (scripts/stack/503.http). Each is a plain page a visitor can read: a heading,
plain words, no sideways scrolling, no serious or critical axe violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from azultel.core.testing.browser import RequestLog, axe_violations, sideways_overflow
from azultel.core.testing.screenshots import screenshot_dir

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("azultel.ops.tests.outage_views"),
]

BALANCER_503 = Path(__file__).resolve().parents[3] / "scripts" / "stack" / "503.http"
WIDTHS = [360, 1280]


def _errors_besides_the_pages_own_503(requests: RequestLog) -> list[str]:
    """Chromium logs the document's own 503 as a console error; anything else (a stylesheet
    that failed to load, a script error) is a real problem."""
    return [e for e in requests.console_errors if "status of 503" not in e]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_database_unavailable_page_reads_well_and_says_when_to_retry(
    browser_page: Any, browser_requests: RequestLog, settings: Any, width: int
) -> None:
    browser_page.set_viewport_size({"width": width, "height": 900})

    response = browser_page.goto("/test-outage/")

    assert response.status == 503
    assert response.headers["retry-after"] == str(settings.DATABASE_OUTAGE_RETRY_AFTER_SECONDS)
    assert browser_page.get_by_role("heading", level=1).inner_text() == "Back in a moment"
    assert "Nothing you sent was saved" in browser_page.inner_text("main")
    # The site's stylesheet loaded (the page has the site's look, not the browser's default)
    assert any(url.endswith("site.css") for url in browser_requests.all_urls)
    assert browser_page.evaluate("getComputedStyle(document.body).margin") == "0px"
    assert sideways_overflow(browser_page) == 0
    assert axe_violations(browser_page) == []
    assert _errors_besides_the_pages_own_503(browser_requests) == []
    browser_page.screenshot(path=str(screenshot_dir() / f"unavailable-database-{width}.png"))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_upload_store_full_page_says_nothing_was_saved(
    browser_page: Any, browser_requests: RequestLog, width: int
) -> None:
    browser_page.set_viewport_size({"width": width, "height": 900})

    response = browser_page.goto("/test-store-full/")

    assert response.status == 503
    assert "retry-after" in response.headers
    heading = browser_page.get_by_role("heading", level=1).inner_text()
    assert heading == "Your file was not saved"
    assert "nothing from this form was saved" in browser_page.inner_text("main")
    assert sideways_overflow(browser_page) == 0
    assert axe_violations(browser_page) == []
    assert _errors_besides_the_pages_own_503(browser_requests) == []
    browser_page.screenshot(path=str(screenshot_dir() / f"unavailable-upload-{width}.png"))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_balancers_own_503_page_is_a_plain_accessible_page(
    browser_page: Any, width: int
) -> None:
    # HAProxy sends this file as it is when no node is up: headers, a blank line, the page.
    head, _, body = BALANCER_503.read_text().partition("\n\n")
    assert head.startswith("HTTP/1.1 503")
    assert "\nRetry-After: 10" in head
    browser_page.set_viewport_size({"width": width, "height": 900})

    browser_page.set_content(body, wait_until="load")

    assert browser_page.title() == "Back in a moment - Azultel"
    assert browser_page.get_by_role("heading", level=1).inner_text() == "Back in a moment"
    assert sideways_overflow(browser_page) == 0
    assert axe_violations(browser_page) == []
