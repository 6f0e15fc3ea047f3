"""Writes of the payments app: tokenise and keep cards, charge them once per key, refund.

Orders (and later billing) call these; nothing else talks to the processor. A card number and
security code pass through ``card_tokenize`` to the processor and are never stored, logged or
returned (P24).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, ForeignObjectRel, OuterRef, QuerySet
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from azultel.accounts.models import User
from azultel.accounts.selectors import profile_get
from azultel.core.actors import Actor, system_actor
from azultel.core.audit import audit_record
from azultel.payments.audit import PaymentsAudit
from azultel.payments.gateway import CardRefused, CardToken, gateway_get
from azultel.payments.models import Charge, ChargeStatus, StoredCard

logger = logging.getLogger(__name__)

__all__ = [
    "CardRefused",
    "CardToken",
    "PaymentDeclined",
    "PaymentError",
    "card_remove",
    "card_store",
    "card_tokenize",
    "cards_unsaved_purge",
    "charge_create",
    "charge_refund",
    "charge_refund_send",
    "charges_refund_pending_send",
    "charges_void_after_failure",
    "customer_payments_erase",
]


class PaymentError(ValueError):
    """A payment request the rules refuse (wrong card owner, bad amount, key reused)."""


class PaymentDeclined(PaymentError):
    """The processor declined the charge; ``reason`` is its plain words ("insufficient funds")."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"The card was declined: {reason}.")
        self.reason = reason


@sensitive_variables("number", "cvc")
def card_tokenize(
    *,
    customer: User,
    number: str,
    exp_month: int,
    exp_year: int,
    cvc: str,
    postal_code: str,
    save: bool,
    actor: Actor | None,
) -> StoredCard:
    """Send a card to the processor and keep only its token, brand, last four and expiry.

    ``save`` keeps the card for later checkouts; it is refused unless the customer keeps a local
    phone customer profile (P10). Raises ``CardRefused`` (nothing written) when the processor
    refuses the card.
    """
    if save and not _keeps_local_profile(customer):
        raise PaymentError("Cards can be saved only with a local phone customer profile.")
    with transaction.atomic():
        token = gateway_get().tokenize(
            number=number,
            exp_month=exp_month,
            exp_year=exp_year,
            cvc=cvc,
            postal_code=postal_code,
        )
        return card_store(customer=customer, token=token, actor=actor, saved=save)


def card_store(
    *, customer: User, token: CardToken, actor: Actor | None, saved: bool = False
) -> StoredCard:
    """Keep a processor token for a customer (brand, last four and expiry ride along)."""
    with transaction.atomic():
        card = StoredCard.objects.create(
            customer=customer,
            token=token.token,
            brand=token.brand,
            last4=token.last4,
            exp_month=token.exp_month,
            exp_year=token.exp_year,
            saved=saved,
        )
        audit_record(
            actor=actor,
            action=PaymentsAudit.CARD_STORED,
            subject=card,
            detail={"brand": card.brand, "saved": saved},
        )
    return card


def card_remove(*, customer: User, card: StoredCard, actor: Actor | None) -> None:
    """Stop offering a saved card; the token is kept only for the charges already made with it."""
    if card.customer_id != customer.pk:
        raise PaymentError("That card belongs to someone else.")
    with transaction.atomic():
        updated = StoredCard.objects.filter(pk=card.pk, removed_at__isnull=True).update(
            removed_at=timezone.now(), saved=False, updated_at=timezone.now()
        )
        if updated:
            audit_record(actor=actor, action=PaymentsAudit.CARD_REMOVED, subject=card)


