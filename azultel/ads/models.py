"""House advertising: where ads go, what they say, who sees them, and counts only.

Nothing here describes a visitor: targeting is by state (P28) and an optional anonymous interest
category; measurement is aggregate rows per campaign, creative, placement, state and day, and
short-lived raw click, conversion and beacon events without any visitor column (rolled up and
deleted, B3).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, NotPersonal


class Interest(models.TextChoices):
    """Anonymous interest categories, inferred only from kinds of pages viewed on this site."""

    INTERNET = "internet", "Home internet"
    PHONE = "phone", "Home phone"
    BUNDLES = "bundles", "Bundles"
    BUSINESS = "business", "Business and carriers"


class Illustration(models.TextChoices):
    """First-party images an ad may show (the site's own SVG illustrations, served inline)."""

    NONE = "", "No image"
    INTERNET = "internet", "Internet router"
    PHONE = "phone", "Home phone"
    BUNDLE = "bundle", "Bundle"


class DestinationKind(models.TextChoices):
    PLAN = "plan", "A plan in the shop"
    PAGE = "page", "A page of this site"


class Placement(BaseModel):
    """A place on the site (or in email) where one ad may appear; seeded by a migration."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=200, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "name": NotPersonal("the name of a place on the site"),
        "description": NotPersonal("a description of a place on the site"),
    }

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Campaign(BaseModel):
    """What to show, where, in which states, when, and how often per visitor per day."""

    name = models.CharField(max_length=120)
    placements = models.ManyToManyField(Placement, related_name="campaigns")
    starts_on = models.DateField()
    ends_on = models.DateField()
    priority = models.PositiveSmallIntegerField(default=5)
    # Two-letter state codes; empty means every state (P28: targeting by state only).
    states = models.JSONField(default=list, blank=True)
    interest = models.CharField(max_length=20, choices=Interest.choices, blank=True)
    daily_cap = models.PositiveSmallIntegerField(default=3)
    active = models.BooleanField(default=True)
    # The partner that co-funds or hosts the campaign gets a weekly aggregate report (P16).
    partner_name = models.CharField(max_length=120, blank=True)
    partner_email = models.EmailField(max_length=254, blank=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "name": NotPersonal("the campaign's name"),
        "partner_name": NotPersonal("a partner company's name"),
        "partner_email": NotPersonal(
            "a partner company's reporting mailbox, typed by staff; never a customer's address"
        ),
        "states": NotPersonal("the states a campaign is shown in"),
    }

    class Meta:
        ordering = ["-priority", "name", "id"]
        permissions = [
            ("view_ad_report", "Can see house advertising reports"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="ads_campaign_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(daily_cap__gte=1), name="ads_campaign_cap_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Creative(BaseModel):
    """One version of a campaign's ad: words, an optional first-party image and one link."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="creatives")
    headline = models.CharField(max_length=80)
    text = models.CharField(max_length=240)
    illustration = models.CharField(
        max_length=20, choices=Illustration.choices, blank=True, default=""
    )
    alt_text = models.CharField(max_length=150, blank=True)
    destination_kind = models.CharField(max_length=8, choices=DestinationKind.choices)
    # A product slug (plan) or a URL name from the site's page registry (page); the address is
    # built from it at render and click time, so no stored address can point off the site.
    destination = models.CharField(max_length=100)

    data_map: ClassVar[dict[str, Declaration]] = {
        "headline": NotPersonal("the ad's headline"),
        "text": NotPersonal("the ad's words"),
        "alt_text": NotPersonal("the image's text alternative"),
        "destination": NotPersonal("a plan or page of this site"),
    }

    class Meta:
        ordering = ["campaign", "id"]

    def __str__(self) -> str:
        return self.headline


class DailyCount(models.Model):
    """Counts for one campaign, creative, placement, state and local day (P28): no visitor."""

    day = models.DateField()
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="counts")
    creative = models.ForeignKey(Creative, on_delete=models.CASCADE, related_name="counts")
    placement = models.CharField(max_length=40)
    state = models.CharField(max_length=2, blank=True)
    impressions = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    conversions = models.PositiveIntegerField(default=0)
    beacon_loads = models.PositiveIntegerField(default=0)

    data_map: ClassVar[dict[str, Declaration]] = {
        "state": NotPersonal("a state in an aggregate count"),
    }

    class Meta:
        ordering = ["-day", "campaign", "creative", "placement", "state"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "campaign", "creative", "placement", "state"],
                name="ads_dailycount_unique_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.creative_id} {self.placement} {self.state} {self.day}"


class EventKind(models.TextChoices):
    CLICK = "click", "Click"
    CONVERSION = "conversion", "Conversion"
    BEACON = "beacon", "Beacon load"


class Event(models.Model):
    """A raw click, conversion or beacon load: no visitor column at all; rolled up into
    ``DailyCount`` and deleted within minutes (B3)."""

    kind = models.CharField(max_length=12, choices=EventKind.choices)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    creative = models.ForeignKey(Creative, on_delete=models.CASCADE, related_name="+")
    placement = models.CharField(max_length=40, blank=True)
    state = models.CharField(max_length=2, blank=True)
    occurred_at = models.DateTimeField(db_index=True)

    data_map: ClassVar[dict[str, Declaration]] = {
        "state": NotPersonal("a state, from the state cookie, with no visitor beside it"),
    }

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.campaign_id}/{self.creative_id}"
