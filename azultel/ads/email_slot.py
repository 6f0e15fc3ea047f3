"""The email slot: an Azultel offer inside a campaign email, chosen by the recipient's state only.

Registered with comms (``comms.email_slots``) so marketing can fill the slot without importing
ads. The choice is ``ad_choose`` with a context that holds the placement and the state and nothing
else: no interests (an email cannot know which pages its reader viewed), no caps (an email is
shown once), no person. The links are absolute and built from the configured site address: the
click redirect and a clear 1x1 beacon, each carrying only the campaign and creative ids (P29).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from azultel.ads import tokens
from azultel.ads.selection import AdChoice, AdContext, ad_choose
from azultel.ads.selectors import campaigns_active
from azultel.comms.email_slots import EmailSlotContent

PLACEMENT = "email_slot"


def email_slot_choose(*, state: str | None, today: dt.date) -> AdChoice | None:
    """The offer for recipients in ``state`` today (the same for all of them)."""
    context = AdContext(placement=PLACEMENT, state=state, tailoring=False, interests=frozenset())
    return ad_choose(context, campaigns_active(placement=PLACEMENT, state=state, today=today))


def email_slot_links(choice: AdChoice) -> tuple[str, str]:
    """The absolute click and beacon addresses of a choice (campaign and creative ids only)."""
    site = settings.SITE_URL.rstrip("/")
    click = tokens.click_token(
        campaign_id=choice.campaign.id, creative_id=choice.creative.id, placement=PLACEMENT
    )
    beacon = tokens.beacon_token(campaign_id=choice.campaign.id, creative_id=choice.creative.id)
    return (
        site + reverse("ads:click", kwargs={"token": click}),
        site + reverse("ads:beacon", kwargs={"token": beacon}),
    )


def email_slot_content(state: str | None, today: dt.date) -> EmailSlotContent | None:
    """The comms provider: the offer as an HTML block (with its beacon) and as plain text."""
    choice = email_slot_choose(state=state, today=today)
    if choice is None:
        return None
    click_url, beacon_url = email_slot_links(choice)
    values = {"creative": choice.creative, "click_url": click_url, "beacon_url": beacon_url}
    html = render_to_string("ads/email/slot.html", values).strip()
    text = render_to_string("ads/email/slot.txt", values).strip()
    return EmailSlotContent(mark_safe(html), text)  # noqa: S308 - rendered by an escaping template
