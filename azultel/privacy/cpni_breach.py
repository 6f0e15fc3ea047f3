"""CPNI breach records and their notification deadlines (P30, 47 CFR 64.2011)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from azultel.core.actors import Actor, actor_user_id
from azultel.core.audit import audit_record
from azultel.privacy.audit import PrivacyAudit
from azultel.privacy.models import CpniBreach
from azultel.privacy.us_holidays import is_business_day

LAW_ENFORCEMENT_BUSINESS_DAYS = 7
CUSTOMER_WAIT_BUSINESS_DAYS = 7


class BreachNoticeRefused(ValueError):
    """A notice step out of order or too early; the message says when it is allowed."""


def business_days_after(start: date, days: int) -> date:
    """The date ``days`` business days after ``start``: weekends and US federal holidays (their
    observed days) are skipped."""
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_business_day(current):
            remaining -= 1
    return current


def law_enforcement_deadline(breach: CpniBreach) -> date:
    return business_days_after(breach.determined_on, LAW_ENFORCEMENT_BUSINESS_DAYS)


def customer_notice_earliest(breach: CpniBreach) -> date | None:
    """The first day customers may be told; None until law enforcement has been told."""
    if breach.law_enforcement_notified_at is None:
        return None
    earliest = business_days_after(
        timezone.localdate(breach.law_enforcement_notified_at), CUSTOMER_WAIT_BUSINESS_DAYS
    )
    if breach.delay_requested_until and breach.delay_requested_until > earliest:
        return breach.delay_requested_until
    return earliest


def cpni_breach_record(
    *, actor: Actor | None, determined_on: date, description: str, customers_affected: int
) -> CpniBreach:
    if not description.strip():
        raise BreachNoticeRefused("Describe what happened.")
    if determined_on > timezone.localdate():
        raise BreachNoticeRefused("The determination date cannot be in the future.")
    with transaction.atomic():
        breach = CpniBreach.objects.create(
            determined_on=determined_on,
            description=description.strip(),
            customers_affected=customers_affected,
            recorded_by_id=actor_user_id(actor),
        )
        audit_record(actor=actor, action=PrivacyAudit.CPNI_BREACH_RECORDED, subject=breach)
    return breach


def cpni_breach_law_enforcement_notified(
    *,
    breach: CpniBreach,
    actor: Actor | None,
    reference: str,
    delay_until: date | None = None,
    submitted_on: date | None = None,
) -> CpniBreach:
    """Record the notice to law enforcement, sent today or on ``submitted_on`` (not in the future,
    not before the breach was determined); the holding period counts from that day."""
    if not reference.strip():
        raise BreachNoticeRefused("Record the reporting facility's reference number.")
    notified_at = timezone.now()
    if submitted_on is not None:
        if submitted_on > timezone.localdate() or submitted_on < breach.determined_on:
            raise BreachNoticeRefused(
                "The submission day must be between the breach's determination and today."
            )
        if submitted_on != timezone.localdate():
            notified_at = timezone.make_aware(datetime.combine(submitted_on, time(12, 0)))
    with transaction.atomic():
        locked = CpniBreach.objects.select_for_update().get(pk=breach.pk)
        if locked.law_enforcement_notified_at is not None:
            raise BreachNoticeRefused("Law enforcement has already been notified.")
        locked.law_enforcement_notified_at = notified_at
        locked.law_enforcement_reference = reference.strip()
        locked.delay_requested_until = delay_until
        locked.save(
            update_fields=[
                "law_enforcement_notified_at",
                "law_enforcement_reference",
                "delay_requested_until",
                "updated_at",
            ]
        )
        audit_record(actor=actor, action=PrivacyAudit.CPNI_BREACH_LE_NOTIFIED, subject=locked)
    return locked


def cpni_breach_customers_notified(*, breach: CpniBreach, actor: Actor | None) -> CpniBreach:
    """Record that customers were told; refused before law enforcement's waiting period ends."""
    with transaction.atomic():
        locked = CpniBreach.objects.select_for_update().get(pk=breach.pk)
        earliest = customer_notice_earliest(locked)
        if earliest is None:
            raise BreachNoticeRefused("Notify law enforcement first; customers are told after.")
        if timezone.localdate() < earliest:
            raise BreachNoticeRefused(
                f"Customers may be told from {earliest:%B %-d, %Y} (seven business days after "
                "law enforcement, or later if they asked for a delay)."
            )
        locked.customers_notified_at = timezone.now()
        locked.save(update_fields=["customers_notified_at", "updated_at"])
        audit_record(
            actor=actor, action=PrivacyAudit.CPNI_BREACH_CUSTOMERS_NOTIFIED, subject=locked
        )
    return locked
