"""Demo care desk: an outage in Maria's area (33131, 33130) happening now, Maria's phone
passcode (246810: give it on the customer desk as care@demo.azultel.test) and her problem reports
in several states: one new and linked to the outage, one being worked on with a repair visit
booked, one waiting for her, one closed.

The care sign-in (care@demo.azultel.test) comes from ``accounts.demo``; Maria's services from
``orders.demo``.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from azultel.accounts.models import User
from azultel.care import services
from azultel.care.models import Outage, Ticket
from azultel.core.demo import DemoSignIn
from azultel.orders import selectors as order_selectors

DEMO_PASSCODE = "246810"
_MARIA = "maria.lopez@demo.azultel.test"


def demo_seed() -> list[DemoSignIn]:
    maria = User.objects.filter(email=_MARIA).first()
    care = User.objects.filter(email="care@demo.azultel.test").first()
    if maria is None or care is None or Ticket.objects.exists() or Outage.objects.exists():
        return []
    held = list(order_selectors.services_active_for_customer(customer=maria))
    if not held:
        return []
    services.passcode_set(customer=maria, passcode=DEMO_PASSCODE, actor=maria)
    phone = next((s for s in held if s.product_kind == "phone_line"), held[0])
    internet = next((s for s in held if s.product_kind == "internet"), held[-1])

    worked = services.ticket_open(
        customer=maria,
        service_id=phone.pk,
        category="phone_line",
        symptoms="Crackling on the line when it rains, and calls drop after a few minutes.",
        actor=maria,
    )
    services.ticket_staff_update(
        ticket=worked,
        change=services.TicketChange(
            status="open",
            assignee=care,
            update="We tested the line and found a fault near your home. A technician will visit.",
            note="Line test: high resistance on the drop wire.",
        ),
        actor=care,
    )
    services.appointment_book(
        ticket=worked, day=timezone.localdate() + timedelta(days=2), window="8-12", actor=care
    )
    waiting = services.ticket_open(
        customer=maria,
        service_id=internet.pk,
        category="billing",
        symptoms="My bill shows a charge for a router I returned.",
        actor=maria,
    )
    services.ticket_staff_update(
        ticket=waiting,
        change=services.TicketChange(
            status="waiting",
            update="Could you tell us the date you returned the router and the receipt number?",
        ),
        actor=care,
    )
    closed = services.ticket_open(
        customer=maria,
        service_id=internet.pk,
        category="other",
        symptoms="How do I change my Wi-Fi name?",
        actor=maria,
    )
    services.ticket_staff_update(
        ticket=closed,
        change=services.TicketChange(
            status="closed", update="We walked you through it on the phone. Glad it works!"
        ),
        actor=care,
    )
    services.outage_post(
        title="Internet down in Brickell",
        details="A fiber cable was damaged by road works on SW 8th Street.",
        zip_codes=["33130", "33131"],
        estimated_restore_at=timezone.now() + timedelta(hours=6),
        actor=care,
    )
    services.ticket_open(
        customer=maria,
        service_id=internet.pk,
        category="no_service",
        symptoms="No internet since this morning; the light on the box is red.",
        actor=maria,
    )
    return []
