"""The marketing journey in Debian's Chromium: marketing staff build a segment (previewing its
count), draft a newsletter, send themselves a test and schedule it; the send runs (the periodic
task, in process); a customer's email carries a one-click unsubscribe (RFC 8058), which she
POSTs; the next campaign skips her. Every page at 360 and 1280 px: no sideways scrolling, no
serious or critical axe finding."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from azultel.accounts.testing import signed_in_as, staff_create
from azultel.comms.models import MessageCategory, MessageStatus, OutboxMessage
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)
from azultel.marketing import services, tasks
from azultel.marketing.models import Campaign, CampaignStatus, Segment
from azultel.marketing.tests.factories import SITE, campaign_make, person_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 1280)


def _check(page: Any, name: str, failures: dict[str, Any]) -> None:
    """axe and sideways scrolling of the current page at each width."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        failures[f"{name}@{width} overflow"] = sideways_overflow(page)
        failures[f"{name}@{width} axe"] = axe_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.promise("P18")
@pytest.mark.promise("P21")
@pytest.mark.promise("P29")
def test_segment_newsletter_test_send_schedule_send_unsubscribe_and_the_next_send_skips_her(
    browser_page: Any, browser_requests: RequestLog, live_server: Any
) -> None:
    # Given two Florida customers who asked for the newsletter, and a marketing staff member
    maria = person_make(given_name="Maria", topics=("newsletter",))
    jon = person_make(given_name="Jon", topics=("newsletter",))
    marketer = staff_create(role="marketing")
    page = browser_page
    failures: dict[str, Any] = {}
    signed_in_as(page, live_server, marketer)

    # When she builds a segment, previewing its count first
    page.goto("/staff/marketing/segments/new/")
    _check(page, "segment form", failures)
    page.get_by_label("Segment name").fill("Florida newsletter readers")
    page.get_by_label("State of the address of record (optional)").select_option(["FL"])
    page.get_by_role("checkbox", name="Newsletters").check()
    page.get_by_role("button", name="Preview count").click()
    preview = page.locator("main").inner_text()
    _check(page, "segment preview", failures)
    assert Segment.objects.count() == 0
    page.get_by_role("button", name="Save segment").click()
    page.wait_for_url("**/staff/marketing/segments/")
    _check(page, "segment list", failures)

    # and drafts a newsletter to it
    page.goto("/staff/marketing/campaigns/new/")
    _check(page, "campaign form", failures)
    page.get_by_label("Campaign name (staff only)").fill("December newsletter")
    page.get_by_label("Kind").select_option("newsletter")
    page.get_by_label("A segment of customers").select_option(label="Florida newsletter readers")
    page.get_by_label("Subject line").fill("What's new this December")
    page.get_by_label("Text of the email").fill(
        f"Faster plans arrive this month.\n\nSee the plans: {SITE}/shop/"
    )
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r".*/staff/marketing/campaigns/[0-9a-f-]+/$"))
    campaign = Campaign.objects.get()

    # and sends herself a test, then schedules it for now
    page.get_by_role("button", name="Send a test to me").click()
    page.wait_for_load_state("load")
    test_sent = page.locator("main").inner_text()
    page.get_by_label("Send at").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_load_state("load")
    _check(page, "campaign page", failures)
    screenshot(page, "marketing-campaign")
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCHEDULED

    # and the periodic job runs (in process): the send task queues, comms delivers
    tasks.campaigns_start()

    # Then both customers got it, and Maria's email carries a one-click unsubscribe
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    sent = OutboxMessage.objects.filter(batch=campaign.batch, status=MessageStatus.SENT)
    assert {m.to_address for m in sent} == {maria.email, jon.email}
    hers = sent.get(to_address=maria.email)
    assert hers.body_text.startswith("Hello Maria,")
    unsubscribe = re.search(r"https://\S+/email/unsubscribe/\S+/", hers.body_text)
    assert unsubscribe, "the campaign email has no unsubscribe link"

    # When she uses the one-click unsubscribe (RFC 8058: a POST, no cookie, no form)
    answer = page.request.post(
        urlsplit(unsubscribe.group(0)).path,
        form={"List-Unsubscribe": "One-Click"},
        headers={"Cookie": ""},
    )
    assert answer.status == 200

    # Then the next campaign to the same segment skips her
    segment = Segment.objects.get()
    following = campaign_make(segment=segment, actor=marketer)
    services.campaign_schedule(campaign=following, when=timezone.now(), actor=marketer)
    tasks.campaigns_start()
    delivered = set(
        OutboxMessage.objects.filter(batch=following.batch, status=MessageStatus.SENT).values_list(
            "to_address", flat=True
        )
    )
    assert delivered == {jon.email}

    # and the staff saw the preview count, the test-send confirmation, and the report
    assert "2 customers match" in preview
    assert f"A test copy is on its way to {marketer.email}" in test_sent
    test_copy = OutboxMessage.objects.get(batch=f"campaign-test:{campaign.pk}")
    assert (test_copy.to_address, test_copy.category) == (
        marketer.email,
        MessageCategory.REQUESTED_INFO,
    )
    page.goto(f"/staff/marketing/campaigns/{campaign.pk}/")
    report = page.locator("main").inner_text()
    for name, path in (
        ("campaign list", "/staff/marketing/"),
        ("CPNI records", "/staff/marketing/cpni-records/"),
    ):
        page.goto(path)
        _check(page, name, failures)
    assert "Sent" in report and "Fewer than 10" in report
    problems = {name: found for name, found in failures.items() if found}
    assert problems == {}
    assert browser_requests.outside == []


