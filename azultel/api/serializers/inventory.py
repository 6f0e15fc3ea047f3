"""TMF637 Product Inventory: the services a partner's customers hold.

What leaves: the plan held, its offering, status, start date, monthly price and the customer's
id. Never the service address, a phone number or a listing choice (P06, P24).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from azultel.api.serializers.common import HrefField, TmfSerializer, money
from azultel.api.serializers.orders import OfferingRefSerializer, OrderPriceSerializer
from azultel.api.serializers.tickets import PartyRefSerializer
from azultel.orders.models import Service


class InventoryProductSerializer(TmfSerializer):
    tmf_type = "Product"
    id = serializers.UUIDField(read_only=True)
    href = HrefField("api:product_detail")
    name = serializers.CharField(source="product_name", read_only=True)
    status = serializers.CharField(read_only=True)
    isBundle = serializers.SerializerMethodField()
    isCustomerVisible = serializers.SerializerMethodField()
    startDate = serializers.SerializerMethodField()
    productOffering = serializers.SerializerMethodField()
    productPrice = serializers.SerializerMethodField()
    relatedParty = serializers.SerializerMethodField()

    def get_isBundle(self, service: Service) -> bool:
        return service.product_kind == "bundle"

    def get_isCustomerVisible(self, service: Service) -> bool:
        return True

    @extend_schema_field(serializers.DateTimeField())
    def get_startDate(self, service: Service) -> str:
        return f"{service.started_on.isoformat()}T00:00:00Z"

    @extend_schema_field(OfferingRefSerializer)
    def get_productOffering(self, service: Service) -> dict[str, str]:
        path = f"/api/tmf-api/productCatalogManagement/v4/productOffering/{service.product.slug}"
        request = self.context.get("request")
        href = request.build_absolute_uri(path) if request is not None else path
        return {"id": service.product.slug, "href": href, "name": service.product_name,
                "@referredType": "ProductOffering"}  # fmt: skip

    @extend_schema_field(OrderPriceSerializer(many=True))
    def get_productPrice(self, service: Service) -> list[dict[str, object]]:
        return [{"@type": "ProductPrice", "name": "Each month", "priceType": "recurring",
                 "recurringChargePeriod": "month",
                 "price": {"dutyFreeAmount": money(service.monthly_price)}}]  # fmt: skip

    @extend_schema_field(PartyRefSerializer(many=True))
    def get_relatedParty(self, service: Service) -> list[dict[str, str]]:
        return [{"id": str(service.customer.public_id), "role": "Customer",
                 "@referredType": "Individual"}]  # fmt: skip
