"""Only HR, with two-step sign-in, can list, view or download applications (P23); customers,
other staff roles and visitors get 403/404 and no data for every application URL and file.

The HR URLs are read from the URLconf (every careers route marked ``staff_page``), so a route
added later is covered without editing this file; the applicant's status-link URLs are tried
with wrong tokens the same way."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

from azultel.accounts.models import User
from azultel.accounts.roles import ROLES
from azultel.accounts.testing import customer_create, staff_create
from azultel.careers.models import Application, JobListing
from azultel.careers.tests.factories import JobListingFactory, application_make
from azultel.comms.models import OutboxMessage
from azultel.core.models import StoredFile
from azultel.core.staff_pages import STAFF_PAGE_ATTRIBUTE

pytestmark = pytest.mark.django_db


def _careers_routes(
    patterns: list[Any] | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    """Every careers route in the project's URLconf, as (name, pattern)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace or ""]))
            yield from _careers_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and namespace == "careers" and entry.name:
            yield entry.name, entry


HR_ROUTES = sorted(
    name for name, p in _careers_routes() if getattr(p.callback, STAFF_PAGE_ATTRIBUTE, False)
)
TOKEN_ROUTES = sorted(name for name, p in _careers_routes() if "token" in p.pattern.converters)
OUTSIDERS = ["anonymous", "customer"] + [r.key for r in ROLES if r.key != "hr_recruiter"]


def test_the_urlconf_walk_finds_every_hr_and_status_link_route() -> None:
    assert len(HR_ROUTES) >= 12 and {"staff_board", "staff_resume"} <= set(HR_ROUTES)
    assert set(TOKEN_ROUTES) == {"status", "withdraw", "download", "delete"}
    assert len(OUTSIDERS) >= 10


def _url(name: str, application: Application, listing: JobListing) -> str:
    pattern = dict(_careers_routes())[name].pattern
    kwargs: dict[str, object] = {}
    for key, converter in pattern.converters.items():
        if isinstance(converter, UUIDConverter):
            kwargs[key] = application.pk
        elif isinstance(converter, IntConverter):
            kwargs[key] = listing.pk
        else:  # a new kind of argument: say how to fill it here
            raise AssertionError(f"careers:{name} takes {key} ({type(converter).__name__})")
    return reverse(f"careers:{name}", kwargs=kwargs)


def _client(who: str) -> Client:
    client = Client()
    if who != "anonymous":
        user: User = customer_create() if who == "customer" else staff_create(role=who)
        client.force_login(user)
    return client


@pytest.mark.promise("P23")
@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name", HR_ROUTES)
def test_outsiders_get_404_or_403_and_nothing_else_on_every_hr_url(who: str, name: str) -> None:
    listing = JobListingFactory(status="open")
    application, _ = application_make(name="Jane Quintero", listing=listing)
    url = _url(name, application, listing)
    client = _client(who)
    data = {"stage": "hired", "application": str(application.pk), "body": "x", "rating": "5"}

    for response in (client.get(url), client.post(url, data)):
        expected = (404,) if who == "anonymous" else (403, 404)
        assert response.status_code in expected, (who, url, response.status_code)
        assert "Location" not in response, url  # no sign-in redirect, no action taken
        assert "Content-Disposition" not in response, url
        assert b"Jane Quintero" not in response.content
        assert b"jane.q@example.com" not in response.content
    application.refresh_from_db()
    listing.refresh_from_db()
    assert application.stage == "new" and not application.notes.exists()
    assert listing.status == "open" and application.resume is not None
    assert OutboxMessage.objects.filter(template="careers_application_received").count() == 1
    assert OutboxMessage.objects.count() == 1


@pytest.mark.promise("P23")
@pytest.mark.parametrize("name", TOKEN_ROUTES)
def test_a_wrong_status_link_token_is_a_404_on_every_status_url(name: str) -> None:
    application, token = application_make(name="Jane Quintero", listing=JobListingFactory())
    wrong_tokens = [
        secrets.token_urlsafe(32),
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        token.upper() if token.upper() != token else token.lower(),
        token + "x",
        "x" * 150,
    ]
    client = Client()

    for wrong in wrong_tokens:
        url = reverse(f"careers:{name}", kwargs={"token": wrong})
        got, posted = client.get(url), client.post(url)
        assert got.status_code == 404, (url, got.status_code)
        # 405 only where the route takes no POST at all (status, download), whatever the token.
        assert posted.status_code == (405 if name in ("status", "download") else 404), url
        for response in (got, posted):
            assert b"Jane Quintero" not in response.content
            assert "Content-Disposition" not in response
    application.refresh_from_db()
    assert application.stage == "new"
    assert StoredFile.objects.count() == 1


@pytest.mark.promise("P23")
def test_hr_without_two_step_sign_in_is_sent_to_set_it_up() -> None:
    listing = JobListingFactory()
    application, _ = application_make(name="Jane Quintero", listing=listing)
    client = Client()
    client.force_login(staff_create(role="hr_recruiter", two_factor=False))

    for name in HR_ROUTES:
        response = client.get(_url(name, application, listing))
        assert response.status_code == 302 and "totp" in response["Location"], name
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
