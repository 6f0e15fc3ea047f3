"""Fixtures: a small open survey with one question of every kind, and row counts that prove a
refused request wrote nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps

from azultel.surveys.models import Question, QuestionKind, Survey
from azultel.surveys.tests.factories import (
    ChoiceFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
)


@dataclass(frozen=True)
class Built:
    survey: Survey
    single: Question
    multiple: Question
    rating: Question
    nps: Question
    text: Question


def build_survey(*, anonymous: bool = True, public: bool = True) -> Built:
    """An open survey: one section, one required question of each kind (free text optional)."""
    survey = SurveyFactory.create(anonymous=anonymous, public=public)
    section = SectionFactory.create(survey=survey, position=1, title="Your service")
    single = QuestionFactory.create(section=section, position=1, kind=QuestionKind.SINGLE, text="Which service do you use most?")  # fmt: skip
    for n, label in enumerate(("Phone", "Internet"), 1):
        ChoiceFactory.create(question=single, position=n, label=label)
    multiple = QuestionFactory.create(section=section, position=2, kind=QuestionKind.MULTIPLE, text="What do you value?")  # fmt: skip
    for n, label in enumerate(("Price", "Speed", "Support"), 1):
        ChoiceFactory.create(question=multiple, position=n, label=label)
    rating = QuestionFactory.create(section=section, position=3, kind=QuestionKind.RATING, text="Rate our support")  # fmt: skip
    nps = QuestionFactory.create(section=section, position=4, kind=QuestionKind.NPS, text="Would you recommend us?")  # fmt: skip
    text = QuestionFactory.create(section=section, position=5, kind=QuestionKind.TEXT, text="Anything else?", required=False)  # fmt: skip
    return Built(survey, single, multiple, rating, nps, text)


@pytest.fixture
def built(db: None) -> Built:
    return build_survey()


@pytest.fixture
def attributed(db: None) -> Built:
    return build_survey(anonymous=False, public=False)


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("surveys").get_models()
    }


@pytest.fixture
def survey_rows() -> Callable[[], dict[str, int]]:
    """Row counts of every surveys table."""
    return _counts


def choice_id(question: Question, label: str) -> int:
    return question.choices.get(label=label).pk


def full_answers(b: Built) -> dict[int, object]:
    """A complete, valid set of answers to ``build_survey``'s questions."""
    return {
        b.single.pk: choice_id(b.single, "Phone"),
        b.multiple.pk: [choice_id(b.multiple, "Price"), choice_id(b.multiple, "Speed")],
        b.rating.pk: 4,
        b.nps.pk: 9,
        b.text.pk: "Great service",
    }


def form_data(b: Built) -> dict[str, object]:
    """The same answers as the answer page's form posts them."""
    return {
        f"q{b.single.pk}": str(choice_id(b.single, "Phone")),
        f"q{b.multiple.pk}": [
            str(choice_id(b.multiple, "Price")),
            str(choice_id(b.multiple, "Speed")),
        ],
        f"q{b.rating.pk}": "4",
        f"q{b.nps.pk}": "9",
        f"q{b.text.pk}": "Great service",
    }
