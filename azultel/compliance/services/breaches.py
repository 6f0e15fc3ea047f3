"""CPNI breach notification (47 CFR 64.2011) on one page: the customers a breach affected, the
law-enforcement notice, the holding period, the customers' notices through the outbox, reminders
before each deadline, and the two-year record.

The breach record and its dates live in ``privacy.cpni_breach`` (privacy imports only core);
this module adds what needs accounts and comms: the affected customers and the emails.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.selectors import privacy_office_addresses
from azultel.comms.services import message_send
from azultel.compliance.audit import ComplianceAudit
from azultel.compliance.models import BreachCustomer
from azultel.compliance.services.refusals import refused
from azultel.core.actors import Person
from azultel.core.audit import audit_record
from azultel.privacy.cpni_breach import (
    BreachNoticeRefused,
    business_days_after,
    cpni_breach_customers_notified,
    cpni_breach_law_enforcement_notified,
    cpni_breach_record,
    customer_notice_earliest,
    law_enforcement_deadline,
)
from azultel.privacy.models import CpniBreach
from azultel.privacy.services import subject_for_user

PERMISSION = "privacy.change_cpnibreach"


def _record_years() -> int:
    """The record period in years: the setting, never under the rule's two."""
    return max(2, settings.COMPLIANCE_BREACH_RECORD_YEARS)


def _may(actor: Person, what: str) -> None:
    if not actor.has_perm(PERMISSION):
        raise refused(actor=actor, what=what, reason="Only a privacy officer handles breaches.")


def breach_open(
    *, actor: Person, determined_on: date, description: str, customer_emails: list[str]
) -> CpniBreach:
    """Record a suspected breach and the customers it affected (each an open account)."""
    what = "record a CPNI breach"
    _may(actor, what)
    emails = sorted({e.strip().lower() for e in customer_emails if e.strip()})
    customers = list(User.objects.filter(email__in=emails, erased_at__isnull=True))
    missing = set(emails) - {c.email.lower() for c in customers}
    if missing or not customers:
        raise refused(
            actor=actor,
            what=what,
            reason="List the affected customers' account emails, one a line; "
            f"{len(missing)} of them match no open account.",
        )
    try:
        with transaction.atomic():
            breach = cpni_breach_record(
                actor=actor,
                determined_on=determined_on,
                description=description,
                customers_affected=len(customers),
            )
            BreachCustomer.objects.bulk_create(
                [BreachCustomer(breach=breach, customer=c) for c in customers]
            )
            audit_record(
                actor=actor,
                action=ComplianceAudit.BREACH_CUSTOMERS_ADDED,
                subject=breach,
                detail={"customers": len(customers)},
            )
    except BreachNoticeRefused as exc:
        raise refused(actor=actor, what=what, reason=str(exc)) from exc
    return breach


def breach_law_enforcement_record(
    *,
    actor: Person,
    breach: CpniBreach,
    reference: str,
    delay_until: date | None,
    submitted_on: date | None = None,
) -> CpniBreach:
    """Record the submission to the Secret Service and FBI reporting facility."""
    what = "record the law-enforcement notice of a CPNI breach"
    _may(actor, what)
    if delay_until is not None and delay_until <= timezone.localdate():
        raise refused(
            actor=actor, what=what, reason="A delay must end after today.", subject=breach
        )
    try:
        return cpni_breach_law_enforcement_notified(
            breach=breach,
            actor=actor,
            reference=reference,
            delay_until=delay_until,
            submitted_on=submitted_on,
        )
    except BreachNoticeRefused as exc:
        raise refused(actor=actor, what=what, reason=str(exc), subject=breach) from exc


def breach_customers_notify(*, actor: Person, breach: CpniBreach) -> int:
    """Queue the notice to every affected customer; refused before the holding period ends."""
    what = "notify the customers of a CPNI breach"
    _may(actor, what)
    try:
        with transaction.atomic():
            locked = cpni_breach_customers_notified(breach=breach, actor=actor)
            rows = list(
                BreachCustomer.objects.select_for_update(of=("self",))
                .filter(breach=locked, queued_at__isnull=True, customer__isnull=False)
                .select_related("customer")
            )
            for row in rows:
                customer = row.customer
                assert customer is not None
                message = message_send(
                    category="security",
                    to=customer.email,
                    template="notice",
                    subject=subject_for_user(user=customer),
                    context={
                        "greeting_name": customer.given_name,
                        "title": "Information about your telephone service was exposed",
                        "paragraphs": [
                            "We found that someone who should not have had it got access to "
                            "information about your telephone service (such as the calls made "
                            "or the services you have).",
                            "We told law enforcement and waited the time the law sets before "
                            "writing to you. Your password and card details were not part of it.",
                            "If you see anything on your account you do not recognise, reply to "
                            "this email or call us.",
                        ],
                    },
                    dedupe_key=f"cpni-breach:{locked.pk}:{customer.pk}",
                    actor=actor,
                )
                row.message_id = message.pk
                row.queued_at = timezone.now()
                row.save(update_fields=["message_id", "queued_at", "updated_at"])
            audit_record(
                actor=actor,
                action=ComplianceAudit.BREACH_CUSTOMERS_QUEUED,
                subject=locked,
                detail={"customers": len(rows)},
            )
    except BreachNoticeRefused as exc:
        raise refused(actor=actor, what=what, reason=str(exc), subject=breach) from exc
    return len(rows)


