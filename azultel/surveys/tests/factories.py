# mypy: disable-error-code="no-untyped-call,untyped-decorator"
"""Factories for survey rows. Answers are made through ``response_submit`` (the service that
checks them); these build the structure a test starts from."""

from __future__ import annotations

import factory

from azultel.surveys.models import Choice, Question, QuestionKind, Section, Survey, SurveyStatus


class SurveyFactory(factory.django.DjangoModelFactory[Survey]):
    class Meta:
        model = Survey

    slug = factory.Sequence(lambda n: f"survey-{n}")
    title = factory.Sequence(lambda n: f"Survey {n}")
    intro = "A few questions about our service."
    anonymous = True
    public = True
    status = SurveyStatus.OPEN


class SectionFactory(factory.django.DjangoModelFactory[Section]):
    class Meta:
        model = Section

    survey = factory.SubFactory(SurveyFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = "About us"


class QuestionFactory(factory.django.DjangoModelFactory[Question]):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = QuestionKind.SINGLE
    text = factory.Sequence(lambda n: f"Question {n}?")
    required = True


class ChoiceFactory(factory.django.DjangoModelFactory[Choice]):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n + 1)
    label = factory.Sequence(lambda n: f"Answer {n}")
