"""Publishing a policy version, and the change notice every account holder gets (P08).

``policy_publish`` publishes; when the version changes how personal data is used, it counts the
account holders and, after commit, a task queues one notice each (batches of 1,000, resumable:
whoever already has a ``PolicyNotice`` is skipped). Each notice carries the summary of the change
and a one-click opt-out of the changed use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from azultel.core.audit import audit_record
from azultel.core.links import site_reverse
from azultel.privacy.models import (
    ConsentEvent,
    ConsentSource,
    DataSubject,
    PolicyNotice,
    PolicyVersion,
)

BATCH_SIZE = 1000
_OPT_OUT_SALT = "azultel.privacy.policy-opt-out"


class PolicyPublishError(ValueError):
    """The version cannot be published as it stands; the message says what is missing."""


def _account_holders() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True, erased_at__isnull=True)


def policy_publish(*, version: PolicyVersion, actor: Any) -> PolicyVersion:
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
            locked.notices_total = _account_holders().count()
            locked.notices_queued = 0
            fields += ["notices_total", "notices_queued"]
        locked.save(update_fields=fields)
        audit_record(
            actor=actor,
            action="privacy.policy_published",
            subject=locked,
            detail={"version": locked.version, "notifies": locked.changes_personal_data_use},
        )
        if locked.changes_personal_data_use:
            pk = locked.pk
            transaction.on_commit(lambda: _enqueue(pk))
    return locked


def _enqueue(version_id: int) -> None:
    from azultel.privacy import tasks

    tasks.policy_notices_send.delay(version_id)


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
    from azultel.privacy.services import consent_record

    return consent_record(
        subject=target.subject,
        topic=target.version.changed_use_topic,
        granted=False,
        source=ConsentSource.POLICY_CHANGE_OPT_OUT,
        policy_version=target.version,
    )


def policy_notices_queue_batch(*, version: PolicyVersion, after_user_id: int = 0) -> int | None:
    """Queue notices for the next batch of account holders after ``after_user_id``.

    Returns the last user id handled, or None when everyone has been reached.
    """
    from azultel.comms.models import OutboxMessage
    from azultel.comms.services import messages_queue_bulk

    users = list(
        _account_holders()
        .filter(pk__gt=after_user_id)
        .order_by("pk")
        .values_list("pk", "email", "given_name")[:BATCH_SIZE]
    )
    if not users:
        return None
    user_ids = [u[0] for u in users]
    with transaction.atomic():
        subjects = {s.user_id: s for s in DataSubject.objects.filter(user_id__in=user_ids)}
        missing = [DataSubject(user_id=uid) for uid in user_ids if uid not in subjects]
        if missing:
            DataSubject.objects.bulk_create(missing, ignore_conflicts=True)
            subjects = {s.user_id: s for s in DataSubject.objects.filter(user_id__in=user_ids)}
        done = set(
            PolicyNotice.objects.filter(
                policy_version=version, subject__user_id__in=user_ids
            ).values_list("subject__user_id", flat=True)
        )
        # Reversed once per batch; only the token differs between recipients.
        opt_out_pattern = site_reverse("privacy:policy_opt_out", args=["TOKEN"])
        policy_url = site_reverse("site:privacy_policy")
        recipients: list[tuple[str, DataSubject | None, dict[str, Any]]] = []
        for uid, email, given_name in users:
            if uid in done:
                continue
            subject = subjects[uid]
            token = opt_out_token(subject=subject, version=version)
            recipients.append(
                (
                    email,
                    subject,
                    {
                        "given_name": given_name,
                        "version": version.version,
                        "effective_date": version.effective_date,
                        "summary": version.summary_of_changes,
                        "changed_use": version.get_changed_use_topic_display(),
                        "opt_out_url": opt_out_pattern.replace("TOKEN", token),
                        "policy_url": policy_url,
                    },
                )
            )
        if recipients:
            messages_queue_bulk(
                category="policy_notice",
                recipients=recipients,
                template="privacy_policy_change",
                dedupe_prefix=f"policy-{version.pk}",
            )
            now = timezone.now()
            # Each notice points at the outbox message carrying it, so its delivery can be read.
            prefix = f"policy-{version.pk}:s"
            message_ids = {
                str(key).removeprefix(prefix): pk
                for key, pk in OutboxMessage.objects.filter(
                    dedupe_key__in=[f"{prefix}{s.pk.hex}" for _, s, _ in recipients if s]
                ).values_list("dedupe_key", "pk")
            }
            PolicyNotice.objects.bulk_create(
                [
                    PolicyNotice(
                        policy_version=version,
                        subject=s,
                        notified_at=now,
                        message_id=message_ids.get(s.pk.hex),
                    )
                    for _, s, _ in recipients
                    if s is not None
                ],
                ignore_conflicts=True,
            )
            PolicyVersion.objects.filter(pk=version.pk).update(
                notices_queued=F("notices_queued") + len(recipients)
            )
    return users[-1][0]


def policy_notices_send_all(*, version_id: int) -> int:
    """Queue every outstanding notice of one version; returns how many batches ran."""
    version = PolicyVersion.objects.get(pk=version_id)
    last: int | None = 0
    batches = 0
    while last is not None:
        last = policy_notices_queue_batch(version=version, after_user_id=last)
        batches += 1
    PolicyVersion.objects.filter(pk=version_id).update(notices_queued_at=timezone.now())
    return batches
