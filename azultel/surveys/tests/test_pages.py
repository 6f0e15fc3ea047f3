"""Respondents' pages over HTTP: the anonymity notice before the first question, errors next to
each question with nothing saved, closed and not-yet-open surveys, sign-in for attributed ones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from azultel.accounts.testing import customer_create
from azultel.surveys.models import Response, Survey, SurveyStatus
from azultel.surveys.selectors import SurveyLink, surveys_open_for_invitation
from azultel.surveys.tests.conftest import Built, build_survey, form_data
from azultel.surveys.tests.factories import SurveyFactory

pytestmark = pytest.mark.django_db
Rows = Callable[[], dict[str, int]]


def _url(b: Built) -> str:
    return f"/surveys/{b.survey.slug}/"


def test_the_page_says_it_is_anonymous_before_the_first_question(
    client: Client, built: Built
) -> None:
    page = client.get(_url(built)).content.decode()
    assert "This survey is anonymous" in page
    assert page.index("This survey is anonymous") < page.index(built.single.text)
    assert "Send my answers" in page


def test_an_attributed_survey_says_so_before_the_first_question(
    client: Client, attributed: Built
) -> None:
    client.force_login(customer_create())
    page = client.get(_url(attributed)).content.decode()
    assert page.index("This survey is not anonymous") < page.index(attributed.single.text)


def test_answering_saves_once_and_remembers_only_in_the_session(
    client: Client, built: Built
) -> None:
    response = client.post(_url(built), form_data(built))
    assert (
        response.status_code == 302
        and response["Location"] == f"/surveys/{built.survey.slug}/thanks/"
    )
    assert Response.objects.count() == 1
    assert client.session["surveys_answered"] == [str(built.survey.pk)]
    # Answering again from the same browser is refused and writes nothing
    again = client.post(_url(built), form_data(built))
    assert again.status_code == 400 and "already answered" in again.content.decode()
    assert Response.objects.count() == 1
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_missing_and_bad_answers_show_errors_next_to_each_question(
    client: Client, built: Built, survey_rows: Rows
) -> None:
    data = form_data(built)
    del data[f"q{built.single.pk}"]
    data[f"q{built.rating.pk}"] = "9"
    data[f"q{built.multiple.pk}"] = ["12345"]
    before = survey_rows()
    response = client.post(_url(built), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error:" in page and "There is a problem" in page
    assert f'id="id_q{built.single.pk}_error"' in page and "Answer this question." in page
    assert f'id="id_q{built.rating.pk}_error"' in page
    assert (
        f'id="id_q{built.multiple.pk}_error"' in page and "Choose one of the answers shown." in page
    )
    # what was typed survives
    assert "Great service" in page
    assert survey_rows() == before


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"status": SurveyStatus.CLOSED}, "This survey is closed"),
        ({"closes_at": timezone.now() - timedelta(hours=1)}, "This survey is closed"),
        ({"opens_at": timezone.now() + timedelta(days=2)}, "This survey is not open yet"),
    ],
)
def test_closed_and_not_yet_open_surveys_say_so_and_take_nothing(
    client: Client, built: Built, change: dict[str, Any], words: str, survey_rows: Rows
) -> None:
    Survey.objects.filter(pk=built.survey.pk).update(**change)
    page = client.get(_url(built)).content.decode()
    assert words in page and "Send my answers" not in page
    assert client.post(_url(built), form_data(built)).status_code == 400
    assert survey_rows()["surveys.Response"] == 0


def test_a_draft_is_not_found(client: Client, built: Built) -> None:
    Survey.objects.filter(pk=built.survey.pk).update(status=SurveyStatus.DRAFT)
    assert client.get(_url(built)).status_code == 404


def test_attributed_survey_asks_visitors_to_sign_in_and_keeps_the_person(
    client: Client, attributed: Built, survey_rows: Rows
) -> None:
    page = client.get(_url(attributed)).content.decode()
    assert "Sign in to answer this survey" in page and "Send my answers" not in page
    refused = client.post(_url(attributed), form_data(attributed))
    assert refused.status_code == 302 and refused["Location"].startswith("/account/login/")
    assert survey_rows()["surveys.Response"] == 0
    person = customer_create(email="kim@example.com")
    client.force_login(person)
    assert client.post(_url(attributed), form_data(attributed)).status_code == 302
    assert Response.objects.get().respondent == person
    assert "already answered" in client.get(_url(attributed)).content.decode()


def test_the_public_list_shows_open_public_surveys_only(
    client: Client, django_assert_num_queries: Any
) -> None:
    shown = build_survey()
    link_only = build_survey(public=False)
    SurveyFactory.create(status=SurveyStatus.CLOSED, title="Old survey")
    SurveyFactory.create(status=SurveyStatus.DRAFT, title="Draft survey")
    for _ in range(5):
        build_survey()
    with django_assert_num_queries(1):
        page = client.get("/surveys/").content.decode()
    assert shown.survey.title in page
    assert (
        link_only.survey.title not in page
        and "Old survey" not in page
        and "Draft survey" not in page
    )


def test_campaigns_can_link_to_every_survey_taking_answers(db: None) -> None:
    public = build_survey()
    link_only = build_survey(public=False)
    SurveyFactory.create(status=SurveyStatus.CLOSED)
    assert sorted(surveys_open_for_invitation(), key=lambda link: link.title) == sorted(
        [
            SurveyLink(public.survey.title, f"/surveys/{public.survey.slug}/", public.survey.pk),
            SurveyLink(
                link_only.survey.title, f"/surveys/{link_only.survey.slug}/", link_only.survey.pk
            ),
        ],
        key=lambda link: link.title,
    )


def test_the_surveys_page_is_in_the_site_map_and_sitemap_xml(client: Client) -> None:
    assert 'href="/surveys/"' in client.get("/site-map/").content.decode()
    assert "/surveys/</loc>" in client.get("/sitemap.xml").content.decode()
