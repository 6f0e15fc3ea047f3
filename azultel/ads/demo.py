"""Demo house ads (never loaded in production): a Florida internet offer on the home page and
beside the shop's plans, at most twice a day per visitor, aimed at visitors who looked at
internet plans, and an every-state offer for everyone else, which also fills the email slot of
campaign emails (an email knows no interests, so an interest-aimed offer never fills it). The
Florida offer's partner gets the weekly report. Idempotent: nothing is done once
any campaign exists."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from azultel.ads.models import Campaign, DestinationKind, Illustration, Interest
from azultel.ads.selectors import destination_href
from azultel.ads.services import CampaignFields, CreativeFields, campaign_save, creative_save
from azultel.core.actors import system_actor
from azultel.core.demo import DemoSignIn

PLAN = "fiber-300"


def demo_seed() -> list[DemoSignIn]:
    if Campaign.objects.exists():
        return []
    actor = system_actor("ads.demo")
    today = timezone.localdate()
    florida = campaign_save(
        campaign=None,
        fields=CampaignFields(
            name="Florida fiber offer",
            placements=("home_hero", "shop_sidebar"),
            starts_on=today - dt.timedelta(days=7),
            ends_on=today + dt.timedelta(days=60),
            priority=8,
            states=("FL",),
            interest=Interest.INTERNET,
            daily_cap=2,
            active=True,
            partner_name="Sunshine Realty (demo partner)",
            partner_email="reports@partner.example",
        ),
        actor=actor,
    )
    has_plan = destination_href(kind=DestinationKind.PLAN, destination=PLAN) is not None
    creative_save(
        campaign=florida,
        creative=None,
        fields=CreativeFields(
            headline="Florida: fiber internet for less",
            text="Fiber up to 300 Mbps at home, with the price for Florida shown before you order.",
            illustration=Illustration.INTERNET,
            alt_text="A home internet router",
            destination_kind=DestinationKind.PLAN if has_plan else DestinationKind.PAGE,
            destination=PLAN if has_plan else "catalog:home",
        ),
        actor=actor,
    )
    everyone = campaign_save(
        campaign=None,
        fields=CampaignFields(
            name="Bundles for every state",
            placements=("home_hero", "shop_sidebar", "account_home", "email_slot"),
            starts_on=today - dt.timedelta(days=7),
            ends_on=today + dt.timedelta(days=60),
            priority=2,
            states=(),
            interest="",
            daily_cap=6,
            active=True,
        ),
        actor=actor,
    )
    creative_save(
        campaign=everyone,
        creative=None,
        fields=CreativeFields(
            headline="Phone and internet on one bill",
            text="A bundle costs less than both apart. Check what we offer at your address.",
            illustration=Illustration.BUNDLE,
            alt_text="A phone and a router together",
            destination_kind=DestinationKind.PAGE,
            destination="catalog:availability",
        ),
        actor=actor,
    )
    return []