@dataclass(frozen=True)
class BreachStep:
    title: str
    state: str  # "done", "due", "waiting", "overdue", "keeping"
    when: date | None
    detail: str


def breach_clock(*, breach: CpniBreach, today: date | None = None) -> list[BreachStep]:
    """The rule's steps for ``breach`` with their dates and where each stands today."""
    today = today or timezone.localdate()
    le_due = law_enforcement_deadline(breach)
    steps = [
        BreachStep(
            "Breach recorded",
            "done",
            breach.determined_on,
            f"{breach.customers_affected} "
            f"{'customer' if breach.customers_affected == 1 else 'customers'} affected.",
        )
    ]
    if breach.law_enforcement_notified_at:
        steps.append(
            BreachStep(
                "Law enforcement told (Secret Service and FBI)",
                "done",
                timezone.localdate(breach.law_enforcement_notified_at),
                f"Reference {breach.law_enforcement_reference}.",
            )
        )
    else:
        steps.append(
            BreachStep(
                "Tell law enforcement (Secret Service and FBI)",
                "overdue" if today > le_due else "due",
                le_due,
                "Within seven business days of determining the breach, through the reporting "
                "facility.",
            )
        )
    earliest = customer_notice_earliest(breach)
    if earliest is None:
        steps.append(
            BreachStep(
                "Holding period",
                "waiting",
                None,
                "Starts when law enforcement is told: seven business days.",
            )
        )
    else:
        held = breach.delay_requested_until is not None and breach.delay_requested_until == earliest
        steps.append(
            BreachStep(
                "Holding period",
                "done" if today >= earliest else "waiting",
                earliest,
                (
                    "Law enforcement asked us to wait until this day."
                    if held
                    else "Seven business days after law enforcement was told."
                ),
            )
        )
    if breach.customers_notified_at:
        steps.append(
            BreachStep(
                "Customers told",
                "done",
                timezone.localdate(breach.customers_notified_at),
                "Notices queued through the outbox.",
            )
        )
    else:
        steps.append(
            BreachStep(
                "Tell the affected customers",
                "due" if earliest is not None and today >= earliest else "waiting",
                earliest,
                "Allowed from the end of the holding period.",
            )
        )
    keep_until = breach.determined_on + timedelta(days=366 * _record_years())
    steps.append(
        BreachStep(
            "Keep the records",
            "done" if today >= keep_until else "keeping",
            keep_until,
            "The breach record and the list of customers are kept at least two years.",
        )
    )
    return steps


def _remind(breach: CpniBreach, *, step: str, title: str, text: str, today: date) -> int:
    url = settings.SITE_URL.rstrip("/") + reverse("compliance:breach", args=[breach.pk])
    for address in privacy_office_addresses():
        message_send(
            category="security",
            to=address,
            template="notice",
            context={
                "title": title,
                "paragraphs": [text, "You receive this because you are a privacy officer."],
                "action_url": url,
                "action_label": "Open the breach",
            },
            dedupe_key=f"cpni-breach-reminder:{breach.pk}:{step}:{today.isoformat()}:{address}",
        )
    audit_record(
        actor=None,
        action=ComplianceAudit.BREACH_REMINDER_SENT,
        subject=breach,
        detail={"system": "compliance.breach_reminders", "step": step},
    )
    return 1


def breach_reminders_send(*, today: date | None = None) -> int:
    """Remind the privacy officers of each breach deadline coming within the reminder window (in
    business days), or passed: the law-enforcement notice, and customers who may now be told."""
    today = today or timezone.localdate()
    window = business_days_after(today, settings.COMPLIANCE_BREACH_REMINDER_BUSINESS_DAYS)
    sent = 0
    open_breaches = CpniBreach.objects.filter(customers_notified_at__isnull=True)
    for breach in open_breaches:
        with transaction.atomic():
            if breach.law_enforcement_notified_at is None:
                due = law_enforcement_deadline(breach)
                if due <= window:
                    sent += _remind(
                        breach,
                        step="law_enforcement",
                        title=f"CPNI breach: tell law enforcement by {due:%B %-d, %Y}",
                        text="The notice to the Secret Service and FBI reporting facility is due "
                        f"by {due:%A, %B %-d, %Y} (seven business days after the breach was "
                        "determined).",
                        today=today,
                    )
                continue
            earliest = customer_notice_earliest(breach)
            if earliest is not None and earliest <= window:
                sent += _remind(
                    breach,
                    step="customers",
                    title=f"CPNI breach: customers may be told from {earliest:%B %-d, %Y}",
                    text="The holding period ends; queue the notices to the affected customers "
                    "from the breach page.",
                    today=today,
                )
    return sent


def breach_lists_purge(*, today: date | None = None) -> int:
    """Delete the lists of affected customers of breaches determined more than the record period
    ago (at least two years, 47 CFR 64.2011(d)); the breach records stay."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=366 * _record_years())
    deleted, _ = BreachCustomer.objects.filter(breach__determined_on__lt=cutoff).delete()
    if deleted:
        audit_record(
            actor=None,
            action=ComplianceAudit.BREACH_LIST_PURGED,
            detail={"system": "compliance.breach_lists_purge", "rows": deleted},
        )
    return deleted
