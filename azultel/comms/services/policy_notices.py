"""The policy-change notice every account holder gets (P08), queued when privacy announces it.

privacy publishes the version and sends ``policy_change_published`` after commit; comms's
receiver (``comms.receivers``) starts the ``policy_notices_send`` task, which queues one notice
per account holder in batches of ``BATCH_SIZE``. A rerun resumes: whoever already has a notice
of that version is skipped. Each notice carries the summary of the change and a one-click
opt-out of the changed use (a signed link privacy checks).
"""

from __future__ import annotations

from django.db import transaction

from azultel.comms.models import OutboxMessage
from azultel.comms.services.queueing import messages_queue_bulk
from azultel.core.links import site_reverse
from azultel.privacy.models import DataSubject, PolicyVersion
from azultel.privacy.policy_notices import (
    account_holders,
    opt_out_token,
    policy_notices_finished,
    policy_notices_record,
    policy_notified_user_ids,
    subjects_for_users,
)

BATCH_SIZE = 1000


def policy_notices_queue_batch(*, version: PolicyVersion, after_user_id: int = 0) -> int | None:
    """Queue notices for the next batch of account holders after ``after_user_id``.

    Returns the last user id handled, or None when everyone has been reached.
    """
    users = list(
        account_holders()
        .filter(pk__gt=after_user_id)
        .order_by("pk")
        .values_list("pk", "email", "given_name")[:BATCH_SIZE]
    )
    if not users:
        return None
    user_ids = [u[0] for u in users]
    with transaction.atomic():
        subjects = subjects_for_users(user_ids=user_ids)
        done = policy_notified_user_ids(version=version, user_ids=user_ids)
        # Reversed once per batch; only the token differs between recipients.
        opt_out_pattern = site_reverse("privacy:policy_opt_out", args=["TOKEN"])
        policy_url = site_reverse("site:privacy_policy")
        recipients: list[tuple[str, DataSubject | None, dict[str, object]]] = []
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
            # Each notice points at the outbox message carrying it, so its delivery can be read.
            prefix = f"policy-{version.pk}:s"
            message_ids = {
                str(key).removeprefix(prefix): pk
                for key, pk in OutboxMessage.objects.filter(
                    dedupe_key__in=[f"{prefix}{s.pk.hex}" for _, s, _ in recipients if s]
                ).values_list("dedupe_key", "pk")
            }
            policy_notices_record(
                version=version,
                notices=[(s, message_ids.get(s.pk.hex)) for _, s, _ in recipients if s is not None],
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
    policy_notices_finished(version_id=version_id)
    return batches
