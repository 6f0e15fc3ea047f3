"""What every change shares: the idempotency key, who is acting, locking the service, the
change's audit entry and its email to the account holder (P13/P30)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from azultel.accounts.models import User
from azultel.billing.charges import day_text, usd
from azultel.comms.services import message_send
from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.lifecycle.audit import LifecycleAudit
from azultel.lifecycle.models import ChangeKind, ServiceChange
from azultel.lifecycle.services.errors import ChangeRefused
from azultel.orders.models import Service, ServiceStatus


@dataclass(frozen=True)
class ChangeResult:
    """The change made (or found: the same key sent again) and whether this call made it."""

    change: ServiceChange
    created: bool


def change_key_new() -> str:
    """A fresh idempotency key for a change form (one per form shown)."""
    return secrets.token_urlsafe(24)


def _key_checked(key: str) -> str:
    key = (key or "").strip()
    if not 16 <= len(key) <= 64:
        raise ChangeRefused("This form has expired. Please open the page again.")
    return key


def _existing(key: str, service: Service) -> ChangeResult | None:
    """The change already made with this key (a double submit), refusing a key of another
    service."""
    found = ServiceChange.objects.filter(idempotency_key=key).first()
    if found is None:
        return None
    if found.service_id != service.pk:
        raise ChangeRefused("This form has expired. Please open the page again.")
    return ChangeResult(found, created=False)


def _locked(service: Service) -> Service:
    """The service row, locked for the rest of the transaction (one change at a time)."""
    locked: Service = Service.objects.select_for_update().get(pk=service.pk)
    return locked


def _require_running(service: Service) -> None:
    if service.status == ServiceStatus.ENDED:
        raise ChangeRefused("This service has ended; it cannot be changed.")


def _actor_user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


_AUDIT = {
    ChangeKind.PLAN: LifecycleAudit.PLAN_CHANGED,
    ChangeKind.MOVE: LifecycleAudit.SERVICE_MOVED,
    ChangeKind.SUSPEND: LifecycleAudit.SERVICE_SUSPENDED,
    ChangeKind.RESTORE: LifecycleAudit.SERVICE_RESTORED,
    ChangeKind.DISCONNECT: LifecycleAudit.SERVICE_DISCONNECTED,
}


def _recorded(change: ServiceChange, *, actor: Actor, summary: str) -> ChangeResult:
    """Audit the change and queue its notice to the account holder, in this transaction.

    The notice names the service and what changed, never a new address (P30: an address
    change is announced without revealing the new value), and says who made it, so a change
    the customer did not ask for is noticed.
    """
    customer = change.customer
    by_care = not (isinstance(actor, User) and actor.pk == customer.pk)
    audit_record(
        actor=actor,
        action=_AUDIT[ChangeKind(change.kind)],
        subject=change,
        detail={"kind": change.kind, "effective_on": change.effective_on.isoformat()},
    )
    site = settings.SITE_URL.rstrip("/")
    message_send(
        category="service_change",
        to=customer.email,
        template="lifecycle_change_notice",
        context={
            "given_name": customer.given_name,
            "kind": change.get_kind_display(),
            "service_name": change.from_product_name,
            "summary": summary,
            "effective_on": day_text(change.effective_on),
            "by_care": by_care,
            "services_url": f"{site}{reverse('orders:service_list')}",
        },
        dedupe_key=f"lifecycle-change-{change.pk}",
        actor=actor,
    )
    return ChangeResult(change, created=True)


def money_text(amount: Decimal) -> str:
    """+$1.00 / -$1.00 / $0.00, for a change's effect on a bill."""
    if amount > 0:
        return f"+{usd(amount)}"
    if amount < 0:
        return f"\N{MINUS SIGN}{usd(-amount)}"
    return usd(amount)


def day_words(day: date) -> str:
    return day_text(day)
