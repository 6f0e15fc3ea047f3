"""Factories for ads rows: a running campaign for every state with one creative linking to
the availability page (a registered page, so it always resolves)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from azultel.ads.models import Campaign, Creative, DestinationKind, Placement


class CampaignFactory(factory.django.DjangoModelFactory[Campaign]):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Campaign {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    priority = 5
    states: list[str] = []
    interest = ""
    daily_cap = 3
    active = True

    @factory.post_generation
    def placements(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if create:
            slugs = extracted if extracted is not None else ["shop_sidebar", "home_hero"]
            self.placements.set(Placement.objects.filter(slug__in=slugs))


class CreativeFactory(factory.django.DjangoModelFactory[Creative]):
    class Meta:
        model = Creative

    campaign = factory.SubFactory(CampaignFactory)
    headline = factory.Sequence(lambda n: f"Offer {n}")
    text = "Fast internet at a fair price."
    illustration = "internet"
    alt_text = "A home internet router"
    destination_kind = DestinationKind.PAGE
    destination = "catalog:availability"
