"""Reads of the catalog for pages and for other apps (orders, accounts).

Prices always come from a ``PriceStrategy`` (``catalog.pricing``); nothing here computes one.
Every listing is a fixed number of queries whatever the size of the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from azultel.catalog.models import (
    BundleItem,
    Line,
    Product,
    ServiceArea,
    ServiceStreet,
    StatePrice,
    Technology,
)
from azultel.catalog.pricing import Price, PriceStrategy
from azultel.catalog.states import state_code_clean, state_name
from azultel.catalog.street_names import street_key
from azultel.catalog.zip_prefixes import state_for_zip_prefix

LINE_ORDER = {line: index for index, line in enumerate(Line.values)}


@dataclass(frozen=True)
class Offer:
    """A product offered in a state, with its price there; or, before the visitor has chosen a
    state (``is_from``), with its lowest price in any state, shown as "from"."""

    product: Product
    price: Price
    is_from: bool = False


def _product_base() -> QuerySet[Product]:
    return Product.objects.select_related("broadband_facts").prefetch_related(
        Prefetch(
            "bundle_items",
            queryset=BundleItem.objects.select_related("item").order_by("position", "id"),
        )
    )


def product_list_offered(
    *, strategy: PriceStrategy, line: str | None = None, kind: str | None = None
) -> list[Offer]:
    """The products offered in the strategy's state, with prices, in display order.

    Two queries in all: products with price and broadband facts, then bundle contents.
    """
    queryset = _product_base()
    if line is not None:
        queryset = queryset.filter(line=line)
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    products = strategy.offered(queryset).order_by("line", "position", "name", "id")
    offers = []
    for product in products:
        price = strategy.price(product)
        if price is not None:
            offers.append(Offer(product, price))
    return offers


def _lowest(rows: list[StatePrice]) -> StatePrice:
    """The state price a "from" price quotes: the lowest first monthly charge, then the lowest
    regular one, then the lowest charge at order."""

    def first_monthly(row: StatePrice) -> object:
        return row.intro_monthly_price if row.intro_monthly_price is not None else row.monthly_price

    return min(
        rows,
        key=lambda r: (first_monthly(r), r.monthly_price, r.one_time_price + r.install_fee),
    )


def product_list_from_prices(*, line: str | None = None, kind: str | None = None) -> list[Offer]:
    """Every active product priced in at least one state, each with its lowest price across the
    states (``is_from``): what the shop shows before the visitor says where they are.

    Three queries in all: products with broadband facts, bundle contents, state prices.
    """
    queryset = _product_base().filter(is_active=True, prices__isnull=False).distinct()
    if line is not None:
        queryset = queryset.filter(line=line)
    if kind is not None:
        queryset = queryset.filter(kind=kind)
    products = queryset.prefetch_related("prices").order_by("line", "position", "name", "id")
    offers = []
    for product in products:
        row = _lowest(list(product.prices.all()))
        price = PriceStrategy(row.state).price_from_row(product, row)
        offers.append(Offer(product, price, is_from=True))
    return offers


def line_counts_offered(*, strategy: PriceStrategy) -> dict[str, int]:
    """How many products each line offers in the strategy's state (one query)."""
    rows = (
        strategy.offered(Product.objects.all())
        .order_by()
        .values("line")
        .annotate(count=Count("id"))
    )
    counts = dict.fromkeys(Line.values, 0)
    counts.update({row["line"]: row["count"] for row in rows})
    return counts


def product_get_active(*, slug: str, strategy: PriceStrategy | None = None) -> Product | None:
    """An active product by slug with its broadband facts and bundle contents, or None.

    With a strategy, the state's price rides along in the same query (``strategy.price`` then
    needs no query of its own, and gives None when the product is not offered there).
    """
    queryset = _product_base().filter(slug=slug, is_active=True)
    if strategy is not None:
        queryset = strategy.annotate_prices(queryset)
    return queryset.first()


def product_get_offered(*, slug: str, state: str) -> tuple[Product, Price] | None:
    """The product and its price when it is active and offered in ``state``; else None.

    For orders and billing: an unknown slug, an inactive product, a product without a price in
    that state, or a value that is not a state code all give None.
    """
    code = state_code_clean(state)
    if code is None or code != state:
        return None
    strategy = PriceStrategy(code)
    product = strategy.offered(_product_base().filter(slug=slug)).first()
    if product is None:
        return None
    price = strategy.price(product)
    return (product, price) if price is not None else None


def product_states_offered(*, product: Product) -> list[tuple[str, str]]:
    """(code, name) of every state the product has a price in, sorted by name (one query)."""
    codes = StatePrice.objects.filter(product=product).values_list("state", flat=True)
    return sorted(((code, state_name(code)) for code in codes), key=lambda pair: pair[1])


# --- ZIP codes and service areas -----------------------------------------------------------


def zip_five(zip_code: str) -> str | None:
    """The five-digit ZIP from "12345" or "12345-6789" (surrounding spaces allowed), else None."""
    if not isinstance(zip_code, str):
        return None
    value = zip_code.strip()
    head, dash, tail = value.partition("-")
    valid_head = len(head) == 5 and head.isascii() and head.isdigit()
    valid_tail = not dash or (len(tail) == 4 and tail.isascii() and tail.isdigit())
    return head if valid_head and valid_tail else None


def service_area_for_zip(*, zip_code: str) -> ServiceArea | None:
    """The active service area of a ZIP code (ZIP+4 accepted), or None when not served."""
    five = zip_five(zip_code)
    if five is None:
        return None
    return ServiceArea.objects.filter(zip_code=five, is_active=True).first()


