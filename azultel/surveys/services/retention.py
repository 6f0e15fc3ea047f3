"""Retention of survey answers (B3): free text is blanked once the survey's period has passed."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from azultel.core.actors import Actor
from azultel.core.audit import audit_record
from azultel.surveys.audit import SurveysAudit
from azultel.surveys.models import Answer, QuestionKind, Survey


@transaction.atomic
def free_text_purge(*, today: date, actor: Actor) -> int:
    """Blank every free-text answer received more than its survey's retention days before
    ``today``; returns how many were blanked. Running it again blanks nothing more."""
    waiting = Answer.objects.filter(kind=QuestionKind.TEXT, text_purged=False)
    surveys = Survey.objects.filter(responses__answers__in=waiting).distinct()
    blanked = 0
    for survey in surveys:
        cutoff = today - timedelta(days=survey.free_text_retention_days)
        blanked += waiting.filter(response__survey=survey, response__received_on__lt=cutoff).update(
            text="", text_purged=True
        )
    if blanked:
        audit_record(actor=actor, action=SurveysAudit.FREE_TEXT_PURGED, detail={"answers": blanked})
    return blanked
