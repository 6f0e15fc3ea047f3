"""The credit check of an order with services: the identity it needs (held in memory for one
request, never in a session), the bureau's decision, and the disclosure the hand-over is (P04,
P14). Runs inside the placement's transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from azultel.core.audit import audit_record
from azultel.orders.audit import OrdersAudit
from azultel.orders.credit import BUREAU_ACTOR, CreditDecision, bureau_get
from azultel.orders.models import Checkout, CreditCheck, CreditOutcome, Order
from azultel.privacy.fields import lookup_hash_for
from azultel.privacy.services import disclosure_make, subject_for_user


@dataclass(frozen=True)
class Identity:
    """What the credit check needs. Held in memory for one request only, never in a session;
    ``repr`` never shows it."""

    ssn: str = field(repr=False)
    date_of_birth: date = field(repr=False)


@sensitive_variables("identity")
def credit_identity_hash(identity: Identity) -> str:
    """A keyed hash of the SSN and the date of birth together (the SSN's lookup key over both:
    the SSN is always 9 digits, so the two cannot run into each other). Never either in clear."""
    return lookup_hash_for(
        CreditCheck, "ssn", identity.ssn + identity.date_of_birth.strftime("%Y%m%d")
    )


@sensitive_variables("identity")
def _credit_check_run(*, order: Order, identity: Identity, checkout: Checkout) -> CreditDecision:
    """The bureau's decision on ``identity`` for ``order``. A decision this checkout already
    has for the same identity (made when its deposit was first shown) is used again: the
    identity goes to the bureau once per checkout, however often the customer confirms."""
    check = CreditCheck.objects.create(
        order=order, ssn=identity.ssn, date_of_birth=identity.date_of_birth.isoformat()
    )
    if (
        checkout.deposit_required is not None
        and checkout.credit_identity_hash
        and checkout.credit_identity_hash == credit_identity_hash(identity)
    ):
        decision = CreditDecision(
            outcome=CreditOutcome.DEPOSIT_REQUIRED
            if checkout.deposit_required > 0
            else CreditOutcome.APPROVED,
            deposit_amount=checkout.deposit_required,
            reference=checkout.credit_reference,
        )
        _decision_record(check, decision)
        return decision
    bureau = bureau_get()
    decision = bureau.check(credit_check=check, reason=f"order {order.number}")
    # Identity sent outside the company is a disclosure (P14), authorised by the customer who
    # asked for the order; it stays on record even if the placement is rolled back.
    disclosure_make(
        actor=BUREAU_ACTOR,
        recipient=getattr(bureau, "name", "Credit bureau"),
        basis="customer_authorization",
        basis_reference=f"order {order.number}: credit check the customer asked for at checkout",
        categories=["user.name", "user.government_id", "user.date_of_birth"],
        subjects=[subject_for_user(user=order.customer)],
        payload=str(check.pk).encode(),
        record_count=1,
    )
    _decision_record(check, decision)
    return decision


def _decision_record(check: CreditCheck, decision: CreditDecision) -> None:
    check.outcome = decision.outcome
    check.deposit_amount = decision.deposit_amount
    check.bureau_reference = decision.reference[:64]
    check.decided_at = timezone.now()
    check.save(
        update_fields=["outcome", "deposit_amount", "bureau_reference", "decided_at", "updated_at"]
    )
    audit_record(
        actor=None,
        action=OrdersAudit.CREDIT_CHECKED,
        subject=check.order,
        detail={"outcome": decision.outcome},
    )
