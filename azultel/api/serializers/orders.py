"""TMF622 Product Ordering: ``productOrder`` and ``cancelProductOrder``.

What a partner sees of an order: its state, items, prices and the customer's id. Never a
listed name or a listing choice (P06), never the credit check (P24), never an address.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from azultel.api.serializers.common import (
    HrefField,
    MoneySerializer,
    RefSerializer,
    TmfSerializer,
    money,
)
from azultel.orders.models import Order, OrderLine

# Azultel's order states in TMF622's ProductOrderStateType.
ORDER_STATES = {
    "submitted": "acknowledged",
    "credit_check": "inProgress",
    "confirmed": "inProgress",
    "provisioning": "inProgress",
    "active": "completed",
    "declined": "rejected",
    "cancelled": "cancelled",
}


def order_state(order: Order) -> str:
    return ORDER_STATES.get(order.status, "inProgress")


class PriceValueSerializer(serializers.Serializer):  # type: ignore[type-arg]
    taxIncludedAmount = MoneySerializer(read_only=True, required=False)
    dutyFreeAmount = MoneySerializer(read_only=True)


class OrderPriceSerializer(TmfSerializer):
    tmf_type = "OrderPrice"
    name = serializers.CharField(read_only=True)
    priceType = serializers.CharField(read_only=True)
    recurringChargePeriod = serializers.CharField(read_only=True, required=False)
    price = PriceValueSerializer(read_only=True)


class OfferingRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField(read_only=True)
    href = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class OrderItemSerializer(TmfSerializer):
    tmf_type = "ProductOrderItem"
    id = serializers.CharField(read_only=True)
    quantity = serializers.IntegerField(read_only=True)
    action = serializers.CharField(read_only=True)
    state = serializers.CharField(read_only=True)
    productOffering = OfferingRefSerializer(read_only=True)
    itemPrice = OrderPriceSerializer(many=True, read_only=True)


class RelatedPartySerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField()
    href = serializers.CharField(read_only=True, required=False)
    role = serializers.CharField()


class ProductOrderSerializer(TmfSerializer):
    tmf_type = "ProductOrder"
    id = serializers.UUIDField(read_only=True)
    href = HrefField("api:product_order_detail")
    externalId = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    state = serializers.SerializerMethodField()
    orderDate = serializers.DateTimeField(source="created_at", read_only=True)
    completionDate = serializers.SerializerMethodField()
    relatedParty = serializers.SerializerMethodField()
    productOrderItem = serializers.SerializerMethodField()
    orderTotalPrice = serializers.SerializerMethodField()

    def get_externalId(self, order: Order) -> str:
        link = getattr(order, "partner_order", None)
        return link.external_id if link is not None else ""

    def get_description(self, order: Order) -> str:
        return f"Azultel order {order.number}"

    def get_state(self, order: Order) -> str:
        return order_state(order)

    @extend_schema_field(serializers.DateTimeField())
    def get_completionDate(self, order: Order) -> str | None:
        if order.status in ("active", "declined", "cancelled"):
            return order.status_changed_at.isoformat()
        return None

    @extend_schema_field(RelatedPartySerializer(many=True))
    def get_relatedParty(self, order: Order) -> list[dict[str, str]]:
        customer_id = str(order.customer.public_id)
        request = self.context.get("request")
        path = f"/api/tmf-api/customerManagement/v4/customer/{customer_id}"
        href = request.build_absolute_uri(path) if request is not None else path
        return [{"id": customer_id, "href": href, "role": "Customer",
                 "@referredType": "Customer"}]  # fmt: skip

    @extend_schema_field(OrderItemSerializer(many=True))
    def get_productOrderItem(self, order: Order) -> list[dict[str, object]]:
        request = self.context.get("request")
        return [_item(order, line, position, request) for position, line in
                enumerate(order.lines.all(), start=1)]  # fmt: skip

    @extend_schema_field(OrderPriceSerializer(many=True))
    def get_orderTotalPrice(self, order: Order) -> list[dict[str, object]]:
        return [
            {"@type": "OrderPrice", "name": "Due at order", "priceType": "oneTime",
             "price": {"dutyFreeAmount": money(order.upfront_total)}},
            {"@type": "OrderPrice", "name": "Each month", "priceType": "recurring",
             "recurringChargePeriod": "month",
             "price": {"dutyFreeAmount": money(order.monthly_total)}},
        ]  # fmt: skip


def _item(order: Order, line: OrderLine, position: int, request: object) -> dict[str, object]:
    path = f"/api/tmf-api/productCatalogManagement/v4/productOffering/{line.product.slug}"
    build = getattr(request, "build_absolute_uri", None)
    prices: list[dict[str, object]] = []
    if line.monthly_price:
        prices.append({"@type": "OrderPrice", "name": "Monthly", "priceType": "recurring",
                       "recurringChargePeriod": "month",
                       "price": {"dutyFreeAmount": money(line.monthly_price)}})  # fmt: skip
    if line.due_at_order:
        prices.append({"@type": "OrderPrice", "name": "Due at order", "priceType": "oneTime",
                       "price": {"dutyFreeAmount": money(line.due_at_order)}})  # fmt: skip
    return {
        "@type": "ProductOrderItem",
        "id": str(position),
        "quantity": line.quantity,
        "action": "add",
        "state": order_state(order),
        "productOffering": {
            "id": line.product.slug,
            "href": build(path) if build else path,
            "name": line.product_name,
        },
        "itemPrice": prices,
    }


class OfferingInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.SlugField(max_length=80)


class OrderItemInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField(max_length=20)
    quantity = serializers.IntegerField(min_value=1, max_value=5, default=1)
    action = serializers.ChoiceField(choices=["add"], default="add")
    productOffering = OfferingInputSerializer()


class RelatedPartyInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField()
    role = serializers.ChoiceField(choices=["Customer"])


class ProductOrderCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """What a partner sends to place an order. No identity, no card number: the order is paid
    with a card the customer saved with Azultel (``payment``: its id; left out: the card the
    customer saved last)."""

    externalId = serializers.CharField(max_length=64, min_length=1)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    relatedParty = RelatedPartyInputSerializer(many=True, min_length=1, max_length=1)
    productOrderItem = OrderItemInputSerializer(many=True, min_length=1, max_length=10)
    payment = RefSerializer(many=True, min_length=1, max_length=1, required=False)


class OrderRefInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField()


class CancelProductOrderCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    productOrder = OrderRefInputSerializer()
    cancellationReason = serializers.CharField(max_length=300, min_length=1)


class CancelProductOrderSerializer(TmfSerializer):
    tmf_type = "CancelProductOrder"
    id = serializers.CharField(read_only=True)
    state = serializers.CharField(read_only=True)
    cancellationReason = serializers.CharField(read_only=True)
    productOrder = OfferingRefSerializer(read_only=True)
