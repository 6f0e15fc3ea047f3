"""Writes of the referrals app: sending one invitation, crediting it, blocking an address,
purging hashes (B3) and clearing a referrer on deletion (B2).

The friend's address is used for one email through ``comms`` and never stored here: only its
keyed fingerprint (``comms.addresses.address_fingerprint``, FIELD_HMAC_KEY), so the outbox row,
the suppression list and a referral all match the same value. No log line or audit detail holds
the address or the fingerprint.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.billing.selectors import bills_for_account, credits_for_account
from azultel.billing.services import billing_account_get_or_create, credit_issue
from azultel.catalog.selectors import product_get_active
from azultel.comms.addresses import address_clean, address_fingerprint
from azultel.comms.models import MessageCategory
from azultel.comms.services import message_send
from azultel.core.actors import Actor, system_actor
from azultel.core.audit import audit_record
from azultel.core.links import site_reverse, site_url
from azultel.core.ratelimit import rate_limit_hit
from azultel.referrals import selectors
from azultel.referrals.audit import ReferralsAudit
from azultel.referrals.invitation_text import name_clean, note_clean
from azultel.referrals.models import BlockedAddress, Referral

logger = logging.getLogger(__name__)

TEMPLATE = "referrals_invitation"
_REPORT_SALT = "azultel.referrals.report"
DAY_SECONDS = 24 * 3600
FRIEND_CREDIT_REASON = "Welcome credit: a friend told you about Azultel"


@dataclass(frozen=True)
class Invitation:
    """What the sender typed: who they are, who the friend is, a note, the product (a slug)."""

    sender_name: str
    friend_name: str
    friend_email: str
    note: str = ""
    product_slug: str = ""


def report_token(fingerprint: str) -> str:
    """The signed token in the invitation's report link (it carries the fingerprint only)."""
    return signing.dumps(fingerprint, salt=_REPORT_SALT)


def report_token_read(token: str) -> str | None:
    try:
        value = signing.loads(token, salt=_REPORT_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) and len(value) == 64 else None


def _product_link(slug: str) -> tuple[str, str, str]:
    """(slug, name, link) of an active product, or the home page when there is none."""
    product = product_get_active(slug=slug) if slug else None
    if product is None:
        return "", "", site_url("/")
    return product.slug, product.name, site_reverse("catalog:product", args=[product.slug])


def referral_send(*, invitation: Invitation, referrer: User | None, actor: Actor) -> bool:
    """Send the friend one invitation, or nothing; the caller shows the same page either way.

    Nothing is sent (and nothing stored) when the address refused email, was blocked with the
    report link, had an invitation in the last ``REFERRALS_REPEAT_DAYS`` days, or has had more
    than ``REFERRALS_PER_ADDRESS_DAY`` attempts today. Otherwise one ``Referral`` (hash only)
    and one ``referral_invitation`` outbox message are written together; the message goes
    after commit and comms blanks its address once it is done with. Returns whether it was
    queued (for the caller's tests and counts, never for the page). Raises ``ValueError``
    (``InvalidAddress``, ``InvitationTextRefused``) on bad input, having written nothing.
    """
    email = address_clean(invitation.friend_email)
    friend_name = name_clean(invitation.friend_name, what="Your friend's name")
    sender_name = name_clean(invitation.sender_name, what="Your name")
    note = note_clean(invitation.note)
    fingerprint = address_fingerprint(email)
    attempts = rate_limit_hit(
        scope="referrals-address",
        identity=fingerprint[:32],
        limit=settings.REFERRALS_PER_ADDRESS_DAY,
        window_seconds=DAY_SECONDS,
    )
    if not attempts.allowed:
        return False
    slug, product_name, link = _product_link(invitation.product_slug)
    with transaction.atomic():
        if not selectors.friend_may_be_invited(email=email, fingerprint=fingerprint):
            return False
        referral = Referral.objects.create(
            referrer=referrer,
            by_visitor=referrer is None,
            friend_hash=fingerprint,
            product_slug=slug,
        )
        message = message_send(
            category=MessageCategory.REFERRAL_INVITATION,
            to=email,
            template=TEMPLATE,
            context={
                "sender_name": sender_name,
                "friend_name": friend_name,
                "note": note,
                "product_name": product_name,
                "link_url": link,
                "report_url": site_reverse(
                    "referrals:report", kwargs={"token": report_token(fingerprint)}
                ),
            },
            dedupe_key=f"referral:{referral.pk}",
            actor=actor,
        )
        referral.message_id = message.id
        referral.save(update_fields=["message_id", "updated_at"])
        audit_record(
            actor=actor,
            action=ReferralsAudit.REFERRAL_SENT,
            subject=referral,
            detail={"product": slug, "by_visitor": referrer is None},
        )
    logger.info("Referral %s queued (product %s).", referral.pk, slug or "-")
    return True


