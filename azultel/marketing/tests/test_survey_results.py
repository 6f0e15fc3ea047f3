"""Survey results for the people of one segment (a staff page in marketing, reading surveys'
results): attributed surveys only, k-suppressed so a small segment shows "too few responses"
(P16)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.marketing.selectors import segment_members_for_analysis
from azultel.marketing.tests.conftest import signed_in
from azultel.marketing.tests.factories import segment_make
from azultel.privacy.services import subject_for_user
from azultel.surveys import services as survey_services
from azultel.surveys.results import survey_results
from azultel.surveys.tests.conftest import Built, build_survey, choice_id, full_answers

pytestmark = pytest.mark.django_db
PAGE = "/staff/marketing/survey-results/"


def _answer(built: Built, person: User, single: str) -> None:
    subject_for_user(user=person)  # a customer a segment can match has a data subject
    answers = {**full_answers(built), built.single.pk: choice_id(built.single, single)}
    survey_services.response_submit(survey=built.survey, actor=person, answers=answers)


def _answered(built: Built) -> None:
    """12 Floridians (10 say Phone, 2 Internet) and 3 Texans answered."""
    for n in range(12):
        person = customer_create(email=f"fl{n}@example.com", state="FL")
        _answer(built, person, "Phone" if n < 10 else "Internet")
    for n in range(3):
        _answer(built, customer_create(email=f"tx{n}@example.com", state="TX"), "Phone")


@pytest.mark.promise("P16")
def test_results_for_a_segment_count_its_people_and_blank_small_cells(marketer: User) -> None:
    built = build_survey(anonymous=False, public=False)
    _answered(built)
    florida = segment_make("Florida", {"state": ["FL"]}, actor=marketer)

    response = signed_in(marketer).get(PAGE, {"survey": built.survey.slug, "segment": florida.pk})

    page = response.content.decode()
    assert response.status_code == 200
    assert '<span class="stat-tile__value" id="response-count">12</span>' in page
    assert '<th scope="row">Phone</th><td data-label="People">10</td>' in page
    assert '<th scope="row">Internet</th><td data-label="People">fewer than 10</td>' in page
    assert "Great service" not in page  # written answers are never shown filtered


@pytest.mark.promise("P16")
def test_a_small_segment_shows_too_few_responses(marketer: User) -> None:
    built = build_survey(anonymous=False, public=False)
    _answered(built)
    texas = segment_make("Texas", {"state": ["TX"]}, actor=marketer)

    page = signed_in(marketer).get(PAGE, {"survey": built.survey.slug, "segment": texas.pk})

    text = page.content.decode()
    assert "<strong>Too few responses</strong> from this segment" in text
    assert "Which service do you use most?" not in text


def test_anonymous_surveys_are_not_offered_and_the_page_says_why(marketer: User) -> None:
    anonymous = build_survey(anonymous=True)
    attributed = build_survey(anonymous=False, public=False)
    segment = segment_make("Florida", {"state": ["FL"]}, actor=marketer)
    client = signed_in(marketer)

    page = client.get(PAGE).content.decode()
    assert "an anonymous survey's answers cannot be linked to anyone" in page
    assert f'value="{attributed.survey.slug}"' in page
    assert f'value="{anonymous.survey.slug}"' not in page

    refused = client.get(PAGE, {"survey": anonymous.survey.slug, "segment": segment.pk})
    assert refused.status_code == 400
    assert "an anonymous survey cannot be split by who answered" in refused.content.decode()


def test_a_segment_is_read_as_a_subquery_whatever_its_size(marketer: User) -> None:
    built = build_survey(anonymous=False, public=False)
    _answered(built)
    florida = segment_make("Florida", {"state": ["FL"]}, actor=marketer)
    members = segment_members_for_analysis(segment=florida)

    with CaptureQueriesContext(connection) as queries:
        results = survey_results(survey=built.survey, respondent_ids=members)

    assert results.responses == 12
    # The segment stays a subquery of the responses' query: no list of people in the SQL.
    assert 'IN (SELECT U0."id"' in queries.captured_queries[0]["sql"]


def test_a_cpni_segment_counts_only_people_who_approved_cpni_use(marketer: User) -> None:
    from azultel.marketing.tests.factories import person_make

    approved = person_make(topics=("cpni_marketing",), service="phone_line")
    person_make(topics=(), service="phone_line")
    segment = segment_make("Phones", {"services_held": ["phone_line"]}, actor=marketer)

    assert list(segment_members_for_analysis(segment=segment)) == [approved.pk]
