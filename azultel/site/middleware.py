"""Error responses that other code returns bare (a 405 from ``require_GET``/``require_POST``)
get the site's error page, so no visitor ever sees a blank page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from azultel.site.views import method_not_allowed


class StyledErrorPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and not getattr(response, "streaming", False)
            and not response.content
        ):
            styled = method_not_allowed(request)
            if response.has_header("Allow"):
                styled["Allow"] = response["Allow"]
            return styled
        return response
