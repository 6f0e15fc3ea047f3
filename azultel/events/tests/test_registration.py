"""Registering: the co-sponsor and what it receives are on the form before submitting (P15), the
two consents are separate, unticked and land in the consent ledger (B4), the confirmation email
carries the calendar file, and every refusal (bad input, a form without the notice, floods)
leaves nothing behind."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from azultel.comms.models import OutboxAttachment, OutboxMessage
from azultel.events.models import Event, Registration
from azultel.events.services import notice_token
from azultel.events.tests.factories import EventFactory, register
from azultel.privacy.models import ConsentEvent, DataSubject

pytestmark = pytest.mark.django_db


def _form(event: Event, **fields: str) -> dict[str, str]:
    return {
        "notice": notice_token(event),
        "name": "Jane Quintero",
        "email": "jane.q@example.com",
        "organisation": "",
        "q0": "A laptop",
        **fields,
    }


def _nothing_saved() -> None:
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert not ConsentEvent.objects.exists()
    assert not DataSubject.objects.filter(email="jane.q@example.com").exists()


@pytest.mark.promise("P15")
def test_p15_the_form_names_the_cosponsor_and_what_it_receives_before_the_submit_button(
    client: Client,
) -> None:
    event = EventFactory(cosponsor_fields=["name", "email", "attended"])

    html = client.get(f"/events/{event.slug}/").content.decode()

    notice_at = html.index("data-cosponsor-notice")
    submit_at = html.index('<button type="submit">Register</button>')
    assert notice_at < submit_at
    notice = html[notice_at:submit_at]
    assert "co-sponsored by Hill Country Makers Association" in notice
    for label in ("your name", "your email address", "whether you came to the event"):
        assert f"<li>{label}</li>" in notice
    assert "your organisation" not in notice.split("<ul>")[1].split("</ul>")[0]
    # Two separate consents, neither ticked.
    boxes = re.findall(r'<input type="checkbox"[^>]*>', html)
    names = sorted(re.search(r'name="(\w+)"', b).group(1) for b in boxes)  # type: ignore[union-attr]
    assert names == ["azultel_consent", "cosponsor_consent"]
    assert not any("checked" in b for b in boxes)


def test_an_event_without_cosponsor_shows_no_notice_and_no_cosponsor_consent(
    client: Client,
) -> None:
    event = EventFactory(cosponsor_name="", cosponsor_fields=[])

    html = client.get(f"/events/{event.slug}/").content.decode()

    assert "data-cosponsor-notice" not in html and "cosponsor_consent" not in html


@pytest.mark.promise("P15")
def test_p15_a_submission_whose_form_did_not_show_the_notice_is_refused(client: Client) -> None:
    event = EventFactory()
    for notice in ("", "0" * 32):
        response = client.post(f"/events/{event.slug}/", _form(event, notice=notice))
        assert response.status_code == 400
    _nothing_saved()


@pytest.mark.promise("P15")
def test_p15_a_notice_changed_after_the_form_was_shown_is_refused(client: Client) -> None:
    event = EventFactory()
    shown = _form(event)
    Event.objects.filter(pk=event.pk).update(cosponsor_fields=["name", "email", "answers"])

    response = client.post(f"/events/{event.slug}/", shown)

    assert response.status_code == 400
    assert "changed while you were filling in the form" in response.content.decode()
    _nothing_saved()


@pytest.mark.promise("B4")
@pytest.mark.promise("P15")
def test_registering_confirms_records_both_consents_and_emails_the_calendar_file(
    client: Client,
) -> None:
    event = EventFactory()

    response = client.post(
        f"/events/{event.slug}/",
        _form(event, azultel_consent="on", cosponsor_consent="on", organisation="Acme"),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.slug}/registered/"
    registration = Registration.objects.get()
    assert (registration.status, registration.name, registration.organisation) == (
        "confirmed",
        "Jane Quintero",
        "Acme",
    )
    assert registration.notice_cosponsor == "Hill Country Makers Association"
    assert registration.notice_fields == ["name", "email"]
    assert registration.answers == {"Which devices will you bring?": "A laptop"}
    grants = ConsentEvent.objects.filter(subject=registration.subject, granted=True)
    assert sorted(grants.values_list("topic", flat=True)) == ["data_sharing", "product_info"]
    assert set(grants.values_list("source", flat=True)) == {"registration"}
    message = OutboxMessage.objects.get()
    assert (message.template, message.to_address) == ("events_confirmed", "jane.q@example.com")
    attachment = OutboxAttachment.objects.get(message=message)
    assert (attachment.filename, attachment.content_type) == ("event.ics", "text/calendar")
    assert b"BEGIN:VCALENDAR\r\n" in bytes(attachment.content)
    page = client.get(response["Location"]).content.decode()
    assert "You are registered" in page


@pytest.mark.promise("B4")
def test_unticked_consents_record_nothing_in_the_ledger() -> None:
    event = EventFactory()

    registration = register(event, cosponsor_consent=False)

    assert registration.status == "confirmed" and not registration.cosponsor_consent
    assert not ConsentEvent.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "Jane\r\nBcc: victim@example.com"}, "one line of plain text"),
        ({"name": "Jane\nQuintero"}, "one line of plain text"),
        ({"organisation": "Acme\r\nX-Header: 1"}, "one line of plain text"),
        ({"email": "jane.q@example.com\r\nBcc: victim@example.com"}, "valid email"),
        ({"email": "not-an-address"}, "valid email"),
        ({"name": ""}, "required"),
        ({"name": "x" * 121}, "at most 120 characters"),
        ({"q0": "y" * 501}, "at most 500 characters"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_saved(
    client: Client, fields: dict[str, str], message: str
) -> None:
    event = EventFactory()

    response = client.post(f"/events/{event.slug}/", _form(event, **fields))

    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error:" in body
    assert message in body
    _nothing_saved()


def test_the_same_address_cannot_register_twice() -> None:
    event = EventFactory()
    register(event)

    with pytest.raises(ValueError, match="already registered"):
        register(event, email="JANE.Q@example.com")

    assert Registration.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_a_flood_of_registrations_from_one_address_is_stopped(
    client: Client, settings: Any
) -> None:
    settings.EVENTS_REGISTER_RATE_LIMIT = 3
    event = EventFactory(capacity=50)
    statuses = [
        client.post(f"/events/{event.slug}/", _form(event, email=f"p{i}@example.com")).status_code
        for i in range(5)
    ]

    assert statuses == [302, 302, 302, 429, 429]
    assert Registration.objects.count() == 3
    assert OutboxMessage.objects.count() == 3


def test_registration_after_the_deadline_is_refused(client: Client) -> None:
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(minutes=1))

    page = client.get(f"/events/{event.slug}/").content.decode()
    response = client.post(f"/events/{event.slug}/", _form(event))

    assert "Registration for this event has closed" in page and '<form method="post"' not in page
    assert response.status_code == 400
    _nothing_saved()


def test_the_public_list_shows_published_events_only(client: Client) -> None:
    shown = EventFactory(title="Shown event")
    EventFactory(title="Draft event", published=False)

    html = client.get("/events/").content.decode()

    assert shown.title in html and "Draft event" not in html
    assert client.get("/events/draft-nope/").status_code == 404
