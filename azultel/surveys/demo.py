"""Demo surveys (never loaded in production): an open, public, anonymous survey with a few
responses, and an attributed survey reached by its link, answered by the demo customer.
Idempotent: a survey whose title already exists is left alone."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from azultel.accounts.models import User
from azultel.core.actors import system_actor
from azultel.core.demo import DemoSignIn
from azultel.surveys.models import QuestionKind, Survey
from azultel.surveys.services import (
    AnswerValue,
    QuestionDetails,
    SurveyDetails,
    question_add,
    response_submit,
    section_add,
    survey_create,
    survey_open,
)

DEMO_CUSTOMER = "maria.lopez@demo.azultel.test"
ANONYMOUS_TITLE = "How are we doing?"
ATTRIBUTED_TITLE = "Your new fiber installation"


def _details(title: str, intro: str, *, anonymous: bool, public: bool) -> SurveyDetails:
    return SurveyDetails(
        title=title,
        intro=intro,
        anonymous=anonymous,
        public=public,
        opens_at=None,
        closes_at=None,
        free_text_retention_days=180,
    )


def _seed_anonymous() -> None:
    actor = system_actor("demo")
    survey = survey_create(
        actor=actor,
        details=_details(
            ANONYMOUS_TITLE,
            "Three short questions about Azultel. It takes about a minute.",
            anonymous=True,
            public=True,
        ),
    )
    section = section_add(actor=actor, survey=survey, title="Your experience")
    reason = question_add(
        actor=actor,
        section=section,
        details=QuestionDetails(
            QuestionKind.SINGLE,
            "What do you mostly use Azultel for?",
            choices=("Home phone", "Home internet", "Both"),
        ),
    )
    nps = question_add(
        actor=actor,
        section=section,
        details=QuestionDetails(
            QuestionKind.NPS, "How likely are you to recommend Azultel to a friend?"
        ),
    )
    comment = question_add(
        actor=actor,
        section=section,
        details=QuestionDetails(QuestionKind.TEXT, "What could we do better?", required=False),
    )
    survey = survey_open(actor=actor, survey=survey)
    choices = [c.pk for c in reason.choices.all()]
    answers: list[dict[int, AnswerValue]] = [
        {reason.pk: choices[0], nps.pk: 9, comment.pk: "Faster answers on the phone line."},
        {reason.pk: choices[1], nps.pk: 10, comment.pk: ""},
        {reason.pk: choices[2], nps.pk: 6, comment.pk: "The bill could be easier to read."},
        {reason.pk: choices[1], nps.pk: 8},
    ]
    for given in answers:
        response_submit(survey=survey, actor=AnonymousUser(), answers=given)


def _seed_attributed() -> None:
    actor = system_actor("demo")
    survey = survey_create(
        actor=actor,
        details=_details(
            ATTRIBUTED_TITLE,
            "Tell us how your installation went, so we can follow up with you if needed.",
            anonymous=False,
            public=False,
        ),
    )
    section = section_add(actor=actor, survey=survey, title="The installation")
    rating = question_add(
        actor=actor,
        section=section,
        details=QuestionDetails(QuestionKind.RATING, "How would you rate the installation?"),
    )
    question_add(
        actor=actor,
        section=section,
        details=QuestionDetails(
            QuestionKind.MULTIPLE,
            "What went well?",
            required=False,
            choices=("On time", "Tidy work", "Clear explanation"),
        ),
    )
    survey = survey_open(actor=actor, survey=survey)
    customer = User.objects.filter(email=DEMO_CUSTOMER).first()
    if customer is not None:
        response_submit(survey=survey, actor=customer, answers={rating.pk: 5})


def demo_seed() -> list[DemoSignIn]:
    if not Survey.objects.filter(title=ANONYMOUS_TITLE).exists():
        _seed_anonymous()
    if not Survey.objects.filter(title=ATTRIBUTED_TITLE).exists():
        _seed_attributed()
    return []
