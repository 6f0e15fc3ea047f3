"""The dashboard in Chromium, as an analyst: charts and their tables agree with seeded data (P02)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from azultel.analytics.collection import Hit
from azultel.analytics.services import hits_store
from azultel.analytics.tests.conftest import FrozenClock
from azultel.core.testing.browser import RequestLog, axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOON = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)  # the frozen clock's day, noon in New York
SEEDED_PAGES = {"/": 5, "/carrier/": 3, "/retail/": 1}


def _seed(hit_factory: Callable[..., Hit]) -> None:
    hits = []
    for path, views in SEEDED_PAGES.items():
        for n in range(views):
            hits.append(
                hit_factory(
                    minute=NOON - timedelta(hours=n),
                    path=path,
                    visitor=f"{n:032d}",
                    browser="Firefox" if n % 2 else "Chrome",
                    server_ms=4 + 10 * n,
                )
            )
    hits_store(hits=hits)


def _sign_in(browser_page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    browser_page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def _bars(page: Any, key: str) -> list[tuple[str, int]]:
    bars = page.locator(f'svg[aria-labelledby="chart-{key}-title chart-{key}-desc"] g.bar')
    return [
        (bars.nth(i).get_attribute("data-label"), int(bars.nth(i).get_attribute("data-value")))
        for i in range(bars.count())
    ]


def _column(page: Any, table_id: str, index: int) -> list[str]:
    return page.locator(f"#{table_id} tbody tr").evaluate_all(
        f"rows => rows.map(r => r.children[{index}].textContent.trim())"
    )


@pytest.mark.promise("P02")
def test_an_analyst_sees_charts_that_match_their_tables_and_the_data(
    browser_page: Any,
    browser_requests: RequestLog,
    live_server: Any,
    analyst: Any,
    frozen_clock: FrozenClock,
    hit_factory: Callable[..., Hit],
) -> None:
    _seed(hit_factory)
    _sign_in(browser_page, live_server, analyst)
    page = browser_page

    page.goto("/staff/stats/")
    page.get_by_label("Period", exact=True).select_option("today")
    page.get_by_role("button", name="Show statistics").click()
    page.wait_for_url("**/staff/stats/?range=today*")
    screenshot(page, "analytics-dashboard-today")

    line_values = page.locator('[data-series="Page views"] circle').evaluate_all(
        "points => points.map(p => Number(p.dataset.value))"
    )
    assert line_values == [int(v) for v in _column(page, "table-series", 1)]
    assert sum(line_values) == sum(SEEDED_PAGES.values())
    assert page.locator('[data-stat="views"]').inner_text() == "9"
    assert axe_violations(page) == []

    page.get_by_role("link", name="Pages and speed").click()
    page.wait_for_url("**tab=pages*")
    pages_chart = _bars(page, "pages")
    pages_table = list(
        zip(_column(page, "table-pages", 0), _column(page, "table-pages", 1), strict=True)
    )
    assert pages_chart == list(SEEDED_PAGES.items())
    assert [(label, int(n)) for label, n in pages_table] == pages_chart
    assert page.get_by_role("img", name="Top pages").is_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Browsers, devices and places").click()
    page.wait_for_url("**tab=audience*")
    assert "range=today" in page.url  # the tabs keep the period
    browsers = dict(_bars(page, "browsers"))
    assert browsers == {"Chrome": 6, "Firefox": 3}
    assert axe_violations(page) == []
    assert browser_requests.outside == []
    assert not [e for e in browser_requests.console_errors if "Content Security Policy" in e]


def test_the_custom_range_form_explains_its_errors(
    browser_page: Any, live_server: Any, analyst: Any, frozen_clock: FrozenClock
) -> None:
    _sign_in(browser_page, live_server, analyst)
    page = browser_page

    page.goto("/staff/stats/")
    page.get_by_label("Period", exact=True).select_option("custom")
    page.get_by_role("textbox", name=re.compile(r"^From")).fill("2026-06-09")
    page.get_by_role("textbox", name=re.compile(r"^To")).fill("2026-06-01")
    page.get_by_role("button", name="Show statistics").click()

    assert page.get_by_role("alert").is_visible()
    assert "on or before the last day" in page.get_by_role("alert").inner_text()
    assert axe_violations(page) == []


@pytest.mark.promise("P27")
def test_a_page_reports_its_load_time_to_this_site_only(
    chromium: Any, live_server: Any, frozen_clock: FrozenClock
) -> None:
    from azultel.analytics.buffer import buffer_flush
    from azultel.analytics.models import DailyTiming, TimingMetric
    from azultel.analytics.tests.conftest import DESKTOP_CHROME

    context = chromium.new_context(base_url=live_server.url, user_agent=DESKTOP_CHROME)
    outside: list[str] = []
    context.route(
        re.compile(r".*"),
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server.url)
            else (outside.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    try:
        with page.expect_response("**/stats/timing") as beacon:
            page.goto("/carrier/")
        body = beacon.value.request.post_data_json
        status = beacon.value.status
    finally:
        context.close()
    buffer_flush()

    assert status == 204
    assert set(body) == {"path", "load_ms"}
    assert body["path"] == "/carrier/"
    assert DailyTiming.objects.filter(metric=TimingMetric.LOAD, path="/carrier/").exists()
    assert outside == []
