"""Choosing an ad: a pure function of an explicit ``AdContext`` and the active campaigns.

The context is the whole of what a visitor contributes to the choice (P26, P28): the place on
the page, the state from the state cookie, anonymous interest categories when tailoring is
allowed, and today's per-campaign show counts from the caps cookie. No user, account, session or
email can reach ``ad_choose``: ``ad_context`` builds the context and reads nothing else (a test
feeds it a signed-in request and checks every value).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.http import HttpRequest

from azultel.ads import cookies
from azultel.catalog.pricing import state_resolve


@dataclass(frozen=True)
class CreativeOption:
    id: int
    headline: str
    text: str
    illustration: str
    alt_text: str
    href: str


@dataclass(frozen=True)
class CampaignOption:
    """An active campaign as selection sees it (cached per placement and state)."""

    id: int
    priority: int
    interest: str
    daily_cap: int
    creatives: tuple[CreativeOption, ...]


@dataclass(frozen=True)
class AdContext:
    placement: str
    state: str | None
    tailoring: bool
    interests: frozenset[str]
    shown_today: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class AdChoice:
    campaign: CampaignOption
    creative: CreativeOption


def tailoring_allowed(request: HttpRequest) -> bool:
    """No tailoring under Global Privacy Control or Do Not Track, or once turned off (B1)."""
    if getattr(request, "gpc", False) or getattr(request, "dnt", False):
        return False
    if not getattr(request, "ad_tailoring_allowed", True):
        return False
    return not cookies.untailored(request)


def ad_context(
    request: HttpRequest,
    *,
    placement: str,
    today: dt.date,
    shown_today: Mapping[int, int] | None = None,
    extra_interest: str | None = None,
) -> AdContext:
    """The only bridge from a request to selection: placement, state, interests, caps."""
    tailoring = tailoring_allowed(request)
    interests: frozenset[str] = frozenset()
    if tailoring:
        seen = set(cookies.interests_read(request, today=today))
        if extra_interest:
            seen.add(extra_interest)
        interests = frozenset(seen)
    return AdContext(
        placement=placement,
        state=state_resolve(request).state,
        tailoring=tailoring,
        interests=interests,
        shown_today=dict(
            cookies.caps_read(request, today=today) if shown_today is None else shown_today
        ),
    )


def ad_choose(
    context: AdContext,
    options: Sequence[CampaignOption],
    *,
    exclude: frozenset[int] = frozenset(),
) -> AdChoice | None:
    """The highest-priority campaign still under its cap and not already on this page; a
    campaign aimed at an interest only when the context holds that interest (and then before
    untailored ones of the same priority). Creatives rotate with the day's show count."""
    eligible = [
        option
        for option in options
        if option.creatives
        and option.id not in exclude
        and context.shown_today.get(option.id, 0) < option.daily_cap
        and (not option.interest or option.interest in context.interests)
    ]
    if not eligible:
        return None
    best = min(eligible, key=lambda o: (-o.priority, not o.interest, o.id))
    shown = context.shown_today.get(best.id, 0)
    return AdChoice(best, best.creatives[shown % len(best.creatives)])
