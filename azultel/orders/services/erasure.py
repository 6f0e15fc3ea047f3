"""What the orders app erases: carts and credit-check identity past their retention (B3), and
a customer's orders, services and listings when the account is deleted (B2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.accounts.models import User
from azultel.core.actors import system_actor
from azultel.orders.models import (
    CUSTOMER_CANCELLABLE,
    Cart,
    CartStatus,
    Checkout,
    CreditCheck,
    LineSetup,
    ListingChoice,
    NoticeAcknowledgement,
    Order,
    OrderLine,
    OrderStatus,
    PhoneLine,
    PortIn,
    PortOutProtection,
    PortOutRequest,
    Service,
    ServiceStatus,
)
from azultel.orders.services.transitions import order_transition


@dataclass(frozen=True)
class PurgeResult:
    carts_deleted: int
    identities_erased: int


def orders_purge(*, now: datetime | None = None) -> PurgeResult:
    """B3: delete carts never ordered after ORDERS_CART_RETENTION_DAYS and erase the SSN and date
    of birth of credit checks decided ORDERS_CREDIT_CHECK_RETENTION_DAYS ago."""
    now = now or timezone.now()
    cart_cutoff = now - timedelta(days=settings.ORDERS_CART_RETENTION_DAYS)
    check_cutoff = now - timedelta(days=settings.ORDERS_CREDIT_CHECK_RETENTION_DAYS)
    with transaction.atomic():
        stale = Cart.objects.filter(status=CartStatus.OPEN, updated_at__lt=cart_cutoff)
        carts_deleted = stale.count()
        # A phone line's 911 and port-in answers never ordered go with their cart.
        LineSetup.objects.filter(cart_line__cart__in=stale, order_line__isnull=True).delete()
        stale.delete()
        erased = 0
        for check in CreditCheck.objects.select_for_update().filter(
            decided_at__lt=check_cutoff, identity_erased_at__isnull=True
        ):
            _identity_erase(check, now=now)
            erased += 1
    return PurgeResult(carts_deleted=carts_deleted, identities_erased=erased)


def _identity_erase(check: CreditCheck, *, now: datetime) -> None:
    check.ssn = ""
    check.date_of_birth = ""
    check.identity_erased_at = now
    check.save(
        update_fields=["ssn", "ssn_lookup", "date_of_birth", "identity_erased_at", "updated_at"]
    )


def customer_orders_erase(*, customer: User) -> None:
    """Account deletion (B2): orders still in progress are cancelled (refunding what was paid),
    carts and checkouts go, identity data is erased, orders keep their amounts but lose their
    addresses and listed names, services end and their phone lines become non-published and lose
    their 911 address; port-in, port-out and 911-notice records go."""
    now = timezone.now()
    in_progress = Order.objects.filter(
        customer=customer, status__in=[*CUSTOMER_CANCELLABLE, OrderStatus.PROVISIONING]
    )
    for order in in_progress:
        order_transition(
            order=order,
            to=OrderStatus.CANCELLED,
            actor=system_actor("account-deletion"),
            reason="The customer deleted their account.",
        )
    Checkout.objects.filter(user=customer).delete()
    Cart.objects.filter(user=customer).exclude(status=CartStatus.ORDERED).delete()
    for check in CreditCheck.objects.filter(
        order__customer=customer, identity_erased_at__isnull=True
    ):
        _identity_erase(check, now=now)
    blank_address = {
        f"{prefix}_{part}": ""
        for prefix in ("service", "billing")
        for part in ("street", "unit", "city", "zip")
    }
    Order.objects.filter(customer=customer).update(
        anonymised_at=now, updated_at=now, **blank_address
    )
    OrderLine.objects.filter(order__customer=customer).update(listed_name="")
    services = Service.objects.filter(customer=customer)
    services.filter(status__in=[ServiceStatus.ACTIVE, ServiceStatus.SUSPENDED]).update(
        status=ServiceStatus.ENDED, ended_on=timezone.localdate()
    )
    services.update(
        service_street="", service_unit="", service_city="", service_zip="", updated_at=now
    )
    PhoneLine.objects.filter(service__customer=customer).update(
        listing_choice=ListingChoice.NON_PUBLISHED,
        listed_name="",
        listed_street="",
        listed_city="",
        listed_state="",
        listed_zip="",
        e911_street="",
        e911_unit="",
        e911_city="",
        e911_state="",
        e911_zip="",
        updated_at=now,
    )
    # Numbers and 911: the port-in answers, ports, port-out protection and requests, and the
    # notice acknowledgements are kept for the account's life only (data map).
    LineSetup.objects.filter(customer=customer).delete()
    PortIn.objects.filter(phone_line__service__customer=customer).delete()
    PortOutRequest.objects.filter(phone_line__service__customer=customer).delete()
    PortOutProtection.objects.filter(customer=customer).delete()
    NoticeAcknowledgement.objects.filter(customer=customer).delete()
