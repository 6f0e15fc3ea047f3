"""Publishing a policy version, and the records behind the change notice (P08).

``policy_publish`` publishes; when the version changes how personal data is used, it counts the
account holders and, after commit, sends ``privacy.signals.policy_change_published``. comms
reacts by queueing one notice each (``comms.services.policy_notices``: batches, resumable), and
records each notice here with ``policy_notices_record``; privacy itself imports no app above it.
Each notice carries the summary of the change and a one-click opt-out of the changed use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.privacy.audit import PrivacyAudit
from azultel.privacy.models import (
    ConsentEvent,
    ConsentSource,
    DataSubject,
    PolicyNotice,
    PolicyVersion,
)
from azultel.privacy.services import consent_record
from azultel.privacy.signals import policy_change_published

BATCH_SIZE = 1000
_OPT_OUT_SALT = "azultel.privacy.policy-opt-out"


class PolicyPublishError(ValueError):
    """The version cannot be published as it stands; the message says what is missing."""


def account_holders() -> QuerySet[Any]:
    """Everyone a policy-change notice goes to: active accounts not erased."""
    return get_user_model().objects.filter(is_active=True, erased_at__isnull=True)


def policy_publish(*, version: PolicyVersion, actor: Actor | None) -> PolicyVersion:
    """Publish ``version``; if it changes a use of personal data, queue the notices after commit."""
    with transaction.atomic():
        locked = PolicyVersion.objects.select_for_update().get(pk=version.pk)
        if locked.published_at is not None:
            raise PolicyPublishError(f"Version {locked.version} is already published.")
        if locked.changes_personal_data_use:
            if not locked.summary_of_changes.strip():
                raise PolicyPublishError(
                    "Write the summary of changes: it is what every account holder is emailed."
                )
            if not locked.changed_use_topic:
                raise PolicyPublishError(
                    "Choose the use this version changes, so the notice can offer its opt-out."
                )
        locked.published_at = timezone.now()
        fields = ["published_at", "updated_at"]
        if locked.changes_personal_data_use:
            locked.notices_total = account_holders().count()
            locked.notices_queued = 0
            fields += ["notices_total", "notices_queued"]
        locked.save(update_fields=fields)
        audit_record(
            actor=actor,
            action=PrivacyAudit.POLICY_PUBLISHED,
            subject=locked,
            detail={"version": locked.version, "notifies": locked.changes_personal_data_use},
        )
        if locked.changes_personal_data_use:
            pk = locked.pk
            transaction.on_commit(
                lambda: policy_change_published.send(sender=PolicyVersion, version_id=pk)
            )
    return locked


def opt_out_token(*, subject: DataSubject, version: PolicyVersion) -> str:
    return signing.dumps({"s": str(subject.pk), "v": version.pk}, salt=_OPT_OUT_SALT, compress=True)


@dataclass(frozen=True)
class OptOutTarget:
    subject: DataSubject
    version: PolicyVersion


def opt_out_target(*, token: str) -> OptOutTarget | None:
    """The person and version behind a notice's opt-out link, or None if forged or stale."""
    try:
        data = signing.loads(token, salt=_OPT_OUT_SALT, max_age=60 * 60 * 24 * 365)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("v"), int):
        return None
    try:
        subject = DataSubject.objects.filter(pk=str(data.get("s")), erased_at__isnull=True).first()
    except ValidationError:
        return None
    version = PolicyVersion.objects.filter(pk=data["v"], published_at__isnull=False).first()
    if subject is None or version is None or not version.changed_use_topic:
        return None
    return OptOutTarget(subject, version)


def policy_opt_out(*, target: OptOutTarget) -> ConsentEvent:
    """Refuse the changed use at once (ledger source: policy-change opt-out)."""
    return consent_record(
        subject=target.subject,
        topic=target.version.changed_use_topic,
        granted=False,
        source=ConsentSource.POLICY_CHANGE_OPT_OUT,
        policy_version=target.version,
    )


def subjects_for_users(*, user_ids: list[int]) -> dict[int, DataSubject]:
    """The data subject of each account, created where an account has none yet."""
    subjects = {s.user_id: s for s in DataSubject.objects.filter(user_id__in=user_ids) if s.user_id}
    missing = [DataSubject(user_id=uid) for uid in user_ids if uid not in subjects]
    if missing:
        DataSubject.objects.bulk_create(missing, ignore_conflicts=True)
        subjects = {
            s.user_id: s for s in DataSubject.objects.filter(user_id__in=user_ids) if s.user_id
        }
    return subjects


def policy_notified_user_ids(*, version: PolicyVersion, user_ids: list[int]) -> set[int]:
    """Which of these accounts already have a notice of ``version`` (so a rerun skips them)."""
    return set(
        PolicyNotice.objects.filter(
            policy_version=version, subject__user_id__in=user_ids
        ).values_list("subject__user_id", flat=True)
    )


def policy_notices_record(
    *, version: PolicyVersion, notices: list[tuple[DataSubject, UUID | None]]
) -> None:
    """Record each subject's notice of ``version``, with the outbox message carrying it."""
    now = timezone.now()
    PolicyNotice.objects.bulk_create(
        [
            PolicyNotice(policy_version=version, subject=s, notified_at=now, message_id=message_id)
            for s, message_id in notices
        ],
        ignore_conflicts=True,
    )
    PolicyVersion.objects.filter(pk=version.pk).update(
        notices_queued=F("notices_queued") + len(notices)
    )


def policy_notices_finished(*, version_id: int) -> None:
    PolicyVersion.objects.filter(pk=version_id).update(notices_queued_at=timezone.now())
