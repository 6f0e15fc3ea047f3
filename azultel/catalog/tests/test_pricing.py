"""The price strategy: one object decides every price, and the visitor's state decides the strategy."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import RequestFactory

from azultel.catalog.models import Product
from azultel.catalog.pricing import Price, PriceStrategy, state_resolve, strategy_for_request
from azultel.catalog.tests.factories import ProductFactory, StatePriceFactory

COOKIE = "azultel_state"


@pytest.mark.parametrize("bad", ["fl", "XX", "", "FL ", "AA", "Florida"])
def test_a_strategy_is_only_built_for_an_exact_state_code(bad: str) -> None:
    with pytest.raises(ValueError, match="not a state"):
        PriceStrategy(bad)


@pytest.mark.promise("P26")
@pytest.mark.django_db
def test_the_same_product_costs_what_its_state_says() -> None:
    product = ProductFactory()
    StatePriceFactory(product=product, state="FL", one_time_price=Decimal("59.99"))
    StatePriceFactory(product=product, state="NY", one_time_price=Decimal("64.99"))

    florida = PriceStrategy("FL").price(product)
    new_york = PriceStrategy("NY").price(product)

    assert florida is not None and florida.one_time == Decimal("59.99")
    assert new_york is not None and new_york.one_time == Decimal("64.99")
    assert (florida.state, new_york.state) == ("FL", "NY")


@pytest.mark.promise("P26")
@pytest.mark.django_db
def test_a_product_without_a_price_in_a_state_is_not_offered_there() -> None:
    priced = StatePriceFactory(state="FL").product
    ProductFactory(slug="only-in-georgia").prices.create(state="GA", one_time_price=Decimal("5"))

    offered = PriceStrategy("FL").offered(Product.objects.all())

    assert list(offered) == [priced]
    assert PriceStrategy("TX").price(priced) is None


@pytest.mark.django_db
def test_an_inactive_product_is_offered_nowhere() -> None:
    product = StatePriceFactory(state="FL", product__is_active=False).product

    assert list(PriceStrategy("FL").offered(Product.objects.all())) == []
    assert PriceStrategy("FL").price(product) is None


@pytest.mark.django_db
def test_offered_products_carry_their_price_so_reading_it_costs_no_query(
    django_assert_num_queries: object,
) -> None:
    for _ in range(5):
        StatePriceFactory(
            state="GA",
            monthly_price=Decimal("40"),
            intro_monthly_price=Decimal("30"),
            intro_months=6,
            install_fee=Decimal("25"),
        )
    strategy = PriceStrategy("GA")

    with django_assert_num_queries(1):  # type: ignore[operator]
        prices = [strategy.price(p) for p in strategy.offered(Product.objects.all())]

    assert (
        prices
        == [Price("GA", Decimal("40.00"), Decimal("49.99"), Decimal("25.00"), Decimal("30.00"), 6)]
        * 5
    )


@pytest.mark.django_db
def test_annotated_prices_of_another_state_are_not_reused() -> None:
    product = StatePriceFactory(state="FL", one_time_price=Decimal("10")).product
    StatePriceFactory(product=product, state="GA", one_time_price=Decimal("12"))
    annotated_for_florida = PriceStrategy("FL").offered(Product.objects.all()).get()

    georgia = PriceStrategy("GA").price(annotated_for_florida)

    assert georgia is not None and georgia.one_time == Decimal("12.00")


@pytest.mark.django_db
def test_price_from_a_row_of_another_state_is_refused() -> None:
    row = StatePriceFactory(state="FL")

    with pytest.raises(ValueError, match="for FL, not GA"):
        PriceStrategy("GA").price_from_row(row.product, row)


def test_price_figures_what_is_charged_first_and_at_order() -> None:
    intro = Price("FL", Decimal("55"), Decimal("0"), Decimal("35"), Decimal("40"), 12)
    device = Price("FL", Decimal("0"), Decimal("59.99"), Decimal("0"))

    assert (intro.first_monthly, intro.due_at_order, intro.has_intro) == (
        Decimal("40"),
        Decimal("35"),
        True,
    )
    assert (device.first_monthly, device.due_at_order, device.is_recurring) == (
        Decimal("0"),
        Decimal("59.99"),
        False,
    )


@pytest.mark.parametrize(
    ("query", "cookies", "state", "source", "rejected_query", "rejected_cookie"),
    [
        ({}, {}, None, None, False, False),
        ({"state": "NY"}, {}, "NY", "query", False, False),
        ({"state": "ny"}, {}, "NY", "query", False, False),
        ({}, {COOKIE: "GA"}, "GA", "cookie", False, False),
        ({"state": "TX"}, {COOKIE: "GA"}, "TX", "query", False, False),
        ({"state": "ZZ"}, {COOKIE: "GA"}, "GA", "cookie", True, False),
        ({"state": "<script>"}, {}, None, None, True, False),
        ({"state": ""}, {COOKIE: "GA"}, "GA", "cookie", False, False),
        ({}, {COOKIE: "ga"}, None, None, False, True),
        ({}, {COOKIE: "GA; admin=1"}, None, None, False, True),
        ({}, {COOKIE: "ZZ"}, None, None, False, True),
        ({"state": "XX"}, {COOKIE: "YY"}, None, None, True, True),
    ],
)
def test_state_comes_from_the_query_then_the_cookie_and_bad_values_are_refused(
    query: dict[str, str],
    cookies: dict[str, str],
    state: str | None,
    source: str | None,
    rejected_query: bool,
    rejected_cookie: bool,
) -> None:
    request = RequestFactory().get("/shop/", query)
    request.COOKIES.update(cookies)

    resolution = state_resolve(request)

    assert (resolution.state, resolution.source) == (state, source)
    assert (resolution.rejected_query, resolution.rejected_cookie) == (
        rejected_query,
        rejected_cookie,
    )
    assert getattr(strategy_for_request(request), "state", None) == state


def test_links_keep_the_state_only_when_it_came_from_the_address() -> None:
    from_query = RequestFactory().get("/shop/", {"state": "PR"})
    from_cookie = RequestFactory().get("/shop/")
    from_cookie.COOKIES[COOKIE] = "PR"

    assert state_resolve(from_query).query_suffix == "?state=PR"
    assert state_resolve(from_cookie).query_suffix == ""
