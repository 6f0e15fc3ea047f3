"""Demo careers content: four listings (one closed) and two applications.

The HR sign-in (hr@demo.azultel.test, the staff demo password) is made with the other staff in
``accounts.demo``: roles are given outside the two-administrator path only there.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from azultel.careers import services
from azultel.careers.models import Application, JobListing
from azultel.core.actors import system_actor
from azultel.core.demo import DemoSignIn
from azultel.core.upload_checks import RESUME_UPLOADS, upload_check

_ACTOR = system_actor("seed_demo")

_LISTINGS = (
    (
        "Field technician",
        "field",
        "FL",
        "full_time",
        (Decimal("48000"), Decimal("62000"), "year"),
        "Install and repair home phone and internet service across Miami-Dade.\n\n"
        "What you will do:\n- Install fiber and copper service at customers' homes\n"
        "- Find and fix faults on the line\n\nA driving licence is needed; we train the rest.",
        (("Do you hold a valid driving licence?", True),),
        False,
    ),
    (
        "Network engineer",
        "network",
        "CA",
        "full_time",
        (Decimal("125000"), Decimal("158000"), "year"),
        "Plan and run our IP and optical transport network.\n\n"
        "- Routing (BGP, IS-IS) and MPLS\n- On call one week in six",
        (("Which routing platforms have you run in production?", False),),
        False,
    ),
    (
        "Customer care agent (remote)",
        "care",
        "remote",
        "part_time",
        (Decimal("19"), Decimal("23"), "hour"),
        "Help customers by phone and chat with bills, orders and service questions.",
        (),
        False,
    ),
    (
        "Retail store associate",
        "retail",
        "TX",
        "full_time",
        (None, None, "hour"),
        "Help visitors choose phones and plans in our Houston store.",
        (),
        True,
    ),
)


def demo_seed() -> list[DemoSignIn]:
    if not JobListing.objects.exists():
        now = timezone.now()
        for title, dept, where, kind, pay, text, questions, closed in _LISTINGS:
            listing = services.listing_save(
                listing=None,
                details=services.ListingDetails(
                    title=title,
                    department=dept,
                    location=where,
                    employment_type=kind,
                    pay_min=pay[0],
                    pay_max=pay[1],
                    pay_period=pay[2],
                    description=text,
                    publish_at=now - timedelta(days=10),
                    close_at=None if closed else now + timedelta(days=45),
                    questions=questions,
                ),
                publish=True,
                actor=_ACTOR,
            )
            if closed:
                services.listing_close(listing=listing, actor=_ACTOR)
    if not Application.objects.exists():
        technician = JobListing.objects.get(title="Field technician")
        applicants: tuple[tuple[str, str, JobListing | None], ...] = (
            ("Jordan Rivera", "jordan.rivera@demo.azultel.test", technician),
            ("Sam Okafor", "sam.okafor@demo.azultel.test", None),
        )
        for name, email, applied_to in applicants:
            text = f"{name}\n{email}\n\nExperience\n- Cable technician, 2019-2026\n"
            services.application_submit(
                listing=applied_to,
                name=name,
                email=email,
                phone="",
                cover_letter="I would like to join Azultel.",
                answers=[{"question": q.text, "answer": "Yes"} for q in applied_to.questions.all()]
                if applied_to
                else [],
                resume=upload_check(text.encode(), policy=RESUME_UPLOADS),
                equal_opportunity=None,
                submission_key=f"demo-{email}",
                actor=_ACTOR,
            )
    return []