@pytest.mark.promise("P18")
def test_the_campaign_builder_offers_a_list_or_a_segment_and_an_open_survey(
    browser_page: Any, browser_requests: RequestLog, live_server: Any
) -> None:
    # Given a partner's list, a segment, an open survey and a closed one
    from azultel.core.actors import system_actor
    from azultel.lists.services import contact_list_import
    from azultel.lists.tests.factories import contact_row, csv_file
    from azultel.marketing.tests.factories import segment_make
    from azultel.surveys.models import SurveyStatus
    from azultel.surveys.tests.factories import SurveyFactory

    marketer = staff_create(role="marketing")
    fair = contact_list_import(
        name="Fair sign-ups",
        source="Hill Country Makers Association",
        csv_bytes=csv_file([contact_row("a@example.com", topics="surveys")]),
        actor=system_actor("test"),
    ).contact_list
    assert fair is not None
    segment_make("Florida", actor=marketer)
    survey = SurveyFactory.create(title="Installation survey", public=False)
    SurveyFactory.create(title="Old survey", status=SurveyStatus.CLOSED)
    page = browser_page
    failures: dict[str, Any] = {}
    signed_in_as(page, live_server, marketer)

    # When she drafts a survey invitation choosing both a segment and the list
    page.goto("/staff/marketing/campaigns/new/")
    survey_choices = page.get_by_label("Survey (survey invitations only)").inner_text()
    page.get_by_label("Campaign name (staff only)").fill("Fair survey")
    page.get_by_label("Kind").select_option("survey_invitation")
    page.get_by_label("A segment of customers").select_option(label="Florida")
    page.get_by_label("Or a contact list from a partner").select_option(
        label="Fair sign-ups (from Hill Country Makers Association, 1 person)"
    )
    page.get_by_label("Survey (survey invitations only)").select_option(label="Installation survey")
    page.get_by_label("Subject line").fill("Two minutes of your time?")
    page.get_by_label("Text of the email").fill("Tell us how the fair went.")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state("load")

    # Then the list field says to choose one, and nothing is saved
    contact_list_field = page.get_by_label("Or a contact list from a partner")
    assert contact_list_field.get_attribute("aria-invalid") == "true"
    refused = page.locator("main").inner_text()
    _check(page, "campaign form with an error", failures)
    assert Campaign.objects.count() == 0

    # When she keeps only the list
    page.get_by_label("A segment of customers").select_option(label="No segment")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(re.compile(r".*/staff/marketing/campaigns/[0-9a-f-]+/$"))

    # Then the draft goes to the list and links to the open survey's public address
    campaign = Campaign.objects.get()
    assert (campaign.segment, campaign.contact_list, campaign.survey) == (None, fair, survey)
    detail = page.locator("main").inner_text()
    _check(page, "list campaign page", failures)
    assert "Contact list: Fair sign-ups" in detail
    assert f"Take the survey: {SITE}/surveys/{survey.slug}/" in detail
    assert "Installation survey" in survey_choices and "Old survey" not in survey_choices
    assert "Choose a segment or a contact list, not both." in refused
    assert {name: found for name, found in failures.items() if found} == {}
    assert browser_requests.outside == []
