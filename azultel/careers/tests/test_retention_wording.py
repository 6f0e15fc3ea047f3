"""Every page and email that tells applicants how long their application is kept says what the
retention job does: ``CAREERS_RETENTION_MONTHS`` (B3), never a period written into the text."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from azultel.careers.tests.factories import JobListingFactory, application_make
from azultel.comms.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.mark.promise("B3")
@pytest.mark.parametrize(("months", "said"), [(18, "18 months"), (1, "1 month"), (12, "12 months")])
def test_the_careers_pages_and_email_follow_the_retention_setting(months: int, said: str) -> None:
    client = Client()
    with override_settings(CAREERS_RETENTION_MONTHS=months):
        listing = JobListingFactory()
        _, token = application_make(listing=listing)
        pages = {
            "landing": client.get("/careers/").content.decode(),
            "apply": client.get(f"/careers/jobs/{listing.slug}/apply/").content.decode(),
            "general": client.get("/careers/resume/").content.decode(),
            "status": client.get(f"/careers/status/{token}/").content.decode(),
            "email": OutboxMessage.objects.get().body_text,
        }

    for where, text in pages.items():
        assert f"{said} after" in text or f"next {said}." in text, where
        assert "twelve months" not in text, where
        if months != 12:
            assert "12 months" not in text, where
