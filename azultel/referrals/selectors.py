"""Reads of the referrals app: whether an address may get an invitation, and the counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.models import SuppressedAddress
from azultel.privacy.models import ConsentState, DataSubject
from azultel.privacy.selectors import SOLICITATION_TOPICS
from azultel.referrals.models import BlockedAddress, Referral


def _refused_every_kind_of_email(email: str) -> bool:
    """The consent ledger holds an explicit "no" to every kind of marketing email for the address
    (an account's address or that of a person without one). Read only: nothing is created."""
    address = email.strip().lower()
    subject = (
        DataSubject.objects.filter(Q(user__email__iexact=address) | Q(email=address))
        .order_by("created_at")
        .first()
    )
    if subject is None:
        return False
    refused = set(
        ConsentState.objects.filter(
            subject=subject, topic__in=SOLICITATION_TOPICS, granted=False
        ).values_list("topic", flat=True)
    )
    return refused >= SOLICITATION_TOPICS


def friend_may_be_invited(*, email: str, fingerprint: str, now: datetime | None = None) -> bool:
    """P05: no invitation to an address that refused email (suppression list, the report link,
    the consent ledger) or that had one in the last ``REFERRALS_REPEAT_DAYS`` days."""
    now = now or timezone.now()
    if BlockedAddress.objects.filter(fingerprint=fingerprint).exists():
        return False
    if SuppressedAddress.objects.filter(fingerprint=fingerprint).exists():
        return False
    recent = now - timedelta(days=settings.REFERRALS_REPEAT_DAYS)
    if Referral.objects.filter(friend_hash=fingerprint, created_at__gte=recent).exists():
        return False
    return not _refused_every_kind_of_email(email)


def referral_latest_for_hash(*, fingerprint: str) -> Referral | None:
    """The newest referral of the address: the one a sign-up or order is counted for (only
    once: an older referral is never counted by a later order). Purged hashes match nothing."""
    if not fingerprint:
        return None
    return Referral.objects.filter(friend_hash=fingerprint).order_by("-created_at").first()


@dataclass(frozen=True)
class ReferralCounts:
    sent: int
    signed_up: int
    ordered: int


def _counts(rows: QuerySet[Referral]) -> ReferralCounts:
    totals = rows.aggregate(
        sent=Count("id"),
        signed_up=Count("id", filter=Q(signed_up_at__isnull=False)),
        ordered=Count("id", filter=Q(ordered_at__isnull=False)),
    )
    return ReferralCounts(totals["sent"], totals["signed_up"], totals["ordered"])


def referral_counts_for_referrer(*, user: User) -> ReferralCounts:
    """What the customer sees in their account: counts only, never who signed up."""
    return _counts(Referral.objects.filter(referrer=user))


@dataclass(frozen=True)
class ReferralReport:
    all_time: ReferralCounts
    last_30_days: ReferralCounts
    by_customers: ReferralCounts
    by_visitors: ReferralCounts
    blocked_addresses: int


def referral_report(*, now: datetime | None = None) -> ReferralReport:
    """Marketing's counts: invitations sent, friends who signed up, friends who ordered."""
    now = now or timezone.now()
    rows = Referral.objects.all()
    return ReferralReport(
        all_time=_counts(rows),
        last_30_days=_counts(rows.filter(created_at__gte=now - timedelta(days=30))),
        by_customers=_counts(rows.filter(by_visitor=False)),
        by_visitors=_counts(rows.filter(by_visitor=True)),
        blocked_addresses=BlockedAddress.objects.count(),
    )
