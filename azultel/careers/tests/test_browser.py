"""The whole journey in Chromium: an applicant on a 360 px screen finds a listing, applies with a
PDF and gets the acknowledgement with the status link; HR moves the application to interview and
emails them; the applicant withdraws and the résumé file is gone. axe finds nothing serious and
nothing scrolls sideways."""

from __future__ import annotations

import re
from typing import Any

import pytest

from azultel.accounts.testing import signed_in_as, staff_create
from azultel.careers.models import Application
from azultel.careers.tests.factories import JobListingFactory, application_make
from azultel.comms.models import OutboxMessage
from azultel.core.file_storage import private_storage
from azultel.core.models import StoredFile
from azultel.core.testing.browser import (
    RequestLog,
    axe_violations,
    screenshot,
    sideways_overflow,
)
from azultel.core.testing.sample_files import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checked(page: Any, name: str, findings: dict[str, object]) -> None:
    findings[name] = (sideways_overflow(page), axe_violations(page))
    screenshot(page, f"careers-{name}")


@pytest.mark.promise("B2")
@pytest.mark.promise("B3")
@pytest.mark.promise("P23")
def test_apply_on_a_phone_then_hr_interviews_then_the_applicant_withdraws(
    browser_page: Any, browser_requests: RequestLog, live_server: Any, settings: Any
) -> None:
    settings.SITE_URL = live_server.url
    JobListingFactory(title="Line technician", location="remote", pay_min=21, pay_max=25,
                      pay_period="hour")  # fmt: skip
    JobListingFactory(title="Network engineer", department="network")
    hr = staff_create(role="hr_recruiter")
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 800})
    findings: dict[str, object] = {}

    # The applicant finds the job from the careers page, filtering by location.
    page.goto("/careers/")
    page.get_by_role("link", name="job listings").first.click()
    page.get_by_label("Location").select_option("remote")
    page.get_by_role("button", name="Show jobs").click()
    page.wait_for_url(re.compile(r"/careers/jobs/\?.*location=remote"))
    _checked(page, "listings", findings)
    page.get_by_role("link", name="Line technician").click()
    page.wait_for_url(re.compile(r"/careers/jobs/[\w-]+/$"))
    _checked(page, "listing", findings)
    page.get_by_role("link", name="Apply for this job").click()
    page.wait_for_url(re.compile(r"/careers/jobs/[\w-]+/apply/$"))
    _checked(page, "apply", findings)
    page.get_by_label("Your full name").fill("Jane Quintero")
    page.get_by_label("Email address").fill("jane.q@example.com")
    page.get_by_label("Your résumé").set_input_files(
        {"name": "jane.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_role("button", name="Send application").click()
    page.wait_for_url("**/careers/applied/")
    _checked(page, "applied", findings)
    application = Application.objects.get()
    stored_key = application.resume.key  # type: ignore[union-attr]

    # The acknowledgement carries the private status link.
    ack = OutboxMessage.objects.get(template="careers_application_received")
    link = re.search(r"(http://\S+/careers/status/[\w-]+/)", ack.body_text)
    assert link is not None and ack.to_address == "jane.q@example.com"
    page.goto(link.group(1))
    assert page.get_by_test_id("stage").inner_text() == "New"
    _checked(page, "status", findings)

    # HR moves it to interview and emails the applicant.
    signed_in_as(page, live_server, hr)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/staff/careers/")
    page.get_by_role("link", name="Jane Quintero").click()
    page.wait_for_url(re.compile(r"/staff/careers/applications/[\w-]+/$"))
    _checked(page, "hr-application", findings)
    page.get_by_label("Move to stage").select_option("interview")
    page.get_by_role("button", name="Move", exact=True).click()
    assert page.get_by_test_id("stage").inner_text() == "Interview"
    page.get_by_label("Email", exact=True).select_option("interview")
    page.get_by_label("Your message").fill("Would Tuesday at 10 am suit you?")
    page.get_by_role("button", name="Send email").click()
    page.get_by_text("The email is in the outbox").wait_for()
    invitation = OutboxMessage.objects.get(template="careers_interview_invitation")
    assert "Tuesday at 10 am" in invitation.body_text

    # The applicant (signed out, on the phone again) sees the stage and withdraws.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(link.group(1))
    assert page.get_by_test_id("stage").inner_text() == "Interview"
    page.get_by_role("link", name="Withdraw my application").click()
    page.wait_for_url(re.compile(r"/withdraw/$"))
    _checked(page, "withdraw", findings)
    page.get_by_role("button", name="Yes, withdraw").click()
    page.wait_for_url(link.group(1))
    assert page.get_by_test_id("stage").inner_text() == "Withdrawn"

    application.refresh_from_db()
    assert application.stage == "withdrawn" and application.resume is None
    assert not StoredFile.objects.exists()
    assert not private_storage().exists(stored_key)
    assert findings == {name: (0, []) for name in findings}, findings
    assert browser_requests.outside == []


@pytest.mark.parametrize("width", [360, 1280])
def test_every_careers_page_fits_the_screen_and_passes_axe(
    browser_page: Any, live_server: Any, width: int
) -> None:
    listing = JobListingFactory(title="Line technician", location="CA", pay_min=90000,
                                pay_max=110000)  # fmt: skip
    application, token = application_make(listing=listing)
    hr = staff_create(role="hr_recruiter")
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    findings: dict[str, object] = {}
    public = [
        "/careers/jobs/",
        "/careers/jobs/?department=network",
        f"/careers/jobs/{listing.slug}/",
        "/careers/resume/",
        f"/careers/status/{token}/",
        f"/careers/status/{token}/delete/",
    ]
    staff = [
        "/staff/careers/",
        "/staff/careers/?q=nobody",
        f"/staff/careers/applications/{application.pk}/",
        "/staff/careers/listings/",
        "/staff/careers/listings/new/",
        f"/staff/careers/listings/{listing.pk}/",
        "/staff/careers/equal-opportunity/",
    ]

    for path in public:
        page.goto(path)
        findings[path] = (sideways_overflow(page), axe_violations(page))
    signed_in_as(page, live_server, hr)
    for path in staff:
        page.goto(path)
        findings[path] = (sideways_overflow(page), axe_violations(page))
    page.goto("/staff/careers/listings/new/")
    page.get_by_role("button", name="Publish (or schedule)").click()
    findings["listing-form-errors"] = (sideways_overflow(page), axe_violations(page))

    assert findings == {name: (0, []) for name in findings}, findings
