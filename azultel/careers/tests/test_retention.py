"""B3 with a frozen clock (``now=``): applications not hired are deleted, résumé file and row,
after CAREERS_RETENTION_MONTHS; hired ones become a minimal record; a second run changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from azultel.careers.models import Application, ApplicationNote, EqualOpportunityAnswer
from azultel.careers.services import careers_retention_run
from azultel.careers.tests.factories import JobListingFactory, application_make
from azultel.core.file_storage import private_storage
from azultel.core.models import StoredFile
from azultel.core.periodic import periodic_jobs

pytestmark = pytest.mark.django_db


@pytest.mark.promise("B3")
def test_after_the_period_the_file_and_row_are_gone_and_hired_ones_are_reduced(
    django_capture_on_commit_callbacks: object,
) -> None:
    listing = JobListingFactory()
    rejected, _ = application_make(listing=listing, email="r@example.com")
    hired, _ = application_make(listing=listing, email="h@example.com")
    recent, _ = application_make(listing=listing, email="new@example.com")
    ApplicationNote.objects.create(application=hired, body="Great", rating=5)
    decided = timezone.now()
    Application.objects.filter(pk=rejected.pk).update(stage="rejected", stage_changed_at=decided)
    Application.objects.filter(pk=hired.pk).update(stage="hired", stage_changed_at=decided)
    Application.objects.filter(pk=recent.pk).update(stage_changed_at=decided + timedelta(days=200))
    EqualOpportunityAnswer.objects.create(
        listing=listing, submitted_on=date.today(), gender="woman"
    )
    keys = {a.email: a.resume.key for a in (rejected, hired, recent)}  # type: ignore[union-attr]
    a_year_on = decided + timedelta(days=366)

    before = careers_retention_run(now=decided + timedelta(days=360))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        result = careers_retention_run(now=a_year_on)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        again = careers_retention_run(now=a_year_on)

    assert (before.deleted, before.reduced) == (0, 0)
    assert (result.deleted, result.reduced, result.equal_opportunity_deleted) == (1, 1, 1)
    assert (again.deleted, again.reduced, again.equal_opportunity_deleted) == (0, 0, 0)
    assert not Application.objects.filter(pk=rejected.pk).exists()
    storage = private_storage()
    assert not storage.exists(keys["r@example.com"]) and not storage.exists(keys["h@example.com"])
    assert storage.exists(keys["new@example.com"])
    assert StoredFile.objects.count() == 1
    kept = Application.objects.get(pk=hired.pk)
    assert kept.reduced and kept.resume is None and kept.resume_text == ""
    assert (kept.cover_letter, kept.phone, kept.answers) == ("", "", [])
    assert (kept.name, kept.email, kept.stage) == ("Jane Quintero", "h@example.com", "hired")
    assert not ApplicationNote.objects.exists()
    assert not EqualOpportunityAnswer.objects.exists()


def test_the_period_follows_the_setting(settings: object) -> None:
    settings.CAREERS_RETENTION_MONTHS = 1  # type: ignore[attr-defined]
    application, _ = application_make()

    result = careers_retention_run(now=timezone.now() + timedelta(days=32))

    assert result.deleted == 1 and not Application.objects.filter(pk=application.pk).exists()


def test_the_retention_job_is_scheduled() -> None:
    assert periodic_jobs()["careers-retention"]["task"] == "azultel.careers.tasks.careers_retention"
