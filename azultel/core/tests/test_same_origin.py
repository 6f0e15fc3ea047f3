"""The same-origin check that stands in for a CSRF token on forms in cached pages."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from azultel.core.same_origin import request_origin, same_origin_post


@pytest.mark.parametrize(
    ("headers", "verdict"),
    [
        ({"HTTP_SEC_FETCH_SITE": "same-origin"}, "same"),
        (
            {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "https://elsewhere.example"},
            "same",
        ),
        ({"HTTP_SEC_FETCH_SITE": "same-site"}, "cross"),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, "cross"),
        ({"HTTP_SEC_FETCH_SITE": "none"}, "cross"),
        ({"HTTP_ORIGIN": "http://testserver"}, "same"),
        ({"HTTP_ORIGIN": "http://testserver.elsewhere.example"}, "cross"),
        ({"HTTP_ORIGIN": "https://testserver"}, "cross"),
        ({"HTTP_ORIGIN": "null"}, "cross"),
        ({}, "unknown"),
    ],
)
def test_the_browser_headers_decide_where_a_post_came_from(
    rf: RequestFactory, headers: dict[str, str], verdict: str
) -> None:
    assert request_origin(rf.post("/", **headers)) == verdict


def test_only_an_unknown_origin_falls_back_to_the_csrf_check(rf: RequestFactory) -> None:
    calls: list[str] = []

    def fallback(view):  # type: ignore[no-untyped-def]
        def checked(request: HttpRequest) -> HttpResponse:
            calls.append("csrf")
            return HttpResponse(status=418)

        return checked

    @same_origin_post(fallback=fallback)
    def view(request: HttpRequest) -> HttpResponse:
        calls.append("view")
        return HttpResponse("ok")

    same = view(rf.post("/", HTTP_SEC_FETCH_SITE="same-origin"))
    cross = view(rf.post("/", HTTP_SEC_FETCH_SITE="cross-site"))
    unknown = view(rf.post("/"))
    get = view(rf.get("/"))

    assert (same.status_code, cross.status_code, unknown.status_code, get.status_code) == (
        200, 403, 418, 418,
    )  # fmt: skip
    assert calls == ["view", "csrf", "csrf"]
    assert getattr(view, "csrf_exempt", False)
