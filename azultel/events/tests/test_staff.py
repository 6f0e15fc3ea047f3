"""Events staff pages: only the events role (and, for hand-over approval, the privacy officer)
reaches them; staff create online and in-person events with a co-sponsor; the check-in list on
a phone searches by name and checks a person in with one POST."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from azultel.accounts.testing import customer_create, staff_create
from azultel.events.models import Event, Registration
from azultel.events.tests.factories import EventFactory, register

pytestmark = pytest.mark.django_db

STAFF_URLS = [
    ("events:staff_list", False),
    ("events:staff_new", False),
    ("events:staff_edit", True),
    ("events:staff_registrations", True),
    ("events:staff_checkin", True),
    ("events:staff_report", True),
]


def _url(name: str, with_event: bool, event: Event) -> str:
    return reverse(name, kwargs={"event_id": event.pk} if with_event else {})


@pytest.mark.promise("P23")
@pytest.mark.parametrize(("name", "with_event"), STAFF_URLS)
@pytest.mark.parametrize("who", ["anonymous", "customer", "customer_care", "hr_recruiter"])
def test_outsiders_get_404_or_403_and_no_names(
    client: Client, who: str, name: str, with_event: bool
) -> None:
    event = EventFactory()
    registration = register(event, name="Jane Quintero")
    if who != "anonymous":
        client.force_login(customer_create() if who == "customer" else staff_create(role=who))
    url = _url(name, with_event, event)

    for response in (client.get(url), client.post(url, {"registration": str(registration.pk)})):
        assert response.status_code == (404 if who == "anonymous" else 403), (who, url)
        assert b"Jane Quintero" not in response.content
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_events_staff_create_an_in_person_cosponsored_event(client: Client) -> None:
    client.force_login(staff_create(role="events"))
    data: dict[str, Any] = {
        "title": "Router clinic",
        "summary": "Bring your router.",
        "kind": "in_person",
        "venue_name": "Library",
        "address": "1 Main St, Austin, TX",
        "starts_at": "2030-05-01T18:00",
        "ends_at": "2030-05-01T20:00",
        "registration_closes_at": "2030-05-01T12:00",
        "capacity": "25",
        "waitlist_enabled": "on",
        "questions": "Which router do you have?\nAnything else?",
        "cosponsor_name": "Austin Makers",
        "cosponsor_fields": ["name", "email"],
        "published": "on",
    }

    response = client.post("/staff/events/new/", data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.slug, event.kind, event.capacity) == ("router-clinic", "in_person", 25)
    assert event.questions == ["Which router do you have?", "Anything else?"]
    assert (event.cosponsor_name, event.cosponsor_fields) == ("Austin Makers", ["name", "email"])
    assert event.online_url == ""


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"kind": "online", "online_url": ""}, "Enter the link people use to join."),
        ({"address": ""}, "Enter the address of the place."),
        ({"ends_at": "2030-05-01T17:00"}, "The end must be after the start."),
        ({"cosponsor_fields": []}, "Choose what the co-sponsor receives."),
        ({"questions": "\n".join(f"Q{i}" for i in range(6))}, "Ask at most 5 questions."),
    ],
)
def test_an_incomplete_event_is_refused_with_a_clear_error(
    client: Client, changes: dict[str, Any], error: str
) -> None:
    client.force_login(staff_create(role="events"))
    data: dict[str, Any] = {
        "title": "Router clinic",
        "summary": "Bring your router.",
        "kind": "in_person",
        "address": "1 Main St",
        "starts_at": "2030-05-01T18:00",
        "ends_at": "2030-05-01T20:00",
        "registration_closes_at": "2030-05-01T12:00",
        "capacity": "25",
        "cosponsor_name": "Austin Makers",
        "cosponsor_fields": ["name"],
        **changes,
    }

    response = client.post("/staff/events/new/", data)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Event.objects.exists()


def test_the_checkin_list_searches_by_name_and_checks_a_person_in(client: Client) -> None:
    event = EventFactory()
    jane = register(event, name="Jane Quintero", email="jane@example.com")
    register(event, name="Bob Stone", email="bob@example.com")
    client.force_login(staff_create(role="events"))
    url = f"/staff/events/{event.pk}/check-in/"

    page = client.get(url, {"q": "quint"}).content.decode()
    assert "Jane Quintero" in page and "Bob Stone" not in page
    response = client.post(f"{url}?q=quint", {"registration": str(jane.pk)})

    assert response.status_code == 302 and response["Location"] == f"{url}?q=quint"
    jane.refresh_from_db()
    assert jane.checked_in_at is not None
    assert "Arrived" in client.get(url, {"q": "quint"}).content.decode()
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


def test_checking_in_someone_of_another_event_changes_nothing(client: Client) -> None:
    event, other = EventFactory(), EventFactory()
    stranger = register(other, email="s@example.com")
    client.force_login(staff_create(role="events"))

    client.post(f"/staff/events/{event.pk}/check-in/", {"registration": str(stranger.pk)})
    client.post(f"/staff/events/{event.pk}/check-in/", {"registration": "not-a-uuid"})

    stranger.refresh_from_db()
    assert stranger.checked_in_at is None


def test_the_demo_seeds_the_events_sign_in_and_two_events_once() -> None:
    from azultel.events.demo import demo_seed

    first = demo_seed()
    demo_seed()

    assert [s.email for s in first] == ["events@demo.azultel.test"]
    assert Event.objects.count() == 2
    workshop = Event.objects.get(cosponsor_name="Hill Country Makers Association")
    assert workshop.registrations.count() == 3
    assert Event.objects.filter(kind="online").count() == 1


@pytest.mark.promise("B2")
def test_my_data_lists_a_persons_registrations_and_deletion_removes_them() -> None:
    from azultel.events.registrations import _erase
    from azultel.privacy.registry import erasure_hooks, export_providers

    customer = customer_create()
    event = EventFactory()
    register(event, name="Maria Lopez", email=customer.email.upper())
    register(event, name="Someone Else", email="else@example.com")

    exported = export_providers()["event_registrations"](customer)
    assert [row["event"] for row in exported] == [event.title]
    assert exported[0]["said_yes_to_co_sponsor"] is True
    assert _erase in erasure_hooks()
    _erase(customer)

    assert list(Registration.objects.values_list("email", flat=True)) == ["else@example.com"]


def test_the_event_lists_take_the_same_queries_for_one_event_or_many(client: Client) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = staff_create(role="events")
    client.force_login(staff)
    register(EventFactory())

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    queries("/events/"), queries("/staff/events/")  # first requests warm the site's caches
    few = (queries("/events/"), queries("/staff/events/"))
    for _ in range(4):
        register(EventFactory())
    assert (queries("/events/"), queries("/staff/events/")) == few
