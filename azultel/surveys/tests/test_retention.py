"""Retention (B3): free-text answers are blanked once their survey's period has passed, by the
periodic job, with a frozen clock; running it again changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from azultel.core.periodic import periodic_jobs
from azultel.surveys import services
from azultel.surveys.models import Answer, Survey
from azultel.surveys.tasks import survey_free_text_purge
from azultel.surveys.tests.conftest import Built, build_survey, full_answers

pytestmark = pytest.mark.django_db


def _freeze(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    moment = datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _answer_on(b: Built, day: date, monkeypatch: pytest.MonkeyPatch) -> None:
    _freeze(monkeypatch, day)
    services.response_submit(survey=b.survey, actor=AnonymousUser(), answers=full_answers(b))  # type: ignore[arg-type]


@pytest.mark.promise("B3")
def test_free_text_is_blanked_after_the_retention_period(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a survey keeping written answers 30 days, answered on March 1 and March 20
    short = build_survey()
    Survey.objects.filter(pk=short.survey.pk).update(free_text_retention_days=30)
    short.survey.refresh_from_db()
    _answer_on(short, date(2026, 3, 1), monkeypatch)
    _answer_on(short, date(2026, 3, 20), monkeypatch)
    # and a survey keeping them 180 days, answered on March 1
    long = build_survey()
    _answer_on(long, date(2026, 3, 1), monkeypatch)
    # When the job runs on April 5
    _freeze(monkeypatch, date(2026, 4, 5))
    blanked = survey_free_text_purge()
    # Then only the March 1 answer to the 30-day survey is blanked; choices and ratings stay
    assert blanked == 1
    texts = Answer.objects.filter(kind="text").order_by(
        "response__received_on", "response__survey__title"
    )
    kept = {(a.response.survey_id, a.response.received_on, a.text, a.text_purged) for a in texts}
    assert kept == {
        (short.survey.pk, date(2026, 3, 1), "", True),
        (short.survey.pk, date(2026, 3, 20), "Great service", False),
        (long.survey.pk, date(2026, 3, 1), "Great service", False),
    }
    assert Answer.objects.filter(kind="rating").count() == 3
    # and running it again the same day changes nothing
    assert survey_free_text_purge() == 0
    # and on April 20 the March 20 answer follows
    _freeze(monkeypatch, date(2026, 4, 20))
    assert survey_free_text_purge() == 1


def test_the_job_is_declared_for_the_scheduler() -> None:
    job = periodic_jobs()["surveys-free-text-purge"]
    assert job["task"] == "azultel.surveys.tasks.survey_free_text_purge"
