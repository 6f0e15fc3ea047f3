"""Server-side counting: every HTML page view is counted without a query, a cookie or a script."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from azultel.analytics.buffer import buffer_flush, buffer_pending
from azultel.analytics.middleware import PageViewMiddleware
from azultel.analytics.models import BotHit, DailyRollup, Dimension, PageView
from azultel.analytics.tests.conftest import DESKTOP_CHROME, GOOGLEBOT, IPHONE_SAFARI
from azultel.analytics.visitors import salt_current

pytestmark = pytest.mark.django_db


def _html_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<!doctype html><title>x</title>", content_type="text/html; charset=utf-8")


@pytest.mark.promise("P01")
def test_page_view_is_counted_with_only_the_allowed_fields(client: Client) -> None:
    response = client.get(
        "/retail/?utm_source=newsletter&utm_campaign=spring&session=abc123&email=x",
        HTTP_USER_AGENT=DESKTOP_CHROME,
        HTTP_REFERER="https://www.search.example/results?q=azultel+phone",
        REMOTE_ADDR="203.0.113.41",
    )
    written = buffer_flush()

    assert response.status_code == 200
    assert written == 1
    view = PageView.objects.get()
    assert view.path == "/retail/?utm_source=newsletter&utm_campaign=spring"
    assert view.referrer_domain == "search.example"
    assert (view.browser, view.platform, view.device) == ("Chrome", "Windows", "desktop")
    assert view.status == 200
    assert view.minute.second == 0 and view.minute.microsecond == 0
    assert len(view.visitor_hash) == 32
    assert DailyRollup.objects.get(dimension=Dimension.PAGE, value="/retail/").views == 1
    assert DailyRollup.objects.get(dimension=Dimension.CAMPAIGN).value == "newsletter / - / spring"


def test_page_view_sets_no_cookie(client: Client) -> None:
    response = client.get("/", HTTP_USER_AGENT=DESKTOP_CHROME)

    assert response.cookies == {}
    assert len(buffer_pending()) == 1


def test_the_middleware_does_no_database_query_per_hit(
    rf: RequestFactory, django_assert_num_queries: Any
) -> None:
    salt_current()  # today's salt is loaded once per process and day, not per hit
    middleware = PageViewMiddleware(_html_page)

    with django_assert_num_queries(0):
        for n in range(50):
            middleware(
                rf.get(f"/page-{n}/", HTTP_USER_AGENT=DESKTOP_CHROME, REMOTE_ADDR=f"198.51.100.{n}")
            )

    assert len(buffer_pending()) == 50
    assert PageView.objects.count() == 0


@pytest.mark.parametrize(
    ("method", "path", "content_type", "status", "headers"),
    [
        ("post", "/", "text/html", 200, {}),
        ("get", "/static/site/site.css", "text/css", 200, {}),
        ("get", "/", "application/json", 200, {}),
        ("get", "/", "text/html", 302, {}),
        ("get", "/", "text/html", 500, {}),
        ("get", "/staff/stats/", "text/html", 200, {}),
        ("get", "/staff/admin/", "text/html", 200, {}),
        ("get", "/stats/timing", "text/html", 200, {}),
        ("get", "/", "text/html", 200, {"HTTP_SEC_PURPOSE": "prefetch"}),
    ],
)
def test_responses_that_are_not_page_views_are_not_counted(
    rf: RequestFactory,
    method: str,
    path: str,
    content_type: str,
    status: int,
    headers: dict[str, str],
) -> None:
    middleware = PageViewMiddleware(
        lambda request: HttpResponse("x", content_type=content_type, status=status)
    )

    middleware(getattr(rf, method)(path, HTTP_USER_AGENT=DESKTOP_CHROME, **headers))
    buffer_flush()

    assert buffer_pending() == []
    assert PageView.objects.count() == 0
    assert DailyRollup.objects.count() == 0


def test_a_missing_page_is_counted_apart_from_page_views(client: Client) -> None:
    response = client.get("/no-such-page/", HTTP_USER_AGENT=DESKTOP_CHROME)
    buffer_flush()

    assert response.status_code == 404
    assert PageView.objects.get().status == 404
    assert DailyRollup.objects.get(dimension=Dimension.NOT_FOUND).value == "/no-such-page/"
    assert not DailyRollup.objects.filter(dimension=Dimension.TOTAL).exists()
    assert not DailyRollup.objects.filter(dimension=Dimension.PAGE).exists()


def test_bots_are_counted_apart_and_left_out_of_the_statistics(client: Client) -> None:
    client.get("/", HTTP_USER_AGENT=GOOGLEBOT)
    client.get("/carrier/", HTTP_USER_AGENT=GOOGLEBOT)
    client.get("/", HTTP_USER_AGENT="")
    client.get("/", HTTP_USER_AGENT="curl/8.5.0")
    client.get("/", HTTP_USER_AGENT=IPHONE_SAFARI)
    buffer_flush()

    assert dict(BotHit.objects.values_list("family", "hits")) == {
        "Googlebot": 2,
        "No user agent": 1,
        "curl": 1,
    }
    assert PageView.objects.count() == 1
    assert DailyRollup.objects.get(dimension=Dimension.TOTAL).views == 1
    assert not DailyRollup.objects.filter(dimension=Dimension.DEVICE, value="bot").exists()


@pytest.mark.promise("P01")
@pytest.mark.parametrize("header", [{"HTTP_DNT": "1"}, {"HTTP_SEC_GPC": "1"}])
def test_do_not_track_and_gpc_views_are_counted_without_a_visitor_hash(
    client: Client, header: dict[str, str]
) -> None:
    client.get("/", HTTP_USER_AGENT=DESKTOP_CHROME, REMOTE_ADDR="203.0.113.9", **header)
    client.get("/carrier/", HTTP_USER_AGENT=DESKTOP_CHROME, REMOTE_ADDR="203.0.113.9", **header)
    buffer_flush()

    assert list(PageView.objects.values_list("visitor_hash", flat=True)) == ["", ""]
    total = DailyRollup.objects.get(dimension=Dimension.TOTAL)
    assert (total.views, total.visitors, total.entries) == (2, 0, 0)


def test_the_state_cookie_is_kept_only_when_it_is_a_us_state(client: Client) -> None:
    client.cookies["azultel_state"] = "fl"
    client.get("/", HTTP_USER_AGENT=DESKTOP_CHROME)
    client.cookies["azultel_state"] = "ZZ"
    client.get("/carrier/", HTTP_USER_AGENT=DESKTOP_CHROME)
    client.cookies["azultel_state"] = "<script>"
    client.get("/retail/", HTTP_USER_AGENT=DESKTOP_CHROME)
    buffer_flush()

    assert dict(PageView.objects.values_list("path", "state")) == {
        "/": "FL",
        "/carrier/": "",
        "/retail/": "",
    }


def test_a_failure_while_counting_never_breaks_the_page(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("buffer unavailable")

    monkeypatch.setattr("azultel.analytics.middleware.buffer_add", broken)

    response = client.get(reverse("site:home"), HTTP_USER_AGENT=DESKTOP_CHROME)

    assert response.status_code == 200
    assert PageView.objects.count() == 0


def test_switched_off_nothing_is_counted(client: Client, settings: Any) -> None:
    settings.ANALYTICS_ENABLED = False

    client.get("/", HTTP_USER_AGENT=DESKTOP_CHROME)

    assert buffer_pending() == []
