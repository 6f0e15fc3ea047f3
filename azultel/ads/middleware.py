"""House ads on the way out: fill slots, remember caps and interests, count conversions.

Sits after ``GlobalPrivacyControlMiddleware`` (reads ``request.gpc`` / ``request.dnt``). It
never reads ``request.user`` or the session: an ad cannot depend on who the visitor is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from azultel.ads import cookies, services, slots
from azultel.ads.impressions import impressions_add
from azultel.ads.models import EventKind, Interest
from azultel.ads.selection import tailoring_allowed

# Interest categories come only from which of these pages was viewed (nothing else is read).
INTEREST_BY_VIEW: dict[str, str] = {
    "catalog:internet": Interest.INTERNET,
    "catalog:internet_compare": Interest.INTERNET,
    "catalog:phone": Interest.PHONE,
    "catalog:phone_compare": Interest.PHONE,
    "catalog:bundles": Interest.BUNDLES,
    "catalog:bundle_compare": Interest.BUNDLES,
    "catalog:carrier": Interest.BUSINESS,
    "site:carrier": Interest.BUSINESS,
}
# A conversion: a sign-up, or an order placed (orders' review page answers with the new order).
_SIGN_UP_VIEW = "account_signup"
_PLACE_ORDER_VIEW = "orders:checkout_review"
_ORDER_PAGE = "/account/orders/"


def _view_name(request: HttpRequest) -> str:
    match = request.resolver_match
    return match.view_name if match is not None else ""


def _is_html_page(request: HttpRequest, response: HttpResponseBase) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
    )


class AdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method == "POST" and response.status_code == 302:
            self._conversion(request, response)
        if not _is_html_page(request, response):
            return response
        assert isinstance(response, HttpResponse)
        if not settings.ADS_ENABLED:
            if slots.has_slots(response.content):
                response.content = slots.slots_strip(response.content)
            return response
        today = timezone.localdate()
        interest = INTEREST_BY_VIEW.get(_view_name(request))
        if interest is not None and not tailoring_allowed(request):
            interest = None
        shown_ad = False
        if slots.has_slots(response.content):
            counts, impressions = slots.slots_fill(
                request, response, today=today, interest=interest
            )
            if impressions:
                shown_ad = True
                cookies.caps_write(response, today=today, counts=counts)
                impressions_add(shown=impressions, day=today)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
            # Each visitor's copy differs (caps, interests): never kept by a shared cache.
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        # No ad cookie for a visitor who was never shown an ad: reading pages sets no cookie
        # until an ad appears (P25); from then on, the kinds of pages are noted (P26).
        if interest is not None and (shown_ad or cookies.CAPS in request.COOKIES):
            self._interest_note(request, response, today=today, interest=interest)
        return response

    @staticmethod
    def _interest_note(
        request: HttpRequest, response: HttpResponse, *, today: dt.date, interest: str
    ) -> None:
        """Remember this page's category (the cookie is rewritten only when its day changes)."""
        seen = cookies.interests_read(request, today=today)
        if seen.get(interest) != today:
            seen[interest] = today
            cookies.interests_write(response, interests=seen)

    @staticmethod
    def _conversion(request: HttpRequest, response: HttpResponseBase) -> None:
        click = cookies.click_read(request)
        if click is None:
            return
        view = _view_name(request)
        placed = view == _PLACE_ORDER_VIEW and str(response.get("Location", "")).startswith(
            _ORDER_PAGE
        )
        if not (placed or view == _SIGN_UP_VIEW):
            return
        campaign_id, creative_id, placement, state = click
        services.event_record(
            kind=EventKind.CONVERSION,
            campaign_id=campaign_id,
            creative_id=creative_id,
            placement=placement,
            state=state,
        )
        cookies.click_clear(response)