def service_area_covers(*, zip_code: str) -> bool:
    """True when Azultel's network serves this ZIP code (P10: local phone customer profiles)."""
    five = zip_five(zip_code)
    return five is not None and ServiceArea.objects.filter(zip_code=five, is_active=True).exists()


def state_for_zip(*, zip_code: str) -> str | None:
    """The state of a ZIP code: from Azultel's service areas when known, else its ZIP-3 prefix."""
    five = zip_five(zip_code)
    if five is None:
        return None
    area_state = ServiceArea.objects.filter(zip_code=five).values_list("state", flat=True).first()
    return area_state or state_for_zip_prefix(five)


@dataclass(frozen=True)
class ProductAvailability:
    """Whether one product can be ordered at an address; ``reason`` says why not."""

    product: Product
    price: Price | None
    reason: str = ""

    @property
    def orderable(self) -> bool:
        return not self.reason


@dataclass(frozen=True)
class AvailabilityResult:
    """What can, and cannot, be ordered at a ZIP code (and street)."""

    zip_code: str
    street: str
    state: str | None
    area: ServiceArea | None
    items: list[ProductAvailability] = field(default_factory=list)
    message: str = ""

    @property
    def state_name(self) -> str:
        return state_name(self.state) if self.state else ""

    @property
    def orderable(self) -> list[ProductAvailability]:
        return [item for item in self.items if item.orderable]

    @property
    def unavailable(self) -> list[ProductAvailability]:
        return [item for item in self.items if not item.orderable]

    def for_product(self, product: Product) -> ProductAvailability | None:
        return next((item for item in self.items if item.product.pk == product.pk), None)


def _technology_label(technology: str) -> str:
    labels: dict[str, str] = {
        Technology.COPPER: "a copper phone line",
        Technology.DSL: "DSL",
        Technology.FIBER: "fiber",
    }
    return labels.get(technology, technology)


def _reason_not_available(
    product: Product,
    price: Price | None,
    *,
    zip_code: str,
    state: str,
    area: ServiceArea | None,
    street_rules: dict[str, bool],
    street: str,
) -> str:
    if price is None:
        return f"Not offered in {state_name(state)}."
    if product.technology == Technology.NONE:
        return ""
    if area is None:
        return f"Our network does not reach ZIP code {zip_code} yet."
    if not area.is_active:
        return f"We are not taking new orders in ZIP code {zip_code} at the moment."
    needs = _technology_label(product.technology)
    street_rule = street_rules.get(product.technology)
    if street_rule is False:
        return f"Needs {needs}, which is not available on {street} in ZIP code {zip_code}."
    if street_rule is True or area.has_technology(product.technology):
        return ""
    return f"Needs {needs}, which does not reach ZIP code {zip_code} yet."


def availability_check(*, zip_code: str, street: str | None = None) -> AvailabilityResult:
    """What can be ordered at a ZIP code (and, optionally, a street), each with its price there,
    and for everything else the plain reason why not. Writes nothing; at most three queries.

    Orders call this again at checkout, so an address that lost service cannot be ordered for.
    """
    five = zip_five(zip_code)
    street_text = (street or "").strip()
    if five is None:
        return AvailabilityResult(
            zip_code=str(zip_code)[:10],
            street=street_text,
            state=None,
            area=None,
            message="Enter a five-digit ZIP code, like 33131.",
        )
    key = street_key(street_text) if street_text else ""
    areas = ServiceArea.objects.filter(zip_code=five)
    if key:
        areas = areas.prefetch_related(
            Prefetch("streets", queryset=ServiceStreet.objects.filter(street_key=key))
        )
    area = areas.first()
    state = area.state if area is not None else state_for_zip_prefix(five)
    if state is None:
        return AvailabilityResult(
            zip_code=five,
            street=street_text,
            state=None,
            area=None,
            message=f"We could not find ZIP code {five}. Please check it and try again.",
        )
    street_rules = (
        {rule.technology: rule.available for rule in area.streets.all()}
        if area is not None and key
        else {}
    )
    strategy = PriceStrategy(state)
    products = strategy.annotate_prices(
        Product.objects.filter(is_active=True).select_related("broadband_facts")
    ).order_by("position", "name", "id")
    items = []
    for product in sorted(products, key=lambda p: LINE_ORDER.get(p.line, 99)):
        price = strategy.price(product)
        reason = _reason_not_available(
            product,
            price,
            zip_code=five,
            state=state,
            area=area,
            street_rules=street_rules,
            street=street_text,
        )
        items.append(ProductAvailability(product, price, reason))
    return AvailabilityResult(
        zip_code=five, street=street_text, state=state, area=area, items=items
    )


def product_available_at(
    *, product: Product, zip_code: str, street: str | None = None
) -> ProductAvailability | None:
    """One product's availability at an address (for checkout); None when the ZIP is unknown."""
    return availability_check(zip_code=zip_code, street=street).for_product(product)


def service_area_list(*, state: str | None = None) -> QuerySet[ServiceArea]:
    """Active service areas, optionally in one state (for the availability page's hint)."""
    areas = ServiceArea.objects.filter(is_active=True)
    return areas.filter(state=state) if state else areas


__all__ = [
    "AvailabilityResult",
    "Offer",
    "ProductAvailability",
    "availability_check",
    "line_counts_offered",
    "product_available_at",
    "product_get_active",
    "product_get_offered",
    "product_list_from_prices",
    "product_list_offered",
    "product_states_offered",
    "service_area_covers",
    "service_area_for_zip",
    "service_area_list",
    "state_for_zip",
    "zip_five",
]
