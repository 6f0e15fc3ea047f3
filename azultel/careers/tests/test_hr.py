"""HR's work: the board by stage (query count fixed), stage moves, notes and ratings, emails
through the outbox, bulk rejection with a kind message, logged résumé downloads, listings."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.careers.models import Application, JobListing
from azultel.careers.services import resume_text_extract
from azultel.careers.tests.factories import JobListingFactory, application_make
from azultel.comms.models import OutboxMessage
from azultel.core.models import AuditEvent
from azultel.core.testing.sample_files import pdf_bytes

pytestmark = pytest.mark.django_db


def test_the_board_counts_by_stage_in_a_fixed_number_of_queries(
    hr_client: Client, django_assert_num_queries: Any
) -> None:
    listing = JobListingFactory()
    for n in range(3):
        application_make(listing=listing, name=f"Applicant {n}", email=f"a{n}@example.com")
    hr_client.get("/staff/careers/")  # warm the session and permission caches

    with django_assert_num_queries(9):
        page = hr_client.get("/staff/careers/").content.decode()
    for n in range(4, 8):
        application_make(listing=listing, name=f"Applicant {n}", email=f"a{n}@example.com")
    with django_assert_num_queries(9):
        more = hr_client.get("/staff/careers/").content.decode()

    assert "Applicant 0" in page and "Applicant 7" in more


def test_hr_searches_within_resumes(hr_client: Client) -> None:
    first, _ = application_make(
        name="Ana Fiber", email="ana@example.com", resume=pdf_bytes("Spliced fiber for OSP crews")
    )
    application_make(name="Ben Copper", email="ben@example.com")
    resume_text_extract(application_id=first.pk)

    page = hr_client.get("/staff/careers/", {"q": "spliced osp"}).content.decode()

    assert "Ana Fiber" in page and "Ben Copper" not in page
    assert AuditEvent.objects.get(action="careers.resume_searched").detail == {"words": 2}


def test_moving_a_stage_is_recorded_with_its_author(hr_client: Client, hr: User) -> None:
    application, token = application_make()

    response = hr_client.post(
        f"/staff/careers/applications/{application.pk}/stage/", {"stage": "interview"}
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == "interview"
    event = AuditEvent.objects.get(action="careers.application_stage")
    assert event.actor == hr and event.detail == {"from": "new", "to": "interview"}
    assert "Interview" in Client().get(f"/careers/status/{token}/").content.decode()


def test_hr_cannot_move_an_application_to_withdrawn_or_touch_a_withdrawn_one(
    hr_client: Client,
) -> None:
    application, _ = application_make()

    refused = hr_client.post(
        f"/staff/careers/applications/{application.pk}/stage/", {"stage": "withdrawn"}
    )
    Application.objects.filter(pk=application.pk).update(stage="withdrawn")
    after = hr_client.post(
        f"/staff/careers/applications/{application.pk}/stage/", {"stage": "offer"}
    )

    assert refused.status_code == after.status_code == 400
    assert "withdrew" in after.content.decode()
    application.refresh_from_db()
    assert application.stage == "withdrawn"


def test_notes_carry_a_rating_from_1_to_5(hr_client: Client, hr: User) -> None:
    application, _ = application_make()
    url = f"/staff/careers/applications/{application.pk}/note/"

    ok = hr_client.post(url, {"body": "Clear on fiber splicing.", "rating": "4"})
    bad = hr_client.post(url, {"body": "x", "rating": "9"})
    empty = hr_client.post(url, {"body": "  ", "rating": ""})

    assert ok.status_code == 302 and bad.status_code == empty.status_code == 400
    note = application.notes.get()
    assert (note.body, note.rating, note.author) == ("Clear on fiber splicing.", 4, hr)


def test_hr_emails_the_applicant_through_the_outbox(hr_client: Client) -> None:
    application, _ = application_make(listing=JobListingFactory(title="Line technician"))
    OutboxMessage.objects.all().delete()

    response = hr_client.post(
        f"/staff/careers/applications/{application.pk}/email/",
        {"template": "interview", "personal_message": "Tuesday at 10 am?"},
    )

    assert response.status_code == 302
    message = OutboxMessage.objects.get()
    assert message.category == "reply" and message.to_address == "jane.q@example.com"
    assert "Line technician" in message.body_text and "Tuesday at 10 am?" in message.body_text


def test_an_unknown_email_template_sends_nothing(hr_client: Client) -> None:
    application, _ = application_make()
    OutboxMessage.objects.all().delete()

    response = hr_client.post(
        f"/staff/careers/applications/{application.pk}/email/", {"template": "spam"}
    )

    assert response.status_code == 400 and not OutboxMessage.objects.exists()


def test_bulk_reject_moves_open_applications_and_sends_each_a_kind_email(
    hr_client: Client,
) -> None:
    first, _ = application_make(email="one@example.com")
    second, _ = application_make(email="two@example.com")
    hired, _ = application_make(email="three@example.com")
    Application.objects.filter(pk=hired.pk).update(stage="hired")
    OutboxMessage.objects.all().delete()

    response = hr_client.post(
        "/staff/careers/applications/reject/",
        {
            "application": [str(first.pk), str(second.pk), str(hired.pk), "nonsense"],
            "personal_message": "We were impressed by your experience.",
        },
    )

    assert response.status_code == 302
    stages = dict(Application.objects.values_list("email", "stage"))
    assert stages == {
        "one@example.com": "rejected",
        "two@example.com": "rejected",
        "three@example.com": "hired",
    }
    messages = OutboxMessage.objects.filter(template="careers_not_selected")
    assert sorted(m.to_address for m in messages) == ["one@example.com", "two@example.com"]
    assert all("We were impressed" in m.body_text for m in messages)


@pytest.mark.promise("P23")
@pytest.mark.promise("P24")
def test_the_resume_download_is_an_attachment_never_sniffed_and_logged_with_purpose(
    hr_client: Client, hr: User
) -> None:
    content = pdf_bytes("Jane Quintero, network engineer")
    application, _ = application_make(resume=content)

    response = hr_client.get(f"/staff/careers/applications/{application.pk}/resume/")

    assert response.status_code == 200 and response.content == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="Jane Quintero resume.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    event = AuditEvent.objects.get(action="careers.resume_downloaded")
    assert event.actor == hr and event.detail == {"purpose": "recruiting"}
    assert AuditEvent.objects.filter(action="stored_file.serve", actor=hr).count() == 1


# --- Listings -----------------------------------------------------------------------------------


def _listing_post(**fields: str) -> dict[str, str]:
    return {
        "title": "Network engineer",
        "department": "network",
        "location": "TX",
        "employment_type": "full_time",
        "pay_min": "",
        "pay_max": "",
        "pay_period": "year",
        "description": "Run our IP network.",
        "questions": "* Which routing platforms have you run?\nAnything else?",
        "publish_at": "",
        "close_at": "",
        **fields,
    }


def test_hr_saves_a_draft_that_nobody_else_sees(hr_client: Client, client: Client) -> None:
    response = hr_client.post("/staff/careers/listings/new/", _listing_post(draft="1"))

    assert response.status_code == 302
    listing = JobListing.objects.get()
    assert listing.status == "draft"
    assert [(q.text, q.required) for q in listing.questions.all()] == [
        ("Which routing platforms have you run?", True),
        ("Anything else?", False),
    ]
    assert client.get(f"/careers/jobs/{listing.slug}/").status_code == 404
    assert f"/careers/jobs/{listing.slug}/" not in client.get("/careers/jobs/").content.decode()


def test_a_scheduled_listing_appears_on_its_date(hr_client: Client, client: Client) -> None:
    later = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

    hr_client.post("/staff/careers/listings/new/", _listing_post(publish="1", publish_at=later))

    listing = JobListing.objects.get()
    assert listing.status == "scheduled"
    assert client.get(f"/careers/jobs/{listing.slug}/").status_code == 404
    JobListing.objects.filter(pk=listing.pk).update(
        publish_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(f"/careers/jobs/{listing.slug}/").status_code == 200


def test_a_listing_in_a_pay_transparency_state_needs_a_pay_range(hr_client: Client) -> None:
    response = hr_client.post(
        "/staff/careers/listings/new/", _listing_post(publish="1", location="CA")
    )

    assert response.status_code == 400
    assert "must show a pay range" in response.content.decode()
    assert not JobListing.objects.exists()


def test_hr_closes_and_reopens_a_listing(hr_client: Client, client: Client) -> None:
    listing = JobListingFactory()

    hr_client.post(f"/staff/careers/listings/{listing.pk}/status/", {"action": "close"})
    closed = client.get(f"/careers/jobs/{listing.slug}/")
    hr_client.post(f"/staff/careers/listings/{listing.pk}/status/", {"action": "open"})
    reopened = client.get(f"/careers/jobs/{listing.slug}/")

    assert closed.status_code == 410 and "This job is closed" in closed.content.decode()
    assert reopened.status_code == 200
    listing.refresh_from_db()
    assert listing.status == "open"


def test_a_listing_closes_itself_on_its_closing_date(client: Client) -> None:
    listing = JobListingFactory(close_at=timezone.now() - timedelta(minutes=1))

    assert client.get(f"/careers/jobs/{listing.slug}/").status_code == 410
    assert listing.title not in client.get("/careers/jobs/").content.decode()


def test_editing_a_listing_keeps_its_address(hr_client: Client, client: Client) -> None:
    listing = JobListingFactory(title="Field technician", slug="field-technician")

    hr_client.post(
        f"/staff/careers/listings/{listing.pk}/",
        _listing_post(title="Senior field technician", location="FL"),
    )

    listing.refresh_from_db()
    assert listing.title == "Senior field technician" and listing.slug == "field-technician"
    assert (
        "Senior field technician" in client.get("/careers/jobs/field-technician/").content.decode()
    )


@pytest.mark.promise("P16")
def test_equal_opportunity_answers_are_shown_only_as_totals_with_small_groups_hidden(
    hr_client: Client,
) -> None:
    from datetime import date

    from azultel.careers.models import EqualOpportunityAnswer

    EqualOpportunityAnswer.objects.bulk_create(
        [EqualOpportunityAnswer(submitted_on=date.today(), gender="woman") for _ in range(10)]
        + [EqualOpportunityAnswer(submitted_on=date.today(), gender="man") for _ in range(3)]
    )

    page = hr_client.get("/staff/careers/equal-opportunity/").content.decode()

    assert re.search(r"Woman</th><td[^>]*>10<", page)
    assert re.search(r"Man</th><td[^>]*>fewer than 10<", page)
    assert ">3<" not in page
