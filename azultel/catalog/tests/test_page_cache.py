"""Shop pages are cached for visitors without a session, never across states, and a catalog
change shows at once."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from azultel.accounts.tests.factories import UserFactory
from azultel.catalog import services
from azultel.catalog.models import Product
from azultel.catalog.page_cache import catalog_version
from azultel.catalog.tests.factories import ProductFactory, StatePriceFactory

URL = "/shop/retail/?state=FL"


@pytest.mark.django_db
def test_a_repeated_page_is_served_from_the_cache_without_queries(
    client: Client, demo_catalog: None, django_assert_num_queries: object
) -> None:
    first = client.get(URL)

    with django_assert_num_queries(0):  # type: ignore[operator]
        second = client.get(URL)

    assert second.status_code == 200
    assert second.content == first.content
    assert second["Vary"] == "Cookie"
    assert dict(second.cookies) == {}


@pytest.mark.promise("P26")
@pytest.mark.django_db
def test_cached_pages_never_cross_states(client: Client, demo_catalog: None) -> None:
    client.get("/shop/retail/?state=FL")
    client.cookies["azultel_state"] = "NY"

    from_cookie = client.get("/shop/retail/")
    from_address = client.get("/shop/retail/?state=TX")

    assert "Prices for New York" in from_cookie.content.decode()
    assert "$159.99" in from_cookie.content.decode()
    assert "Prices for Texas" in from_address.content.decode()


@pytest.mark.django_db
def test_a_price_change_shows_at_once(client: Client, demo_catalog: None) -> None:
    client.get(URL)
    router = Product.objects.get(slug="wifi-6-mesh-router")

    services.state_price_set(actor=None, product=router, state="FL", one_time_price="139.99")
    after_change = client.get(URL)
    services.state_price_remove(actor=None, product=router, state="FL")
    after_removal = client.get(URL)

    assert "$139.99" in after_change.content.decode()
    assert "$149.99" not in after_change.content.decode()
    assert "Wi-Fi 6 mesh router" not in after_removal.content.decode()


@pytest.mark.django_db
def test_pages_cached_before_a_change_commits_are_dropped_at_the_commit(
    demo_catalog: None, django_capture_on_commit_callbacks: Any
) -> None:
    """Another request may read the old rows between the change and its commit and cache them;
    the version changes again at the commit so that page is never served."""
    router = Product.objects.get(slug="wifi-6-mesh-router")
    before = catalog_version()

    with django_capture_on_commit_callbacks(execute=False) as pending:
        services.state_price_set(actor=None, product=router, state="FL", one_time_price="9.99")
    uncommitted = catalog_version()
    _ = [callback() for callback in pending]

    assert uncommitted != before
    assert catalog_version() not in (before, uncommitted)


@pytest.mark.django_db
def test_a_visitor_with_a_session_is_never_served_a_cached_page(
    client: Client, demo_catalog: None, django_assert_num_queries: object
) -> None:
    client.get(URL)
    client.cookies["azultel_session"] = "some-session-key"

    with django_assert_num_queries(1) as captured:  # type: ignore[operator]
        response = client.get(URL)  # the page is rendered: its session is looked up

    assert response.status_code == 200
    assert "django_session" in captured.captured_queries[0]["sql"]
    # (its product cards, the same for everyone in Florida, come from the fragment cache)
    assert "Wi-Fi 6 mesh router" in response.content.decode()


@pytest.mark.django_db
def test_signed_in_visitors_get_their_own_page_around_cards_shared_by_state(
    demo_catalog: None,
) -> None:
    # Given Maria signed in, and Jon signed in, both looking at Florida's devices
    maria, jon = Client(), Client()
    maria.force_login(UserFactory(email="maria@example.com", given_name="Marisol", family_name="Quintero"))  # fmt: skip
    jon.force_login(UserFactory(email="jon@example.com", given_name="Jon", family_name="Park"))  # fmt: skip
    first = maria.get(URL).content.decode()

    # When Jon asks after her, the catalog is not queried again (only his session and account)
    with CaptureQueriesContext(connection) as captured:
        second = jon.get(URL).content.decode()
    assert captured.captured_queries
    assert not [q["sql"] for q in captured.captured_queries if '"catalog_' in q["sql"]]

    # Then each page is his or her own (its own sign-out form), around the same cards
    cards = re.compile(r'<ul class="plan-grid product-cards">.*</ul>', re.S)
    assert cards.search(first).group(0) == cards.search(second).group(0)  # type: ignore[union-attr]
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert "Sign out" in first and "Sign out" in second
    assert token.search(first).group(1) != token.search(second).group(1)  # type: ignore[union-attr]
    assert "csrfmiddlewaretoken" not in cards.search(first).group(0)  # type: ignore[union-attr]

    # And a price change shows at once for signed-in visitors too
    router = Product.objects.get(slug="wifi-6-mesh-router")
    services.state_price_set(actor=None, product=router, state="FL", one_time_price="139.99")
    assert "$139.99" in jon.get(URL).content.decode()


@pytest.mark.django_db
def test_the_cache_can_be_switched_off(
    client: Client, demo_catalog: None, settings: object, django_assert_num_queries: object
) -> None:
    settings.CATALOG_CACHE_SECONDS = 0  # type: ignore[attr-defined]
    settings.CATALOG_FRAGMENT_CACHE_SECONDS = 0  # type: ignore[attr-defined]
    client.get(URL)

    with django_assert_num_queries(2):  # type: ignore[operator]
        client.get(URL)


@pytest.mark.django_db
def test_with_the_page_cache_off_the_cards_still_come_from_the_fragment_cache(
    client: Client, demo_catalog: None, settings: object, django_assert_num_queries: object
) -> None:
    """Issue 23: page cache off, the shared product cards cost no query after the first visit,
    and a price change shows on the very next request."""
    settings.CATALOG_CACHE_SECONDS = 0  # type: ignore[attr-defined]
    settings.CATALOG_FRAGMENT_CACHE_SECONDS = 300  # type: ignore[attr-defined]
    client.get(URL)

    with django_assert_num_queries(0):  # type: ignore[operator]
        again = client.get(URL)
    router = Product.objects.get(slug="wifi-6-mesh-router")
    services.state_price_set(actor=None, product=router, state="FL", one_time_price="141.99")
    after = client.get(URL).content.decode()

    assert again.status_code == 200
    assert "$141.99" in after


@pytest.mark.django_db
def test_pages_that_answer_not_found_are_not_cached(client: Client) -> None:
    missing = client.get("/shop/p/fiber-300/?state=FL")
    StatePriceFactory(
        product=ProductFactory(
            line="home", kind="internet", slug="fiber-300", name="Fiber 300/300", summary="Fast."
        ),
        state="FL",
        monthly_price=Decimal("55"),
        one_time_price=Decimal("0"),
    )

    found = client.get("/shop/p/fiber-300/?state=FL")

    assert (missing.status_code, found.status_code) == (404, 200)
