"""A survey's whole life in Chromium: marketing staff build a small survey, preview and open it;
a visitor on a 360 px phone reads that it is anonymous, is told what is missing, answers it; staff
see the answer in the results. No sideways scrolling at 360 and 1280 px, no serious or critical
axe finding."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import staff_create
from azultel.core.testing.browser import RequestLog, axe_violations, screenshot, sideways_overflow
from azultel.surveys.models import Answer, Response, Survey, SurveyStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 1280)


def _sign_in(page: Any, live_server: Any, user: User) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def _check(page: Any, name: str, problems: dict[str, Any]) -> None:
    """Look at the current page at both widths: sideways scrolling and axe findings."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if (overflow := sideways_overflow(page)) > 0:
            problems[f"{name} at {width}px: overflow"] = overflow
        if found := axe_violations(page):
            problems[f"{name} at {width}px: axe"] = found


def test_staff_build_and_open_a_survey_a_visitor_answers_it_staff_see_the_result(
    browser_page: Any, browser_requests: RequestLog, live_server: Any
) -> None:
    page = browser_page
    problems: dict[str, Any] = {}
    staff = staff_create(role="marketing")
    _sign_in(page, live_server, staff)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Staff create the survey
    page.goto("/staff/surveys/")
    _check(page, "staff list", problems)
    page.get_by_role("link", name="New survey").click()
    page.get_by_label("Title").fill("Store visit")
    page.get_by_label("Anonymous: answers cannot be linked").check()
    page.get_by_label("Listed on the site's surveys page").check()
    _check(page, "new survey", problems)
    page.get_by_role("button", name="Create survey").click()
    page.wait_for_url("**/staff/surveys/store-visit/")

    # add a section and two questions
    page.get_by_role("link", name="Add a section").click()
    page.get_by_label("Section title").fill("Your visit")
    page.get_by_role("button", name="Add section").click()
    page.get_by_role("link", name="Add a question to section 1").click()
    page.get_by_label("Question", exact=True).fill("Did you find what you needed?")
    page.get_by_label("Kind of answer").select_option("single")
    page.get_by_label("Yes, an answer is needed").check()
    page.get_by_label("Answers to choose from").fill("Yes, all of it\nSome of it\nNo")
    _check(page, "new question", problems)
    page.get_by_role("button", name="Add question").click()
    page.get_by_role("link", name="Add a question to section 1").click()
    page.get_by_label("Question", exact=True).fill("How would you rate the staff?")
    page.get_by_label("Kind of answer").select_option("rating")
    page.get_by_label("Yes, an answer is needed").check()
    page.get_by_role("button", name="Add question").click()
    _check(page, "builder", problems)

    # preview it (nothing saved), then open it
    page.get_by_role("link", name="Preview").click()
    assert "Nothing you enter here is saved" in page.locator("main").inner_text()
    _check(page, "preview", problems)
    page.goto("/staff/surveys/store-visit/")
    page.get_by_role("button", name="Open the survey").click()
    page.wait_for_url("**/staff/surveys/store-visit/")
    assert Survey.objects.get().status == SurveyStatus.OPEN

    # A visitor on a phone finds it on the surveys page
    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/surveys/")
    page.get_by_role("link", name="Store visit").click()
    page.wait_for_url("**/surveys/store-visit/")
    text = page.locator("main").inner_text()
    assert text.index("This survey is anonymous") < text.index("Did you find what you needed?")
    _check(page, "survey page", problems)

    # sends it empty and is told what is missing, next to each question
    page.set_viewport_size({"width": 360, "height": 800})
    page.get_by_role("button", name="Send my answers").click()
    assert page.title().startswith("Error:")
    assert page.locator(".errorlist").count() == 2
    _check(page, "survey errors", problems)
    assert Response.objects.count() == 0
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot(page, "surveys-errors-360")

    # answers and sends
    page.set_viewport_size({"width": 360, "height": 800})
    page.get_by_label("Some of it").check()
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/surveys/store-visit/thanks/")
    _check(page, "thanks", problems)
    screenshot(page, "surveys-thanks")
    response = Response.objects.get()
    assert response.respondent_id is None
    assert Answer.objects.filter(response=response).count() == 2

    # Staff see the answer in the results
    _sign_in(page, live_server, staff)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/staff/surveys/store-visit/results/")
    assert page.locator("#response-count").inner_text() == "1"
    bars = page.locator('svg[aria-labelledby^="q"] g.bar[data-label="Some of it"]')
    assert bars.first.get_attribute("data-value") == "1"
    _check(page, "results", problems)
    screenshot(page, "surveys-results")

    assert problems == {}
    assert browser_requests.outside == []
