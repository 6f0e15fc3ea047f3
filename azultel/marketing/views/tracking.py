"""The open beacon and the click redirect (P29): each carries a campaign or link id only, never
a person's; neither reads nor sets a cookie; the beacon is never cached, so each load counts."""

from __future__ import annotations

import base64
import uuid
from urllib.parse import urlsplit, urlunsplit

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_GET

from azultel.marketing.conversions import PARAM, click_token
from azultel.marketing.services import campaign_open_count, link_click_count

# A transparent 1x1 GIF (43 bytes).
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")


@require_GET
def open_beacon(request: HttpRequest, campaign_id: uuid.UUID) -> HttpResponse:
    campaign_open_count(campaign_id=campaign_id)
    response = HttpResponse(PIXEL, content_type="image/gif")
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def click(request: HttpRequest, link_id: uuid.UUID) -> HttpResponse:
    found = link_click_count(link_id=link_id)
    if found is None:
        raise Http404("No such link.")
    url, campaign_id = found
    # Only the stored address (checked to be on this site when the campaign was written), with
    # the signed campaign id so an order in this visit can be counted; never a person's id.
    parts = urlsplit(url)
    query = f"{parts.query}&" if parts.query else ""
    target = urlunsplit(parts._replace(query=f"{query}{PARAM}={click_token(campaign_id)}"))
    response = HttpResponseRedirect(target)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
