"""Plan changes on the customer desk (issue 20): only for a caller the agent has verified
(64.2010(b), P30), with the same proration quote the customer sees, one change per confirmed
form, and the customer's notice saying customer care made it (P13/P30). Refusals save nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from azultel.accounts.models import User
from azultel.accounts.testing import customer_create, staff_create
from azultel.billing.tests.factories import service_make
from azultel.care import services
from azultel.care.models import Method
from azultel.catalog.models import Product, Technology
from azultel.catalog.tests.factories import InternetPlanFactory, StatePriceFactory
from azultel.comms.models import OutboxMessage
from azultel.core.models import AuditEvent
from azultel.lifecycle.models import ServiceChange
from azultel.orders.models import Service, ServiceRate

pytestmark = pytest.mark.django_db

PASSCODE = "582914"


def _verified(customer: User, staff: User) -> None:
    services.passcode_set(customer=customer, passcode=PASSCODE, actor=customer)
    result = services.caller_verify(
        customer=customer, method=Method.PASSCODE, secret=PASSCODE, actor=staff
    )
    assert result.verified


def _url(name: str, customer: User, service: Service | None = None) -> str:
    args: list[object] = [customer.public_id]
    if service is not None:
        args.append(service.pk)
    return reverse(f"care:{name}", args=args)


def _nothing_changed(service: Service) -> None:
    assert not ServiceChange.objects.exists()
    assert not ServiceRate.objects.exists()
    assert not OutboxMessage.objects.filter(template="lifecycle_change_notice").exists()
    service.refresh_from_db()
    assert service.product_name == "Fiber 300"


def test_p30_care_cannot_change_a_plan_before_verifying_the_caller_and_nothing_changes(
    maria: User, care: User, care_client: Client, fiber: Service, gig: Product
) -> None:
    services.passcode_set(customer=maria, passcode=PASSCODE, actor=maria)

    pages = [
        care_client.get(_url("desk_services", maria)),
        care_client.get(_url("desk_plan_choose", maria, fiber)),
        care_client.get(_url("desk_plan_review", maria, fiber), {"product": gig.pk}),
        care_client.post(
            _url("desk_plan_confirm", maria, fiber),
            {"product": gig.pk, "idempotency_key": "k" * 24},
        ),
    ]

    assert [p.status_code for p in pages] == [403, 403, 403, 403]
    assert all("Verify the caller first" in p.content.decode() for p in pages)
    assert "Fiber 1 Gig" not in pages[2].content.decode()
    _nothing_changed(fiber)
    assert AuditEvent.objects.filter(action="care.caller_gate_refused", actor=care).count() == 4


def test_p30_another_agents_verification_does_not_open_the_change(
    maria: User, care: User, care_client: Client, fiber: Service, gig: Product
) -> None:
    _verified(maria, staff_create(role="customer_care", email="other.agent@example.com"))

    response = care_client.post(
        _url("desk_plan_confirm", maria, fiber), {"product": gig.pk, "idempotency_key": "k" * 24}
    )

    assert response.status_code == 403
    _nothing_changed(fiber)


def test_staff_without_the_care_role_cannot_change_a_plan(
    maria: User, fiber: Service, gig: Product
) -> None:
    client = Client()
    client.force_login(staff_create(role="billing"))

    response = client.post(
        _url("desk_plan_confirm", maria, fiber), {"product": gig.pk, "idempotency_key": "k" * 24}
    )

    assert response.status_code == 403
    _nothing_changed(fiber)


def test_p13_p30_care_changes_the_plan_of_a_verified_caller_once_and_the_customer_is_told(
    maria: User, care: User, care_client: Client, fiber: Service, gig: Product
) -> None:
    _verified(maria, care)
    customer_client = Client()
    customer_client.force_login(maria)

    listed = care_client.get(_url("desk_services", maria))
    assert listed.status_code == 200
    assert _url("desk_plan_choose", maria, fiber) in listed.content.decode()
    review = care_client.get(_url("desk_plan_review", maria, fiber), {"product": gig.pk})
    assert review.status_code == 200
    assert "Credit for the unused part of Fiber 300" in review.content.decode()
    assert not ServiceRate.objects.exists()  # the review changes nothing
    # The same quote as the customer's own review page.
    customer_review = customer_client.get(
        reverse("lifecycle:plan_review", args=[fiber.pk]), {"product": gig.pk}
    )
    quote, customer_quote = review.context["quote"], customer_review.context["quote"]
    assert (quote.credit, quote.charge, quote.bill_effect) == (
        customer_quote.credit,
        customer_quote.charge,
        customer_quote.bill_effect,
    )
    assert quote.bill_effect_text in review.content.decode()

    data = {"product": gig.pk, "idempotency_key": review.context["form"].initial["idempotency_key"]}
    first = care_client.post(_url("desk_plan_confirm", maria, fiber), data)
    second = care_client.post(_url("desk_plan_confirm", maria, fiber), data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == _url("desk_services", maria)
    change = ServiceChange.objects.get()
    assert (change.actor, change.customer, change.to_product_name) == (care, maria, "Fiber 1 Gig")
    assert change.bill_effect == quote.bill_effect
    assert ServiceRate.objects.count() == 1
    fiber.refresh_from_db()
    assert fiber.product_name == "Fiber 1 Gig"
    notice = OutboxMessage.objects.get(template="lifecycle_change_notice")
    assert notice.to_address == "maria@example.com"
    assert "Our customer care team made this change" in notice.body_text
    assert "Fiber 1 Gig" in notice.body_text
    assert "Fiber 1 Gig" in care_client.get(_url("desk_services", maria)).content.decode()


def test_another_customers_service_is_not_found_and_nothing_changes(
    maria: User, care: User, care_client: Client, fiber: Service, gig: Product
) -> None:
    jon = customer_create(email="jon@example.com", given_name="Jon", family_name="Other")
    _verified(jon, care)

    review = care_client.get(_url("desk_plan_review", jon, fiber), {"product": gig.pk})
    confirm = care_client.post(
        _url("desk_plan_confirm", jon, fiber), {"product": gig.pk, "idempotency_key": "k" * 24}
    )

    assert review.status_code == confirm.status_code == 404
    _nothing_changed(fiber)


def test_a_plan_not_offered_is_refused_next_to_the_field_and_nothing_changes(
    maria: User, care: User, care_client: Client, fiber: Service, gig: Product
) -> None:
    _verified(maria, care)

    review = care_client.get(_url("desk_plan_review", maria, fiber), {"product": 999999})
    confirm = care_client.post(
        _url("desk_plan_confirm", maria, fiber), {"product": 999999, "idempotency_key": "k" * 24}
    )

    assert review.status_code == confirm.status_code == 400
    assert "<title>Error:" in review.content.decode()
    assert "Choose one of the plans listed." in confirm.content.decode()
    _nothing_changed(fiber)


def test_a_confirm_without_its_key_is_refused_and_nothing_changes(
    maria: User, care: User, care_client: Client, fiber: Service, gig: Product
) -> None:
    _verified(maria, care)

    response = care_client.post(_url("desk_plan_confirm", maria, fiber), {"product": gig.pk})

    assert response.status_code == 400
    assert "This form has expired" in response.content.decode()
    _nothing_changed(fiber)


def test_the_services_page_reads_in_a_fixed_number_of_queries(
    maria: User,
    care: User,
    care_client: Client,
    fiber: Service,
    django_assert_max_num_queries: object,
) -> None:
    _verified(maria, care)
    for n in range(3):
        service_make(maria, name=f"Home Phone {n}", started_on=date(2026, 1, 1))
    care_client.get(_url("desk_services", maria))  # warm the session and permission caches

    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = care_client.get(_url("desk_services", maria))

    assert response.status_code == 200
    assert response.content.decode().count("Change plan<span") == 4


def test_the_staff_customer_record_links_care_to_the_desk(maria: User, care_client: Client) -> None:
    record = care_client.get(reverse("accounts:staff_customer_detail", args=[maria.public_id]))

    assert record.status_code == 200
    assert reverse("care:desk", args=[maria.public_id]) in record.content.decode()


def test_the_desk_links_to_the_services_only_once_the_caller_is_verified(
    maria: User, care: User, care_client: Client
) -> None:
    services_url = _url("desk_services", maria)
    assert services_url not in care_client.get(_url("desk", maria)).content.decode()

    _verified(maria, care)

    assert services_url in care_client.get(_url("desk", maria)).content.decode()


def test_a_second_change_while_one_is_booked_is_refused_and_the_booking_is_shown(
    maria: User, care: User, care_client: Client, fiber: Service, gig: Product
) -> None:
    _verified(maria, care)
    cheaper = InternetPlanFactory(name="Fiber 100", technology=Technology.NONE)
    StatePriceFactory(product=cheaper, state="FL", monthly_price=Decimal("40.00"))
    booked = care_client.get(_url("desk_plan_review", maria, fiber), {"product": cheaper.pk})
    key = booked.context["form"].initial["idempotency_key"]
    care_client.post(
        _url("desk_plan_confirm", maria, fiber), {"product": cheaper.pk, "idempotency_key": key}
    )

    choose = care_client.get(_url("desk_plan_choose", maria, fiber))
    again = care_client.post(
        _url("desk_plan_confirm", maria, fiber), {"product": gig.pk, "idempotency_key": "k" * 24}
    )

    assert "Plan change to Fiber 100 on" in choose.content.decode()
    assert again.status_code == 400
    assert "already scheduled" in again.content.decode()
    assert list(ServiceChange.objects.values_list("to_product_name", flat=True)) == ["Fiber 100"]
    assert ServiceRate.objects.count() == 1
