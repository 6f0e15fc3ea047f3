"""Reading surveys: what a respondent may answer, the staff lists, links for campaigns.

Results are in ``surveys.results``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from azultel.surveys.models import Choice, Question, Response, Section, Survey, SurveyStatus


class Availability(StrEnum):
    DRAFT = "draft"
    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    CLOSED = "closed"


def survey_availability(survey: Survey, *, now: datetime | None = None) -> Availability:
    """Whether the survey takes answers now: its status and its opening and closing times."""
    moment = now or timezone.now()
    if survey.status == SurveyStatus.DRAFT:
        return Availability.DRAFT
    if survey.status == SurveyStatus.CLOSED:
        return Availability.CLOSED
    if survey.opens_at and moment < survey.opens_at:
        return Availability.NOT_YET_OPEN
    if survey.closes_at and moment >= survey.closes_at:
        return Availability.CLOSED
    return Availability.OPEN


def _accepting(now: datetime) -> Q:
    return (
        Q(status=SurveyStatus.OPEN)
        & (Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        & (Q(closes_at__isnull=True) | Q(closes_at__gt=now))
    )


def surveys_public_open() -> list[Survey]:
    """Public surveys taking answers now, newest first (the site's surveys page)."""
    return list(Survey.objects.filter(_accepting(timezone.now()), public=True))


@dataclass(frozen=True)
class SurveyLink:
    """A survey a campaign may invite people to: its title, its path on this site, its id."""

    title: str
    path: str
    survey_id: uuid.UUID


def surveys_open_for_invitation() -> list[SurveyLink]:
    """Every survey taking answers now, public or by invitation, for the campaign builder.

    The path is site-relative (``/surveys/<slug>/``); an email makes it absolute with SITE_URL.
    """
    rows = Survey.objects.filter(_accepting(timezone.now())).order_by("title")
    return [SurveyLink(survey.title, survey.get_absolute_url(), survey.pk) for survey in rows]


def survey_open_for_invitation_get(*, survey_id: uuid.UUID | str) -> Survey | None:
    """The survey if it takes answers now (one a campaign may invite to), else None."""
    try:
        wanted = uuid.UUID(str(survey_id))
    except ValueError:
        return None
    return Survey.objects.filter(_accepting(timezone.now()), pk=wanted).first()


def survey_get_by_slug(*, slug: str) -> Survey | None:
    """A survey a respondent may see: any but a draft (drafts exist only for staff)."""
    return Survey.objects.exclude(status=SurveyStatus.DRAFT).filter(slug=slug).first()


def survey_get_for_staff(*, slug: str) -> Survey | None:
    return Survey.objects.filter(slug=slug).first()


def surveys_for_staff() -> QuerySet[Survey]:
    """Every survey with its number of responses and questions (one query)."""
    return Survey.objects.annotate(
        response_count=Count("responses", distinct=True),
        question_count=Count("sections__questions", distinct=True),
    ).order_by("-created_at")


def surveys_attributed() -> QuerySet[Survey]:
    """Surveys that know who answered (not drafts), newest first: the only ones whose results
    can be split by respondents (a marketing segment)."""
    return (
        Survey.objects.filter(anonymous=False)
        .exclude(status=SurveyStatus.DRAFT)
        .order_by("-created_at", "title")
    )


def surveys_open_count() -> int:
    """Surveys whose status is open (one query), for the staff home."""
    return Survey.objects.filter(status=SurveyStatus.OPEN).count()


def survey_sections(*, survey: Survey) -> list[Section]:
    """The survey's sections in order, each with its questions and their choices (3 queries)."""
    questions = Question.objects.order_by("position").prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("position"))
    )
    return list(
        Section.objects.filter(survey=survey)
        .order_by("position")
        .prefetch_related(Prefetch("questions", queryset=questions))
    )


def section_get(*, survey: Survey, section_id: int) -> Section | None:
    return Section.objects.select_related("survey").filter(survey=survey, pk=section_id).first()


def question_get(*, survey: Survey, question_id: int) -> Question | None:
    return (
        Question.objects.select_related("section__survey")
        .prefetch_related("choices")
        .filter(section__survey=survey, pk=question_id)
        .first()
    )


def response_exists_for(*, survey: Survey, user_id: int) -> bool:
    return Response.objects.filter(survey=survey, respondent_id=user_id).exists()


def survey_responses_export(*, user_id: int) -> list[dict[str, object]]:
    """The attributed survey answers of one person, for "my data" (B2)."""
    responses = (
        Response.objects.filter(respondent_id=user_id)
        .select_related("survey")
        .prefetch_related("answers__question", "answers__choice")
        .order_by("received_on")
    )
    return [
        {
            "survey": response.survey.title,
            "received_on": response.received_on.isoformat(),
            "answers": [
                {
                    "question": answer.question.text,
                    "answer": answer.choice.label
                    if answer.choice
                    else (answer.number if answer.number is not None else answer.text),
                }
                for answer in response.answers.all()
            ],
        }
        for response in responses
    ]


def survey_responses_export_for_email(email: str) -> list[dict[str, object]]:
    """A privacy request by a verified address (issue 19): the attributed answers of the
    account using it (anonymous answers belong to no one)."""
    user_ids = Response.objects.filter(respondent__email__iexact=email).values_list(
        "respondent_id", flat=True
    )
    return [
        row for user_id in sorted(set(user_ids)) for row in survey_responses_export(user_id=user_id)
    ]
