"""Data subjects and the consent ledger (B4): who a person is to privacy, and recording their
choices (registration, privacy centre, GPC, unsubscribe links)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from azultel.core.actors import (
    Actor,
    actor_user_id,
)
from azultel.privacy.models import (
    ConsentEvent,
    ConsentSource,
    ConsentState,
    ConsentTopic,
    DataSubject,
    PolicyVersion,
)
from azultel.privacy.selectors import consent_states, policy_current


def _normalise_email(email: str) -> str:
    return email.strip().lower()


def subject_for_user(*, user: Any) -> DataSubject:
    """The data subject of an account, created on first use (race-safe)."""
    existing = DataSubject.objects.filter(user=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return DataSubject.objects.create(user=user)
    except IntegrityError:
        return DataSubject.objects.get(user=user)


def subject_for_email(*, email: str) -> DataSubject:
    """The data subject for an address: the account holder's if an account uses it."""

    address = _normalise_email(email)
    user = get_user_model().objects.filter(email__iexact=address).first()
    if user is not None:
        return subject_for_user(user=user)
    existing = DataSubject.objects.filter(email=address).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return DataSubject.objects.create(email=address)
    except IntegrityError:
        return DataSubject.objects.get(email=address)


def consent_record(
    *,
    subject: DataSubject,
    topic: str,
    granted: bool,
    source: str,
    actor: Actor | None = None,
    policy_version: PolicyVersion | None = None,
) -> ConsentEvent:
    """Append a grant or withdrawal to the ledger and update the current state in one transaction.

    ``policy_version`` defaults to the policy in effect now (the version the person was shown).
    """
    if topic not in ConsentTopic.values:
        raise ValueError(f"Unknown consent topic {topic!r}.")
    if source not in ConsentSource.values:
        raise ValueError(f"Unknown consent source {source!r}.")
    with transaction.atomic():
        # Lock the subject row: concurrent changes for one person apply one after the other,
        # and no choice lands on a person erased meanwhile.
        locked = DataSubject.objects.select_for_update().filter(pk=subject.pk).first()
        if locked is None or locked.erased_at is not None:
            raise ValueError("This data subject has been erased.")
        event = ConsentEvent.objects.create(
            subject=subject,
            topic=topic,
            granted=granted,
            source=source,
            actor_id=actor_user_id(actor),
            policy_version=policy_version or policy_current(),
            created_at=timezone.now(),
        )
        ConsentState.objects.update_or_create(
            subject=subject,
            topic=topic,
            defaults={"granted": granted, "last_event": event, "updated_at": event.created_at},
        )
    return event


def consent_set_many(
    *,
    subject: DataSubject,
    choices: dict[str, bool],
    source: str,
    actor: Actor | None = None,
    only_changes: bool = True,
) -> list[ConsentEvent]:
    """Record several choices at once; with ``only_changes`` unchanged answers add no entry."""

    with transaction.atomic():
        current = consent_states(subject=subject)
        events = []
        for topic, granted in choices.items():
            if only_changes and topic in current and current[topic] == granted:
                continue
            events.append(
                consent_record(
                    subject=subject, topic=topic, granted=granted, source=source, actor=actor
                )
            )
    return events


def gpc_withdrawal_record(*, user: Any) -> ConsentEvent | None:
    """Record that a signed-in person's browser sent GPC: sharing withdrawn (B1, B4).

    Adds a ledger entry only when sharing is not already withdrawn.
    """

    subject = subject_for_user(user=user)
    if consent_states(subject=subject).get(ConsentTopic.DATA_SHARING) is False:
        return None
    return consent_record(
        subject=subject,
        topic=ConsentTopic.DATA_SHARING,
        granted=False,
        source=ConsentSource.GPC,
        actor=user,
    )
