"""Privacy: attributed answers appear in "my data" and go with the account (B2); anonymous ones
belong to no one; the data map declares the personal fields (P04)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from azultel.accounts.selectors import account_export
from azultel.accounts.services import account_erase
from azultel.accounts.testing import customer_create
from azultel.privacy.datamap import Personal, declaration_for
from azultel.surveys import services
from azultel.surveys.models import Answer, Response
from azultel.surveys.tests.conftest import Built, build_survey, full_answers

pytestmark = pytest.mark.django_db


@pytest.mark.promise("B2")
def test_attributed_answers_are_exported_and_erased_with_the_account(attributed: Built) -> None:
    person = customer_create(email="lee@example.com")
    services.response_submit(
        survey=attributed.survey, actor=person, answers=full_answers(attributed)
    )
    anonymous = build_survey()
    services.response_submit(survey=anonymous.survey, actor=person, answers=full_answers(anonymous))

    exported = account_export(user=person)["surveys"]
    assert exported == [
        {
            "survey": attributed.survey.title,
            "received_on": Response.objects.get(respondent=person).received_on.isoformat(),
            "answers": exported[0]["answers"],
        }
    ]
    assert {"question": attributed.text.text, "answer": "Great service"} in exported[0]["answers"]

    account_erase(user=person, actor=person)
    assert not Response.objects.filter(survey=attributed.survey).exists()
    # the anonymous response stays: it was never linked to the person
    assert Response.objects.filter(survey=anonymous.survey).count() == 1
    assert Answer.objects.filter(response__survey=anonymous.survey).count() == 6


@pytest.mark.promise("P04")
def test_the_data_map_declares_survey_personal_fields() -> None:
    for model, field in ((Response, "respondent"), (Answer, "text")):
        declaration = declaration_for(model, field)
        assert isinstance(declaration, Personal)
        assert declaration.purposes == ("research",) and declaration.retention == "survey_answers"


def test_an_anonymous_visitor_answer_needs_no_account(built: Built) -> None:
    services.response_submit(
        survey=built.survey, actor=AnonymousUser(), answers=full_answers(built)
    )  # type: ignore[arg-type]
    assert Response.objects.get().respondent_id is None
