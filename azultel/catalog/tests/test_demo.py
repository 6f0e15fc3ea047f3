"""The demo catalog is idempotent and shows both rules of state pricing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from azultel.catalog.demo import demo_seed
from azultel.catalog.models import Product, ServiceArea, StatePrice


@pytest.mark.django_db
def test_seeding_twice_changes_nothing(catalog_rows: Callable[[], dict[str, int]]) -> None:
    assert demo_seed() == []
    first = catalog_rows()

    demo_seed()

    assert catalog_rows() == first
    assert first["catalog.Product"] == 10


@pytest.mark.django_db
def test_demo_prices_differ_by_state_and_some_products_are_missing_somewhere(
    demo_catalog: None,
) -> None:
    fiber = {p.state: p.monthly_price for p in StatePrice.objects.filter(product__slug="fiber-300")}
    states = set(StatePrice.objects.values_list("state", flat=True))
    missing = [
        p.slug
        for p in Product.objects.all()
        if set(p.prices.values_list("state", flat=True)) != states
    ]

    assert states == {"FL", "GA", "NY", "TX", "PR"}
    assert len(set(fiber.values())) > 1
    assert {"dsl-25", "fiber-1-gig", "ethernet-private-line"} <= set(missing)


@pytest.mark.django_db
def test_demo_service_areas_cover_three_states_with_different_technologies(
    demo_catalog: None,
) -> None:
    areas = ServiceArea.objects.all()

    assert {a.state for a in areas} == {"FL", "GA", "PR"}
    assert len({(a.copper, a.dsl, a.fiber) for a in areas}) >= 3
