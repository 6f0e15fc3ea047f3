"""Answering a survey, and erasing a person's attributed answers (B2).

An anonymous survey's response stores no account, session, address, browser or time (only the
date), and nothing about it is audited; whether this browser already answered is a flag in the
session, never on the response. An attributed survey needs a signed-in person and keeps one
response per person (a unique constraint).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from azultel.core.actors import Actor, actor_user_id, is_signed_in, system_actor
from azultel.core.audit import audit_record
from azultel.surveys.audit import SurveysAudit
from azultel.surveys.models import (
    NPS_MAX,
    NPS_MIN,
    RATING_MAX,
    RATING_MIN,
    Answer,
    Question,
    QuestionKind,
    Response,
    Survey,
)
from azultel.surveys.selectors import Availability, survey_availability, survey_sections

MAX_TEXT = 2000
AnswerValue = int | str | list[int] | None

AVAILABILITY_WORDS = {
    Availability.DRAFT: "This survey is not open.",
    Availability.NOT_YET_OPEN: "This survey is not open yet.",
    Availability.CLOSED: "This survey is closed and no longer takes answers.",
}


class ResponseRefused(ValueError):
    """The answers were not saved. ``errors`` maps a question's id to what is wrong with it."""

    def __init__(self, message: str, errors: Mapping[int, str] | None = None) -> None:
        super().__init__(message)
        self.errors = dict(errors or {})


def _empty(value: AnswerValue) -> bool:
    return value is None or value == "" or value == []


def _answers_for(question: Question, value: AnswerValue) -> list[Answer]:
    """The rows for one answer; raises ``ValueError`` with words for the respondent."""
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        given = [value] if kind == QuestionKind.SINGLE else value
        if not isinstance(given, list):
            raise ValueError("Choose one of the answers shown.")
        picked = [p for p in given if isinstance(p, int) and not isinstance(p, bool)]
        allowed = {choice.pk: choice for choice in question.choices.all()}
        if (
            len(picked) != len(given)
            or len(set(picked)) != len(picked)
            or any(p not in allowed for p in picked)
        ):
            raise ValueError("Choose one of the answers shown.")
        return [Answer(question=question, kind=kind, choice=allowed[p]) for p in picked]
    if kind in (QuestionKind.RATING, QuestionKind.NPS):
        low, high = (RATING_MIN, RATING_MAX) if kind == QuestionKind.RATING else (NPS_MIN, NPS_MAX)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValueError(f"Choose a number from {low} to {high}.")
        return [Answer(question=question, kind=kind, number=value)]
    if not isinstance(value, str):
        raise ValueError("Write your answer as text.")
    text = value.strip()
    if len(text) > MAX_TEXT:
        raise ValueError(f"Keep your answer under {MAX_TEXT:,} characters.")
    return [Answer(question=question, kind=kind, text=text)]


def answers_check(*, survey: Survey, answers: Mapping[int, AnswerValue]) -> list[Answer]:
    """Every answer checked against the survey's questions; unsaved rows, or ResponseRefused."""
    questions = {
        q.pk: q for section in survey_sections(survey=survey) for q in section.questions.all()
    }
    if set(answers) - set(questions):
        raise ResponseRefused("Some answers are for questions this survey does not have.")
    rows: list[Answer] = []
    errors: dict[int, str] = {}
    for question_id, question in questions.items():
        value = answers.get(question_id)
        if _empty(value):
            if question.required:
                errors[question_id] = "Answer this question."
            continue
        try:
            rows.extend(_answers_for(question, value))
        except ValueError as exc:
            errors[question_id] = str(exc)
    if errors:
        raise ResponseRefused("Some answers need attention.", errors)
    return rows


def response_submit(
    *, survey: Survey, actor: Actor, answers: Mapping[int, AnswerValue], today: date | None = None
) -> Response:
    """Save one response with all its answers, or nothing (ResponseRefused says why)."""
    availability = survey_availability(survey)
    if availability != Availability.OPEN:
        raise ResponseRefused(AVAILABILITY_WORDS[availability])
    respondent_id = None
    if not survey.anonymous:
        if not is_signed_in(actor):
            raise ResponseRefused("Sign in to answer this survey: it records who answers.")
        respondent_id = actor_user_id(actor)
    rows = answers_check(survey=survey, answers=answers)
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey,
                anonymous=survey.anonymous,
                respondent_id=respondent_id,
                received_on=today or timezone.localdate(),
            )
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
            if not survey.anonymous:
                audit_record(actor=actor, action=SurveysAudit.RESPONSE_ATTRIBUTED, subject=response)
    except IntegrityError as exc:
        raise ResponseRefused("You have already answered this survey.") from exc
    return response


@transaction.atomic
def survey_responses_erase(*, user_id: int) -> int:
    """Delete a person's attributed responses (account deletion, B2); returns how many."""
    deleted = Response.objects.filter(respondent_id=user_id).count()
    Response.objects.filter(respondent_id=user_id).delete()
    if deleted:
        audit_record(
            actor=system_actor("account-erasure"),
            action=SurveysAudit.RESPONSES_ERASED,
            detail={"responses": deleted},
        )
    return deleted


def survey_responses_erase_for_email(email: str) -> int:
    """A deletion request by a verified address (issue 19): attributed answers under it."""
    user_ids = set(
        Response.objects.filter(respondent__email__iexact=email).values_list(
            "respondent_id", flat=True
        )
    )
    return sum(survey_responses_erase(user_id=user_id) for user_id in user_ids)
