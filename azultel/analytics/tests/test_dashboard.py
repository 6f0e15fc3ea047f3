"""The statistics dashboard: analysts only, numbers from rollups, charts with tables (P02)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from azultel.analytics import selectors
from azultel.analytics.collection import Hit
from azultel.analytics.services import hits_store
from azultel.analytics.tests.conftest import FrozenClock
from azultel.site.pages import page_list

pytestmark = pytest.mark.django_db

URL = reverse("analytics:dashboard")
TODAY_NOON = datetime(2026, 6, 10, 16, 0, tzinfo=UTC)  # frozen_clock's day, noon in New York
REPORT_QUERIES = 18


def _seed(hit_factory: Callable[..., Hit]) -> None:
    """Today: 3 views of / by 2 visitors, 1 of /carrier/; eight days ago: 2 views of /."""
    hits_store(
        hits=[
            hit_factory(minute=TODAY_NOON, path="/", visitor="a" * 32, server_ms=5),
            hit_factory(
                minute=TODAY_NOON,
                path="/",
                visitor="b" * 32,
                referrer="news.example",
                state="FL",
                server_ms=5,
            ),
            hit_factory(
                minute=TODAY_NOON + timedelta(minutes=5), path="/", visitor="a" * 32, server_ms=200
            ),
            hit_factory(
                minute=TODAY_NOON + timedelta(minutes=6),
                path="/carrier/",
                visitor="a" * 32,
                device="mobile",
                platform="iOS",
                server_ms=40,
            ),
            hit_factory(minute=TODAY_NOON - timedelta(days=8), path="/", visitor="c" * 32),
            hit_factory(minute=TODAY_NOON - timedelta(days=8), path="/", visitor="d" * 32),
        ]
    )


def _table(html: str, table_id: str) -> list[list[str]]:
    body = html.split(f'id="{table_id}"', 1)[1].split("</tbody>", 1)[0].split("<tbody>", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def _bars(html: str, chart_id: str) -> list[tuple[str, str]]:
    svg = html.split(f'id="{chart_id}-title"', 1)[1].split("</svg>", 1)[0]
    return re.findall(r'<g class="bar" data-label="([^"]*)" data-value="(\d+)">', svg)


def test_anonymous_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert "next=/staff/stats/" in response["Location"]


def test_people_without_the_analyst_permission_are_refused(
    client: Client, django_user_model: Any
) -> None:
    user = django_user_model.objects.create_user(
        email="someone@azultel.example", password="x" * 20, given_name="S", family_name="O"
    )
    client.force_login(user)

    response = client.get(URL)

    assert response.status_code == 403
    assert b"Site statistics" not in response.content


@pytest.mark.promise("P02")
def test_the_dashboard_shows_the_seeded_numbers(
    analyst_client: Client, frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    _seed(hit_factory)

    response = analyst_client.get(URL, {"range": "today"})
    pages = analyst_client.get(URL, {"range": "today", "tab": "pages"}).content.decode()
    sources = analyst_client.get(URL, {"range": "today", "tab": "sources"}).content.decode()
    audience = analyst_client.get(URL, {"range": "today", "tab": "audience"}).content.decode()

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'data-stat="visitors">2<', html)
    assert re.search(r'data-stat="views">4<', html)
    assert _table(pages, "table-pages") == [
        ["/", "3", "2", "0", "none in the previous period"],
        ["/carrier/", "1", "1", "0", "none in the previous period"],
    ]
    assert _bars(pages, "chart-pages") == [("/", "3"), ("/carrier/", "1")]
    assert _table(sources, "table-referrers")[0][:2] == ["news.example", "1"]
    assert _table(audience, "table-states")[0][:2] == ["Florida", "1"]
    assert _table(audience, "table-devices")[1][:2] == ["Mobile", "1"]
    assert _table(pages, "table-timing")[0] == ["/", "5 ms", "200 ms", "no data", "no data"]
    hours = _table(html, "table-series")
    assert len(hours) == 24
    assert hours[12][:3] == ["12:00", "4", "2"]


@pytest.mark.promise("P02")
def test_periods_are_compared_with_the_previous_period(
    analyst_client: Client, frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    _seed(hit_factory)

    html = analyst_client.get(URL, {"range": "7d"}).content.decode()
    pages = analyst_client.get(URL, {"range": "7d", "tab": "pages"}).content.decode()

    assert "Jun 4, 2026 to Jun 10, 2026" in html
    assert "previous period (May 28, 2026 to Jun 3, 2026)" in html
    assert _table(pages, "table-pages")[0] == ["/", "3", "2", "2", "up 50%"]
    assert _table(html, "table-series")[-1][:3] == ["Jun 10", "4", "2"]


@pytest.mark.parametrize(
    ("params", "label"),
    [
        ({"range": "today"}, "Jun 10, 2026"),
        ({}, "May 12, 2026 to Jun 10, 2026"),
        ({"range": "30d"}, "May 12, 2026 to Jun 10, 2026"),
        ({"range": "12m"}, "July 2025 to June 2026"),
        (
            {"range": "custom", "start": "2026-06-01", "end": "2026-06-03"},
            "Jun 1, 2026 to Jun 3, 2026",
        ),
        (
            {"range": "custom", "start": "2025-01-15", "end": "2025-09-02"},
            "January 2025 to September 2025",
        ),
    ],
)
def test_every_range_renders_its_period(
    analyst_client: Client,
    frozen_clock: FrozenClock,
    hit_factory: Callable[..., Hit],
    params: dict[str, str],
    label: str,
) -> None:
    _seed(hit_factory)

    response = analyst_client.get(URL, params)

    assert response.status_code == 200
    assert f"<strong>{label}</strong>" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field", "error"),
    [
        ({"range": "custom", "start": "2026-06-05", "end": "2026-06-01"}, "start", "on or before"),
        ({"range": "custom", "start": "2026-06-01", "end": "2026-07-01"}, "end", "after today"),
        ({"range": "custom", "start": "2026-06-01"}, "end", "last day of the range"),
        ({"range": "custom", "start": "yesterday", "end": "2026-06-01"}, "start", "valid date"),
        ({"range": "forever"}, "range", "valid choice"),
    ],
)
def test_a_bad_range_is_explained_beside_the_field(
    analyst_client: Client,
    frozen_clock: FrozenClock,
    params: dict[str, str],
    field: str,
    error: str,
) -> None:
    response = analyst_client.get(URL, params)

    html = response.content.decode()
    assert response.status_code == 400
    assert error in html.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert 'role="alert"' in html
    assert "Summary" not in html


@pytest.mark.promise("P02")
def test_charts_are_accessible_svg_without_inline_style_or_script(
    analyst_client: Client, frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    _seed(hit_factory)

    html = "".join(
        analyst_client.get(URL, {"range": "30d", "tab": tab}).content.decode()
        for tab in ("overview", "pages", "sources", "audience")
    )

    # decorative icons of the layout are aria-hidden; every chart is an image with a title
    icons = [s for s in re.findall(r"<svg [^>]*>", html) if 'class="icon' in s]
    assert all('aria-hidden="true"' in s for s in icons)
    svgs = [s for s in re.findall(r"<svg [^>]*>", html) if 'class="icon' not in s]
    assert len(svgs) >= 5
    assert all('role="img"' in s and "aria-labelledby=" in s for s in svgs)
    for chart_id in re.findall(r'<svg [^>]*aria-labelledby="([\w-]+)-title', html):
        assert f'<title id="{chart_id}-title">' in html
        assert f'<desc id="{chart_id}-desc">' in html
    assert "style=" not in html
    assert "<script>" not in html and " on" + "click=" not in html
    assert "/static/analytics/analytics.css" in html


def test_labels_from_the_data_are_escaped(
    analyst_client: Client, frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    hits_store(hits=[hit_factory(minute=TODAY_NOON, path='/"><script>alert(1)</script>')])

    html = analyst_client.get(URL, {"range": "today", "tab": "pages"}).content.decode()

    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_report_costs_the_same_queries_whatever_the_data(
    frozen_clock: FrozenClock, hit_factory: Callable[..., Hit], django_assert_num_queries: Any
) -> None:
    ranges = [
        selectors.report_range(kind=kind, today=date(2026, 6, 10))
        for kind in ("today", "7d", "30d", "12m")
    ]
    with django_assert_num_queries(REPORT_QUERIES * len(ranges)):
        empty = [selectors.dashboard_report(report_range=r) for r in ranges]
    hits_store(
        hits=[
            hit_factory(
                minute=TODAY_NOON - timedelta(days=d, minutes=m),
                path=f"/p{m % 40}/",
                visitor=f"{d:04d}{m:028d}",
                referrer=f"r{m % 13}.example",
            )
            for d in range(0, 400, 9)
            for m in range(0, 300, 7)
        ]
    )

    with django_assert_num_queries(REPORT_QUERIES * len(ranges)):
        full = [selectors.dashboard_report(report_range=r) for r in ranges]

    assert [r.views.current for r in empty] == [0, 0, 0, 0]
    assert all(r.views.current > 0 for r in full)
    assert len(full[3].breakdown("pages").rows) == 10


def test_the_page_costs_the_same_queries_whatever_the_data(
    analyst_client: Client, frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    analyst_client.get(URL)  # warm the session
    with CaptureQueriesContext(connection) as small:
        analyst_client.get(URL, {"range": "12m"})
    hits_store(
        hits=[
            hit_factory(
                minute=TODAY_NOON - timedelta(days=d),
                path=f"/p{d % 50}/",
                visitor=f"{d:032d}",
                referrer=f"r{d % 7}.example",
                state="TX",
            )
            for d in range(300)
        ]
    )

    with CaptureQueriesContext(connection) as large:
        response = analyst_client.get(URL, {"range": "12m"})

    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_dashboard_is_not_in_the_public_page_registry(client: Client) -> None:
    sitemap = client.get("/sitemap.xml").content.decode()

    assert not [p for p in page_list() if p.url_name.startswith("analytics:")]
    assert "/staff/stats/" not in sitemap


def test_the_dashboard_is_split_into_tabs_that_keep_the_period(
    analyst_client: Client, frozen_clock: FrozenClock, hit_factory: Callable[..., Hit]
) -> None:
    _seed(hit_factory)

    overview = analyst_client.get(URL, {"range": "7d"}).content.decode()
    audience = analyst_client.get(URL, {"range": "7d", "tab": "audience"}).content.decode()
    unknown = analyst_client.get(URL, {"range": "7d", "tab": "nope"}).content.decode()

    assert 'href="?range=7d&amp;tab=overview" aria-current="page"' in overview
    assert 'href="?range=7d&amp;tab=audience">' in overview
    assert 'id="table-series"' in overview and 'id="table-pages"' not in overview
    assert 'href="?range=7d&amp;tab=audience" aria-current="page"' in audience
    assert 'id="table-states"' in audience and 'id="table-series"' not in audience
    assert 'id="table-pages"' not in audience
    assert '<input type="hidden" name="tab" value="audience">' in audience
    assert 'id="table-series"' in unknown  # an unknown tab is the overview
    for html in (overview, audience):
        assert html.count("<svg") - html.count('class="icon') <= 5
