"""Public ad pages: the click redirect, the email/partner beacon and "Why am I seeing this?"."""

from __future__ import annotations

import base64

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from azultel.ads import cookies, services, tokens
from azultel.ads.models import EventKind, Interest
from azultel.ads.selection import tailoring_allowed
from azultel.ads.selectors import creative_get, destination_href
from azultel.catalog.pricing import state_resolve
from azultel.catalog.states import state_name

# A transparent 1x1 GIF.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_GET
@never_cache
def click(request: HttpRequest, token: str) -> HttpResponse:
    """Count one click and send the visitor to the creative's own destination on this site.

    The token names a campaign and creative only; the address comes from the creative's stored
    plan or page, never from the request, so no address can lead off the site.
    """
    read = tokens.click_token_read(token)
    if read is None:
        raise Http404("No such ad.")
    campaign_id, creative_id, placement = read
    creative = creative_get(creative_id=creative_id)
    if creative is None or creative.campaign_id != campaign_id:
        raise Http404("No such ad.")
    href = destination_href(kind=creative.destination_kind, destination=creative.destination)
    if href is None or not href.startswith("/") or href.startswith("//"):
        raise Http404("No such ad.")
    state = state_resolve(request).state or ""
    services.event_record(
        kind=EventKind.CLICK,
        campaign_id=campaign_id,
        creative_id=creative_id,
        placement=placement,
        state=state,
    )
    response = HttpResponseRedirect(href)
    if tailoring_allowed(request):
        cookies.click_write(
            response,
            campaign_id=campaign_id,
            creative_id=creative_id,
            placement=placement,
            state=state,
        )
    return response


@require_GET
@never_cache
def beacon(request: HttpRequest, token: str) -> HttpResponse:
    """P29: a clear 1x1 image counting one load of a campaign's creative; it sets no cookie and
    reads none but the state cookie."""
    read = tokens.beacon_token_read(token)
    if read is None:
        raise Http404("No such beacon.")
    campaign_id, creative_id = read
    stored = services.event_record(
        kind=EventKind.BEACON,
        campaign_id=campaign_id,
        creative_id=creative_id,
        placement="email_slot",
        state="",
    )
    if not stored:
        raise Http404("No such beacon.")
    return HttpResponse(PIXEL, content_type="image/gif")


@require_http_methods(["GET", "POST"])
@never_cache
def why(request: HttpRequest) -> HttpResponse:
    """What chose the ads: the state (always) and interest categories (only with tailoring)."""
    if request.method == "POST":
        response = redirect("ads:why")
        action = request.POST.get("action")
        if action == "clear":
            cookies.interests_clear(response)
        elif action == "off":
            cookies.interests_clear(response)
            cookies.untailored_set(response)
        elif action == "on":
            cookies.untailored_clear(response)
        else:
            return HttpResponse("Unknown choice.", status=400)
        return response
    today = timezone.localdate()
    allowed = tailoring_allowed(request)
    labels = dict(Interest.choices)
    interests = cookies.interests_read(request, today=today) if allowed else {}
    state = state_resolve(request).state
    return render(
        request,
        "ads/why.html",
        {
            "state_name": state_name(state) if state else None,
            "interests": [labels[key] for key in sorted(interests)],
            "tailoring": allowed,
            "turned_off": cookies.untailored(request),
            "privacy_signal": bool(
                getattr(request, "gpc", False) or getattr(request, "dnt", False)
            ),
        },
    )
