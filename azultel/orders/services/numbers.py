"""The phone line's 911 address and port-in: set at checkout, applied at activation, and the
911 address changed later by the customer; the 911 and backup-power notice acknowledgements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from azultel.accounts.models import User
from azultel.comms.services import message_send
from azultel.core.actors import system_actor
from azultel.core.audit import audit_record
from azultel.orders.audit import OrdersAudit
from azultel.orders.models import (
    Checkout,
    LineSetup,
    NoticeAcknowledgement,
    OrderLine,
    PhoneLine,
    PortIn,
    PortInStatus,
    ServiceStatus,
)
from azultel.orders.portability import portability_get
from azultel.orders.selectors import cart_summary
from azultel.orders.services.actors import Actor
from azultel.orders.services.errors import CheckoutRefused, OrderError
from azultel.privacy.services import sensitive_reveal

# The 911 and backup-power notice for internet-delivered voice (47 CFR 9.20); a new wording gets
# a new version, and everyone is asked again.
E911_NOTICE_VERSION = "2026-1"
E911_NOTICE_RENEW_DAYS = 365
PORTABILITY_ACTOR = system_actor("number-portability")


class E911Missing(OrderError):
    """A phone line cannot be activated without its registered 911 address."""


@dataclass(frozen=True)
class Address:
    street: str
    unit: str
    city: str
    state: str
    zip_code: str

    def missing(self) -> bool:
        return not (self.street.strip() and self.city.strip() and self.zip_code.strip())


@dataclass(frozen=True)
class LineSetupAnswer:
    """What the customer said for one phone line at checkout."""

    e911: Address
    keep_number: bool = False
    port_number: str = ""
    port_carrier: str = ""
    port_account: str = ""
    port_pin: str = ""
    authorised_name: str = ""


def _answer_problems(name: str, answer: LineSetupAnswer) -> list[str]:
    problems = []
    if answer.e911.missing():
        problems.append(f"Enter the 911 address for {name}.")
    if answer.keep_number:
        port = (answer.port_number, answer.port_carrier, answer.port_account, answer.port_pin)
        if not all(part.strip() for part in port):
            problems.append(
                f"To keep your number on {name}, enter the number, your current carrier, the "
                "account number and the transfer PIN."
            )
        if not answer.authorised_name.strip():
            problems.append(f"To keep your number on {name}, sign the authorisation.")
    return problems


@sensitive_variables("answers")
def checkout_line_setups_set(
    *,
    checkout: Checkout,
    answers: dict[str, LineSetupAnswer],
    notice_acknowledged: bool,
    actor: Actor,
) -> None:
    """Save each phone line's 911 address and port-in answers, and the notice acknowledgement.

    Raises ``CheckoutRefused`` with every problem (nothing saved) when a line is missing, an
    answer is incomplete or the 911 notice was not acknowledged.
    """
    phone_lines = cart_summary(cart=checkout.cart).phone_lines
    problems = []
    for priced in phone_lines:
        answer = answers.get(str(priced.line.pk))
        if answer is None:
            problems.append(f"Tell us about {priced.product.name}.")
        else:
            problems.extend(_answer_problems(priced.product.name, answer))
    if not notice_acknowledged:
        problems.append("Confirm that you have read the 911 and power-cut notice.")
    if problems:
        raise CheckoutRefused(problems)
    now = timezone.now()
    with transaction.atomic():
        for priced in phone_lines:
            answer = answers[str(priced.line.pk)]
            keep = answer.keep_number
            LineSetup.objects.update_or_create(
                cart_line=priced.line,
                defaults={
                    "customer": checkout.user,
                    "e911_street": answer.e911.street.strip(),
                    "e911_unit": answer.e911.unit.strip(),
                    "e911_city": answer.e911.city.strip(),
                    "e911_state": answer.e911.state,
                    "e911_zip": answer.e911.zip_code.strip(),
                    "keep_number": keep,
                    "port_number": answer.port_number if keep else "",
                    "port_carrier": answer.port_carrier.strip() if keep else "",
                    "port_account": answer.port_account.strip() if keep else "",
                    "port_pin": answer.port_pin.strip() if keep else "",
                    "authorised_name": answer.authorised_name.strip() if keep else "",
                    "authorised_at": now if keep else None,
                },
            )
        NoticeAcknowledgement.objects.create(
            customer=checkout.user,
            notice_version=E911_NOTICE_VERSION,
            acknowledged_at=now,
            context="order",
        )
        audit_record(
            actor=actor,
            action=OrdersAudit.CHECKOUT_LINE_SETUP,
            subject=checkout,
            detail={
                "lines": len(phone_lines),
                "ports": sum(a.keep_number for a in answers.values()),
            },
        )


def line_setups_attach(*, pairs: list[tuple[UUID, OrderLine]]) -> None:
    """At placement: each phone line's setup is linked to its order line too (the cart line
    link stays until the cart is deleted, so a repeated submission still finds it)."""
    for cart_line_id, order_line in pairs:
        LineSetup.objects.filter(cart_line_id=cart_line_id).update(order_line=order_line)


def e911_for_activation(*, order_line: OrderLine, order_number: str) -> LineSetup:
    """The setup of a phone line being activated; refuses (``E911Missing``) without a 911
    address, so no line goes live that emergency services could not find."""
    setup = LineSetup.objects.filter(order_line=order_line).first()
    if setup is None or not (setup.e911_street and setup.e911_city and setup.e911_zip):
        raise E911Missing(
            f"Order {order_number} was not activated and is unchanged: {order_line.product_name} "
            "has no registered 911 address."
        )
    return setup


@sensitive_variables("pin")
def port_in_submit(*, setup: LineSetup, phone_line: PhoneLine) -> PortIn:
    """Send the port to the old carrier; the transfer PIN is erased from our records after."""
    pin = sensitive_reveal(
        obj=setup,
        field="port_pin",
        purpose="order_fulfilment",
        actor=PORTABILITY_ACTOR,
        reason="port-in request to the old carrier",
    )
    answer = portability_get().submit(
        number=setup.port_number, carrier=setup.port_carrier, account=setup.port_account, pin=pin
    )
    setup.port_pin = ""
    setup.save(update_fields=["port_pin", "updated_at"])
    port = PortIn.objects.create(
        phone_line=phone_line,
        number=setup.port_number,
        carrier=setup.port_carrier,
        status=answer.status,
        reason=answer.reason,
        reference=answer.reference,
        status_changed_at=timezone.now(),
    )
    audit_record(
        actor=PORTABILITY_ACTOR,
        action=OrdersAudit.PORT_IN_SUBMITTED,
        subject=phone_line,
        detail={"status": answer.status},
    )
    return port


def port_ins_advance() -> int:
    """Periodic: ask the carrier where each open port is; a completed port's number replaces
    the temporary one. Each change is emailed. Returns how many ports changed."""
    changed = 0
    gateway = portability_get()
    open_ids = list(
        PortIn.objects.filter(
            status__in=[PortInStatus.SUBMITTED, PortInStatus.CONFIRMED]
        ).values_list("pk", flat=True)
    )
    for port_id in open_ids:
        with transaction.atomic():
            port = (
                PortIn.objects.select_for_update()
                .select_related("phone_line__service__customer")
                .get(pk=port_id)
            )
            answer = gateway.progress(reference=port.reference, status=port.status)
            if answer.status == port.status:
                continue
            port.status = answer.status
            port.reason = answer.reason
            port.status_changed_at = timezone.now()
            port.save(update_fields=["status", "reason", "status_changed_at", "updated_at"])
            line = port.phone_line
            if answer.status == PortInStatus.COMPLETED:
                line.number = port.number
                line.save(update_fields=["number", "updated_at"])
            customer = line.service.customer
            message_send(
                category="service_change",
                to=customer.email,
                template="orders_port_in_status",
                context={
                    "greeting_name": customer.given_name,
                    "status": port.get_status_display(),
                    "reason": port.reason,
                    "completed": port.status == PortInStatus.COMPLETED,
                },
                dedupe_key=f"port-in-{port.pk}-{port.status}",
            )
            changed += 1
    return changed


def phone_line_e911_update(
    *, customer: User, phone_line: PhoneLine, address: Address, actor: Actor
) -> PhoneLine:
    """Change a line's registered 911 address (the customer's own line only). The account
    email is told that it changed, without the new address (P13, P30)."""
    if address.missing():
        raise OrderError("Enter the street, city and ZIP code of the 911 address.")
    with transaction.atomic():
        line = (
            PhoneLine.objects.select_for_update()
            .filter(
                pk=phone_line.pk,
                service__customer=customer,
                service__status__in=[ServiceStatus.ACTIVE, ServiceStatus.SUSPENDED],
            )
            .first()
        )
        if line is None:
            raise OrderError("That phone line is not one of your active lines.")
        line.e911_street = address.street.strip()
        line.e911_unit = address.unit.strip()
        line.e911_city = address.city.strip()
        line.e911_state = address.state
        line.e911_zip = address.zip_code.strip()
        line.e911_updated_at = timezone.now()
        line.save(
            update_fields=[
                "e911_street",
                "e911_unit",
                "e911_city",
                "e911_state",
                "e911_zip",
                "e911_updated_at",
                "updated_at",
            ]
        )
        audit_record(actor=actor, action=OrdersAudit.E911_ADDRESS_CHANGED, subject=line)
        message_send(
            category="security",
            to=customer.email,
            template="orders_e911_changed",
            context={"greeting_name": customer.given_name, "last4": line.number[-4:]},
        )
    return line


def e911_notice_acknowledge(*, customer: User, actor: Actor) -> NoticeAcknowledgement:
    """Record that the customer read the current 911 and backup-power notice (account page)."""
    with transaction.atomic():
        ack = NoticeAcknowledgement.objects.create(
            customer=customer,
            notice_version=E911_NOTICE_VERSION,
            acknowledged_at=timezone.now(),
            context="account",
        )
        audit_record(actor=actor, action=OrdersAudit.E911_NOTICE_ACKNOWLEDGED, subject=ack)
    return ack


def e911_notice_due(*, customer: User) -> bool:
    """True when the customer has an active phone line and no acknowledgement of the current
    notice within the last year: the account shows the notice until they acknowledge it."""
    if not PhoneLine.objects.filter(
        service__customer=customer, service__status=ServiceStatus.ACTIVE
    ).exists():
        return False
    since = timezone.now() - timedelta(days=E911_NOTICE_RENEW_DAYS)
    return not NoticeAcknowledgement.objects.filter(
        customer=customer, notice_version=E911_NOTICE_VERSION, acknowledged_at__gte=since
    ).exists()


def e911_notice_reminders_send() -> int:
    """Periodic: email once a year the customers with an active phone line whose last
    acknowledgement is more than a year old (or of an older notice). Returns how many."""
    since = timezone.now() - timedelta(days=E911_NOTICE_RENEW_DAYS)
    current = NoticeAcknowledgement.objects.filter(
        notice_version=E911_NOTICE_VERSION, acknowledged_at__gte=since
    ).values("customer_id")
    customers = (
        User.objects.filter(
            services__status=ServiceStatus.ACTIVE, services__phone_line__isnull=False
        )
        .exclude(pk__in=current)
        .distinct()
    )
    sent = 0
    year = timezone.localdate().year
    for customer in customers:
        with transaction.atomic():
            message_send(
                category="service_change",
                to=customer.email,
                template="orders_e911_notice_due",
                context={
                    "greeting_name": customer.given_name,
                    "account_url": f"{settings.SITE_URL.rstrip('/')}/account/services/",
                },
                dedupe_key=f"e911-notice-{customer.pk}-{E911_NOTICE_VERSION}-{year}",
            )
        sent += 1
    return sent
