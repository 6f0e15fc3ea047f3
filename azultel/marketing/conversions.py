"""Orders after a campaign click, counted without storing who (P29).

The click redirect adds ``mc=<signed campaign id>`` to the stored address (it sets no cookie);
this middleware keeps that campaign id in the visitor's existing server-side session, and only
an existing one: a visitor without a session cookie gets none from a click (reading pages sets
no cookie, P25), so their later order is not counted. When the
same session places an order (a POST to orders' review page answered with a redirect to the new
order), the campaign's counter goes up by one and the id leaves the session. Nothing records
who ordered, and orders' code is untouched: the only coupling is the name of its review route
and the shape of its answer, the least of the choices (a signal from orders would need the
request, which its services do not have; reading orders' tables would tie the two apps).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

PARAM = "mc"
SESSION_KEY = "marketing_campaign"
_SALT = "azultel.marketing.click"
_MAX_AGE = 7 * 24 * 3600
_PLACE_ORDER_VIEW = "orders:checkout_review"
_ORDER_PAGE = "/account/orders/"


def click_token(campaign_id: uuid.UUID) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(campaign_id.hex)


def click_token_read(token: str) -> uuid.UUID | None:
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token[:200], max_age=_MAX_AGE)
        return uuid.UUID(hex=value)
    except (signing.BadSignature, ValueError):
        return None


def _has_session_cookie(request: HttpRequest) -> bool:
    return bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME))


class CampaignConversionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = request.GET.get(PARAM) if request.method == "GET" else None
        if token and hasattr(request, "session") and _has_session_cookie(request):
            campaign_id = click_token_read(token)
            if campaign_id is not None:
                request.session[SESSION_KEY] = campaign_id.hex
        response = self.get_response(request)
        if request.method == "POST" and response.status_code == 302:
            match = request.resolver_match
            if (
                match is not None
                and match.view_name == _PLACE_ORDER_VIEW
                and str(response.get("Location", "")).startswith(_ORDER_PAGE)
                and hasattr(request, "session")
            ):
                self._count(request)
        return response

    @staticmethod
    def _count(request: HttpRequest) -> None:
        raw = request.session.pop(SESSION_KEY, None)
        if not raw:
            return
        # Middleware is imported with the settings, before the apps' models are ready.
        from azultel.marketing.services import campaign_conversion_count

        try:
            campaign_conversion_count(campaign_id=uuid.UUID(hex=str(raw)))
        except ValueError:
            return
