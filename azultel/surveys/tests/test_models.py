"""The database itself refuses malformed survey rows (kinds, positions, ranges, anonymity)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from azultel.accounts.testing import customer_create
from azultel.surveys.models import Answer, Choice, Question, QuestionKind, Response, Survey
from azultel.surveys.tests.conftest import Built
from azultel.surveys.tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db


def _refused(create: object) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()  # type: ignore[operator]


def test_unknown_question_kind_is_refused(built: Built) -> None:
    _refused(
        lambda: Question.objects.create(
            section=built.single.section, position=9, kind="essay", text="?"
        )
    )
    assert Question.objects.count() == 5


def test_positions_are_unique_per_parent(built: Built) -> None:
    _refused(
        lambda: Question.objects.create(
            section=built.single.section, position=1, kind="text", text="?"
        )
    )
    _refused(lambda: Choice.objects.create(question=built.single, position=1, label="Again"))
    assert Choice.objects.filter(question=built.single).count() == 2


def test_survey_dates_and_retention_are_checked(db: None) -> None:
    _refused(lambda: SurveyFactory.create(free_text_retention_days=0))
    _refused(lambda: SurveyFactory.create(status="archived"))
    opens = date(2026, 5, 1)
    _refused(lambda: SurveyFactory.create(opens_at=f"{opens}T10:00Z", closes_at=f"{opens}T09:00Z"))
    assert Survey.objects.count() == 0


def test_anonymous_response_cannot_hold_a_respondent(built: Built) -> None:
    person = customer_create()
    _refused(lambda: Response.objects.create(survey=built.survey, anonymous=True, respondent=person, received_on=date(2026, 5, 1)))  # fmt: skip
    _refused(lambda: Response.objects.create(survey=built.survey, anonymous=False, received_on=date(2026, 5, 1)))  # fmt: skip
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        (QuestionKind.RATING, {"number": 0}),
        (QuestionKind.RATING, {"number": 6}),
        (QuestionKind.NPS, {"number": 11}),
        (QuestionKind.NPS, {"number": -1}),
        (QuestionKind.SINGLE, {"number": 3}),
        (QuestionKind.TEXT, {"number": 3}),
        (QuestionKind.RATING, {"number": 3, "text": "extra"}),
    ],
)
def test_answer_shape_and_range_are_checked(
    built: Built, kind: str, fields: dict[str, object]
) -> None:
    response = Response.objects.create(
        survey=built.survey, anonymous=True, received_on=date(2026, 5, 1)
    )
    _refused(
        lambda: Answer.objects.create(response=response, question=built.rating, kind=kind, **fields)
    )
    assert Answer.objects.count() == 0
