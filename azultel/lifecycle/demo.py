"""Demo service changes (never loaded in production): Maria Lopez
(maria.lopez@demo.azultel.test) has a downgrade of her internet plan booked for the first day of
next month, shown on her service's "Change or end" page. Idempotent (the change's key)."""

from __future__ import annotations

from azultel.accounts.models import User
from azultel.core.demo import DemoSignIn
from azultel.lifecycle import services
from azultel.lifecycle.models import ServiceChange
from azultel.orders.models import ServiceStatus
from azultel.orders.selectors import services_for_customer

DEMO_CUSTOMER = "maria.lopez@demo.azultel.test"
DEMO_KEY = "demo-maria-lopez-internet-downgrade"


def demo_seed() -> list[DemoSignIn]:
    customer = User.objects.filter(email=DEMO_CUSTOMER).first()
    if customer is None or ServiceChange.objects.filter(idempotency_key=DEMO_KEY).exists():
        return []
    internet = next(
        (
            s
            for s in services_for_customer(customer=customer)
            if s.product_kind == "internet" and s.status == ServiceStatus.ACTIVE
        ),
        None,
    )
    if internet is None:
        return []
    cheaper = [
        o
        for o in services.plan_options(service=internet)
        if o.price.monthly < internet.monthly_price
    ]
    if not cheaper:
        return []
    services.service_plan_change(
        actor=customer,
        service=internet,
        product_id=max(cheaper, key=lambda o: o.price.monthly).product.pk,
        idempotency_key=DEMO_KEY,
    )
    return []