def charge_create(
    *,
    customer: User,
    card: StoredCard,
    amount: Decimal,
    idempotency_key: str,
    description: str,
    actor: Actor | None,
) -> Charge:
    """Charge ``amount`` to the customer's card, exactly once for ``idempotency_key``.

    A second call with the same key returns the first charge (and charges nothing); the same key
    with another customer or amount is refused. Raises ``PaymentDeclined`` when the processor
    declines, having recorded nothing. The processor's charge and the ``Charge`` row are written
    in the caller's transaction (see ``charges_void_after_failure`` for processors outside it).
    """
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount <= 0:
        raise PaymentError("A charge must be for more than zero.")
    key = (idempotency_key or "").strip()
    if not key or len(key) > 100:
        raise PaymentError("A charge needs an idempotency key of at most 100 characters.")
    if card.customer_id != customer.pk or card.removed_at is not None:
        raise PaymentError("That card cannot be used for this customer.")
    existing = _charge_for_key(key=key, customer=customer, amount=amount)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            result = gateway_get().charge(
                token=card.token, amount=amount, idempotency_key=key, description=description
            )
            if not result.approved:
                raise PaymentDeclined(result.decline_reason or "declined")
            charge = Charge.objects.create(
                idempotency_key=key,
                customer=customer,
                card=card,
                amount=amount,
                processor_ref=result.processor_ref,
                description=description[:200],
            )
            audit_record(
                actor=actor,
                action=PaymentsAudit.CHARGED,
                subject=charge,
                detail={"amount": str(amount), "card": str(card.pk)},
            )
    except IntegrityError:
        # Another request with the same key won the race; its charge is the one.
        existing = _charge_for_key(key=key, customer=customer, amount=amount)
        if existing is None:
            raise
        return existing
    return charge


def _charge_for_key(*, key: str, customer: User, amount: Decimal) -> Charge | None:
    existing = Charge.objects.filter(idempotency_key=key).first()
    if existing is None:
        return None
    if existing.customer_id != customer.pk or existing.amount != amount:
        raise PaymentError("That payment key was already used for another payment.")
    return existing


def charges_void_after_failure(*, processor_refs: Iterable[str]) -> None:
    """After a rolled-back transaction: void charges a processor outside this database captured.

    The sandbox's ledger rolled back with the transaction, so there is nothing to void there.
    """
    gateway = gateway_get()
    if gateway.ledger_in_database:
        return
    for ref in processor_refs:
        gateway.void(charge_ref=ref)


def charge_refund(*, charge: Charge, actor: Actor | None, reason: str) -> Charge:
    """Refund a whole charge (for example an order cancelled before its service started).

    In the caller's transaction the charge becomes "refund in progress"; the processor is asked
    only once that transaction has committed (``charge_refund_send``), so work that rolls back
    after asking for a refund never leaves money refunded for an order that still stands. If the
    processor cannot be reached then, ``charges_refund_pending_send`` (a periodic task) asks
    again. A charge already refunded or being refunded is left as it is.
    """
    with transaction.atomic():
        locked = Charge.objects.select_for_update().get(pk=charge.pk)
        if locked.status != ChargeStatus.SUCCEEDED:
            return locked
        locked.status = ChargeStatus.REFUNDING
        locked.refund_requested_at = timezone.now()
        locked.save(update_fields=["status", "refund_requested_at", "updated_at"])
        audit_record(
            actor=actor,
            action=PaymentsAudit.REFUND_REQUESTED,
            subject=locked,
            detail={"amount": str(locked.amount), "reason": reason[:200]},
        )
        charge_id = locked.pk
        transaction.on_commit(lambda: _refund_send_after_commit(charge_id))
    return locked


def _refund_send_after_commit(charge_id: UUID | str) -> None:
    try:
        charge_refund_send(charge_id=charge_id)
    except Exception:
        # The cancellation has committed and must stand; the periodic task asks again.
        logger.warning(
            "Refund of charge %s not sent yet; it will be retried.", charge_id, exc_info=True
        )


