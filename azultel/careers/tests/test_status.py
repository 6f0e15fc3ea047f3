"""The private status link (no account): see the stage, withdraw (the résumé goes at once),
download what is held, have everything deleted at once (B2)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from azultel.careers.models import Application, ApplicationNote
from azultel.careers.tests.factories import JobListingFactory, application_make
from azultel.core.file_storage import private_storage
from azultel.core.models import StoredFile

pytestmark = pytest.mark.django_db


def test_the_status_page_shows_the_stage_and_is_kept_private(client: Client) -> None:
    _application, token = application_make(listing=JobListingFactory(title="Line technician"))

    response = client.get(f"/careers/status/{token}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Line technician" in page and "New" in page
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 300])
def test_a_wrong_link_finds_nothing(client: Client, token: str) -> None:
    application_make()

    for suffix in ("", "withdraw/", "download/", "delete/"):
        assert client.get(f"/careers/status/{token}/{suffix}").status_code == 404
        assert client.post(f"/careers/status/{token}/{suffix}").status_code in (404, 405)
    assert Application.objects.count() == 1


@pytest.mark.promise("B3")
def test_withdrawing_deletes_the_resume_at_once(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    application, token = application_make()
    key = application.resume.key  # type: ignore[union-attr]

    confirm = client.get(f"/careers/status/{token}/withdraw/")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(f"/careers/status/{token}/withdraw/")

    assert "Withdraw your application?" in confirm.content.decode()
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == "withdrawn" and application.resume is None
    assert not StoredFile.objects.exists()
    assert not private_storage().exists(key)
    assert "Withdrawn" in client.get(f"/careers/status/{token}/").content.decode()


@pytest.mark.promise("B2")
def test_the_applicant_downloads_what_is_held_as_json(client: Client) -> None:
    _application, token = application_make(name="Jane Quintero")

    response = client.get(f"/careers/status/{token}/download/")

    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert data["name"] == "Jane Quintero" and data["email"] == "jane.q@example.com"
    assert data["resume_file"]["kind"] == "PDF"
    assert data["stage"] == "New"


@pytest.mark.promise("B2")
def test_asking_for_deletion_deletes_everything_at_once(
    client: Client, django_capture_on_commit_callbacks: object, hr: object
) -> None:
    application, token = application_make()
    ApplicationNote.objects.create(application=application, body="Strong", rating=4)
    key = application.resume.key  # type: ignore[union-attr]

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(f"/careers/status/{token}/delete/")

    assert response.status_code == 302 and response["Location"] == "/careers/deleted/"
    assert not Application.objects.exists()
    assert not ApplicationNote.objects.exists()
    assert not StoredFile.objects.exists()
    assert not private_storage().exists(key)
    assert client.get(f"/careers/status/{token}/").status_code == 404
