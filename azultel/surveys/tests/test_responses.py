"""Answering: every answer is checked against its question, nothing is half-saved, an anonymous
response links to no one, an attributed one needs a signed-in person and is kept once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from azultel.accounts.testing import customer_create
from azultel.core.models import AuditEvent
from azultel.surveys import services
from azultel.surveys.models import Answer, Response, Survey, SurveyStatus
from azultel.surveys.services import ResponseRefused
from azultel.surveys.tests.conftest import Built, choice_id, full_answers

pytestmark = pytest.mark.django_db
Rows = Callable[[], dict[str, int]]


def test_a_complete_response_is_saved_with_every_answer(built: Built) -> None:
    response = services.response_submit(
        survey=built.survey, actor=AnonymousUser(), answers=full_answers(built)
    )  # type: ignore[arg-type]
    assert response.received_on == timezone.localdate()
    rows = {(a.question_id, a.choice_id, a.number, a.text) for a in Answer.objects.all()}
    assert rows == {
        (built.single.pk, choice_id(built.single, "Phone"), None, ""),
        (built.multiple.pk, choice_id(built.multiple, "Price"), None, ""),
        (built.multiple.pk, choice_id(built.multiple, "Speed"), None, ""),
        (built.rating.pk, None, 4, ""),
        (built.nps.pk, None, 9, ""),
        (built.text.pk, None, None, "Great service"),
    }


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("single", None, "Answer this question."),
        ("single", 999999, "Choose one of the answers shown."),
        ("single", "Phone", "Choose one of the answers shown."),
        ("multiple", [999999], "Choose one of the answers shown."),
        ("rating", 0, "Choose a number from 1 to 5."),
        ("rating", 6, "Choose a number from 1 to 5."),
        ("rating", True, "Choose a number from 1 to 5."),
        ("nps", 11, "Choose a number from 0 to 10."),
        ("nps", -1, "Choose a number from 0 to 10."),
        ("text", "x" * 2001, "Keep your answer under 2,000 characters."),
        ("text", 5, "Write your answer as text."),
    ],
)
def test_each_bad_answer_is_refused_with_words_and_nothing_saved(
    built: Built, question: str, value: object, message: str, survey_rows: Rows
) -> None:
    answers = full_answers(built)
    target = getattr(built, question).pk
    answers[target] = value
    before = survey_rows()
    with pytest.raises(ResponseRefused) as refused:
        services.response_submit(survey=built.survey, actor=AnonymousUser(), answers=answers)  # type: ignore[arg-type]
    assert refused.value.errors == {target: message}
    assert survey_rows() == before


def test_a_choice_of_another_question_is_refused(built: Built, survey_rows: Rows) -> None:
    answers = full_answers(built)
    answers[built.single.pk] = choice_id(built.multiple, "Price")
    with pytest.raises(ResponseRefused):
        services.response_submit(survey=built.survey, actor=AnonymousUser(), answers=answers)  # type: ignore[arg-type]
    assert survey_rows()["surveys.Response"] == 0


def test_answers_to_questions_of_another_survey_are_refused(
    built: Built, survey_rows: Rows
) -> None:
    from azultel.surveys.tests.conftest import build_survey

    other = build_survey()
    answers = full_answers(built)
    answers[other.rating.pk] = 3
    with pytest.raises(ResponseRefused):
        services.response_submit(survey=built.survey, actor=AnonymousUser(), answers=answers)  # type: ignore[arg-type]
    assert survey_rows()["surveys.Response"] == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": SurveyStatus.CLOSED}, "This survey is closed and no longer takes answers."),
        ({"status": SurveyStatus.DRAFT}, "This survey is not open."),
        ({"opens_at": timezone.now() + timedelta(days=1)}, "This survey is not open yet."),
        (
            {"closes_at": timezone.now() - timedelta(minutes=1)},
            "This survey is closed and no longer takes answers.",
        ),
    ],
)
def test_a_survey_not_taking_answers_refuses_them(
    built: Built, change: dict[str, object], message: str, survey_rows: Rows
) -> None:
    Survey.objects.filter(pk=built.survey.pk).update(**change)
    built.survey.refresh_from_db()
    with pytest.raises(ResponseRefused, match=message):
        services.response_submit(
            survey=built.survey, actor=AnonymousUser(), answers=full_answers(built)
        )  # type: ignore[arg-type]
    assert survey_rows()["surveys.Response"] == 0


def test_an_anonymous_response_links_to_no_one(built: Built) -> None:
    # Given a signed-in customer answering an anonymous survey
    person = customer_create(email="ana@example.com")
    audits_before = AuditEvent.objects.count()
    services.response_submit(survey=built.survey, actor=person, answers=full_answers(built))
    # Then the response row holds no account, session, address, browser or time
    response = Response.objects.get()
    assert response.respondent_id is None and response.anonymous is True
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), Response._meta.db_table
        )
    }
    assert columns == {"id", "survey_id", "anonymous", "respondent_id", "received_on"}
    answer_columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), Answer._meta.db_table
        )
    }
    assert answer_columns == {
        "id",
        "response_id",
        "question_id",
        "kind",
        "choice_id",
        "number",
        "text",
        "text_purged",
    }
    # and nothing in the audit trail records the answering (it would carry the account and time)
    assert AuditEvent.objects.count() == audits_before
    # and the keys are random, so the order of rows gives nothing away
    assert len(str(response.pk)) == 36


def test_an_attributed_survey_needs_a_signed_in_person(
    attributed: Built, survey_rows: Rows
) -> None:
    with pytest.raises(ResponseRefused, match="Sign in"):
        services.response_submit(
            survey=attributed.survey, actor=AnonymousUser(), answers=full_answers(attributed)
        )  # type: ignore[arg-type]
    assert survey_rows()["surveys.Response"] == 0


def test_an_attributed_response_is_kept_with_the_person_once(attributed: Built) -> None:
    person = customer_create(email="jo@example.com")
    response = services.response_submit(
        survey=attributed.survey, actor=person, answers=full_answers(attributed)
    )
    assert response.respondent == person
    assert AuditEvent.objects.filter(
        action="surveys.response_attributed", subject_id=str(response.pk)
    ).exists()
    with pytest.raises(ResponseRefused, match="already answered"):
        services.response_submit(
            survey=attributed.survey, actor=person, answers=full_answers(attributed)
        )
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 6
