"""Surveys staff build and people answer: sections of questions, and the responses.

* ``Survey``: anonymous or attributed, public on the site or reached only by its link, open
  between two optional times while its status is open; free-text answers are blanked after
  ``free_text_retention_days`` (B3).
* ``Section`` > ``Question`` > ``Choice``: ordered by ``position``, unique per parent.
* ``Response`` and ``Answer``: an anonymous survey's response keeps no account, session, address,
  browser or time, only the date it arrived (a database constraint refuses a respondent on an
  anonymous response); random UUID keys, so not even the order of rows tells who answered when.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from azultel.core.models import BaseModel
from azultel.privacy.datamap import Declaration, Personal

DEFAULT_FREE_TEXT_RETENTION_DAYS = 180
MAX_FREE_TEXT_RETENTION_DAYS = 730
RATING_MIN, RATING_MAX = 1, 5
NPS_MIN, NPS_MAX = 0, 10


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    RATING = "rating", "Rating from 1 to 5"
    NPS = "nps", "Net promoter (0 to 10)"
    TEXT = "text", "Free text"


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Survey(BaseModel):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=150)
    intro = models.TextField(blank=True)
    anonymous = models.BooleanField(default=True)
    public = models.BooleanField(
        default=False, help_text="Listed on the site; otherwise reached only by its link."
    )
    status = models.CharField(max_length=8, choices=SurveyStatus.choices, default="draft")
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    free_text_retention_days = models.PositiveSmallIntegerField(
        default=DEFAULT_FREE_TEXT_RETENTION_DAYS
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SurveyStatus.values), name="survey_known_status"
            ),
            models.CheckConstraint(
                condition=Q(free_text_retention_days__gte=1)
                & Q(free_text_retention_days__lte=MAX_FREE_TEXT_RETENTION_DAYS),
                name="survey_retention_in_range",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/surveys/{self.slug}/"


class Section(BaseModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=150, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="section_position_unique"),
        ]

    def __str__(self) -> str:
        return self.title or f"Section {self.position}"


class Question(BaseModel):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=QuestionKind.choices)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=True)

    class Meta:
        ordering = ["section", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "position"], name="question_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values), name="question_known_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=150)

    class Meta:
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="choice_position_unique"),
        ]

    def __str__(self) -> str:
        return self.label


_ATTRIBUTED = Personal(
    "user.activity",
    ("research",),
    "survey_answers",
    description="who answered an attributed survey (anonymous surveys keep no one)",
)


class Response(models.Model):
    """One person's answers to a survey. No ``created_at``: only the date it arrived is kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Copied from the survey so the database itself refuses a respondent on an anonymous response.
    anonymous = models.BooleanField()
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    received_on = models.DateField()

    data_map: ClassVar[dict[str, Declaration]] = {"respondent": _ATTRIBUTED}

    class Meta:
        ordering = ["survey", "received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=True, respondent__isnull=True)
                | Q(anonymous=False, respondent__isnull=False),
                name="response_anonymous_has_no_respondent",
            ),
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=Q(respondent__isnull=False),
                name="response_one_per_respondent",
            ),
        ]

    def __str__(self) -> str:
        return f"response to {self.survey_id}"


class Answer(models.Model):
    """One answer: a choice (one row per chosen choice), a number or a text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    # Copied from the question so the database checks each answer's shape and range.
    kind = models.CharField(max_length=8, choices=QuestionKind.choices)
    choice = models.ForeignKey(
        Choice, null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    # Set when the retention job blanked the text (B3), so a report can say why it is empty.
    text_purged = models.BooleanField(default=False)

    data_map: ClassVar[dict[str, Declaration]] = {
        "text": Personal(
            "user.content",
            ("research",),
            "survey_answers",
            description="free-text survey answers, blanked after the survey's retention period",
        ),
    }

    class Meta:
        ordering = ["response", "question"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind__in=CHOICE_KINDS, choice__isnull=False, number__isnull=True, text="")
                    | Q(
                        kind=QuestionKind.RATING,
                        choice__isnull=True,
                        number__gte=RATING_MIN,
                        number__lte=RATING_MAX,
                        text="",
                    )
                    | Q(
                        kind=QuestionKind.NPS,
                        choice__isnull=True,
                        number__gte=NPS_MIN,
                        number__lte=NPS_MAX,
                        text="",
                    )
                    | Q(kind=QuestionKind.TEXT, choice__isnull=True, number__isnull=True)
                ),
                name="answer_shape_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "choice"],
                condition=Q(choice__isnull=False),
                name="answer_choice_once",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(choice__isnull=True),
                name="answer_once_per_question",
            ),
        ]

    def __str__(self) -> str:
        return f"answer to question {self.question_id}"
