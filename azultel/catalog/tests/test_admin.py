"""Catalog staff edit products and state prices in the admin; Django permissions decide who may."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from azultel.catalog.models import BroadbandFacts, Product, StatePrice

CATALOG_ROLE = (
    "view_product",
    "change_product",
    "add_product",
    "view_stateprice",
    "add_stateprice",
    "change_stateprice",
    "delete_stateprice",
)


def _inline_management(prefix: str, total: int, initial: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _product_form(product: Product, price: StatePrice, monthly: str) -> dict[str, Any]:
    return {
        "name": product.name,
        "slug": product.slug,
        "line": product.line,
        "kind": product.kind,
        "summary": product.summary,
        "description": product.description,
        "technology": product.technology,
        "is_active": "on",
        "position": str(product.position),
        **_inline_management("prices", 1, 1),
        "prices-0-id": str(price.pk),
        "prices-0-product": str(product.pk),
        "prices-0-state": price.state,
        "prices-0-monthly_price": monthly,
        "prices-0-install_fee": str(price.install_fee),
        "prices-0-one_time_price": str(price.one_time_price),
        "prices-0-intro_monthly_price": "",
        "prices-0-intro_months": "",
        **_inline_management("broadband_facts", 1, 1),
        "broadband_facts-0-id": str(product.broadband_facts.pk),
        "broadband_facts-0-product": str(product.pk),
        "broadband_facts-0-typical_download_mbps": "25",
        "broadband_facts-0-typical_upload_mbps": "5",
        "broadband_facts-0-typical_latency_ms": "30",
        "broadband_facts-0-data_allowance_gb": "",
        "broadband_facts-0-contract_months": "0",
        "broadband_facts-0-early_termination_fee": "0",
        "broadband_facts-0-equipment_monthly_fee": "10.00",
        **_inline_management("bundle_items", 0, 0),
    }


@pytest.mark.django_db
def test_catalog_staff_change_a_state_price_and_broadband_facts(
    client: Client, demo_catalog: None, staff_with: Callable[..., Any]
) -> None:
    client.force_login(staff_with(*CATALOG_ROLE))
    product = Product.objects.get(slug="dsl-25")
    texas = product.prices.get(state="TX")
    product.prices.exclude(pk=texas.pk).delete()
    url = reverse("admin:catalog_product_change", args=[product.pk])

    page = client.get(url)
    response = client.post(url, _product_form(product, texas, "35.49"))

    assert page.status_code == 200
    assert "Broadband facts" in page.content.decode()
    assert response.status_code == 302
    texas.refresh_from_db()
    assert texas.monthly_price == Decimal("35.49")
    assert BroadbandFacts.objects.get(product=product).typical_upload_mbps == 5


@pytest.mark.django_db
def test_staff_without_catalog_permissions_cannot_change_prices(
    client: Client, demo_catalog: None, staff_with: Callable[..., Any]
) -> None:
    client.force_login(staff_with())
    product = Product.objects.get(slug="dsl-25")
    texas = product.prices.get(state="TX")
    url = reverse("admin:catalog_product_change", args=[product.pk])

    response = client.post(url, _product_form(product, texas, "1.00"))

    assert response.status_code == 403
    texas.refresh_from_db()
    assert texas.monthly_price == Decimal("37.99")


@pytest.mark.django_db
def test_a_negative_price_entered_by_staff_is_refused_and_nothing_changes(
    client: Client, demo_catalog: None, staff_with: Callable[..., Any]
) -> None:
    client.force_login(staff_with(*CATALOG_ROLE))
    product = Product.objects.get(slug="dsl-25")
    texas = product.prices.get(state="TX")
    product.prices.exclude(pk=texas.pk).delete()
    url = reverse("admin:catalog_product_change", args=[product.pk])

    response = client.post(url, _product_form(product, texas, "-5.00"))

    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0" in response.content.decode()
    texas.refresh_from_db()
    assert texas.monthly_price == Decimal("37.99")


@pytest.mark.django_db
def test_a_viewer_sees_the_price_list_but_cannot_edit_it(
    client: Client, demo_catalog: None, staff_with: Callable[..., Any]
) -> None:
    client.force_login(staff_with("view_stateprice"))

    listing = client.get(reverse("admin:catalog_stateprice_changelist"), {"state__exact": "PR"})
    service_areas = client.get(reverse("admin:catalog_servicearea_changelist"))

    assert listing.status_code == 200
    assert ">Fiber 300/300</a>" in listing.content.decode()
    assert ">Fiber 1 Gig</a>" not in listing.content.decode()  # not offered in PR
    assert 'name="form-0-monthly_price"' not in listing.content.decode()
    assert service_areas.status_code == 403
