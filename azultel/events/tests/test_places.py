"""Places: capacity is counted under a row lock so two people cannot both take the last place;
a full event fills its waiting list; cancelling by the private link frees the place for the
first person waiting, who is promoted in the same transaction and emailed with the calendar
file after commit."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from azultel.comms.models import OutboxAttachment, OutboxMessage
from azultel.core.actors import system_actor
from azultel.events import services
from azultel.events.models import Registration
from azultel.events.tests.factories import EventFactory, register


@pytest.mark.django_db
def test_a_full_event_puts_the_next_person_on_the_waiting_list_without_a_calendar_file() -> None:
    event = EventFactory(capacity=1)
    first = register(event, email="a@example.com")

    second = register(event, email="b@example.com")

    assert (first.status, second.status) == ("confirmed", "waitlisted")
    waitlisted = OutboxMessage.objects.get(to_address="b@example.com")
    assert waitlisted.template == "events_waitlisted"
    assert not OutboxAttachment.objects.filter(message=waitlisted).exists()


@pytest.mark.django_db
def test_a_full_event_without_a_waiting_list_refuses_and_saves_nothing() -> None:
    event = EventFactory(capacity=1, waitlist_enabled=False)
    register(event, email="a@example.com")

    with pytest.raises(services.RegistrationRefused, match="full"):
        register(event, email="b@example.com")

    assert list(Registration.objects.values_list("email", flat=True)) == ["a@example.com"]
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_cancelling_by_the_private_link_promotes_the_first_person_waiting(
    client: Client, django_capture_on_commit_callbacks: object
) -> None:
    event = EventFactory(capacity=1)
    first = register(event, email="a@example.com")
    waiting_1 = register(event, email="b@example.com")
    waiting_2 = register(event, email="c@example.com")
    url = f"/events/cancel/{services.cancel_token_for(first)}/"

    assert "Cancel my registration" in client.get(url).content.decode()
    response = client.post(url)

    assert "Registration cancelled" in response.content.decode()
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.com": "cancelled",
        "b@example.com": "confirmed",
        "c@example.com": "waitlisted",
    }
    waiting_1.refresh_from_db()
    assert waiting_1.promoted_at is not None
    promoted = OutboxMessage.objects.get(template="events_promoted")
    assert promoted.to_address == "b@example.com"
    assert OutboxAttachment.objects.filter(message=promoted, filename="event.ics").exists()
    assert OutboxMessage.objects.filter(
        template="events_cancelled", to_address="a@example.com"
    ).exists()
    # Cancelling again changes nothing.
    client.post(url)
    assert Registration.objects.filter(status="confirmed").count() == 1
    assert OutboxMessage.objects.filter(template="events_promoted").count() == 1
    waiting_2.refresh_from_db()
    assert waiting_2.status == "waitlisted"


@pytest.mark.django_db
def test_a_forged_or_altered_cancel_link_is_a_404_and_cancels_nothing(client: Client) -> None:
    registration = register(EventFactory())
    token = services.cancel_token_for(registration)

    for bad in (token[:-2] + "xx", "made-up", token.replace(":", "-")):
        assert client.post(f"/events/cancel/{bad}/").status_code == 404

    registration.refresh_from_db()
    assert registration.status == "confirmed"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two connections racing for one row lock need PostgreSQL (SQLite has one writer)",
)
@pytest.mark.django_db(transaction=True)
def test_two_people_racing_for_the_last_place_cannot_both_get_it() -> None:
    event = EventFactory(capacity=1, waitlist_enabled=False)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def take(email: str) -> None:
        try:
            start.wait()
            services.registration_submit(
                event_id=event.pk,
                name="Racer",
                email=email,
                organisation="",
                answers={},
                shown_notice=services.notice_token(event),
                azultel_consent=False,
                cosponsor_consent=False,
                actor=system_actor("test"),
            )
            outcomes.append("confirmed")
        except services.RegistrationRefused as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(f"r{i}@example.com",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["This event is full.", "confirmed"]
    assert Registration.objects.filter(event=event, status="confirmed").count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two connections racing for one row lock need PostgreSQL (SQLite has one writer)",
)
@pytest.mark.django_db(transaction=True)
def test_racing_for_the_last_place_with_a_waiting_list_puts_the_loser_on_it() -> None:
    event = EventFactory(capacity=3)
    for i in range(2):
        register(event, email=f"early{i}@example.com")
    start = threading.Barrier(4)

    def take(email: str) -> None:
        try:
            start.wait()
            register(event, email=email)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(f"r{i}@example.com",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    counts = {
        s: Registration.objects.filter(event=event, status=s).count()
        for s in ("confirmed", "waitlisted")
    }
    assert counts == {"confirmed": 3, "waitlisted": 3}


@pytest.mark.django_db
def test_a_full_event_without_a_waiting_list_shows_no_form(client: Client) -> None:
    event = EventFactory(capacity=1, waitlist_enabled=False)
    register(event, email="a@example.com")

    page = client.get(f"/events/{event.slug}/").content.decode()

    assert "This event is full." in page and "Register</button>" not in page
