"""Rows the marketing tests start from: customers with chosen consent, services and order
channels; segments and campaigns made through the services (as staff make them)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.billing.tests.factories import service_make
from azultel.marketing import services
from azultel.marketing.models import Campaign, CampaignKind, Segment
from azultel.privacy.models import ConsentSource
from azultel.privacy.services import consent_record, subject_for_user

SITE = "https://www.azultel.example"
_n = itertools.count(1)


def person_make(
    *,
    topics: tuple[str, ...] = ("newsletter",),
    refused: tuple[str, ...] = (),
    state: str = "FL",
    service: str | None = None,
    offline: bool = False,
    given_name: str = "Maria",
) -> User:
    """A customer who said yes to ``topics`` (and no to ``refused``); with ``service`` (a kind:
    phone_line, internet, bundle) an active service, from an order taken offline if asked."""
    n = next(_n)
    user = customer_create(email=f"person{n}@example.com", given_name=given_name, state=state)
    subject = subject_for_user(user=user)
    for topic in topics:
        consent_record(subject=subject, topic=topic, granted=True, source=ConsentSource.PROFILE)
    for topic in refused:
        consent_record(subject=subject, topic=topic, granted=False, source=ConsentSource.PROFILE)
    if service is not None:
        made = service_make(user, kind=service, state=state, started_on=date(2026, 1, 1))
        if offline:
            order = made.order_line.order
            order.collection_channel = "offline"
            order.save(update_fields=["collection_channel"])
    return user


def segment_make(name: str = "", rules: dict[str, Any] | None = None, *, actor: Any) -> Segment:
    return services.segment_create(
        name=name or f"Segment {next(_n)}",
        rules=rules if rules is not None else {"state": ["FL"]},
        actor=actor,
    )


def campaign_make(
    *,
    segment: Segment,
    actor: Any,
    kind: str = CampaignKind.NEWSLETTER,
    body: str = f"Our news.\n\nSee the plans: {SITE}/shop/",
    offered: str = "",
) -> Campaign:
    return services.campaign_create(
        content=services.CampaignContent(
            name=f"Campaign {next(_n)}",
            kind=kind,
            segment=segment,
            subject_line="News from Azultel",
            body=body,
            offered=offered or ("Second phone line" if segment.is_cpni else ""),
        ),
        actor=actor,
    )
