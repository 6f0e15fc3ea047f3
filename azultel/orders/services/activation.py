"""What an order becoming active creates: a ``Service`` per service line and, for a phone line,
a ``PhoneLine`` with a number from the pool, the listing choice and the registered 911 address
made at checkout (no line goes live without one), and the port-in when the customer keeps their
number (the pool number is used until the port completes)."""

from __future__ import annotations

from django.utils import timezone

from azultel.core.audit import audit_record
from azultel.orders.audit import OrdersAudit
from azultel.orders.models import SERVICE_KINDS, ListingChoice, Order, PhoneLine, Service
from azultel.orders.numbering import phone_number_assign
from azultel.orders.services.numbers import e911_for_activation, port_in_submit


def _services_create(*, order: Order) -> None:
    """An active order's services (and phone lines, with their listing choice) start today."""
    today = timezone.localdate()
    customer = order.customer
    for line in order.lines.all().order_by("position", "id"):
        if line.product_kind not in SERVICE_KINDS:
            continue
        service = Service.objects.create(
            customer=customer,
            product_id=line.product_id,
            product_name=line.product_name,
            product_kind=line.product_kind,
            state=order.state,
            order_line=line,
            monthly_price=line.monthly_price,
            intro_monthly_price=line.intro_monthly_price,
            intro_months=line.intro_months,
            service_street=order.service_street,
            service_unit=order.service_unit,
            service_city=order.service_city,
            service_state=order.service_state,
            service_zip=order.service_zip,
            started_on=today,
        )
        if line.includes_phone_line:
            setup = e911_for_activation(order_line=line, order_number=order.number)
            listed = line.listing_choice != ListingChoice.NON_PUBLISHED
            phone_line = PhoneLine.objects.create(
                service=service,
                number=phone_number_assign(state=order.state),
                listing_choice=line.listing_choice,
                listed_name=line.listed_name if listed else "",
                listed_street=order.service_street if listed else "",
                listed_city=order.service_city if listed else "",
                listed_state=order.service_state if listed else "",
                listed_zip=order.service_zip if listed else "",
                e911_street=setup.e911_street,
                e911_unit=setup.e911_unit,
                e911_city=setup.e911_city,
                e911_state=setup.e911_state,
                e911_zip=setup.e911_zip,
                e911_updated_at=timezone.now(),
            )
            if setup.keep_number:
                port_in_submit(setup=setup, phone_line=phone_line)
    audit_record(actor=None, action=OrdersAudit.SERVICES_STARTED, subject=order)
