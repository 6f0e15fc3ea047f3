"""Reads for ads: the active campaigns per (placement, state), cached; staff lists; reports."""

from __future__ import annotations

import datetime as dt
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, QuerySet, Sum
from django.urls import NoReverseMatch, get_script_prefix, reverse

from azultel.ads.models import Campaign, Creative, DailyCount, DestinationKind
from azultel.ads.selection import CampaignOption, CreativeOption
from azultel.catalog.selectors import product_get_active, product_list_from_prices
from azultel.site.pages import page_list

VERSION_KEY = "ads:version"
_local: dict[str, tuple[float, tuple[CampaignOption, ...]]] = {}
# The version read from the shared cache, held for ADS_VERSION_MILLISECONDS: a page with an ad
# would otherwise read the shared cache (a file or Redis) on every view to learn nothing changed.
# An edit is seen at once by the process that made it and within that time by every other.
_version: list[tuple[float, str]] = []


def ads_version() -> str:
    now = time.monotonic()
    if _version and _version[0][0] > now:
        return _version[0][1]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(6), None)
        version = cache.get(VERSION_KEY) or "unknown"
    _version[:] = [(now + settings.ADS_VERSION_MILLISECONDS / 1000, str(version))]
    return str(version)


def ads_changed() -> None:
    """Every cached campaign list is stale from now (called by the services after a write)."""
    cache.set(VERSION_KEY, secrets.token_hex(6), None)
    _version.clear()


def destination_href(
    *, kind: str, destination: str, plans: frozenset[str] | None = None
) -> str | None:
    """The site path an ad links to, or None when the plan or page does not exist (any other
    value cannot become an address: only a product slug or a registered page's URL name)."""
    if kind == DestinationKind.PLAN:
        if plans is not None:
            if destination not in plans:
                return None
        elif product_get_active(slug=destination) is None:
            return None
        return reverse("catalog:product", kwargs={"slug": destination})
    if kind == DestinationKind.PAGE:
        names = {page.url_name for page in page_list()}
        if destination not in names:
            return None
        try:
            return reverse(destination)
        except NoReverseMatch:
            return None
    return None


def _options_build(*, placement: str, state: str | None, today: dt.date) -> list[CampaignOption]:
    rows = (
        Campaign.objects.filter(
            active=True,
            starts_on__lte=today,
            ends_on__gte=today,
            placements__slug=placement,
        )
        .prefetch_related(Prefetch("creatives", queryset=Creative.objects.order_by("id")))
        .distinct()
    )
    plans: frozenset[str] | None = None
    options = []
    for campaign in rows:
        # State targeting (P28): a campaign naming states is shown only in those states.
        if campaign.states and state not in campaign.states:
            continue
        creatives = []
        for creative in campaign.creatives.all():
            if plans is None and creative.destination_kind == DestinationKind.PLAN:
                plans = _plans_offered()
            href = destination_href(
                kind=creative.destination_kind, destination=creative.destination, plans=plans
            )
            if href is None:
                continue
            creatives.append(
                CreativeOption(
                    creative.pk,
                    creative.headline,
                    creative.text,
                    creative.illustration,
                    creative.alt_text,
                    href,
                )
            )
        options.append(
            CampaignOption(
                campaign.pk,
                campaign.priority,
                campaign.interest,
                campaign.daily_cap,
                tuple(creatives),
            )
        )
    return options


def _plans_offered() -> frozenset[str]:
    """Slugs of the plans the shop offers (a fixed number of queries, whatever the campaigns)."""
    return frozenset(offer.product.slug for offer in product_list_from_prices())


def campaigns_active(*, placement: str, state: str | None, today: dt.date) -> list[CampaignOption]:
    """Active campaigns for this placement and state today, from the cache when it holds them
    (at most ADS_CACHE_SECONDS old, and dropped at once by any staff edit)."""
    if settings.ADS_CACHE_SECONDS <= 0:
        return _options_build(placement=placement, state=state, today=today)
    key = f"ads:active:{ads_version()}:{get_script_prefix()}:{placement}:{state or '-'}:{today}"
    # A copy in the process too (the shared cache may be files or Redis: each read unpickles).
    now = time.monotonic()
    held = _local.get(key)
    if held is not None and held[0] > now:
        return list(held[1])
    options = cache.get(key)
    if options is None:
        options = _options_build(placement=placement, state=state, today=today)
        cache.set(key, options, settings.ADS_CACHE_SECONDS)
    if len(_local) > 512:
        _local.clear()
    _local[key] = (now + settings.ADS_CACHE_SECONDS, tuple(options))
    return list(options)


def campaign_list() -> QuerySet[Campaign]:
    return Campaign.objects.prefetch_related("placements", "creatives").annotate(
        impressions=Sum("counts__impressions"), clicks=Sum("counts__clicks")
    )


def campaign_get(*, campaign_id: int) -> Campaign | None:
    return (
        Campaign.objects.prefetch_related("placements", "creatives").filter(pk=campaign_id).first()
    )


def creative_get(*, creative_id: int) -> Creative | None:
    return Creative.objects.select_related("campaign").filter(pk=creative_id).first()


def counts_for_campaign(*, campaign: Campaign) -> QuerySet[DailyCount]:
    return DailyCount.objects.filter(campaign=campaign)
