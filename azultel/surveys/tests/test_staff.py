"""Staff survey pages: only the marketing role's permissions open them, the builder works over
HTTP, preview saves nothing, and the list and results pages run a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.surveys import services
from azultel.surveys.models import Question, QuestionKind, Survey, SurveyStatus
from azultel.surveys.tests.conftest import Built, build_survey, form_data, full_answers

pytestmark = pytest.mark.django_db
Rows = Callable[[], dict[str, int]]


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def marketing() -> Client:
    return _client_for(staff_create(role="marketing"))


def _staff_paths(b: Built) -> list[str]:
    base = f"/staff/surveys/{b.survey.slug}/"
    return [
        "/staff/surveys/",
        "/staff/surveys/new/",
        base,
        f"{base}edit/",
        f"{base}preview/",
        f"{base}results/",
        f"{base}results.csv",
        f"{base}sections/new/",
        f"{base}sections/{b.single.section_id}/",
        f"{base}questions/{b.single.pk}/",
    ]


@pytest.mark.promise("P23")
@pytest.mark.parametrize("role", ["customer_care", "billing", "analyst", "privacy_officer"])
def test_other_roles_are_refused(role: str, built: Built) -> None:
    client = _client_for(staff_create(role=role))
    for path in _staff_paths(built):
        assert client.get(path).status_code == 403, path


def test_customers_are_refused_and_visitors_sent_to_sign_in(built: Built) -> None:
    customer = _client_for(customer_create())
    visitor = Client()
    for path in _staff_paths(built):
        assert customer.get(path).status_code == 403, path
        response = visitor.get(path)
        assert response.status_code == 302 and "/account/login/" in response["Location"], path


def test_staff_without_two_step_sign_in_are_stopped(built: Built) -> None:
    client = _client_for(staff_create(role="marketing", two_factor=False))
    response = client.get("/staff/surveys/")
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "/account/" in response["Location"]


def test_a_missing_survey_is_not_found(marketing: Client) -> None:
    assert marketing.get("/staff/surveys/no-such-survey/").status_code == 404


def test_marketing_builds_previews_and_opens_a_survey(marketing: Client) -> None:
    response = marketing.post("/staff/surveys/new/", {"title": "Fiber feedback", "intro": "Two questions.", "anonymous": "yes", "public": "no", "free_text_retention_days": "90"})  # fmt: skip
    survey = Survey.objects.get()
    base = f"/staff/surveys/{survey.slug}/"
    assert response.status_code == 302 and response["Location"] == base
    assert (
        marketing.post(f"{base}sections/new/", {"title": "Speed", "description": ""}).status_code
        == 302
    )
    section = survey.sections.get()
    question_url = f"{base}sections/{section.pk}/questions/new/"
    assert marketing.post(question_url, {"text": "How fast is it?", "kind": "rating", "required": "yes", "choices": ""}).status_code == 302  # fmt: skip
    assert marketing.post(question_url, {"text": "Which plan?", "kind": "single", "required": "no", "choices": "Basic\nFast"}).status_code == 302  # fmt: skip
    plan = Question.objects.get(text="Which plan?")
    assert (
        marketing.post(f"{base}questions/{plan.pk}/move/", {"direction": "up"}).status_code == 302
    )
    plan.refresh_from_db()
    assert plan.position == 1 and list(plan.choices.values_list("label", flat=True)) == [
        "Basic",
        "Fast",
    ]
    # a bad question is refused with its error and nothing saved
    bad = marketing.post(
        question_url, {"text": "Pick", "kind": "single", "required": "yes", "choices": "Only"}
    )
    assert bad.status_code == 400 and "between 2 and 20 answers" in bad.content.decode()
    assert Question.objects.count() == 2
    # the preview renders the questions and saves nothing, even with valid answers
    preview = marketing.get(f"{base}preview/").content.decode()
    assert (
        "How fast is it?" in preview
        and "This survey is anonymous" in preview
        and "Nothing you enter here is saved" in preview
    )
    checked = marketing.post(
        f"{base}preview/", {f"q{Question.objects.get(text='How fast is it?').pk}": "5"}
    )
    assert (
        checked.status_code == 200 and "These answers pass every check" in checked.content.decode()
    )
    assert survey.responses.count() == 0
    # open it
    assert marketing.post(f"{base}status/", {"action": "open"}).status_code == 302
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    page = marketing.get(base).content.decode()
    assert "Questions cannot change once the survey has been opened" in page


def test_refused_details_show_the_error_and_save_nothing(marketing: Client) -> None:
    response = marketing.post("/staff/surveys/new/", {"title": "", "anonymous": "yes", "public": "yes", "free_text_retention_days": "0"})  # fmt: skip
    assert response.status_code == 400 and "Error:" in response.content.decode()
    assert Survey.objects.count() == 0


def test_opening_an_empty_survey_is_refused(marketing: Client, survey_rows: Rows) -> None:
    marketing.post("/staff/surveys/new/", {"title": "Empty", "anonymous": "yes", "public": "yes", "free_text_retention_days": "180"})  # fmt: skip
    survey = Survey.objects.get()
    response = marketing.post(
        f"/staff/surveys/{survey.slug}/status/", {"action": "open"}, follow=True
    )
    assert "Add at least one question" in response.content.decode()
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT


def test_the_list_runs_a_fixed_number_of_queries(
    marketing: Client, django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        build_survey()
    marketing.get("/staff/surveys/")  # warm the session and permission caches
    with django_assert_num_queries(7):
        first = marketing.get("/staff/surveys/")
    for _ in range(4):
        build_survey()
    with django_assert_num_queries(7):
        second = marketing.get("/staff/surveys/")
    assert first.status_code == second.status_code == 200
    assert second.content.decode().count("/staff/surveys/survey-") >= 7


def test_the_results_page_runs_a_fixed_number_of_queries(
    marketing: Client, django_assert_num_queries: Any
) -> None:
    b = build_survey()
    services.response_submit(survey=b.survey, actor=AnonymousUser(), answers=full_answers(b))  # type: ignore[arg-type]
    url = f"/staff/surveys/{b.survey.slug}/results/"
    marketing.get(url)
    with django_assert_num_queries(14):
        marketing.get(url)
    for _ in range(5):
        services.response_submit(survey=b.survey, actor=AnonymousUser(), answers=full_answers(b))  # type: ignore[arg-type]
    with django_assert_num_queries(14):
        page = marketing.get(url).content.decode()
    assert 'id="response-count">6<' in page


def test_the_answer_form_posts_the_same_as_the_service_takes(client: Client, built: Built) -> None:
    assert client.post(f"/surveys/{built.survey.slug}/", form_data(built)).status_code == 302
    assert built.survey.responses.count() == 1
    assert built.text.kind == QuestionKind.TEXT


def _draft(b: Built) -> Built:
    Survey.objects.filter(pk=b.survey.pk).update(status=SurveyStatus.DRAFT)
    b.survey.refresh_from_db()
    return b


def test_removing_asks_again_and_only_the_post_removes(
    marketing: Client, built: Built, survey_rows: Rows
) -> None:
    b = _draft(built)
    base = f"/staff/surveys/{b.survey.slug}/"
    before = survey_rows()
    ask = marketing.get(f"{base}sections/{b.single.section_id}/remove/").content.decode()
    assert "Its 5 questions will be removed with it" in ask
    assert (
        "Remove the question"
        in marketing.get(f"{base}questions/{b.rating.pk}/remove/").content.decode()
    )
    assert survey_rows() == before
    assert marketing.post(f"{base}questions/{b.rating.pk}/remove/").status_code == 302
    assert list(Question.objects.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
        4,
    ]
    assert marketing.post(f"{base}sections/{b.single.section_id}/remove/").status_code == 302
    assert survey_rows()["surveys.Section"] == 0 and survey_rows()["surveys.Question"] == 0


def test_editing_a_section_and_a_question(marketing: Client, built: Built) -> None:
    b = _draft(built)
    base = f"/staff/surveys/{b.survey.slug}/"
    form = marketing.get(f"{base}questions/{b.single.pk}/").content.decode()
    assert "Phone\nInternet" in form
    saved = marketing.post(f"{base}questions/{b.single.pk}/", {"text": "Main service?", "kind": "single", "required": "no", "choices": "Phone\nInternet\nTV"})  # fmt: skip
    assert saved.status_code == 302
    b.single.refresh_from_db()
    assert (b.single.text, b.single.required, b.single.choices.count()) == (
        "Main service?",
        False,
        3,
    )
    assert marketing.post(f"{base}sections/{b.single.section_id}/", {"title": "Home", "description": "About home"}).status_code == 302  # fmt: skip
    assert b.survey.sections.get().title == "Home"


def test_an_open_survey_refuses_question_changes_with_words(
    marketing: Client, built: Built, survey_rows: Rows
) -> None:
    base = f"/staff/surveys/{built.survey.slug}/"
    before = survey_rows()
    refused = marketing.post(f"{base}questions/{built.single.pk}/", {"text": "Changed?", "kind": "single", "required": "yes", "choices": "A\nB"})  # fmt: skip
    assert (
        refused.status_code == 400
        and "only while the survey is a draft" in refused.content.decode()
    )
    removed = marketing.post(f"{base}questions/{built.single.pk}/remove/", follow=True)
    assert "only while the survey is a draft" in removed.content.decode()
    assert survey_rows() == before
    built.single.refresh_from_db()
    assert built.single.text == "Which service do you use most?"


def test_other_surveys_sections_and_questions_are_not_found(
    marketing: Client, built: Built
) -> None:
    other = build_survey()
    base = f"/staff/surveys/{built.survey.slug}/"
    assert marketing.get(f"{base}questions/{other.single.pk}/").status_code == 404
    assert marketing.get(f"{base}sections/{other.single.section_id}/").status_code == 404


def test_an_anonymous_surveys_results_ignore_a_state_filter(
    marketing: Client, built: Built
) -> None:
    page = marketing.get(f"/staff/surveys/{built.survey.slug}/results/", {"state": "FL"})
    assert page.status_code == 200 and "cannot be split by who answered" in page.content.decode()
