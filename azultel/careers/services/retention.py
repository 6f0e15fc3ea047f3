"""B3: applications not hired are deleted, file and row, ``CAREERS_RETENTION_MONTHS`` after their
last change of stage; hired ones are reduced to a minimal record at the same point; unlinked
equal-opportunity answers go on the same clock. Safe to run again: a second run finds nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from azultel.careers.audit import CareersAudit
from azultel.careers.models import Application, EqualOpportunityAnswer, Stage
from azultel.careers.services.applications import _resume_drop, application_erase
from azultel.core.actors import system_actor
from azultel.core.audit import audit_record

_ACTOR = system_actor("careers_retention")


@dataclass(frozen=True)
class RetentionResult:
    deleted: int
    reduced: int
    equal_opportunity_deleted: int


def retention_cutoff(now: datetime) -> datetime:
    return now - relativedelta(months=int(settings.CAREERS_RETENTION_MONTHS))


def careers_retention_run(*, now: datetime | None = None) -> RetentionResult:
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    deleted = 0
    for application in list(
        Application.objects.filter(stage_changed_at__lt=cutoff).exclude(stage=Stage.HIRED)
    ):
        application_erase(application=application, actor=_ACTOR, reason="retention")
        deleted += 1
    reduced = 0
    for application in list(
        Application.objects.filter(
            stage_changed_at__lt=cutoff, stage=Stage.HIRED, reduced=False
        ).select_related("resume")
    ):
        application_reduce(application=application)
        reduced += 1
    eeo_deleted, _ = EqualOpportunityAnswer.objects.filter(
        submitted_on__lt=timezone.localdate(cutoff)
    ).delete()
    return RetentionResult(deleted, reduced, eeo_deleted)


def application_reduce(*, application: Application) -> None:
    """A hired applicant's application becomes name, email, job, stage and dates only."""
    with transaction.atomic():
        application.phone = ""
        application.cover_letter = ""
        application.answers = []
        application.reduced = True
        application.save(
            update_fields=["phone", "cover_letter", "answers", "reduced", "updated_at"]
        )
        application.notes.all().delete()
        _resume_drop(application, actor=_ACTOR)
        audit_record(actor=_ACTOR, action=CareersAudit.APPLICATION_REDUCED, subject=application)
