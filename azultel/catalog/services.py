"""Writes to the catalog: products, state prices, broadband facts, bundles and service areas.

Staff normally edit these in the admin; the demo data and other apps' tests use these functions.
Catalog rows hold no personal data, so no audit record is written (the admin keeps its own log).
Each function is idempotent: it creates the row or brings it to the given values.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from azultel.catalog.models import (
    BroadbandFacts,
    BundleItem,
    Product,
    ServiceArea,
    ServiceStreet,
    StatePrice,
    Technology,
)
from azultel.catalog.street_names import street_key
from azultel.core.actors import Actor


def product_upsert(
    *,
    actor: Actor | None,
    slug: str,
    line: str,
    kind: str,
    name: str,
    summary: str,
    description: str = "",
    technology: str = Technology.NONE,
    quote_only: bool = False,
    is_active: bool = True,
    position: int = 100,
) -> Product:
    """Create the product with this slug, or update it to these values."""
    with transaction.atomic():
        product, _ = Product.objects.update_or_create(
            slug=slug,
            defaults={
                "line": line,
                "kind": kind,
                "name": name,
                "summary": summary,
                "description": description,
                "technology": technology,
                "quote_only": quote_only,
                "is_active": is_active,
                "position": position,
            },
        )
        return product


def state_price_set(
    *,
    actor: Actor | None,
    product: Product,
    state: str,
    monthly_price: Decimal | str = "0",
    one_time_price: Decimal | str = "0",
    install_fee: Decimal | str = "0",
    intro_monthly_price: Decimal | str | None = None,
    intro_months: int | None = None,
) -> StatePrice:
    """Offer ``product`` in ``state`` at these prices (a database constraint checks the values)."""
    with transaction.atomic():
        price, _ = StatePrice.objects.update_or_create(
            product=product,
            state=state,
            defaults={
                "monthly_price": Decimal(monthly_price),
                "one_time_price": Decimal(one_time_price),
                "install_fee": Decimal(install_fee),
                "intro_monthly_price": (
                    Decimal(intro_monthly_price) if intro_monthly_price is not None else None
                ),
                "intro_months": intro_months,
            },
        )
        return price


def state_price_remove(*, actor: Actor | None, product: Product, state: str) -> int:
    """Stop offering ``product`` in ``state``; returns how many rows were removed (0 or 1)."""
    with transaction.atomic():
        deleted, _ = StatePrice.objects.filter(product=product, state=state).delete()
        return deleted


def broadband_facts_set(
    *,
    actor: Actor | None,
    product: Product,
    typical_download_mbps: int,
    typical_upload_mbps: int,
    typical_latency_ms: int,
    data_allowance_gb: int | None = None,
    contract_months: int = 0,
    early_termination_fee: Decimal | str = "0",
    equipment_monthly_fee: Decimal | str = "0",
) -> BroadbandFacts:
    """The broadband label facts of an internet plan or a bundle with internet."""
    if not product.has_broadband_facts:
        raise ValueError("Broadband facts belong to internet plans and bundles only.")
    with transaction.atomic():
        facts, _ = BroadbandFacts.objects.update_or_create(
            product=product,
            defaults={
                "typical_download_mbps": typical_download_mbps,
                "typical_upload_mbps": typical_upload_mbps,
                "typical_latency_ms": typical_latency_ms,
                "data_allowance_gb": data_allowance_gb,
                "contract_months": contract_months,
                "early_termination_fee": Decimal(early_termination_fee),
                "equipment_monthly_fee": Decimal(equipment_monthly_fee),
            },
        )
        return facts


def bundle_item_set(
    *, actor: Actor | None, bundle: Product, item: Product, position: int = 100
) -> BundleItem:
    """Include ``item`` in ``bundle``."""
    if bundle.kind != "bundle":
        raise ValueError("Only a bundle can include other products.")
    with transaction.atomic():
        row, _ = BundleItem.objects.update_or_create(
            bundle=bundle, item=item, defaults={"position": position}
        )
        return row


def service_area_set(
    *,
    actor: Actor | None,
    zip_code: str,
    state: str,
    city: str,
    copper: bool = False,
    dsl: bool = False,
    fiber: bool = False,
    is_active: bool = True,
) -> ServiceArea:
    """Mark a ZIP code as served, with the technologies available there."""
    with transaction.atomic():
        area, _ = ServiceArea.objects.update_or_create(
            zip_code=zip_code,
            defaults={
                "state": state,
                "city": city,
                "copper": copper,
                "dsl": dsl,
                "fiber": fiber,
                "is_active": is_active,
            },
        )
        return area


def service_street_set(
    *, actor: Actor | None, area: ServiceArea, street: str, technology: str, available: bool
) -> ServiceStreet:
    """A street exception inside a service area (a technology is, or is not, available there)."""
    key = street_key(street)
    if not key:
        raise ValueError("A street exception needs a street name.")
    with transaction.atomic():
        row, _ = ServiceStreet.objects.update_or_create(
            area=area,
            street_key=key,
            technology=technology,
            defaults={"street": street, "available": available},
        )
        return row
