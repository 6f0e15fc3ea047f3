"""Creating and changing segments: the rules are validated against the allow-list, the CPNI and
channel marks are set from them, never by hand."""

from __future__ import annotations

from django.db import transaction

from azultel.accounts.models import User
from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.marketing.audit import MarketingAudit
from azultel.marketing.models import Segment
from azultel.marketing.rules import (
    RuleRejected,
    rules_clean,
    rules_combine_channels,
    rules_use_cpni,
)
from azultel.marketing.selectors import plan_choices
from azultel.marketing.services.errors import CampaignRejected


def segment_rules_clean(rules: object) -> dict[str, object]:
    """Validated rules (plans checked against the catalog); raises ``RuleRejected``."""
    plans = (
        {slug for slug, _ in plan_choices()}
        if isinstance(rules, dict) and "plan_type" in rules
        else None
    )
    return rules_clean(rules, plan_slugs=plans)


def _name_clean(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise RuleRejected("Give the segment a name.", field="name")
    if len(name.strip()) > 120:
        raise RuleRejected("A segment name has at most 120 characters.", field="name")
    return name.strip()


def segment_create(*, name: str, description: str = "", rules: object, actor: Actor) -> Segment:
    """A new segment; ``RuleRejected`` (nothing saved) for a forbidden field or a bad value."""
    name = _name_clean(name)
    cleaned = segment_rules_clean(rules)
    if Segment.objects.filter(name__iexact=name).exists():
        raise RuleRejected("A segment with this name exists already.", field="name")
    with transaction.atomic():
        segment = Segment.objects.create(
            name=name,
            description=description.strip()[:500],
            rules=cleaned,
            is_cpni=rules_use_cpni(cleaned),
            combines_channels=rules_combine_channels(cleaned),
            created_by=actor if isinstance(actor, User) else None,
        )
        audit_record(
            actor=actor,
            action=MarketingAudit.SEGMENT_CREATED,
            subject=segment,
            detail={"rules": sorted(cleaned), "cpni": segment.is_cpni},
        )
    return segment


def segment_update(
    *, segment: Segment, name: str, description: str = "", rules: object, actor: Actor
) -> Segment:
    """Change a segment no campaign has started sending to (the CPNI record names its rules)."""
    name = _name_clean(name)
    cleaned = segment_rules_clean(rules)
    with transaction.atomic():
        locked = Segment.objects.select_for_update().get(pk=segment.pk)
        if locked.campaigns.exclude(status="draft").exists():
            raise CampaignRejected(
                "A campaign beyond its draft uses this segment; make a new segment instead."
            )
        if Segment.objects.filter(name__iexact=name).exclude(pk=locked.pk).exists():
            raise RuleRejected("A segment with this name exists already.", field="name")
        locked.name = name
        locked.description = description.strip()[:500]
        locked.rules = cleaned
        locked.is_cpni = rules_use_cpni(cleaned)
        locked.combines_channels = rules_combine_channels(cleaned)
        locked.save(
            update_fields=[
                "name",
                "description",
                "rules",
                "is_cpni",
                "combines_channels",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action=MarketingAudit.SEGMENT_CHANGED,
            subject=locked,
            detail={"rules": sorted(cleaned), "cpni": locked.is_cpni},
        )
    return locked
