"""Outages: posted for a ZIP list, one start and one end email per customer in the area however
often the jobs run, the banner only for customers in the area, tickets linked, bad input refused
with nothing saved."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create
from azultel.care import services
from azultel.care.models import Outage, OutageNotice, OutageStatus, OutageZip, Ticket
from azultel.care.tests.conftest import service_in
from azultel.comms.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _restore_in(hours: int) -> str:
    return timezone.localtime(timezone.now() + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


def _post(client: Client, **overrides: str) -> Any:
    data = {
        "title": "Internet down in Brickell",
        "details": "A fiber cable was cut by road works.",
        "zip_codes": "33131, 33130",
        "estimated_restore_at": _restore_in(4),
    }
    data.update(overrides)
    return client.post("/staff/care/outages/", data)


def _emails(template: str) -> list[str]:
    return sorted(
        OutboxMessage.objects.filter(template=template).values_list("to_address", flat=True)
    )


def test_customers_in_the_area_get_one_email_at_start_and_one_at_end(
    maria: User, care: User, care_client: Client
) -> None:
    service_in(maria, "33131")
    neighbour = customer_create(email="neighbour@example.com")
    service_in(neighbour, "33130-1234")
    far = customer_create(email="far@example.com")
    service_in(far, "10001")

    assert _post(care_client).status_code == 302
    outage = Outage.objects.get()
    assert sorted(outage.zips.values_list("zip_code", flat=True)) == ["33130", "33131"]
    assert _emails("care_outage_start") == ["maria@example.com", "neighbour@example.com"]

    # The periodic sweep and a second send find nothing new.
    assert services.outage_notices_sweep() == 0
    assert services.outage_notices_send(outage=outage, actor=care) == 0
    assert len(_emails("care_outage_start")) == 2

    assert care_client.post(f"/staff/care/outages/{outage.pk}/end/").status_code == 302
    outage.refresh_from_db()
    assert outage.status == OutageStatus.ENDED and outage.ended_at is not None
    assert _emails("care_outage_end") == ["maria@example.com", "neighbour@example.com"]

    # Ending twice, and the sweep after it, send nothing more.
    care_client.post(f"/staff/care/outages/{outage.pk}/end/")
    assert services.outage_notices_sweep() == 0
    assert len(_emails("care_outage_end")) == 2
    assert OutageNotice.objects.count() == 4


def test_a_customer_whose_service_starts_during_the_outage_gets_the_start_email_from_the_sweep(
    care: User, care_client: Client
) -> None:
    _post(care_client)
    late = customer_create(email="late@example.com")
    service_in(late, "33131")

    assert services.outage_notices_sweep() == 1
    assert services.outage_notices_sweep() == 0
    assert _emails("care_outage_start") == ["late@example.com"]


def test_the_banner_shows_only_to_customers_with_a_service_in_the_area(
    maria: User, maria_client: Client, care_client: Client
) -> None:
    service_in(maria, "33131")
    far = customer_create(email="far@example.com")
    service_in(far, "10001")
    far_client = Client()
    far_client.force_login(far)
    _post(care_client)

    for path in ("/account/help/", "/account/"):
        mine = maria_client.get(path).content.decode()
        assert 'data-testid="outage-banner"' in mine and "Internet down in Brickell" in mine
        theirs = far_client.get(path).content.decode()
        assert 'data-testid="outage-banner"' not in theirs

    Outage.objects.update(status=OutageStatus.ENDED, ended_at=timezone.now())
    assert 'data-testid="outage-banner"' not in maria_client.get("/account/help/").content.decode()


def test_open_tickets_from_the_area_and_new_ones_are_linked_to_the_outage(
    maria: User, care_client: Client
) -> None:
    service = service_in(maria, "33131")
    before = services.ticket_open(
        customer=maria,
        service_id=service.pk,
        category="no_service",
        symptoms="Nothing since noon.",
        actor=maria,
    )
    _post(care_client)
    outage = Outage.objects.get()
    after = services.ticket_open(
        customer=maria,
        service_id=service.pk,
        category="slow_internet",
        symptoms="Very slow.",
        actor=maria,
    )

    before.refresh_from_db()
    assert before.outage == outage and after.outage == outage
    bodies = OutboxMessage.objects.filter(template="care_ticket_opened").values_list(
        "body_text", flat=True
    )
    # Only the ticket opened during the outage is told of it.
    assert sum("Internet down in Brickell" in body for body in bodies) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"zip_codes": "3313, 33131"}, "These are not five-digit ZIP codes: 3313."),
        ({"zip_codes": ""}, "Enter at least one ZIP code."),
        ({"estimated_restore_at": "2020-01-01T10:00"}, "must be in the future"),
        ({"estimated_restore_at": "tomorrow"}, "Enter a date and time."),
        ({"title": ""}, "Give the outage a short title."),
    ],
)
def test_bad_outage_input_is_refused_next_to_the_field_and_nothing_is_saved(
    maria: User, care_client: Client, overrides: dict[str, str], message: str
) -> None:
    service_in(maria, "33131")

    response = _post(care_client, **overrides)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Outage.objects.exists() and not OutageZip.objects.exists()
    assert not OutboxMessage.objects.exists() and not Ticket.objects.exists()


def test_only_care_posts_outages(maria_client: Client) -> None:
    assert _post(maria_client).status_code == 403
    assert _post(Client()).status_code == 404
    assert not Outage.objects.exists()
