"""Database constraints keep impossible catalog rows out, whatever writes them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from azultel.catalog.models import Kind, Line, ServiceStreet, StatePrice
from azultel.catalog.tests.factories import (
    ProductFactory,
    ServiceAreaFactory,
    ServiceStreetFactory,
    StatePriceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "values",
    [
        {"monthly_price": Decimal("-0.01")},
        {"one_time_price": Decimal("-1")},
        {"install_fee": Decimal("-5")},
        {"intro_monthly_price": Decimal("10"), "intro_months": None},
        {"intro_monthly_price": None, "intro_months": 6},
        {"intro_monthly_price": Decimal("-1"), "intro_months": 6},
        {"intro_monthly_price": Decimal("10"), "intro_months": 0},
        {"state": "XX"},
        {"state": "AA"},
        {"state": "fl"},
    ],
)
def test_impossible_state_prices_are_refused_by_the_database(values: dict[str, Any]) -> None:
    product = ProductFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        StatePrice.objects.create(product=product, **{"state": "FL", **values})

    assert StatePrice.objects.count() == 0


def test_a_product_has_one_price_per_state() -> None:
    price = StatePriceFactory(state="GA")

    with pytest.raises(IntegrityError), transaction.atomic():
        StatePriceFactory(product=price.product, state="GA")

    assert StatePrice.objects.count() == 1


@pytest.mark.parametrize(
    "values",
    [
        {"line": Line.HOME, "kind": Kind.DEVICE},
        {"line": Line.RETAIL, "kind": Kind.INTERNET},
        {"line": Line.CARRIER, "kind": Kind.BUNDLE},
        {"line": Line.RETAIL, "kind": Kind.DEVICE, "quote_only": True},
        {"line": "mobile", "kind": Kind.DEVICE},
        {"technology": "5g"},
    ],
)
def test_products_must_fit_their_line(values: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductFactory(**values)


def test_service_area_zip_must_be_five_digits_in_a_served_state() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceAreaFactory(zip_code="3313")
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceAreaFactory(zip_code="33131", state="AE")


def test_street_exception_stores_a_comparable_key_and_is_unique_per_technology() -> None:
    rule = ServiceStreetFactory(street="Ocean Drive")

    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceStreetFactory(area=rule.area, street="ocean dr", technology=rule.technology)

    assert ServiceStreet.objects.get().street_key == "OCEAN DR"


def test_renaming_a_street_with_update_fields_keeps_the_key_in_step() -> None:
    rule = ServiceStreetFactory(street="Ocean Drive")
    rule.street = "Collins Avenue"

    rule.save(update_fields=["street"])

    rule.refresh_from_db()
    assert rule.street_key == "COLLINS AVE"
