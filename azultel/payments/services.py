"""Writes of the payments app: tokenise and keep cards, charge them once per key, refund.

Orders (and later billing) call these; nothing else talks to the processor. A card number and
security code pass through ``card_tokenize`` to the processor and are never stored, logged or
returned (P24).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, ForeignObjectRel, OuterRef, QuerySet
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from azultel.core.audit import audit_record
from azultel.payments.gateway import CardRefused, CardToken, gateway_get
from azultel.payments.models import Charge, ChargeStatus, StoredCard

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
    customer: Any,
    number: str,
    exp_month: int,
    exp_year: int,
    cvc: str,
    postal_code: str,
    save: bool,
    actor: Any,
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


def card_store(*, customer: Any, token: CardToken, actor: Any, saved: bool = False) -> StoredCard:
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
            action="payments.card_stored",
            subject=card,
            detail={"brand": card.brand, "saved": saved},
        )
    return card


def card_remove(*, customer: Any, card: StoredCard, actor: Any) -> None:
    """Stop offering a saved card; the token is kept only for the charges already made with it."""
    if card.customer_id != customer.pk:
        raise PaymentError("That card belongs to someone else.")
    with transaction.atomic():
        updated = StoredCard.objects.filter(pk=card.pk, removed_at__isnull=True).update(
            removed_at=timezone.now(), saved=False, updated_at=timezone.now()
        )
        if updated:
            audit_record(actor=actor, action="payments.card_removed", subject=card)


def charge_create(
    *,
    customer: Any,
    card: StoredCard,
    amount: Decimal,
    idempotency_key: str,
    description: str,
    actor: Any,
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
                action="payments.charged",
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


def _charge_for_key(*, key: str, customer: Any, amount: Decimal) -> Charge | None:
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


def charge_refund(*, charge: Charge, actor: Any, reason: str) -> Charge:
    """Refund a whole charge (for example an order cancelled before its service started)."""
    with transaction.atomic():
        locked = Charge.objects.select_for_update().get(pk=charge.pk)
        if locked.status == ChargeStatus.REFUNDED:
            return locked
        gateway_get().refund(charge_ref=locked.processor_ref)
        locked.status = ChargeStatus.REFUNDED
        locked.refunded_at = timezone.now()
        locked.save(update_fields=["status", "refunded_at", "updated_at"])
        audit_record(
            actor=actor,
            action="payments.refunded",
            subject=locked,
            detail={"amount": str(locked.amount), "reason": reason[:200]},
        )
    return locked


def customer_payments_erase(*, customer: Any) -> int:
    """Account deletion (B2): forget every card token; charges stay as billing records."""
    cards = StoredCard.objects.filter(customer=customer)
    count = cards.count()
    Charge.objects.filter(customer=customer).update(card=None)
    cards.delete()
    return count


def cards_unsaved_purge(*, now: datetime | None = None) -> int:
    """B3: delete cards nobody saved once PAYMENTS_UNSAVED_CARD_RETENTION_DAYS have passed.

    Every new card typed at checkout or bill payment becomes a ``StoredCard``, saved or not. One
    not saved (or saved and later removed) is deleted after the retention period unless a row
    still points at it: a charge made with it, a checkout that may still use it, an autopay
    setting or a payment record of another app. Returns how many cards were deleted.
    """
    from django.conf import settings

    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PAYMENTS_UNSAVED_CARD_RETENTION_DAYS)
    with transaction.atomic():
        stale = _unreferenced(StoredCard.objects.filter(saved=False, created_at__lt=cutoff))
        _, deleted = stale.delete()
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


def _keeps_local_profile(customer: Any) -> bool:
    from azultel.accounts.selectors import profile_get

    profile = profile_get(user=customer)
    return bool(profile is not None and profile.has_local_profile)
