"""Writes for ads: staff saves, aggregate counts and the roll-up of raw events (B3).

Counting never receives anything about a visitor: ids of a campaign and a creative, a placement
slug, a state code and a day; that is all a row can hold (P28, P29).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from azultel.ads.audit import AdsAudit
from azultel.ads.models import Campaign, Creative, DailyCount, Event, EventKind, Placement
from azultel.ads.selectors import ads_changed
from azultel.ads.slots import PLACEMENT_NAMES
from azultel.core.actors import Actor, check_actor, system_actor
from azultel.core.audit import audit_record

_COLUMNS = {
    EventKind.CLICK: "clicks",
    EventKind.CONVERSION: "conversions",
    EventKind.BEACON: "beacon_loads",
}


@dataclass(frozen=True)
class CampaignFields:
    name: str
    placements: tuple[str, ...]
    starts_on: dt.date
    ends_on: dt.date
    priority: int
    states: tuple[str, ...]
    interest: str
    daily_cap: int
    active: bool
    partner_name: str = ""
    partner_email: str = ""


@dataclass(frozen=True)
class CreativeFields:
    headline: str
    text: str
    illustration: str
    alt_text: str
    destination_kind: str
    destination: str


def campaign_save(*, campaign: Campaign | None, fields: CampaignFields, actor: Actor) -> Campaign:
    """Create (``campaign=None``) or change a campaign; cached selections drop after commit."""
    check_actor(actor)
    with transaction.atomic():
        target = campaign or Campaign()
        target.name = fields.name
        target.starts_on = fields.starts_on
        target.ends_on = fields.ends_on
        target.priority = fields.priority
        target.states = sorted(set(fields.states))
        target.interest = fields.interest
        target.daily_cap = fields.daily_cap
        target.active = fields.active
        target.partner_name = fields.partner_name
        target.partner_email = fields.partner_email
        target.save()
        for slug in fields.placements:
            # The migration seeds them; a database emptied since (a flushed test) gets them back.
            if slug in PLACEMENT_NAMES:
                Placement.objects.get_or_create(slug=slug, defaults={"name": PLACEMENT_NAMES[slug]})
        target.placements.set(Placement.objects.filter(slug__in=fields.placements))
        audit_record(actor=actor, action=AdsAudit.CAMPAIGN_SAVED, subject=target)
        transaction.on_commit(ads_changed)
    return target


def creative_save(
    *, campaign: Campaign, creative: Creative | None, fields: CreativeFields, actor: Actor
) -> Creative:
    check_actor(actor)
    with transaction.atomic():
        target = creative or Creative(campaign=campaign)
        for name, value in vars(fields).items():
            setattr(target, name, value)
        target.save()
        audit_record(actor=actor, action=AdsAudit.CREATIVE_SAVED, subject=target)
        transaction.on_commit(ads_changed)
    return target


def _increment(
    *,
    day: dt.date,
    campaign_id: int,
    creative_id: int,
    placement: str,
    state: str,
    column: str,
    n: int,
) -> None:
    key = {
        "day": day,
        "campaign_id": campaign_id,
        "creative_id": creative_id,
        "placement": placement,
        "state": state,
    }
    if DailyCount.objects.filter(**key).update(**{column: F(column) + n}):
        return
    try:
        with transaction.atomic():
            DailyCount.objects.create(**key, **{column: n})
    except IntegrityError:
        DailyCount.objects.filter(**key).update(**{column: F(column) + n})


def impressions_write(*, cells: dict[tuple[dt.date, int, int, str, str], int]) -> None:
    """Add impressions per (day, campaign id, creative id, placement, state) cell: one UPDATE per
    cell in the usual case; a new cell is created once. Cells of a campaign deleted meanwhile
    are dropped."""
    for (day, campaign_id, creative_id, placement, state), n in cells.items():
        try:
            _increment(
                day=day,
                campaign_id=campaign_id,
                creative_id=creative_id,
                placement=placement,
                state=state,
                column="impressions",
                n=n,
            )
        except IntegrityError:
            continue


def event_record(
    *, kind: str, campaign_id: int, creative_id: int, placement: str, state: str
) -> bool:
    """Store one raw click, conversion or beacon load; False (nothing stored) when the creative
    is not that campaign's."""
    if not Creative.objects.filter(pk=creative_id, campaign_id=campaign_id).exists():
        return False
    Event.objects.create(
        kind=kind,
        campaign_id=campaign_id,
        creative_id=creative_id,
        placement=placement,
        state=state,
        occurred_at=timezone.now(),
    )
    return True


def events_rollup(*, now: dt.datetime | None = None) -> int:
    """B3: add every raw event up to ``now`` to its day's counts and delete it; returns how many."""
    cutoff = now or timezone.now()
    with transaction.atomic():
        rows = list(
            Event.objects.filter(occurred_at__lte=cutoff).values_list(
                "id", "kind", "campaign_id", "creative_id", "placement", "state", "occurred_at"
            )
        )
        if not rows:
            return 0
        cells: Counter[tuple[str, int, int, str, str, dt.date]] = Counter(
            (kind, campaign_id, creative_id, placement, state, timezone.localdate(at))
            for _id, kind, campaign_id, creative_id, placement, state, at in rows
        )
        for (kind, campaign_id, creative_id, placement, state, day), n in cells.items():
            _increment(
                day=day,
                campaign_id=campaign_id,
                creative_id=creative_id,
                placement=placement,
                state=state,
                column=_COLUMNS[EventKind(kind)],
                n=n,
            )
        Event.objects.filter(pk__in=[row[0] for row in rows]).delete()
        audit_record(
            actor=system_actor("ads.rollup"),
            action=AdsAudit.EVENTS_ROLLED_UP,
            detail={"events": len(rows)},
        )
    return len(rows)
