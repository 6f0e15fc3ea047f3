"""Building a survey (staff): its details, sections, questions and choices, opening and closing.

Sections, questions and choices change only while the survey is a draft: answers already given
would no longer match the questions they answered. Positions start at 1 and stay contiguous.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeAlias

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.text import slugify

from azultel.core.actors import Actor, actor_user_id
from azultel.core.audit import audit_record
from azultel.surveys.audit import SurveysAudit
from azultel.surveys.models import (
    CHOICE_KINDS,
    MAX_FREE_TEXT_RETENTION_DAYS,
    Choice,
    Question,
    QuestionKind,
    Section,
    Survey,
    SurveyStatus,
)

MAX_CHOICES = 20
Direction = Literal["up", "down"]
Positioned: TypeAlias = "QuerySet[Section] | QuerySet[Question]"


class SurveyChangeRefused(ValueError):
    """A change the survey's rules do not allow; the message is written for staff."""


@dataclass(frozen=True)
class SurveyDetails:
    title: str
    intro: str
    anonymous: bool
    public: bool
    opens_at: datetime | None
    closes_at: datetime | None
    free_text_retention_days: int


def _check_details(details: SurveyDetails) -> None:
    if not details.title.strip():
        raise SurveyChangeRefused("Give the survey a title.")
    if details.opens_at and details.closes_at and details.closes_at <= details.opens_at:
        raise SurveyChangeRefused("The closing time must be after the opening time.")
    if not 1 <= details.free_text_retention_days <= MAX_FREE_TEXT_RETENTION_DAYS:
        raise SurveyChangeRefused(
            f"Keep free-text answers between 1 and {MAX_FREE_TEXT_RETENTION_DAYS} days."
        )


def _slug_for(title: str) -> str:
    base = slugify(title)[:60].strip("-") or "survey"
    slug = base
    while Survey.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


def _require_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyChangeRefused(
            "Questions can change only while the survey is a draft: people have already "
            "answered these ones."
        )


@transaction.atomic
def survey_create(*, actor: Actor, details: SurveyDetails) -> Survey:
    _check_details(details)
    survey = Survey.objects.create(
        slug=_slug_for(details.title),
        title=details.title.strip(),
        intro=details.intro.strip(),
        anonymous=details.anonymous,
        public=details.public,
        opens_at=details.opens_at,
        closes_at=details.closes_at,
        free_text_retention_days=details.free_text_retention_days,
        created_by_id=actor_user_id(actor),
    )
    audit_record(actor=actor, action=SurveysAudit.SURVEY_CREATED, subject=survey)
    return survey


@transaction.atomic
def survey_update(*, actor: Actor, survey: Survey, details: SurveyDetails) -> Survey:
    """Change the survey's details; whether it is anonymous can change only in a draft."""
    _check_details(details)
    if details.anonymous != survey.anonymous:
        _require_draft(survey)
    survey.title = details.title.strip()
    survey.intro = details.intro.strip()
    survey.anonymous = details.anonymous
    survey.public = details.public
    survey.opens_at = details.opens_at
    survey.closes_at = details.closes_at
    survey.free_text_retention_days = details.free_text_retention_days
    survey.save(
        update_fields=[
            "title",
            "intro",
            "anonymous",
            "public",
            "opens_at",
            "closes_at",
            "free_text_retention_days",
            "updated_at",
        ]
    )
    audit_record(actor=actor, action=SurveysAudit.SURVEY_CHANGED, subject=survey)
    return survey


@transaction.atomic
def survey_open(*, actor: Actor, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status == SurveyStatus.OPEN:
        raise SurveyChangeRefused("This survey is already open.")
    if not Question.objects.filter(section__survey=survey).exists():
        raise SurveyChangeRefused("Add at least one question before opening the survey.")
    survey.status = SurveyStatus.OPEN
    survey.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=SurveysAudit.SURVEY_OPENED, subject=survey)
    return survey


@transaction.atomic
def survey_close(*, actor: Actor, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.OPEN:
        raise SurveyChangeRefused("Only an open survey can be closed.")
    survey.status = SurveyStatus.CLOSED
    survey.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=SurveysAudit.SURVEY_CLOSED, subject=survey)
    return survey


def _structure_changed(actor: Actor, survey: Survey, what: str) -> None:
    audit_record(
        actor=actor, action=SurveysAudit.STRUCTURE_CHANGED, subject=survey, detail={"what": what}
    )


def _next_position(rows: Positioned) -> int:
    return int(rows.aggregate(top=Max("position"))["top"] or 0) + 1


def _close_gap(rows: Positioned, removed: int) -> None:
    # One row at a time, lowest first, so no two rows ever share a position.
    for row in rows.filter(position__gt=removed).order_by("position"):
        rows.filter(pk=row.pk).update(position=row.position - 1)


def _position_now(rows: Positioned, row: Section | Question) -> int:
    # The row in memory may be older than a move made since; the database says where it is.
    return int(rows.values_list("position", flat=True).get(pk=row.pk))


