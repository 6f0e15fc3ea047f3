"""The bulk forms of ``consent``: data subjects for many addresses and many ledger grants at once,
in a fixed number of queries per chunk of people (an imported list of thousands of rows).

Same rules as the one-at-a-time services: an account's address gives the account holder's
subject, every grant is a ledger entry with the policy in effect, and unchanged answers add no
entry; subjects are locked in one fixed order (by id) so concurrent writes apply one by one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from azultel.core.actors import Actor, actor_user_id
from azultel.privacy.models import (
    ConsentEvent,
    ConsentSource,
    ConsentState,
    ConsentTopic,
    DataSubject,
)
from azultel.privacy.selectors import policy_current

CHUNK = 500


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def subjects_for_emails(*, emails: Iterable[str]) -> dict[str, DataSubject]:
    """The data subject of each address (lower case key), created where missing: the account
    holder's when an account uses the address. At most 7 queries per 500 addresses."""
    wanted = sorted({email.strip().lower() for email in emails if email.strip()})
    found: dict[str, DataSubject] = {}
    user_model = get_user_model()
    for chunk in _chunks(wanted):
        # Account addresses are stored in lower case (accounts.UserManager).
        accounts = dict(user_model.objects.filter(email__in=chunk).values_list("pk", "email"))
        if accounts:
            have = {s.user_id: s for s in DataSubject.objects.filter(user_id__in=list(accounts))}
            missing = [DataSubject(user_id=pk) for pk in accounts if pk not in have]
            if missing:
                DataSubject.objects.bulk_create(missing, ignore_conflicts=True)
                have = {
                    s.user_id: s for s in DataSubject.objects.filter(user_id__in=list(accounts))
                }
            found.update({accounts[pk]: have[pk] for pk in accounts})
        rest = [email for email in chunk if email not in found]
        if not rest:
            continue
        known = {s.email: s for s in DataSubject.objects.filter(email__in=rest)}
        new = [DataSubject(email=email) for email in rest if email not in known]
        if new:
            DataSubject.objects.bulk_create(new, ignore_conflicts=True)
            known = {s.email: s for s in DataSubject.objects.filter(email__in=rest)}
        found.update({str(email): subject for email, subject in known.items()})
    return found


def consent_grant_many(
    *,
    grants: Mapping[uuid.UUID, Iterable[str]],
    source: str,
    actor: Actor | None = None,
) -> int:
    """Record a grant of each topic for each subject id, skipping topics already granted;
    returns how many ledger entries were added. ``ValueError`` (nothing written) for an unknown
    topic or source, or an erased or unknown subject. At most 6 queries per 500 subjects."""
    if source not in ConsentSource.values:
        raise ValueError(f"Unknown consent source {source!r}.")
    wanted = {subject_id: sorted(set(topics)) for subject_id, topics in grants.items()}
    for topics in wanted.values():
        for topic in topics:
            if topic not in ConsentTopic.values:
                raise ValueError(f"Unknown consent topic {topic!r}.")
    ids = sorted(str(subject_id) for subject_id in wanted)
    policy = policy_current()
    actor_id = actor_user_id(actor)
    added = 0
    with transaction.atomic():
        for chunk in _chunks(ids):
            chunk_ids = [uuid.UUID(s) for s in chunk]
            locked = list(
                DataSubject.objects.select_for_update()
                .filter(pk__in=chunk_ids, erased_at__isnull=True)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if len(locked) != len(chunk_ids):
                raise ValueError("A data subject is unknown or has been erased.")
            states = {
                (state.subject_id, state.topic): state
                for state in ConsentState.objects.filter(subject_id__in=chunk_ids)
            }
            now = timezone.now()
            events = [
                ConsentEvent(
                    subject_id=subject_id,
                    topic=topic,
                    granted=True,
                    source=source,
                    actor_id=actor_id,
                    policy_version=policy,
                    created_at=now,
                )
                for subject_id in chunk_ids
                for topic in wanted[subject_id]
                if not getattr(states.get((subject_id, topic)), "granted", False)
            ]
            ConsentEvent.objects.bulk_create(events)
            changed, new = [], []
            for event in events:
                state = states.get((event.subject_id, event.topic))
                if state is None:
                    new.append(
                        ConsentState(
                            subject_id=event.subject_id,
                            topic=event.topic,
                            granted=True,
                            last_event=event,
                            updated_at=now,
                        )
                    )
                else:
                    state.granted, state.last_event, state.updated_at = True, event, now
                    changed.append(state)
            ConsentState.objects.bulk_create(new)
            ConsentState.objects.bulk_update(changed, ["granted", "last_event", "updated_at"])
            added += len(events)
    return added
