"""Reads of privacy records."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from azultel.privacy.models import PolicyVersion


def policy_published() -> QuerySet[PolicyVersion]:
    """Published versions already in effect, newest first."""
    return PolicyVersion.objects.filter(
        published_at__isnull=False, effective_date__lte=timezone.localdate()
    ).order_by("-effective_date", "-id")


def policy_current() -> PolicyVersion | None:
    return policy_published().first()


def policy_get_published(*, version: str) -> PolicyVersion | None:
    return policy_published().filter(version=version).first()
