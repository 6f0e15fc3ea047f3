"""A campaign email may carry an Azultel offer in its email slot: chosen by house ads from the
state on each reader's address and nothing else (P28), with a beacon and a link that carry
campaign and creative ids only (P29); the email goes, or not, exactly as without it (P18)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from azultel.accounts.models import User
from azultel.ads.tests.factories import CampaignFactory, CreativeFactory
from azultel.comms.models import OutboxMessage
from azultel.marketing import services, tasks
from azultel.marketing.tests.factories import campaign_make, person_make, segment_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _offers(settings: Any) -> None:
    settings.ADS_CACHE_SECONDS = 60
    cache.clear()
    florida = CampaignFactory(placements=["email_slot"], states=["FL"], name="Florida email")
    CreativeFactory(campaign=florida, headline="Florida fiber offer")
    everywhere = CampaignFactory(placements=["email_slot"], states=[], priority=2)
    CreativeFactory(campaign=everywhere, headline="Bundle offer for every state")


def _send_now(campaign: Any, marketer: User, captured: Any) -> None:
    services.campaign_schedule(campaign=campaign, when=timezone.now(), actor=marketer)
    with captured(execute=True):
        tasks.campaigns_start()


def _html_for(user: User) -> str:
    return OutboxMessage.objects.get(to_address=user.email).body_html


@pytest.mark.promise("P28")
@pytest.mark.promise("P29")
def test_P28_each_reader_gets_the_offer_for_the_state_on_their_address(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    florida = [person_make(state="FL", given_name=name) for name in ("Ana", "Luis", "O'Brien")]
    texan = person_make(state="TX")
    refused = person_make(state="FL", topics=(), refused=("newsletter",))
    segment = segment_make(rules={"state": ["FL", "TX"]}, actor=marketer)
    campaign = campaign_make(segment=segment, actor=marketer)
    campaign.include_offer = True
    campaign.save(update_fields=["include_offer"])

    _send_now(campaign, marketer, django_capture_on_commit_callbacks)

    for person in florida:
        html = _html_for(person)
        assert "Florida fiber offer" in html and "Bundle offer" not in html
        assert f"Hello {person.given_name}" in html.replace("&#x27;", "'")
    assert "Bundle offer for every state" in _html_for(texan)
    texts = {m.to[0]: m.body for m in mail.outbox}
    assert "Azultel offer: Florida fiber offer" in texts[florida[0].email]
    # The offer changes nothing about who receives the email (P18).
    assert refused.email not in texts
    # Nothing about a reader is in the offer's addresses: each links to /ads/ with a token only.
    for person in [*florida, texan]:
        html = _html_for(person)
        offer = html[html.index("Azultel offer") :]
        assert person.email not in offer and person.given_name not in offer
        assert offer.count("/ads/c/") == 1 and offer.count("/ads/b/") == 1


def test_a_campaign_without_an_offer_has_no_email_slot(
    marketer: User, django_capture_on_commit_callbacks: Any
) -> None:
    person = person_make(state="FL")
    campaign = campaign_make(segment=segment_make(actor=marketer), actor=marketer)

    _send_now(campaign, marketer, django_capture_on_commit_callbacks)

    html = _html_for(person)
    assert "Azultel offer" not in html and "/ads/" not in html
