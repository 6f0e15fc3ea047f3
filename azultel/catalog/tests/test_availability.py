"""Service availability: what can be ordered at a ZIP code and street, with the reason for what
cannot; the service-area checks other apps use (P10); bad input changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azultel.catalog.models import Product, ServiceArea
from azultel.catalog.selectors import (
    availability_check,
    product_available_at,
    product_get_offered,
    service_area_covers,
    service_area_for_zip,
    state_for_zip,
)
from azultel.catalog.tests.factories import (
    InternetPlanFactory,
    ProductFactory,
    ServiceAreaFactory,
    StatePriceFactory,
)

URL = "/shop/availability/"


def _reasons(zip_code: str, street: str | None = None) -> dict[str, str]:
    result = availability_check(zip_code=zip_code, street=street)
    return {item.product.slug: item.reason for item in result.items}


@pytest.mark.django_db
def test_a_served_zip_offers_what_its_network_carries_at_its_states_prices(
    demo_catalog: None,
) -> None:
    result = availability_check(zip_code="33131")

    orderable = {item.product.slug: item.price for item in result.orderable}
    assert (result.state, result.area.city if result.area else None) == ("FL", "Miami")
    assert set(orderable) == {
        "home-phone-essential",
        "dsl-25",
        "fiber-300",
        "fiber-1-gig",
        "phone-fiber-300-bundle",
        "sip-termination",
        "ethernet-private-line",
        "cordless-phone-dect-2",
        "wifi-6-mesh-router",
        "battery-backup-phone",
    }
    fiber = orderable["fiber-300"]
    assert fiber is not None and (fiber.intro_monthly, fiber.monthly) == (
        Decimal("40.00"),
        Decimal("55.00"),
    )
    assert result.unavailable == []


@pytest.mark.django_db
def test_each_thing_that_cannot_be_ordered_says_why(demo_catalog: None) -> None:
    reasons = _reasons("32801")  # Orlando: copper and DSL, no fiber

    assert reasons["fiber-300"] == "Needs fiber, which does not reach ZIP code 32801 yet."
    assert reasons["phone-fiber-300-bundle"] == (
        "Needs fiber, which does not reach ZIP code 32801 yet."
    )
    assert reasons["dsl-25"] == ""
    assert reasons["home-phone-essential"] == ""


@pytest.mark.django_db
def test_a_fiber_only_zip_cannot_take_a_copper_line(demo_catalog: None) -> None:
    reasons = _reasons("00926")

    assert reasons["home-phone-essential"] == (
        "Needs a copper phone line, which does not reach ZIP code 00926 yet."
    )
    assert reasons["fiber-1-gig"] == "Not offered in Puerto Rico."
    assert reasons["fiber-300"] == ""


@pytest.mark.django_db
def test_a_street_without_fiber_in_a_fiber_zip_is_told_so(demo_catalog: None) -> None:
    on_ocean_drive = _reasons("33139", "120 Ocean Dr.")
    elsewhere = _reasons("33139", "Collins Avenue")

    assert on_ocean_drive["fiber-300"] == (
        "Needs fiber, which is not available on 120 Ocean Dr. in ZIP code 33139."
    )
    assert elsewhere["fiber-300"] == ""
    assert on_ocean_drive["home-phone-essential"] == ""


@pytest.mark.django_db
def test_a_street_with_fiber_in_a_zip_without_it_can_order_fiber(demo_catalog: None) -> None:
    on_roswell = _reasons("30060", "Roswell Street")
    elsewhere = _reasons("30060")

    assert on_roswell["fiber-300"] == ""
    assert elsewhere["fiber-300"] == "Needs fiber, which does not reach ZIP code 30060 yet."


@pytest.mark.django_db
def test_an_address_outside_the_network_can_still_buy_devices(demo_catalog: None) -> None:
    result = availability_check(zip_code="10001")

    reasons = {item.product.slug: item.reason for item in result.items}
    assert (result.state, result.area) == ("NY", None)
    assert reasons["fiber-300"] == "Our network does not reach ZIP code 10001 yet."
    assert reasons["dsl-25"] == "Not offered in New York."
    assert reasons["wifi-6-mesh-router"] == ""
    price = result.for_product(Product.objects.get(slug="wifi-6-mesh-router"))
    assert price is not None and price.price is not None
    assert price.price.one_time == Decimal("159.99")


@pytest.mark.django_db
def test_a_paused_service_area_takes_no_new_orders(demo_catalog: None) -> None:
    ServiceArea.objects.filter(zip_code="33131").update(is_active=False)

    reasons = _reasons("33131")

    assert reasons["fiber-300"] == ("We are not taking new orders in ZIP code 33131 at the moment.")
    assert reasons["cordless-phone-dect-2"] == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zip_code", "message"),
    [
        ("00001", "We could not find ZIP code 00001. Please check it and try again."),
        ("3313", "Enter a five-digit ZIP code, like 33131."),
        ("", "Enter a five-digit ZIP code, like 33131."),
    ],
)
def test_an_unknown_zip_gives_a_message_and_no_products(zip_code: str, message: str) -> None:
    result = availability_check(zip_code=zip_code)

    assert (result.message, result.items, result.state) == (message, [], None)


@pytest.mark.django_db
@pytest.mark.parametrize("size", [5, 50])
def test_the_check_costs_the_same_queries_whatever_the_catalog_size(
    django_assert_num_queries: object, size: int
) -> None:
    ServiceAreaFactory(zip_code="33131")
    for _ in range(size):
        StatePriceFactory(product=InternetPlanFactory(), state="FL", monthly_price=Decimal("50"))
        StatePriceFactory(state="GA")

    with django_assert_num_queries(3):  # type: ignore[operator]
        result = availability_check(zip_code="33131", street="Ocean Drive")

    assert len(result.orderable) == size
    assert len(result.unavailable) == size


@pytest.mark.promise("P10")
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zip_code", "covered"),
    [
        ("33131", True),
        ("33131-0001", True),
        ("00926", True),
        ("10001", False),
        ("33130", False),
        ("3313", False),
        ("", False),
        ("33131' OR 1=1", False),
    ],
)
def test_service_area_covers_only_served_zips(
    demo_catalog: None, zip_code: str, covered: bool
) -> None:
    assert service_area_covers(zip_code=zip_code) is covered


@pytest.mark.promise("P10")
@pytest.mark.django_db
def test_a_paused_service_area_does_not_cover_its_zip(demo_catalog: None) -> None:
    ServiceArea.objects.filter(zip_code="00901").update(is_active=False)

    assert service_area_covers(zip_code="00901") is False
    assert service_area_for_zip(zip_code="00901") is None
    assert service_area_for_zip(zip_code="00926") == ServiceArea.objects.get(zip_code="00926")


@pytest.mark.django_db
def test_the_state_of_a_zip_comes_from_service_areas_first(demo_catalog: None) -> None:
    ServiceAreaFactory(zip_code="33998", state="GA")

    assert state_for_zip(zip_code="33998") == "GA"
    assert state_for_zip(zip_code="33997") == "FL"
    assert state_for_zip(zip_code="nope") is None


@pytest.mark.django_db
def test_orders_get_a_product_with_its_price_only_where_it_is_offered(
    demo_catalog: None,
) -> None:
    offered = product_get_offered(slug="fiber-300", state="GA")

    assert offered is not None
    product, price = offered
    assert (product.slug, price.state, price.monthly) == ("fiber-300", "GA", Decimal("60.00"))
    assert product_get_offered(slug="dsl-25", state="NY") is None
    assert product_get_offered(slug="fiber-300", state="ga") is None
    assert product_get_offered(slug="fiber-300", state="ZZ") is None
    assert product_get_offered(slug="no-such-product", state="GA") is None


@pytest.mark.django_db
def test_orders_get_nothing_for_a_retired_product() -> None:
    StatePriceFactory(product=ProductFactory(slug="old-modem", is_active=False), state="FL")

    assert product_get_offered(slug="old-modem", state="FL") is None


@pytest.mark.django_db
def test_checkout_can_recheck_one_product_at_an_address(demo_catalog: None) -> None:
    fiber = Product.objects.get(slug="fiber-300")

    at_ocean_drive = product_available_at(product=fiber, zip_code="33139", street="Ocean Drive")
    in_miami = product_available_at(product=fiber, zip_code="33131")

    assert at_ocean_drive is not None and at_ocean_drive.orderable is False
    assert in_miami is not None and in_miami.orderable is True
    assert product_available_at(product=fiber, zip_code="00001") is None


# --- Over HTTP ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_page_lists_what_can_and_cannot_be_ordered(client: Client, demo_catalog: None) -> None:
    response = client.get(URL, {"zip_code": "33139", "street": "Ocean Drive"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "At ZIP code 33139, Ocean Drive (Miami Beach, Florida)" in html
    orderable = html.split("What you can order", 1)[1].split("</table>", 1)[0]
    unavailable = html.split("What cannot be ordered", 1)[1].split("</table>", 1)[0]
    assert "Home Phone Essential" in orderable and "$24.99 a month" in orderable
    assert "Fiber 300/300" in unavailable
    assert "Needs fiber, which is not available on Ocean Drive in ZIP code 33139." in unavailable
    assert 'href="/shop/?state=FL"' in html
    assert dict(response.cookies) == {}


@pytest.mark.django_db
def test_an_unserved_zip_says_the_network_does_not_reach_it(
    client: Client, demo_catalog: None
) -> None:
    response = client.get(URL, {"zip_code": "78701"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Our network does not reach this ZIP code yet" in html
    assert "Our network does not reach ZIP code 78701 yet." in html
    assert "Wi-Fi 6 mesh router" in html.split("What you can order", 1)[1].split("</table>")[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"zip_code": ""}, "This field is required."),
        ({"zip_code": "3313"}, "Enter a five-digit ZIP code"),
        ({"zip_code": "33131-"}, "Enter a five-digit ZIP code"),
        ({"zip_code": "<script>"}, "Enter a five-digit ZIP code"),
        ({"zip_code": "00001"}, "We could not find ZIP code 00001."),
        ({"zip_code": "96960"}, "We could not find ZIP code 96960."),
        ({"zip_code": "33131", "street": "x" * 121}, "at most 120 characters"),
        ({"zip_code": "33131", "street": "Ocean\x00Drive"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_gives_a_clear_message_and_changes_nothing(
    client: Client,
    demo_catalog: None,
    catalog_rows: Callable[[], dict[str, int]],
    query: dict[str, str],
    message: str,
) -> None:
    before = catalog_rows()

    response = client.get(URL, query)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "What you can order" not in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert catalog_rows() == before
    assert dict(response.cookies) == {}
    assert Session.objects.count() == 0


@pytest.mark.django_db
def test_the_empty_page_shows_the_form_only(client: Client) -> None:
    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/shop/availability/"' in html
    assert 'autocomplete="postal-code"' in html
    assert "error-summary" not in html


@pytest.mark.django_db
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    zip_code=st.one_of(st.text(max_size=12), st.from_regex(r"\A[0-9]{5}(-[0-9]{4})?\Z")),
    street=st.text(max_size=140),
)
def test_any_input_is_answered_without_error_or_writes(
    client: Client, zip_code: str, street: str
) -> None:
    before = (Product.objects.count(), ServiceArea.objects.count(), Session.objects.count())

    response = client.get(URL, {"zip_code": zip_code, "street": street})

    assert response.status_code in (200, 400)
    assert (Product.objects.count(), ServiceArea.objects.count(), Session.objects.count()) == before