def charge_refund_send(*, charge_id: UUID | str) -> Charge:
    """Ask the processor for a refund recorded as in progress, then mark the charge refunded.

    The charge row stays locked while the processor answers, so the call after commit and the
    periodic retry can never both refund it. If marking it refunded fails after the processor
    refunded, the retry asks again: a processor must treat a second refund of a refunded charge
    as done. Raises what the processor raises, leaving the refund in progress.
    """
    with transaction.atomic():
        locked = Charge.objects.select_for_update().get(pk=charge_id)
        if locked.status != ChargeStatus.REFUNDING:
            return locked
        gateway_get().refund(charge_ref=locked.processor_ref)
        locked.status = ChargeStatus.REFUNDED
        locked.refunded_at = timezone.now()
        locked.save(update_fields=["status", "refunded_at", "updated_at"])
        audit_record(
            actor=system_actor("payments"),
            action=PaymentsAudit.REFUNDED,
            subject=locked,
            detail={"amount": str(locked.amount)},
        )
    return locked


def charges_refund_pending_send() -> int:
    """Send every refund still in progress (the processor was unreachable, or the process
    stopped between commit and call). Returns how many were completed; the others stay in
    progress for the next run."""
    sent = 0
    pending = Charge.objects.filter(status=ChargeStatus.REFUNDING).order_by(
        "refund_requested_at", "id"
    )
    for charge_id in pending.values_list("pk", flat=True):
        try:
            refunded = charge_refund_send(charge_id=charge_id)
        except Exception:
            logger.warning("Refund of charge %s failed again.", charge_id, exc_info=True)
            continue
        if refunded.status == ChargeStatus.REFUNDED:
            sent += 1
    return sent


def customer_payments_erase(*, customer: User) -> int:
    """Account deletion (B2): forget every card token; charges stay as billing records.

    The site's copies go in the caller's transaction; once it commits, the processor is asked to
    forget the tokens too (a failure there is logged, never undoes the erasure)."""
    cards = StoredCard.objects.filter(customer=customer)
    tokens = list(cards.values_list("token", flat=True))
    Charge.objects.filter(customer=customer).update(card=None)
    cards.delete()
    if tokens:
        transaction.on_commit(lambda: _processor_forget(tokens))
    return len(tokens)


def _processor_forget(tokens: Iterable[str]) -> list[str]:
    """Ask the processor to forget each token; returns the ones it confirmed."""
    gateway = gateway_get()
    forgotten = []
    for token in tokens:
        try:
            gateway.forget(token=token)
        except Exception:
            # The token itself is not logged: it still charges the card until forgotten.
            logger.warning("The card processor did not confirm forgetting a card token.")
            continue
        forgotten.append(token)
    return forgotten


def cards_unsaved_purge(*, now: datetime | None = None) -> int:
    """B3: delete cards nobody saved once PAYMENTS_UNSAVED_CARD_RETENTION_DAYS have passed.

    Every new card typed at checkout or bill payment becomes a ``StoredCard``, saved or not. One
    not saved (or saved and later removed) is deleted after the retention period unless a row
    still points at it: a charge made with it, a checkout that may still use it, an autopay
    setting or a payment record of another app. The processor is asked to forget each token
    first; a card it did not confirm stays here and is tried again at the next run, so no token
    is left at the processor with nothing here to remember it. Returns how many cards were
    deleted.
    """

    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PAYMENTS_UNSAVED_CARD_RETENTION_DAYS)
    stale = _unreferenced(StoredCard.objects.filter(saved=False, created_at__lt=cutoff))
    candidates = dict(stale.values_list("token", "pk"))
    forgotten = _processor_forget(candidates)
    with transaction.atomic():
        _, deleted = stale.filter(pk__in=[candidates[token] for token in forgotten]).delete()
    return deleted.get(StoredCard._meta.label, 0)


def _unreferenced(cards: QuerySet[StoredCard]) -> QuerySet[StoredCard]:
    """Only the cards no row of any model points at (found from the model's relations, so a
    reference an app adds later is respected without changing this function)."""
    for relation in StoredCard._meta.get_fields(include_hidden=True):
        if isinstance(relation, ForeignObjectRel):
            pointing = relation.related_model._base_manager.filter(
                **{relation.field.name: OuterRef("pk")}
            )
            cards = cards.filter(~Exists(pointing))
    return cards


def _keeps_local_profile(customer: User) -> bool:
    profile = profile_get(user=customer)
    return bool(profile is not None and profile.has_local_profile)
