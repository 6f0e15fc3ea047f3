"""The suppression list and unsubscribing: addresses no commercial email reaches (kept as a keyed
hash), and withdrawing consent from a commercial email's one-click link (P12, P21)."""

from __future__ import annotations

from django.db import transaction

from azultel.comms.addresses import address_clean, address_fingerprint
from azultel.comms.audit import CommsAudit
from azultel.comms.models import (
    COMMERCIAL,
    SOLICITATION_TOPIC,
    MessageCategory,
    OutboxMessage,
    SuppressedAddress,
    SuppressionReason,
)
from azultel.comms.services.errors import MessageRejected
from azultel.core.actors import Actor, actor_user_id
from azultel.core.audit import audit_record
from azultel.privacy.models import ConsentSource
from azultel.privacy.selectors import SOLICITATION_TOPICS
from azultel.privacy.services import consent_set_many, subject_for_email


def _suppress_fingerprint(
    fingerprint: str, *, reason: str, actor: Actor | None
) -> SuppressedAddress:
    with transaction.atomic():
        entry, created = SuppressedAddress.objects.get_or_create(
            fingerprint=fingerprint,
            defaults={
                "reason": reason,
                "actor_id": actor_user_id(actor),
            },
        )
        if created:
            audit_record(
                actor=actor,
                action=CommsAudit.ADDRESS_SUPPRESSED,
                subject=entry,
                detail={"reason": reason},
            )
    return entry


def suppression_add(*, email: str, reason: str, actor: Actor | None) -> SuppressedAddress:
    """Put an address on the suppression list (kept as a keyed hash). Idempotent: the first
    reason recorded stays. No solicitation or referral invitation reaches it afterwards."""
    address = address_clean(email)
    if not isinstance(reason, str) or reason not in SuppressionReason.values:
        raise MessageRejected(
            f"Unknown suppression reason {reason!r}; use one of: "
            f"{', '.join(SuppressionReason.values)}."
        )
    return _suppress_fingerprint(address_fingerprint(address), reason=reason, actor=actor)


class UnsubscribeScope:
    THIS_KIND = "this"
    ALL_MARKETING = "all"
    VALUES = (THIS_KIND, ALL_MARKETING)


def unsubscribe_apply(
    *, message: OutboxMessage, scope: str, actor: Actor | None = None
) -> list[str]:
    """Withdraw consent from a commercial email's unsubscribe link, at once (P12, P21).

    A solicitation withdraws its own topic (``scope="this"``) or every marketing topic
    (``"all"``) in the consent ledger, source "unsubscribe link". A referral invitation puts the
    friend's address on the suppression list. Returns the topics withdrawn.
    """
    if message.category not in COMMERCIAL:
        raise MessageRejected("Only commercial email carries an unsubscribe link.")
    if scope not in UnsubscribeScope.VALUES:
        raise MessageRejected(f"Unknown unsubscribe scope {scope!r}.")
    with transaction.atomic():
        if message.category == MessageCategory.REFERRAL_INVITATION:
            _suppress_fingerprint(
                message.to_fingerprint, reason=SuppressionReason.UNSUBSCRIBED, actor=actor
            )
            return []
        subject = message.data_subject
        if subject is None and message.to_address:
            subject = subject_for_email(email=message.to_address)
        if subject is None or subject.erased_at is not None:
            # An erased person is sent no solicitation at all; there is nothing left to record.
            return []
        if scope == UnsubscribeScope.ALL_MARKETING:
            topics = sorted(str(t) for t in SOLICITATION_TOPICS)
        else:
            topics = [SOLICITATION_TOPIC[message.category]]
        consent_set_many(
            subject=subject,
            choices=dict.fromkeys(topics, False),
            source=ConsentSource.UNSUBSCRIBE_LINK,
            actor=actor,
        )
        audit_record(
            actor=actor,
            action=CommsAudit.UNSUBSCRIBED,
            subject=message,
            detail={"topics": topics, "scope": scope},
        )
    return topics
