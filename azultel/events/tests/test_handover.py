"""Handing the list to the co-sponsor (P14, P15): the privacy officer approves, events staff
export once; the file holds only the fields the form named, only for people of that event who
were shown the notice and said yes; it is in the disclosure log; a second export is refused.
The co-sponsor's report is counts with small cells hidden (P16)."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest
from django.test import Client

from azultel.accounts.testing import staff_create
from azultel.events.models import Event, Handover, Registration
from azultel.events.services import event_report, handover_approve, registration_check_in
from azultel.events.tests.factories import EventFactory, register
from azultel.privacy.models import ConsentSource, ConsentTopic, Disclosure
from azultel.privacy.services import consent_record, disclosure_log_verify

pytestmark = pytest.mark.django_db


def _people(event: Event) -> dict[str, Registration]:
    other = EventFactory(title="Another event")
    people = {
        "yes": register(event, name="Ana Yes", email="ana@example.com", organisation="Acme"),
        "no": register(event, name="Ben No", email="ben@example.com", cosponsor_consent=False),
        "withdrew": register(event, name="Cy Withdrew", email="cy@example.com"),
        "other_event": register(other, name="Di Other", email="di@example.com"),
    }
    consent_record(
        subject=people["withdrew"].subject,  # type: ignore[arg-type]
        topic=ConsentTopic.DATA_SHARING,
        granted=False,
        source=ConsentSource.PROFILE,
    )
    return people


def _export(client: Client, event: Event, handover: Handover) -> object:
    return client.post(f"/staff/events/{event.pk}/hand-over/{handover.pk}/export/")


@pytest.mark.promise("P14")
@pytest.mark.promise("P15")
def test_the_handover_holds_only_the_named_fields_of_consenting_registrants_once_and_is_logged(
    client: Client,
) -> None:
    event = EventFactory(cosponsor_fields=["name", "email"])
    _people(event)
    # Someone registered before the notice named these fields: their form said something else.
    earlier = register(event, name="Ed Earlier", email="ed@example.com")
    Registration.objects.filter(pk=earlier.pk).update(notice_fields=["name"])
    privacy_officer = staff_create(role="privacy_officer")
    client.force_login(privacy_officer)
    response = client.post(
        f"/staff/events/{event.pk}/hand-over/", {"reference": "Co-sponsor agreement 2027-01"}
    )
    assert response.status_code == 302
    handover = Handover.objects.get()
    client.force_login(staff_create(role="events"))

    response = _export(client, event, handover)

    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response["Content-Type"].startswith("text/csv")  # type: ignore[index]
    body = response.content  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows == [["Name", "Email"], ["Ana Yes", "ana@example.com"]]
    assert b"Acme" not in body and b"laptop" not in body
    disclosure = Disclosure.objects.get()
    ana = Registration.objects.get(email="ana@example.com")
    assert disclosure.basis == "co_sponsor"
    assert disclosure.recipient == "Hill Country Makers Association"
    assert disclosure.subject_ids == [str(ana.subject_id)]
    assert disclosure.categories == ["user.contact.email", "user.name"]
    assert disclosure.payload_digest == hashlib.sha256(body).hexdigest()
    assert disclosure_log_verify() == []
    handover.refresh_from_db()
    assert (handover.disclosure_id, handover.record_count) == (disclosure.pk, 1)

    again = _export(client, event, handover)

    assert again.status_code == 302  # type: ignore[attr-defined]
    assert Disclosure.objects.count() == 1
    page = client.get(again["Location"]).content.decode()  # type: ignore[index]
    assert "already exported" in page


@pytest.mark.promise("P14")
def test_only_the_privacy_officer_approves_and_only_events_staff_export(client: Client) -> None:
    event = EventFactory()
    register(event)
    events_staff = staff_create(role="events")
    client.force_login(events_staff)

    assert (
        client.post(f"/staff/events/{event.pk}/hand-over/", {"reference": "x"}).status_code == 403
    )
    assert not Handover.objects.exists()
    handover = handover_approve(
        event=event, reference="Agreement", actor=staff_create(role="privacy_officer")
    )
    client.force_login(staff_create(role="privacy_officer"))
    assert _export(client, event, handover).status_code == 403  # type: ignore[attr-defined]
    client.logout()
    assert _export(client, event, handover).status_code == 404  # type: ignore[attr-defined]
    assert not Disclosure.objects.exists()
    handover.refresh_from_db()
    assert handover.exported_at is None


@pytest.mark.promise("P14")
def test_a_handover_with_nobody_who_said_yes_is_refused_and_logs_nothing(client: Client) -> None:
    event = EventFactory()
    register(event, cosponsor_consent=False)
    handover = handover_approve(
        event=event, reference="Agreement", actor=staff_create(role="privacy_officer")
    )
    client.force_login(staff_create(role="events"))

    response = _export(client, event, handover)

    assert response.status_code == 302  # type: ignore[attr-defined]
    assert not Disclosure.objects.exists()
    handover.refresh_from_db()
    assert handover.exported_at is None


@pytest.mark.promise("P16")
def test_the_cosponsor_report_is_counts_with_small_cells_hidden(client: Client) -> None:
    event = EventFactory(capacity=12)
    staff = staff_create(role="events")
    people = [register(event, email=f"p{i}@example.com") for i in range(14)]
    for person in people[:11]:
        registration_check_in(event=event, registration_id=str(person.pk), actor=staff)

    rows = dict(event_report(event=event))

    assert rows["Registered"].count == 12
    assert rows["Came to the event"].count == 11
    assert rows["Registered but did not come"].suppressed
    assert rows["Still on the waiting list"].suppressed
    client.force_login(staff)
    page = client.get(f"/staff/events/{event.pk}/report/").content.decode()
    assert "Fewer than 10" in page and "p0@example.com" not in page
