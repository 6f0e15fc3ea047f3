"""Gates views of apps below care (billing's call detail, orders' changes) behind caller
verification, by the name the request resolved to (``care.verification``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from azultel.care.verification import caller_gate_refusal, caller_gated_view


class CallerVerificationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[object, ...],
        view_kwargs: dict[str, object],
    ) -> HttpResponse | None:
        match = request.resolver_match
        customer_of = caller_gated_view(request, match.view_name) if match is not None else None
        if customer_of is None or not request.user.is_authenticated:
            return None
        return caller_gate_refusal(request, customer_of(request, view_kwargs))
