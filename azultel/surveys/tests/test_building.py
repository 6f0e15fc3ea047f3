"""The builder's services: details checked, positions kept contiguous, structure frozen once
opened; every refusal writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from azultel.accounts.testing import staff_create
from azultel.core.models import AuditEvent
from azultel.surveys import services
from azultel.surveys.models import QuestionKind, Section, Survey, SurveyStatus
from azultel.surveys.services import QuestionDetails, SurveyChangeRefused, SurveyDetails
from azultel.surveys.tests.conftest import Built

pytestmark = pytest.mark.django_db
Rows = Callable[[], dict[str, int]]


def _details(**over: object) -> SurveyDetails:
    values: dict[str, object] = {
        "title": "Your home internet",
        "intro": "",
        "anonymous": True,
        "public": True,
        "opens_at": None,
        "closes_at": None,
        "free_text_retention_days": 180,
    }
    values.update(over)
    return SurveyDetails(**values)  # type: ignore[arg-type]


@pytest.fixture
def staff() -> object:
    return staff_create(role="marketing")


def test_create_gives_a_slug_and_audits(staff: object) -> None:
    first = services.survey_create(actor=staff, details=_details())  # type: ignore[arg-type]
    second = services.survey_create(actor=staff, details=_details())  # type: ignore[arg-type]
    assert first.slug == "your-home-internet"
    assert second.slug.startswith("your-home-internet-") and second.slug != first.slug
    assert first.status == SurveyStatus.DRAFT and first.created_by == staff
    assert AuditEvent.objects.filter(action="surveys.survey_created").count() == 2


@pytest.mark.parametrize(
    "details",
    [
        _details(title="  "),
        _details(free_text_retention_days=0),
        _details(free_text_retention_days=9999),
        _details(
            opens_at=datetime(2026, 5, 2, tzinfo=UTC), closes_at=datetime(2026, 5, 1, tzinfo=UTC)
        ),
    ],
)
def test_bad_details_are_refused(staff: object, details: SurveyDetails, survey_rows: Rows) -> None:
    with pytest.raises(SurveyChangeRefused):
        services.survey_create(actor=staff, details=details)  # type: ignore[arg-type]
    assert survey_rows()["surveys.Survey"] == 0


def test_sections_and_questions_keep_contiguous_positions(staff: object) -> None:
    survey = services.survey_create(actor=staff, details=_details())  # type: ignore[arg-type]
    a = services.section_add(actor=staff, survey=survey, title="A")  # type: ignore[arg-type]
    b = services.section_add(actor=staff, survey=survey, title="B")  # type: ignore[arg-type]
    c = services.section_add(actor=staff, survey=survey, title="C")  # type: ignore[arg-type]
    services.section_move(actor=staff, section=c, direction="up")  # type: ignore[arg-type]
    assert list(Section.objects.filter(survey=survey).values_list("title", flat=True)) == [
        "A",
        "C",
        "B",
    ]
    services.section_remove(actor=staff, section=a)  # type: ignore[arg-type]
    assert list(Section.objects.filter(survey=survey).values_list("title", "position")) == [
        ("C", 1),
        ("B", 2),
    ]
    q1 = services.question_add(
        actor=staff, section=b, details=QuestionDetails(QuestionKind.RATING, "Speed?")
    )  # type: ignore[arg-type]
    q2 = services.question_add(
        actor=staff,
        section=b,
        details=QuestionDetails(QuestionKind.SINGLE, "Plan?", choices=["Basic", "", "Fast "]),
    )  # type: ignore[arg-type]
    services.question_move(actor=staff, question=q2, direction="up")  # type: ignore[arg-type]
    assert list(b.questions.order_by("position").values_list("text", flat=True)) == [
        "Plan?",
        "Speed?",
    ]
    assert list(q2.choices.values_list("label", "position")) == [("Basic", 1), ("Fast", 2)]
    services.question_update(
        actor=staff,
        question=q2,
        details=QuestionDetails(QuestionKind.MULTIPLE, "Plans?", choices=["X", "Y", "Z"]),
    )  # type: ignore[arg-type]
    assert list(q2.choices.values_list("label", flat=True)) == ["X", "Y", "Z"]
    services.question_remove(actor=staff, question=q2)  # type: ignore[arg-type]
    q1.refresh_from_db()
    assert q1.position == 1


@pytest.mark.parametrize(
    "details",
    [
        QuestionDetails("essay", "Tell us"),
        QuestionDetails(QuestionKind.TEXT, " "),
        QuestionDetails(QuestionKind.SINGLE, "Plan?", choices=["Only one"]),
        QuestionDetails(QuestionKind.SINGLE, "Plan?", choices=["Same", "same"]),
        QuestionDetails(QuestionKind.RATING, "Speed?", choices=["A", "B"]),
        QuestionDetails(QuestionKind.SINGLE, "Plan?", choices=[str(n) for n in range(21)]),
    ],
)
def test_bad_questions_are_refused(
    staff: object, built: Built, details: QuestionDetails, survey_rows: Rows
) -> None:
    Survey.objects.filter(pk=built.survey.pk).update(status=SurveyStatus.DRAFT)
    built.survey.refresh_from_db()
    before = survey_rows()
    with pytest.raises(SurveyChangeRefused):
        services.question_add(actor=staff, section=built.single.section, details=details)  # type: ignore[arg-type]
    assert survey_rows() == before


def test_structure_is_frozen_once_opened(staff: object, built: Built, survey_rows: Rows) -> None:
    before = survey_rows()
    section = built.single.section
    for change in (
        lambda: services.section_add(actor=staff, survey=built.survey, title="More"),
        lambda: services.section_remove(actor=staff, section=section),
        lambda: services.question_remove(actor=staff, question=built.rating),
        lambda: services.question_add(
            actor=staff, section=section, details=QuestionDetails(QuestionKind.TEXT, "More?")
        ),
        lambda: services.survey_update(
            actor=staff, survey=built.survey, details=_details(anonymous=False)
        ),
    ):
        with pytest.raises(SurveyChangeRefused):
            change()  # type: ignore[no-untyped-call]
    assert survey_rows() == before
    built.survey.refresh_from_db()
    assert built.survey.anonymous is True


def test_open_needs_a_question_and_close_needs_open(staff: object, survey_rows: Rows) -> None:
    survey = services.survey_create(actor=staff, details=_details())  # type: ignore[arg-type]
    with pytest.raises(SurveyChangeRefused):
        services.survey_open(actor=staff, survey=survey)  # type: ignore[arg-type]
    with pytest.raises(SurveyChangeRefused):
        services.survey_close(actor=staff, survey=survey)  # type: ignore[arg-type]
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT
    section = services.section_add(actor=staff, survey=survey, title="")  # type: ignore[arg-type]
    services.question_add(
        actor=staff, section=section, details=QuestionDetails(QuestionKind.TEXT, "Why?")
    )  # type: ignore[arg-type]
    assert services.survey_open(actor=staff, survey=survey).status == SurveyStatus.OPEN  # type: ignore[arg-type]
    assert services.survey_close(actor=staff, survey=survey).status == SurveyStatus.CLOSED  # type: ignore[arg-type]
