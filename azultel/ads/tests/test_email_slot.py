"""The email slot: a campaign email's Azultel offer, chosen by the reader's state only, whose
click and beacon addresses carry campaign and creative ids only (P28, P29)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import signing
from django.test import Client
from django.utils import timezone

from azultel.ads.email_slot import email_slot_choose
from azultel.ads.models import DailyCount
from azultel.ads.services import events_rollup
from azultel.ads.tests.factories import CampaignFactory, CreativeFactory
from azultel.comms.email_slots import email_slot_content

pytestmark = pytest.mark.django_db

_ADDRESS = re.compile(r"https?://[^\s\"<>]+")


def _email_creative(*, states: list[str], headline: str, priority: int = 5) -> object:
    campaign = CampaignFactory(placements=["email_slot"], states=states, priority=priority)
    return CreativeFactory(campaign=campaign, headline=headline)


@pytest.mark.promise("P28")
def test_P28_the_offer_follows_the_state_and_only_email_slot_campaigns_fill_it() -> None:
    _email_creative(states=["FL"], headline="Florida fiber")
    _email_creative(states=[], headline="Everywhere bundle", priority=3)
    # A page-only campaign of higher priority never reaches an email.
    CreativeFactory(campaign=CampaignFactory(priority=9), headline="Shop page only")
    today = timezone.localdate()

    florida = email_slot_content(state="FL", today=today)
    texas = email_slot_content(state="TX", today=today)
    unknown = email_slot_content(state=None, today=today)

    assert (
        florida is not None and "Florida fiber" in florida.html and "Florida fiber" in florida.text
    )
    assert texas is not None and "Everywhere bundle" in texas.html
    assert unknown is not None and "Everywhere bundle" in unknown.text
    assert "Shop page only" not in florida.html + texas.html + unknown.html


def test_no_email_slot_campaign_leaves_the_slot_empty() -> None:
    CreativeFactory(campaign=CampaignFactory(placements=["shop_sidebar"]))
    assert email_slot_content(state="FL", today=timezone.localdate()) is None


@pytest.mark.promise("P29")
def test_P29_click_and_beacon_addresses_carry_only_campaign_and_creative_ids() -> None:
    creative = _email_creative(states=["FL"], headline="Florida fiber")
    content = email_slot_content(state="FL", today=timezone.localdate())
    assert content is not None
    addresses = set(_ADDRESS.findall(content.html)) | set(_ADDRESS.findall(content.text))
    click_tokens = [a.split("/ads/c/")[1].rstrip("/") for a in addresses if "/ads/c/" in a]
    beacon_tokens = [
        a.split("/ads/b/")[1].removesuffix(".gif") for a in addresses if "/ads/b/" in a
    ]
    assert len(set(click_tokens)) == 1 and len(beacon_tokens) == 1
    site = settings.SITE_URL.rstrip("/")
    assert all(a.startswith(site + "/ads/") and "?" not in a for a in addresses)
    ids = [creative.campaign_id, creative.pk]  # type: ignore[attr-defined]
    assert signing.loads(click_tokens[0], salt="azultel.ads.click") == [*ids, "email_slot"]
    assert signing.loads(beacon_tokens[0], salt="azultel.ads.beacon") == ids
    # The beacon is the clear 1x1 image; loading it is counted in aggregate and sets no cookie.
    assert 'width="1" height="1" alt=""' in content.html
    response = Client().get(f"/ads/b/{beacon_tokens[0]}.gif")
    assert response.status_code == 200 and not response.cookies
    events_rollup()
    row = DailyCount.objects.get(creative_id=creative.pk)  # type: ignore[attr-defined]
    assert (row.placement, row.beacon_loads) == ("email_slot", 1)


@pytest.mark.promise("P28")
def test_P28_the_choice_is_the_same_for_everyone_in_a_state() -> None:
    """Caps and interests belong to a browser, not to an email: the choice has no other input."""
    _email_creative(states=["FL"], headline="Florida fiber")
    today = timezone.localdate()
    first = email_slot_choose(state="FL", today=today)
    assert first is not None
    assert all(email_slot_choose(state="FL", today=today) == first for _ in range(3))
