"""Only HR, with two-step sign-in, can list, view or download applications (P23); customers,
other staff roles and visitors get a refusal and no data for every application URL and file."""

from __future__ import annotations

import pytest
from django.test import Client

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.careers.models import Application
from azultel.careers.tests.factories import JobListingFactory, application_make

pytestmark = pytest.mark.django_db


def _urls(application: Application) -> list[tuple[str, str]]:
    base = f"/staff/careers/applications/{application.pk}/"
    listing = application.listing.pk  # type: ignore[union-attr]
    return [
        ("get", "/staff/careers/"),
        ("get", base),
        ("get", f"{base}resume/"),
        ("post", f"{base}stage/"),
        ("post", f"{base}note/"),
        ("post", f"{base}email/"),
        ("post", "/staff/careers/applications/reject/"),
        ("get", "/staff/careers/listings/"),
        ("get", "/staff/careers/listings/new/"),
        ("get", f"/staff/careers/listings/{listing}/"),
        ("post", f"/staff/careers/listings/{listing}/status/"),
        ("get", "/staff/careers/equal-opportunity/"),
    ]


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.promise("P23")
@pytest.mark.parametrize(
    "who", ["customer", "customer_care", "billing", "marketing", "privacy_officer", "administrator"]
)
def test_customers_and_other_roles_are_refused_every_application_url(who: str) -> None:
    application, _ = application_make(name="Jane Quintero", listing=JobListingFactory())
    user = customer_create() if who == "customer" else staff_create(role=who)
    client = _client(user)

    for method, url in _urls(application):
        response = getattr(client, method)(
            url, {"stage": "hired", "application": str(application.pk)}
        )
        assert response.status_code in (403, 404), (who, url, response.status_code)
        assert b"Jane Quintero" not in response.content, url
        assert "Content-Disposition" not in response, url
    application.refresh_from_db()
    assert application.stage == "new" and not application.notes.exists()


@pytest.mark.promise("P23")
def test_visitors_are_sent_to_sign_in_and_see_nothing() -> None:
    application, _ = application_make(name="Jane Quintero", listing=JobListingFactory())
    client = _client(None)

    for method, url in _urls(application):
        response = getattr(client, method)(url, {"stage": "hired"})
        assert response.status_code == 302 and "/account/login/" in response["Location"], url
        assert b"Jane Quintero" not in response.content
    application.refresh_from_db()
    assert application.stage == "new"


@pytest.mark.promise("P23")
def test_hr_without_two_step_sign_in_is_sent_to_set_it_up() -> None:
    application, _ = application_make(name="Jane Quintero", listing=JobListingFactory())
    client = _client(staff_create(role="hr_recruiter", two_factor=False))

    for method, url in _urls(application):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "totp" in response["Location"], url
        assert b"Jane Quintero" not in response.content


def test_hr_with_two_step_sign_in_sees_the_board_and_the_application(hr_client: Client) -> None:
    application, _ = application_make(name="Jane Quintero", listing=JobListingFactory())

    board = hr_client.get("/staff/careers/")
    detail = hr_client.get(f"/staff/careers/applications/{application.pk}/")

    assert board.status_code == 200 and "Jane Quintero" in board.content.decode()
    assert detail.status_code == 200 and "jane.q@example.com" in detail.content.decode()


def test_an_unknown_application_is_a_404_for_hr(hr_client: Client) -> None:
    missing = "00000000-0000-4000-8000-000000000000"

    assert hr_client.get(f"/staff/careers/applications/{missing}/").status_code == 404
    assert hr_client.get(f"/staff/careers/applications/{missing}/resume/").status_code == 404
