"""What a plan card and the compare table say about a plan, in a customer's words.

Facts come from the product's own rows (technology, broadband facts, bundle contents) and its
price; nothing here shows a code or a field name. Pure functions: no queries beyond what the
selectors prefetched.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from azultel.catalog.models import Kind, Product, Technology
from azultel.catalog.pricing import Price
from azultel.catalog.selectors import Offer

_TECHNOLOGY: dict[str, tuple[str, str]] = {
    Technology.FIBER: ("zap", "Fiber to your home"),
    Technology.DSL: ("cable", "DSL over your phone line"),
    Technology.COPPER: ("phone", "A copper phone line; works with the phones you have"),
}

# The compare table's technology row: the network in one or two words.
_TECHNOLOGY_SHORT: dict[str, str] = {
    Technology.FIBER: "Fiber",
    Technology.DSL: "DSL",
    Technology.COPPER: "Copper phone line",
    Technology.NONE: "Delivered to you",
}


@dataclass(frozen=True)
class Fact:
    icon: str
    text: str


_KINDS: dict[str, Fact] = {
    Kind.PHONE_LINE: Fact("phone", "Home phone"),
    Kind.INTERNET: Fact("wifi", "Internet"),
    Kind.BUNDLE: Fact("package", "Phone and internet"),
    Kind.DEVICE: Fact("smartphone", "Device"),
    Kind.ACCESSORY: Fact("package", "Accessory"),
    Kind.WHOLESALE: Fact("building-2", "Wholesale"),
}


def kind_label(kind: str) -> Fact:
    """The plan card's kind line: an icon and the kind in a customer's words."""
    return _KINDS.get(kind, Fact("tag", "Product"))


def _usd(value: Decimal) -> str:
    return f"${value.quantize(Decimal('0.01')):,}"


def _bundle_names(product: Product) -> str:
    names = [bi.item.name for bi in product.bundle_items.all()]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 2 else names)


def _broadband(product: Product) -> object | None:
    if not product.has_broadband_facts:
        return None
    return getattr(product, "broadband_facts", None)


def _speed(facts: object) -> str:
    down = facts.typical_download_mbps  # type: ignore[attr-defined]
    up = facts.typical_upload_mbps  # type: ignore[attr-defined]
    return f"{down} Mbps down, {up} Mbps up"


def _data(facts: object) -> str:
    allowance = facts.data_allowance_gb  # type: ignore[attr-defined]
    return f"{allowance} GB of data a month" if allowance else "Unlimited data"


def _contract(facts: object) -> str:
    months = facts.contract_months  # type: ignore[attr-defined]
    return f"{months}-month contract" if months else "No contract"


def _router(facts: object) -> str:
    fee = facts.equipment_monthly_fee  # type: ignore[attr-defined]
    return f"Router {_usd(fee)} a month" if fee else "Router included"


def key_facts(product: Product) -> list[Fact]:
    """Up to five facts for a plan card: what a bundle holds, speed, data, contract, router and
    the network. (The money, fees included, is in the price block above them.)"""
    facts: list[Fact] = []
    if product.kind == Kind.BUNDLE and product.bundle_items.all():
        facts.append(Fact("package", f"Includes {_bundle_names(product)}"))
    broadband = _broadband(product)
    if broadband is not None:
        facts.append(Fact("gauge", _speed(broadband)))
        facts.append(Fact("globe", _data(broadband)))
        facts.append(Fact("check", _contract(broadband)))
        facts.append(Fact("router", _router(broadband)))
    if product.technology in _TECHNOLOGY and len(facts) < 5:
        icon, text = _TECHNOLOGY[product.technology]
        facts.append(Fact(icon, text))
    return facts[:5]


@dataclass(frozen=True)
class CompareRow:
    label: str
    cells: list[str]

    @property
    def differs(self) -> bool:
        return len(set(self.cells)) > 1


def _monthly(price: Price, is_from: bool) -> str:
    prefix = "From " if is_from else ""
    return f"{prefix}{_usd(price.first_monthly)}"


def _intro(price: Price) -> str:
    if not price.has_intro:
        return "None: the regular price from the start"
    months = price.intro_months or 0
    return f"{months} month{'s' if months != 1 else ''}"


def compare_rows(offers: list[Offer]) -> list[CompareRow]:
    """The compare table: one row per fact, one cell per plan (the plans as columns)."""
    is_from = any(o.is_from for o in offers)
    rows = [
        CompareRow("Monthly price", [_monthly(o.price, o.is_from) for o in offers]),
        CompareRow("Introductory period", [_intro(o.price) for o in offers]),
        CompareRow(
            "Regular monthly price",
            [("From " if o.is_from else "") + _usd(o.price.monthly) for o in offers],
        ),
    ]
    if not is_from:
        rows.append(
            CompareRow("Due at order", [_usd(o.price.due_at_order) for o in offers]),
        )
    broadband = [_broadband(o.product) for o in offers]
    if any(b is not None for b in broadband):
        for label, fact in (
            ("Typical speed", _speed),
            ("Data", _data),
            ("Contract", _contract),
            ("Router", _router),
        ):
            rows.append(
                CompareRow(label, [fact(b) if b is not None else "Not included" for b in broadband])
            )
        rows.append(
            CompareRow(
                "Typical latency",
                [
                    f"{b.typical_latency_ms} ms" if b is not None else "Not included"  # type: ignore[attr-defined]
                    for b in broadband
                ],
            )
        )
    rows.append(
        CompareRow("Network", [_TECHNOLOGY_SHORT.get(o.product.technology, "") for o in offers])
    )
    if any(o.product.kind == Kind.BUNDLE for o in offers):
        rows.append(
            CompareRow("Includes", [_bundle_names(o.product) or "Just this plan" for o in offers])
        )
    return rows
