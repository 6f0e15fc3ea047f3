"""What an order becoming active creates: a ``Service`` per service line and, for a phone line,
a ``PhoneLine`` with a number from the pool and the listing choice made at checkout."""

from __future__ import annotations

from django.utils import timezone

from azultel.core.audit import audit_record
from azultel.orders.audit import OrdersAudit
from azultel.orders.models import SERVICE_KINDS, ListingChoice, Order, PhoneLine, Service
from azultel.orders.numbering import phone_number_assign


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
            listed = line.listing_choice != ListingChoice.NON_PUBLISHED
            PhoneLine.objects.create(
                service=service,
                number=phone_number_assign(state=order.state),
                listing_choice=line.listing_choice,
                listed_name=line.listed_name if listed else "",
                listed_street=order.service_street if listed else "",
                listed_city=order.service_city if listed else "",
                listed_state=order.service_state if listed else "",
                listed_zip=order.service_zip if listed else "",
            )
    audit_record(actor=None, action=OrdersAudit.SERVICES_STARTED, subject=order)
