"""Reads of privacy records."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from azultel.privacy.models import (
    ConsentEvent,
    ConsentState,
    ConsentTopic,
    DataSubject,
    PolicyVersion,
)


def policy_published() -> QuerySet[PolicyVersion]:
    """Published versions already in effect, newest first."""
    return PolicyVersion.objects.filter(
        published_at__isnull=False, effective_date__lte=timezone.localdate()
    ).order_by("-effective_date", "-id")


def policy_current() -> PolicyVersion | None:
    return policy_published().first()


def policy_get_published(*, version: str) -> PolicyVersion | None:
    return policy_published().filter(version=version).first()


# --- Consent ----------------------------------------------------------------------------------

SOLICITATION_TOPICS = frozenset(
    {
        ConsentTopic.PRODUCT_INFO,
        ConsentTopic.SPECIAL_OFFERS,
        ConsentTopic.NEWSLETTER,
        ConsentTopic.SURVEYS,
        ConsentTopic.SERVICE_OFFERS,
    }
)


def consent_is_granted(*, subject: DataSubject | None, topic: str) -> bool:
    """Current answer for one topic, in one indexed query. No answer yet means not granted."""
    if subject is None or subject.erased_at is not None:
        return False
    granted = (
        ConsentState.objects.filter(subject=subject, topic=topic)
        .values_list("granted", flat=True)
        .first()
    )
    return bool(granted)


def consent_states(*, subject: DataSubject) -> dict[str, bool]:
    """Every topic the subject has answered, with the current answer."""
    return dict(ConsentState.objects.filter(subject=subject).values_list("topic", "granted"))


def consent_history(*, subject: DataSubject) -> QuerySet[ConsentEvent]:
    return ConsentEvent.objects.filter(subject=subject).select_related("policy_version")


def subject_get_for_user(*, user: Any) -> DataSubject | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return DataSubject.objects.filter(user=user).first()
