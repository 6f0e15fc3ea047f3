"""Demo contact threads in several states: new, answered (waiting on the customer), one with an
internal note, a privacy question for the privacy officer, and a closed one; Maria's (the demo
customer's) threads show under "Messages" in her account.

The care and privacy sign-ins (care@ and privacy@demo.azultel.test) come from ``accounts.demo``.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from azultel.accounts.models import User
from azultel.contact import services
from azultel.contact.models import Status, Thread
from azultel.core.demo import DemoSignIn
from azultel.site import services as site_services

_MARIA = "maria.lopez@demo.azultel.test"


def _thread(name: str, email: str, topic: str, message: str) -> Thread:
    stored = site_services.contact_message_create(
        sender=AnonymousUser(), name=name, email=email, topic=topic, message=message
    )
    return Thread.objects.get(contact_message=stored)


def demo_seed() -> list[DemoSignIn]:
    if Thread.objects.exists():
        return []
    care = User.objects.filter(email="care@demo.azultel.test").first()
    officer = User.objects.filter(email="privacy@demo.azultel.test").first()
    _thread(
        "Devon Clark",
        "devon.clark@demo.azultel.test",
        "sales",
        "Do you offer fiber at 2100 Coral Way, Miami? We are moving in next month.",
    )
    billing = _thread(
        "Maria Lopez",
        _MARIA,
        "billing",
        "My bill went up by $10 this month. Can you tell me why?",
    )
    outage = _thread(
        "Sam Patel",
        "sam.patel@demo.azultel.test",
        "support",
        "My internet drops every evening around 8 pm for a few minutes.",
    )
    privacy = _thread(
        "Lee Wong",
        "lee.wong@demo.azultel.test",
        "privacy",
        "Which companies do you share my call records with?",
    )
    closed = _thread(
        "Maria Lopez",
        _MARIA,
        "support",
        "How do I change my Wi-Fi password?",
    )
    if care is not None:
        services.staff_reply_send(
            thread=billing,
            body="Your 12-month promotion ended on the 1st, so the plan is now at its regular "
            "price. We can look at other plans with you if you like.",
            actor=care,
        )
        services.staff_note_add(
            thread=outage, body="Check the line test for this address first.", actor=care
        )
        services.thread_assign(thread=outage, assignee=care, actor=care)
        services.staff_reply_send(
            thread=closed,
            body="Open 192.168.1.1 in a browser and choose Wi-Fi. The password is on the router.",
            actor=care,
        )
        services.thread_status_set(thread=closed, status=Status.CLOSED, actor=care)
    if officer is not None:
        services.thread_assign(thread=privacy, assignee=officer, actor=officer)
    return []
