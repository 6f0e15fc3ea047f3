"""Applying: the form says who sees the application, the résumé is checked by its bytes and
stored encrypted, the applicant gets one acknowledgement with a private link, equal-opportunity
answers are stored apart, a second submit of the same form does nothing, and every refusal
leaves nothing behind."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from azultel.careers.models import Application, EqualOpportunityAnswer, JobListing
from azultel.careers.services import status_token_hash
from azultel.careers.tests.factories import JobListingFactory, ListingQuestionFactory
from azultel.comms.models import OutboxMessage
from azultel.core.models import StoredFile
from azultel.core.testing.sample_files import (
    WINDOWS_PROGRAM,
    docx_bytes,
    pdf_bytes,
    zip_bomb_docx_bytes,
)

pytestmark = pytest.mark.django_db


def _post(
    client: Client,
    listing: JobListing | None,
    *,
    resume: bytes | None = None,
    filename: str = "resume.pdf",
    key: str = "k" * 24,
    **fields: str,
) -> object:
    data: dict[str, object] = {
        "submission_key": key,
        "name": "Jane Quintero",
        "email": "jane.q@example.com",
        "phone": "",
        "cover_letter": "I would like to join.",
        "gender": "declined",
        "ethnicity": "declined",
        "veteran": "declined",
        "disability": "declined",
        **fields,
    }
    data["resume"] = SimpleUploadedFile(
        filename, pdf_bytes() if resume is None else resume, content_type="application/pdf"
    )
    url = f"/careers/jobs/{listing.slug}/apply/" if listing else "/careers/resume/"
    return client.post(url, data)


def _nothing_kept() -> bool:
    return (
        not Application.objects.exists()
        and not StoredFile.objects.exists()
        and not EqualOpportunityAnswer.objects.exists()
        and not OutboxMessage.objects.exists()
    )


def test_the_form_says_who_sees_it_how_long_it_is_kept_and_how_to_withdraw(
    client: Client,
) -> None:
    listing = JobListingFactory()

    page = client.get(f"/careers/jobs/{listing.slug}/apply/").content.decode()

    assert "Who sees it:" in page and "recruiting team" in page
    assert "12 months after the last step" in page
    assert "How to withdraw:" in page
    assert 'name="submission_key"' in page and 'enctype="multipart/form-data"' in page


@pytest.mark.promise("P24")
def test_applying_keeps_the_application_and_sends_one_acknowledgement_with_the_link(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    listing = JobListingFactory()
    question = ListingQuestionFactory(listing=listing)

    response = _post(client, listing, **{f"question_{question.pk}": "Yes, since 2015"})

    assert response.status_code == 302 and response["Location"] == "/careers/applied/"  # type: ignore[attr-defined]
    application = Application.objects.get()
    assert application.listing == listing and application.stage == "new"
    assert application.answers == [{"question": question.text, "answer": "Yes, since 2015"}]
    assert application.resume is not None and application.resume.kind == "pdf"
    message = OutboxMessage.objects.get()
    assert message.category == "confirmation" and message.to_address == "jane.q@example.com"
    assert message.sensitive is True
    token = re.search(r"/careers/status/([\w-]+)/", message.body_text)
    assert token is not None
    # Only a keyed hash of the link's secret is stored.
    assert application.status_token_hash == status_token_hash(token.group(1))
    assert token.group(1) not in application.status_token_hash
    assert "https://www.azultel.example/careers/status/" in message.body_text


def test_the_same_form_submitted_twice_makes_one_application_and_one_email(
    client: Client,
) -> None:
    listing = JobListingFactory()

    first = _post(client, listing)
    second = _post(client, listing)

    assert first.status_code == second.status_code == 302  # type: ignore[attr-defined]
    assert Application.objects.count() == 1
    assert StoredFile.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.promise("P16")
def test_equal_opportunity_answers_are_kept_apart_with_no_link_to_the_application(
    client: Client,
) -> None:
    listing = JobListingFactory()

    _post(client, listing, gender="woman", veteran="no")

    answer = EqualOpportunityAnswer.objects.get()
    assert (answer.gender, answer.veteran, answer.listing) == ("woman", "no", listing)
    related = {f.name for f in EqualOpportunityAnswer._meta.get_fields()}
    assert related == {
        "id",
        "listing",
        "submitted_on",
        "gender",
        "ethnicity",
        "veteran",
        "disability",
    }


def test_declining_every_question_stores_no_answer(client: Client) -> None:
    _post(client, JobListingFactory())

    assert Application.objects.count() == 1
    assert not EqualOpportunityAnswer.objects.exists()


def test_a_general_resume_needs_no_listing(client: Client) -> None:
    response = _post(client, None, resume=docx_bytes(), filename="cv.docx")

    assert response.status_code == 302  # type: ignore[attr-defined]
    application = Application.objects.get()
    assert application.listing is None and application.resume.kind == "docx"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("resume", "filename", "fields", "message"),
    [
        (WINDOWS_PROGRAM, "resume.pdf", {}, "is a program"),
        (b"<html><script>alert(1)</script></html>", "resume.txt", {}, "web page"),
        (zip_bomb_docx_bytes(), "resume.docx", {}, "unpacks to more than"),
        (b"PK\x03\x04 not really a zip", "resume.docx", {}, "cannot be read"),
        (b"", "resume.pdf", {}, "The file is empty"),
        (None, "resume.pdf", {"email": "not an email"}, "Enter a valid email address"),
        (None, "resume.pdf", {"phone": "12"}, "phone number"),
        (None, "resume.pdf", {"name": "   "}, "This field is required"),
        (None, "resume.pdf", {"cover_letter": "x" * 5001}, "at most 5000 characters"),
        (None, "resume.pdf", {"name": "n" * 121}, "at most 120 characters"),
        (None, "resume.pdf", {"gender": "robot"}, "Select a valid choice"),
        (None, "resume.pdf", {"submission_key": ""}, "This field is required"),
    ],
    ids=[
        "renamed-program", "web-page", "zip-bomb-docx", "damaged-docx", "empty-file",
        "bad-email", "bad-phone", "blank-name", "huge-cover-letter", "huge-name",
        "unknown-choice", "no-submission-key",
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_message_and_nothing_is_kept(
    client: Client, resume: bytes | None, filename: str, fields: dict[str, str], message: str
) -> None:
    listing = JobListingFactory()

    response = _post(client, listing, resume=resume, filename=filename, **fields)

    page = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "There is a problem" in page and message in page
    assert "<title>Error:" in page
    assert _nothing_kept()


def test_an_oversized_file_is_refused_and_nothing_is_kept(client: Client, settings: object) -> None:
    settings.UPLOAD_MAX_BYTES = 2048  # type: ignore[attr-defined]
    listing = JobListingFactory()

    response = _post(client, listing, resume=pdf_bytes("x" * 4000))

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "more than the 2 KB limit" in response.content.decode()  # type: ignore[attr-defined]
    assert _nothing_kept()


def test_a_required_question_left_empty_is_refused(client: Client) -> None:
    listing = JobListingFactory()
    ListingQuestionFactory(listing=listing)

    response = _post(client, listing)

    assert response.status_code == 400  # type: ignore[attr-defined]
    assert _nothing_kept()


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_a_listing_not_open_takes_no_application(client: Client, status: str) -> None:
    listing = JobListingFactory(status=status)

    response = _post(client, listing)

    assert response.status_code == 404  # type: ignore[attr-defined]
    assert _nothing_kept()


def test_too_many_applications_from_one_client_are_refused(
    client: Client, settings: object
) -> None:
    settings.CAREERS_APPLY_RATE_LIMIT = 1  # type: ignore[attr-defined]
    listing = JobListingFactory()
    _post(client, listing, key="a" * 24)

    response = _post(client, listing, key="b" * 24)

    assert response.status_code == 429  # type: ignore[attr-defined]
    assert Application.objects.count() == 1
