"""Factories for careers rows: listings (factory_boy) and applications made through the real
service (an application's résumé, token and acknowledgement come from ``application_submit``)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from azultel.careers import services
from azultel.careers.models import Application, JobListing, ListingQuestion
from azultel.core.actors import system_actor
from azultel.core.testing.sample_files import pdf_bytes
from azultel.core.upload_checks import RESUME_UPLOADS, upload_check


class JobListingFactory(factory.django.DjangoModelFactory[JobListing]):
    """An open listing, posted ten days ago, in Florida (no pay range required there)."""

    class Meta:
        model = JobListing

    slug = factory.Sequence(lambda n: f"field-technician-{n}")
    title = factory.Sequence(lambda n: f"Field technician {n}")
    department = "field"
    location = "FL"
    employment_type = "full_time"
    pay_min = Decimal("48000")
    pay_max = Decimal("62000")
    pay_period = "year"
    description = "Install and repair home phone and internet service."
    status = "open"
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    close_at = None
    posted_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))


class ListingQuestionFactory(factory.django.DjangoModelFactory[ListingQuestion]):
    class Meta:
        model = ListingQuestion

    listing = factory.SubFactory(JobListingFactory)
    text = "Do you hold a valid driving licence?"
    required = True


def application_make(
    *,
    listing: JobListing | None = None,
    name: str = "Jane Quintero",
    email: str = "jane.q@example.com",
    resume: bytes | None = None,
    key: str | None = None,
) -> tuple[Application, str]:
    """An application as the form makes it; returns it with its status-link token."""
    submitted = services.application_submit(
        listing=listing,
        name=name,
        email=email,
        phone="",
        cover_letter="I would like to join.",
        answers=[],
        resume=upload_check(resume or pdf_bytes(), policy=RESUME_UPLOADS),
        equal_opportunity=None,
        submission_key=key or services.submission_key_new(),
        actor=system_actor("test"),
    )
    assert submitted.status_token is not None
    return submitted.application, submitted.status_token