def _swap(rows: Positioned, row: Section | Question, direction: Direction) -> None:
    current = _position_now(rows, row)
    target = current - 1 if direction == "up" else current + 1
    neighbour = rows.filter(position=target).first()
    if neighbour is None:
        return
    rows.filter(pk=row.pk).update(position=0)
    rows.filter(pk=neighbour.pk).update(position=current)
    rows.filter(pk=row.pk).update(position=target)


def _check_section(title: str, description: str) -> None:
    if len(title) > 150:
        raise SurveyChangeRefused("Keep the section title under 150 characters.")


@transaction.atomic
def section_add(*, actor: Actor, survey: Survey, title: str, description: str = "") -> Section:
    _require_draft(survey)
    _check_section(title, description)
    section = Section.objects.create(
        survey=survey,
        position=_next_position(Section.objects.filter(survey=survey)),
        title=title.strip(),
        description=description.strip(),
    )
    _structure_changed(actor, survey, "section added")
    return section


@transaction.atomic
def section_update(*, actor: Actor, section: Section, title: str, description: str) -> Section:
    _require_draft(section.survey)
    _check_section(title, description)
    section.title = title.strip()
    section.description = description.strip()
    section.save(update_fields=["title", "description", "updated_at"])
    _structure_changed(actor, section.survey, "section changed")
    return section


@transaction.atomic
def section_remove(*, actor: Actor, section: Section) -> None:
    survey = section.survey
    _require_draft(survey)
    position = _position_now(Section.objects.filter(survey=survey), section)
    section.delete()
    _close_gap(Section.objects.filter(survey=survey), position)
    _structure_changed(actor, survey, "section removed")


@transaction.atomic
def section_move(*, actor: Actor, section: Section, direction: Direction) -> None:
    _require_draft(section.survey)
    _swap(Section.objects.filter(survey=section.survey), section, direction)
    _structure_changed(actor, section.survey, "section moved")


@dataclass(frozen=True)
class QuestionDetails:
    kind: str
    text: str
    help_text: str = ""
    required: bool = True
    choices: Sequence[str] = ()


def _clean_question(details: QuestionDetails) -> list[str]:
    if details.kind not in QuestionKind.values:
        raise SurveyChangeRefused("Choose a kind of question from the list.")
    if not details.text.strip():
        raise SurveyChangeRefused("Write the question.")
    if len(details.text) > 300 or len(details.help_text) > 300:
        raise SurveyChangeRefused("Keep the question and its hint under 300 characters each.")
    labels = [label.strip() for label in details.choices if label.strip()]
    if details.kind in CHOICE_KINDS:
        if not 2 <= len(labels) <= MAX_CHOICES:
            raise SurveyChangeRefused(
                f"A choice question needs between 2 and {MAX_CHOICES} answers, one a line."
            )
        if len({label.casefold() for label in labels}) != len(labels):
            raise SurveyChangeRefused("Each answer must be different.")
        if any(len(label) > 150 for label in labels):
            raise SurveyChangeRefused("Keep each answer under 150 characters.")
        return labels
    if labels:
        raise SurveyChangeRefused("Only single and multiple choice questions have answers to list.")
    return []


def _choices_replace(question: Question, labels: list[str]) -> None:
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, position=n, label=label) for n, label in enumerate(labels, 1)
    )


@transaction.atomic
def question_add(*, actor: Actor, section: Section, details: QuestionDetails) -> Question:
    _require_draft(section.survey)
    labels = _clean_question(details)
    question = Question.objects.create(
        section=section,
        position=_next_position(Question.objects.filter(section=section)),
        kind=details.kind,
        text=details.text.strip(),
        help_text=details.help_text.strip(),
        required=details.required,
    )
    _choices_replace(question, labels)
    _structure_changed(actor, section.survey, "question added")
    return question


@transaction.atomic
def question_update(*, actor: Actor, question: Question, details: QuestionDetails) -> Question:
    survey = question.section.survey
    _require_draft(survey)
    labels = _clean_question(details)
    question.kind = details.kind
    question.text = details.text.strip()
    question.help_text = details.help_text.strip()
    question.required = details.required
    question.save(update_fields=["kind", "text", "help_text", "required", "updated_at"])
    _choices_replace(question, labels)
    _structure_changed(actor, survey, "question changed")
    return question


@transaction.atomic
def question_remove(*, actor: Actor, question: Question) -> None:
    section = question.section
    _require_draft(section.survey)
    position = _position_now(Question.objects.filter(section=section), question)
    question.delete()
    _close_gap(Question.objects.filter(section=section), position)
    _structure_changed(actor, section.survey, "question removed")


@transaction.atomic
def question_move(*, actor: Actor, question: Question, direction: Direction) -> None:
    section = question.section
    _require_draft(section.survey)
    _swap(Question.objects.filter(section=section), question, direction)
    _structure_changed(actor, section.survey, "question moved")


def survey_results_exported(*, actor: Actor, survey: Survey) -> None:
    """Record that ``actor`` downloaded the survey's answers (the CSV export)."""
    audit_record(actor=actor, action=SurveysAudit.RESULTS_EXPORTED, subject=survey)
