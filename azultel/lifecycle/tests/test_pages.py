"""The service-change pages: the quote before confirming, double submits, the notice, and
refusals (another customer's service, bad dates, an unserved address) that save nothing."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from azultel.accounts.models import User
from azultel.catalog.models import Product
from azultel.comms.models import OutboxMessage
from azultel.lifecycle.models import ServiceChange
from azultel.orders.models import Service, ServiceRate


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _nothing_saved(service: Service) -> None:
    assert not ServiceChange.objects.exists()
    assert not ServiceRate.objects.exists()
    assert not OutboxMessage.objects.filter(template="lifecycle_change_notice").exists()
    service.refresh_from_db()
    assert service.service_zip != "99999"


def test_review_shows_the_proration_then_a_double_submit_changes_once_p13_p30(
    customer: User, fiber: Service, gig: Product
) -> None:
    client = _client(customer)
    review = client.get(reverse("lifecycle:plan_review", args=[fiber.pk]), {"product": gig.pk})
    assert review.status_code == 200
    assert b"Credit for the unused part of Fiber 300" in review.content
    key = review.context["form"].initial["idempotency_key"]
    assert not ServiceRate.objects.exists()  # the review changes nothing
    data = {"product": gig.pk, "idempotency_key": key}
    url = reverse("lifecycle:plan_confirm", args=[fiber.pk])
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert ServiceChange.objects.count() == 1
    assert ServiceRate.objects.count() == 1
    # P13/P30: one notice to the account holder, naming the change
    notice = OutboxMessage.objects.get(template="lifecycle_change_notice")
    assert notice.to_address == "maria@example.com"
    assert "Fiber 1 Gig" in notice.body_text
    assert "If you did not ask for this change" in notice.body_text


def test_another_customers_service_is_not_found(
    other_customer: User, fiber: Service, gig: Product
) -> None:
    client = _client(other_customer)
    assert client.get(reverse("lifecycle:service_manage", args=[fiber.pk])).status_code == 404
    response = client.post(
        reverse("lifecycle:plan_confirm", args=[fiber.pk]),
        {"product": gig.pk, "idempotency_key": "a" * 24},
    )
    assert response.status_code == 404
    _nothing_saved(fiber)


def test_a_return_day_before_the_first_day_is_refused(customer: User, fiber: Service) -> None:
    today = timezone.localdate()
    response = _client(customer).post(
        reverse("lifecycle:suspend", args=[fiber.pk]),
        {
            "starts_on": (today + timedelta(days=5)).isoformat(),
            "ends_on": (today + timedelta(days=2)).isoformat(),
            "idempotency_key": "b" * 24,
        },
    )
    assert response.status_code == 400
    assert "The return day must be after the first day." in response.content.decode()
    _nothing_saved(fiber)


def test_a_suspension_longer_than_the_yearly_limit_is_refused(
    customer: User, fiber: Service
) -> None:
    today = timezone.localdate()
    response = _client(customer).post(
        reverse("lifecycle:suspend", args=[fiber.pk]),
        {
            "starts_on": (today + timedelta(days=1)).isoformat(),
            "ends_on": (today + timedelta(days=120)).isoformat(),
            "idempotency_key": "c" * 24,
        },
    )
    assert response.status_code == 400
    assert "at most 90 days a year" in response.content.decode()
    _nothing_saved(fiber)


def test_a_move_to_an_unserved_address_is_refused(customer: User, fiber: Service) -> None:
    response = _client(customer).post(
        reverse("lifecycle:move", args=[fiber.pk]),
        {
            "street": "1 Nowhere Road",
            "city": "Far Away",
            "zip_code": "99999",
            "idempotency_key": "e" * 24,
        },
    )
    assert response.status_code == 400
    assert "We cannot move" in response.content.decode() or "could not find" in (
        response.content.decode()
    )
    _nothing_saved(fiber)


def test_a_move_to_a_served_address_changes_the_service_address(
    customer: User, fiber: Service, served_zip: str
) -> None:
    response = _client(customer).post(
        reverse("lifecycle:move", args=[fiber.pk]),
        {
            "street": "500 Collins Ave",
            "city": "Miami Beach",
            "zip_code": served_zip,
            "idempotency_key": "f" * 24,
        },
    )
    assert response.status_code == 302
    fiber.refresh_from_db()
    assert (fiber.service_street, fiber.service_zip) == ("500 Collins Ave", served_zip)
    notice = OutboxMessage.objects.get(template="lifecycle_change_notice")
    # P30: the notice does not reveal the new address
    assert "Collins" not in notice.body_text


def test_a_refused_plan_change_shows_the_reason_and_saves_nothing(
    customer: User, fiber: Service, gig: Product
) -> None:
    """Confirming a plan that is not offered (a hand-made form) answers 400 with the reason on
    the page, not a server error, and nothing is saved."""
    response = _client(customer).post(
        reverse("lifecycle:plan_confirm", args=[fiber.pk]),
        {"product": fiber.product_id, "idempotency_key": "c" * 24},
    )
    assert response.status_code == 400
    assert "Choose one of the plans listed." in response.content.decode()
    _nothing_saved(fiber)
