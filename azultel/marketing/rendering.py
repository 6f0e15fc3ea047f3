"""What a campaign email says: the body with each link sent through the click counter, the same
text as HTML with the open beacon, and the one personal value marketing may use (the given name,
which the data map allows for marketing). Nothing here carries a person's id (P29)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from azultel.comms.email_slots import email_slot_content
from azultel.comms.services.html import text_as_html
from azultel.marketing.body import body_with_links, site_url
from azultel.marketing.models import Campaign

#: The person's fields a campaign email may use; each must allow "marketing" in the data map
#: (``tests/test_rules.py`` checks it).
PERSONALISATION_FIELDS: dict[str, str] = {"given_name": "accounts.User.given_name"}


def click_url(link_id: object) -> str:
    return site_url() + reverse("marketing:click", args=[link_id])


def beacon_url(campaign: Campaign) -> str:
    return site_url() + reverse("marketing:open", args=[campaign.pk])


def survey_address(campaign: Campaign) -> str:
    """The public address of the survey a survey invitation links to ("" for other kinds)."""
    if campaign.survey is not None:
        return site_url() + campaign.survey.get_absolute_url()
    return campaign.survey_url


def campaign_text(campaign: Campaign) -> str:
    """The body with each link replaced by its counting redirect (one query for the links)."""
    links = dict(campaign.links.values_list("position", "pk"))
    return body_with_links(campaign.body, lambda n, url: click_url(links[n]) if n in links else url)


def campaign_context(campaign: Campaign) -> dict[str, object]:
    """Values shared by every recipient (rendered once per campaign, not once per person)."""
    text = campaign_text(campaign)
    beacon = beacon_url(campaign)
    html: SafeString = text_as_html(text, site_url=site_url())
    return {
        "campaign_subject": campaign.subject_line,
        "campaign_body": text,
        "campaign_body_html": html,
        "survey_url": survey_address(campaign),
        "beacon_url": mark_safe(beacon),  # noqa: S308 - built here from the site URL and a UUID
    }


class OfferSlots:
    """The email slot's offer per state for one send: asked of comms once per state, so the
    100,000 recipients of a campaign in a dozen states cost a dozen lookups. Empty for a campaign
    without an offer; the state is the only thing about a reader that reaches the choice."""

    def __init__(self, campaign: Campaign, *, today: dt.date | None = None) -> None:
        self.enabled = campaign.include_offer
        self.today = today or timezone.localdate()
        self._by_state: dict[str | None, tuple[SafeString, str]] = {}

    def for_state(self, state: str | None) -> tuple[SafeString, str]:
        if not self.enabled:
            return SafeString(""), ""
        held = self._by_state.get(state)
        if held is None:
            content = email_slot_content(state=state or None, today=self.today)
            held = (content.html, content.text) if content else (SafeString(""), "")
            self._by_state[state] = held
        return held


def recipient_context(
    shared: dict[str, object],
    *,
    given_name: str,
    offer: tuple[SafeString, str] = (SafeString(""), ""),
) -> dict[str, object]:
    return {
        **shared,
        "given_name": given_name.strip()[:100],
        "offer_html": offer[0],
        "offer_text": offer[1],
    }


def campaign_test_context(*, campaign: Campaign, given_name: str) -> dict[str, object]:
    """The test copy: the body's own links (nothing counted) and no beacon."""
    return {
        "campaign_subject": campaign.subject_line,
        "campaign_body": campaign.body,
        "campaign_kind": campaign.get_kind_display(),
        "survey_url": survey_address(campaign),
        "given_name": given_name,
    }