def _credit(*, email: str, field: str, action: ReferralsAudit) -> Referral | None:
    """Stamp ``field`` on the address's newest referral, once; the referral when stamped now."""
    if not email:
        return None
    fingerprint = address_fingerprint(email)
    with transaction.atomic():
        referral = selectors.referral_latest_for_hash(fingerprint=fingerprint)
        if referral is None:
            return None
        now = timezone.now()
        updated = Referral.objects.filter(pk=referral.pk, **{f"{field}__isnull": True}).update(
            **{field: now, "updated_at": now}
        )
        if not updated:
            return None
        audit_record(actor=system_actor("referrals"), action=action, subject=referral, detail={})
    return referral


def referral_credit_signup(*, email: str) -> Referral | None:
    """The friend made an account with the invited address: the newest referral counts it."""
    return _credit(email=email, field="signed_up_at", action=ReferralsAudit.REFERRAL_SIGNED_UP)


def referral_credit_order(*, customer: User) -> Referral | None:
    """The friend placed an order: the newest referral of their address counts it (once), and
    with ``REFERRALS_FRIEND_CREDIT_CENTS`` above 0 their first bill gets that credit."""
    with transaction.atomic():
        referral = _credit(
            email=customer.email, field="ordered_at", action=ReferralsAudit.REFERRAL_ORDERED
        )
        if referral is not None and settings.REFERRALS_FRIEND_CREDIT_CENTS > 0:
            _friend_credit(referral=referral, customer=customer)
    return referral


def _friend_credit(*, referral: Referral, customer: User) -> None:
    # "First bill": nothing billed yet and no welcome credit before (a friend invited again
    # later, who orders again, gets no second one).
    account = billing_account_get_or_create(customer=customer, actor=system_actor("referrals"))
    if bills_for_account(account=account, limit=1):
        return
    if any(c.reason == FRIEND_CREDIT_REASON for c in credits_for_account(account=account)):
        return
    credit_issue(
        account=account,
        amount=Decimal(settings.REFERRALS_FRIEND_CREDIT_CENTS) / 100,
        reason=FRIEND_CREDIT_REASON,
        actor=system_actor("referrals"),
    )
    Referral.objects.filter(pk=referral.pk).update(
        friend_credited_at=timezone.now(), updated_at=timezone.now()
    )


def address_block(*, token: str) -> bool:
    """The report link: no invitation reaches the address again. False for a forged token."""
    fingerprint = report_token_read(token)
    if fingerprint is None:
        return False
    with transaction.atomic():
        _, created = BlockedAddress.objects.get_or_create(fingerprint=fingerprint)
        if created:
            audit_record(
                actor=system_actor("referrals-report-link"),
                action=ReferralsAudit.ADDRESS_BLOCKED,
                detail={},
            )
    return True


def referral_hashes_purge(*, now: datetime | None = None) -> int:
    """B3: erase friends' hashes older than ``REFERRALS_HASH_RETENTION_DAYS``; counts stay."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.REFERRALS_HASH_RETENTION_DAYS)
    with transaction.atomic():
        purged = (
            Referral.objects.filter(created_at__lt=cutoff)
            .exclude(friend_hash="")
            .update(friend_hash="", hash_purged_at=now, updated_at=now)
        )
        if purged:
            audit_record(
                actor=system_actor("referrals-retention"),
                action=ReferralsAudit.HASHES_PURGED,
                detail={"purged": purged},
            )
    return purged


def referrals_as_data(*, user: User) -> list[dict[str, object]]:
    """The referrer's part of "my data" (B2): when and about what; nothing about the friend."""
    return [
        {"sent_at": r.created_at.isoformat(), "product": r.product_slug or "the site"}
        for r in Referral.objects.filter(referrer=user).order_by("created_at")
    ]


def referrer_erase(*, user: User) -> int:
    """Account deletion (B2): the referrals stay as anonymous counts."""
    with transaction.atomic():
        cleared = Referral.objects.filter(referrer=user).update(
            referrer=None, updated_at=timezone.now()
        )
        if cleared:
            audit_record(
                actor=system_actor("referrals"),
                action=ReferralsAudit.REFERRER_ERASED,
                detail={"referrals": cleared},
            )
    return cleared


def friend_hash_as_data(*, email: str) -> list[dict[str, object]]:
    """A privacy request from a friend (issue 19): the invitations held under their address's
    keyed fingerprint (only when and about what; the fingerprint itself is not the person's)."""
    fingerprint = address_fingerprint(email)
    return [
        {"invited_at": r.created_at.isoformat(), "product": r.product_slug or "the site"}
        for r in Referral.objects.filter(friend_hash=fingerprint).order_by("created_at")
    ]


def friend_hash_erase(*, email: str) -> int:
    """A friend's deletion request: erase their address's fingerprint now (counts stay)."""
    now = timezone.now()
    with transaction.atomic():
        erased = Referral.objects.filter(friend_hash=address_fingerprint(email)).update(
            friend_hash="", hash_purged_at=now, updated_at=now
        )
        if erased:
            audit_record(
                actor=system_actor("privacy-request"),
                action=ReferralsAudit.HASHES_PURGED,
                detail={"purged": erased, "reason": "privacy_request"},
            )
    return erased
