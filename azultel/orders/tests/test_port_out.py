"""Port-out protection (FCC 2023 SIM-swap and port-out rules): the PIN, the freeze, the notice
before anything completes, wrong PINs throttled and locked; and the customer's own pages for
the PIN, the freeze, a line's 911 address and the yearly 911 notice (P13, P30)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from azultel.accounts.models import User
from azultel.comms.models import OutboxMessage
from azultel.core.actors import system_actor
from azultel.orders.models import (
    NoticeAcknowledgement,
    PhoneLine,
    PortOutProtection,
    PortOutRequest,
    PortOutStatus,
)
from azultel.orders.services import (
    e911_notice_reminders_send,
    port_out_freeze_set,
    port_out_pin_set,
    port_out_request,
    port_out_requests_complete,
)
from azultel.orders.tests.factories import PhoneLineFactory

pytestmark = pytest.mark.django_db
PIN = "246810"
CARRIER = "Sandbox partner carrier"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def line(customer: User) -> PhoneLine:
    return PhoneLineFactory(service__order_line__order__customer=customer, number="+13055550150")


@pytest.fixture
def signed_in(customer: User) -> Client:
    client = Client()
    client.force_login(customer)
    return client


def _ask(pin: str = PIN, kind: str = "port_out") -> PortOutRequest:
    return port_out_request(
        number="+13055550150",
        kind=kind,
        pin=pin,
        requested_by=CARRIER,
        actor=system_actor("partner-carrier"),
    )


def _sent(template: str) -> int:
    return OutboxMessage.objects.filter(template=template).count()


def test_a_port_out_is_blocked_while_the_freeze_is_on_even_with_the_right_pin(
    customer: User, line: PhoneLine
) -> None:
    port_out_pin_set(customer=customer, pin=PIN, actor=customer)
    port_out_freeze_set(customer=customer, frozen=True, actor=customer)

    request = _ask()

    assert request.status == PortOutStatus.REFUSED
    assert request.reason == "The port-out freeze is on."
    assert not PortOutRequest.objects.filter(status=PortOutStatus.HELD).exists()
    assert port_out_requests_complete() == 0
    assert _sent("orders_port_out_blocked") == 1


@pytest.mark.promise("P30")
@pytest.mark.parametrize("kind", ["port_out", "sim_change", "line_change"])
def test_p30_the_customer_is_told_before_a_request_completes_and_the_job_waits_for_the_hold(
    customer: User, line: PhoneLine, kind: str
) -> None:
    port_out_pin_set(customer=customer, pin=PIN, actor=customer)

    request = _ask(kind=kind)

    assert request.status == PortOutStatus.HELD
    assert _sent("orders_port_out_notice") == 1
    notice = OutboxMessage.objects.get(template="orders_port_out_notice")
    assert "0150" in notice.body_text and PIN not in notice.body_text
    # The job before the hold ends: nothing completes.
    assert port_out_requests_complete() == 0
    assert PortOutRequest.objects.get().status == PortOutStatus.HELD
    # After the hold: it completes, after the notice was queued.
    PortOutRequest.objects.update(completes_after=timezone.now() - timedelta(minutes=1))
    assert port_out_requests_complete() == 1
    done = PortOutRequest.objects.get()
    assert done.status == PortOutStatus.COMPLETED
    assert done.completed_at is not None and notice.created_at < done.completed_at


def test_wrong_pins_lock_port_outs_with_a_notice_until_a_new_pin_is_set(
    customer: User, line: PhoneLine, settings: Any
) -> None:
    settings.PORT_OUT_PIN_MAX_FAILURES = 3
    port_out_pin_set(customer=customer, pin=PIN, actor=customer)

    refused = [_ask(pin="111111") for _ in range(3)]
    after_lock = _ask(pin=PIN)

    assert [r.reason for r in refused] == ["Wrong PIN."] * 3
    assert after_lock.status == PortOutStatus.REFUSED
    assert after_lock.reason == "Locked after too many wrong PINs."
    protection = PortOutProtection.objects.get(customer=customer)
    assert protection.locked_at is not None and protection.failed_attempts == 3
    assert _sent("orders_port_out_blocked") == 1
    assert not PortOutRequest.objects.filter(status=PortOutStatus.HELD).exists()

    port_out_pin_set(customer=customer, pin="13579246", actor=customer)
    assert _ask(pin="13579246").status == PortOutStatus.HELD


def test_pin_attempts_are_throttled_per_line_whatever_the_pin(
    customer: User, line: PhoneLine, settings: Any
) -> None:
    settings.PORT_OUT_PIN_MAX_FAILURES = 100
    port_out_pin_set(customer=customer, pin=PIN, actor=customer)
    for _ in range(10):
        _ask(pin="000000")

    throttled = _ask(pin=PIN)

    assert throttled.status == PortOutStatus.REFUSED
    assert throttled.reason == "Too many attempts; wait."
    assert not PortOutRequest.objects.filter(status=PortOutStatus.HELD).exists()


def test_an_unknown_number_or_kind_is_refused_and_writes_nothing(line: PhoneLine) -> None:
    from azultel.orders.services import PortOutRefused

    with pytest.raises(PortOutRefused, match="No active Azultel line"):
        port_out_request(
            number="+19999999999", kind="port_out", pin=PIN, requested_by=CARRIER, actor=None
        )
    with pytest.raises(PortOutRefused, match="Choose port-out"):
        _ask(kind="teleport")
    assert PortOutRequest.objects.count() == 0


# --- The customer's pages ----------------------------------------------------------------------


@pytest.mark.promise("P23")
def test_setting_the_pin_stores_only_a_hash_and_never_shows_it_back(
    signed_in: Client, customer: User, line: PhoneLine
) -> None:
    response = signed_in.post(
        "/account/services/port-out/", {"action": "pin", "pin": PIN, "pin_again": PIN}
    )
    assert response.status_code == 302

    protection = PortOutProtection.objects.get(customer=customer)
    assert protection.pin_hash.startswith(("pbkdf2", "argon2", "md5", "scrypt", "bcrypt"))
    assert PIN not in protection.pin_hash
    page = signed_in.get("/account/services/port-out/").content.decode()
    assert "Your PIN was set on" in page and PIN not in page
    assert _sent("orders_port_out_pin_set") == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"pin": "12ab", "pin_again": "12ab"}, "Use 6 to 10 digits only."),
        ({"pin": PIN, "pin_again": "246811"}, "The two PINs are different."),
        ({"pin": "", "pin_again": ""}, "Enter a PIN of 6 to 10 digits."),
    ],
)
def test_a_bad_pin_is_refused_next_to_the_field_and_nothing_is_stored(
    signed_in: Client, customer: User, data: dict[str, str], message: str
) -> None:
    response = signed_in.post("/account/services/port-out/", {"action": "pin", **data})

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "<title>Error:" in html
    assert 'value="246810"' not in html
    assert not PortOutProtection.objects.filter(customer=customer).exclude(pin_hash="").exists()


def test_the_freeze_switch_turns_on_and_off_from_the_page(
    signed_in: Client, customer: User, line: PhoneLine
) -> None:
    signed_in.post("/account/services/port-out/", {"action": "freeze", "frozen": "on"})
    assert PortOutProtection.objects.get(customer=customer).frozen is True

    response = signed_in.post("/account/services/port-out/", {"action": "freeze", "frozen": "x"})
    assert response.status_code == 400
    assert PortOutProtection.objects.get(customer=customer).frozen is True

    signed_in.post("/account/services/port-out/", {"action": "freeze", "frozen": "off"})
    assert PortOutProtection.objects.get(customer=customer).frozen is False
    assert _sent("orders_port_out_freeze") == 2


def test_the_customer_stops_a_held_request_but_not_someone_elses(
    signed_in: Client, customer: User, other_customer: User, line: PhoneLine
) -> None:
    request = _ask()
    other = Client()
    other.force_login(other_customer)

    refused = other.post(f"/account/services/port-out/{request.pk}/stop/")
    assert refused.status_code == 404
    assert PortOutRequest.objects.get().status == PortOutStatus.HELD

    page = signed_in.get("/account/services/port-out/").content.decode()
    assert "Stop this request" in page
    signed_in.post(f"/account/services/port-out/{request.pk}/stop/")
    assert PortOutRequest.objects.get().status == PortOutStatus.CANCELLED
    PortOutRequest.objects.update(completes_after=timezone.now() - timedelta(days=2))
    assert port_out_requests_complete() == 0


E911_NEW = {"street": "80 SW 8th St", "unit": "Floor 12", "city": "Miami", "state": "FL",
            "zip_code": "33130"}  # fmt: skip


@pytest.mark.promise("P13")
@pytest.mark.promise("P30")
def test_p13_the_customer_updates_a_lines_911_address_and_is_told_without_the_new_address(
    signed_in: Client, customer: User, line: PhoneLine
) -> None:
    response = signed_in.post(f"/account/services/lines/{line.pk}/911/", E911_NEW)

    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.e911_street, line.e911_unit, line.e911_zip) == (
        "80 SW 8th St",
        "Floor 12",
        "33130",
    )
    message = OutboxMessage.objects.get(template="orders_e911_changed")
    assert message.to_address == customer.email
    assert "80 SW 8th St" not in message.body_text
    assert "80 SW 8th St" in signed_in.get("/account/services/").content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"zip_code": "ABCDE"}, "Enter a five-digit ZIP code, like 33131."),
        ({"city": ""}, "Enter the city."),
        ({"state": ""}, "Choose the state."),
    ],
)
def test_a_bad_911_address_change_is_refused_and_the_old_one_stays(
    signed_in: Client, line: PhoneLine, change: dict[str, str], message: str
) -> None:
    before = (line.e911_street, line.e911_zip)

    response = signed_in.post(f"/account/services/lines/{line.pk}/911/", {**E911_NEW, **change})

    assert response.status_code == 400
    assert message in response.content.decode()
    line.refresh_from_db()
    assert (line.e911_street, line.e911_zip) == before
    assert _sent("orders_e911_changed") == 0


def test_another_customers_line_is_not_found_and_not_changed(
    other_customer: User, line: PhoneLine
) -> None:
    other = Client()
    other.force_login(other_customer)

    assert other.get(f"/account/services/lines/{line.pk}/911/").status_code == 404
    assert other.post(f"/account/services/lines/{line.pk}/911/", E911_NEW).status_code == 404
    line.refresh_from_db()
    assert line.e911_street != "80 SW 8th St"


def test_the_account_asks_for_the_911_notice_until_acknowledged_and_again_after_a_year(
    signed_in: Client, customer: User, line: PhoneLine
) -> None:
    prompt = "Please read: 911 and power cuts"
    assert prompt in signed_in.get("/account/services/").content.decode()

    signed_in.post("/account/services/911-notice/", {"acknowledge": "on"})
    ack = NoticeAcknowledgement.objects.get(customer=customer)
    assert (ack.context, ack.notice_version) == ("account", "2026-1")
    assert prompt not in signed_in.get("/account/services/").content.decode()
    assert e911_notice_reminders_send() == 0

    NoticeAcknowledgement.objects.update(acknowledged_at=timezone.now() - timedelta(days=366))
    assert prompt in signed_in.get("/account/services/").content.decode()
    assert e911_notice_reminders_send() == 1
    e911_notice_reminders_send()
    assert _sent("orders_e911_notice_due") == 1


def test_acknowledging_without_ticking_the_box_records_nothing(
    signed_in: Client, customer: User, line: PhoneLine
) -> None:
    signed_in.post("/account/services/911-notice/", {})
    assert NoticeAcknowledgement.objects.count() == 0


def test_the_account_overview_prompts_for_the_911_notice(
    signed_in: Client, customer: User, line: PhoneLine
) -> None:
    assert "Read the notice" in signed_in.get("/account/").content.decode()
    signed_in.post("/account/services/911-notice/", {"acknowledge": "on"})
    assert "Read the notice" not in signed_in.get("/account/").content.decode()


def test_account_deletion_erases_911_addresses_and_port_out_records(
    customer: User, line: PhoneLine
) -> None:
    """B2: nothing of numbers and 911 outlives the account."""
    from azultel.orders.services import customer_orders_erase

    port_out_pin_set(customer=customer, pin=PIN, actor=customer)
    _ask()
    NoticeAcknowledgement.objects.create(
        customer=customer, notice_version="2026-1", acknowledged_at=timezone.now(), context="x"
    )

    customer_orders_erase(customer=customer)

    line.refresh_from_db()
    assert (line.e911_street, line.e911_city, line.e911_zip) == ("", "", "")
    assert PortOutProtection.objects.count() == PortOutRequest.objects.count() == 0
    assert NoticeAcknowledgement.objects.count() == 0


def test_the_partner_carrier_command_holds_a_request_with_the_right_pin(
    customer: User, line: PhoneLine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from io import StringIO

    from django.core.management import call_command

    port_out_pin_set(customer=customer, pin=PIN, actor=customer)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PIN)
    out = StringIO()

    call_command("orders_port_out_request", "+13055550150", "--kind", "sim_change", stdout=out)

    assert "Waiting: we told the customer" in out.getvalue()
    assert PortOutRequest.objects.get().status == PortOutStatus.HELD
