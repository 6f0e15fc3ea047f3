"""Filling a page's ad slots as the response leaves (see ``templatetags/ads.py``)."""

from __future__ import annotations

import datetime as dt
import re

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse

from azultel.ads import tokens
from azultel.ads.selection import AdChoice, CreativeOption, ad_choose, ad_context
from azultel.ads.selectors import campaigns_active

# The places a template or email can mark; rows of the same slugs are seeded by a migration.
PLACEMENT_NAMES = {
    "home_hero": "Home page, below the welcome",
    "shop_sidebar": "Shop, beside the plans",
    "account_home": "Account home",
    "email_slot": "Email slot",
}
PLACEMENTS = tuple(PLACEMENT_NAMES)
_MARK = re.compile(rb"<!--azultel-ad:([a-z_]{1,40})-->")


def slot_mark(placement: str) -> str:
    if placement not in PLACEMENTS:
        raise ValueError(f"{placement!r} is not an ad placement.")
    return f"<!--azultel-ad:{placement}-->"


def has_slots(content: bytes) -> bool:
    return b"<!--azultel-ad:" in content


def slots_strip(content: bytes) -> bytes:
    return _MARK.sub(b"", content)


# An ad's HTML is the same for every visitor (its click token names only campaign, creative and
# placement), so each process keeps what it rendered, keyed by the creative's whole content.
_html: dict[tuple[CreativeOption, int, str, str], str] = {}


def ad_html(choice: AdChoice, *, placement: str) -> str:
    key = (choice.creative, choice.campaign.id, placement, get_script_prefix())
    html = _html.get(key)
    if html is None:
        if len(_html) > 256:
            _html.clear()
        html = _html[key] = _ad_render(choice, placement=placement)
    return html


def _ad_render(choice: AdChoice, *, placement: str) -> str:
    token = tokens.click_token(
        campaign_id=choice.campaign.id, creative_id=choice.creative.id, placement=placement
    )
    return render_to_string(
        "ads/slot.html",
        {
            "choice": choice,
            "creative": choice.creative,
            "placement": placement,
            "click_url": reverse("ads:click", kwargs={"token": token}),
            "why_url": reverse("ads:why"),
        },
    )


def slots_fill(
    request: HttpRequest,
    response: HttpResponse,
    *,
    today: dt.date,
    interest: str | None,
) -> tuple[dict[int, int], list[tuple[int, int, str, str]]]:
    """Replace each slot mark with an ad; return the new day's counts and the impressions.

    The same campaign never fills two slots of one page, so even a visitor without cookies (whose
    caps are never remembered) sees each campaign at most once per page view.
    """
    shown: dict[int, int] | None = None
    on_page: set[int] = set()
    impressions: list[tuple[int, int, str, str]] = []

    def replace(match: re.Match[bytes]) -> bytes:
        nonlocal shown
        placement = match.group(1).decode()
        if placement not in PLACEMENTS:
            return b""
        context = ad_context(
            request, placement=placement, today=today, shown_today=shown, extra_interest=interest
        )
        shown = dict(context.shown_today)
        choice = ad_choose(
            context,
            campaigns_active(placement=placement, state=context.state, today=today),
            exclude=frozenset(on_page),
        )
        if choice is None:
            return b""
        on_page.add(choice.campaign.id)
        shown[choice.campaign.id] = shown.get(choice.campaign.id, 0) + 1
        impressions.append((choice.campaign.id, choice.creative.id, placement, context.state or ""))
        return ad_html(choice, placement=placement).encode()

    response.content = _MARK.sub(replace, response.content)
    return shown or {}, impressions
