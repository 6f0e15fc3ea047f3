"""TMF620 Product Catalog: ``productOffering`` (with a price per state) and
``productSpecification``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from azultel.api.serializers.common import HrefField, MoneySerializer, TmfSerializer, money
from azultel.catalog.models import Product, StatePrice
from azultel.catalog.states import state_name


class PlaceRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class PriceSerializer(TmfSerializer):
    """A ``ProductOfferingPrice`` given by value: one charge of the offering in one state."""

    tmf_type = "ProductOfferingPrice"
    name = serializers.CharField(read_only=True)
    priceType = serializers.CharField(read_only=True)
    recurringChargePeriodType = serializers.CharField(read_only=True, required=False)
    price = MoneySerializer(read_only=True)
    place = PlaceRefSerializer(many=True, read_only=True)


def _prices(row: StatePrice) -> list[dict[str, object]]:
    place = [{"id": row.state, "name": state_name(row.state)}]
    out: list[dict[str, object]] = []
    if row.monthly_price:
        out.append({"name": f"Monthly in {row.state}", "priceType": "recurring",
                    "recurringChargePeriodType": "month", "price": money(row.monthly_price),
                    "place": place})  # fmt: skip
    if row.intro_monthly_price is not None:
        out.append({"name": f"First {row.intro_months} months in {row.state}",
                    "priceType": "recurring", "recurringChargePeriodType": "month",
                    "price": money(row.intro_monthly_price), "place": place})  # fmt: skip
    if row.one_time_price:
        out.append({"name": f"Purchase in {row.state}", "priceType": "oneTime",
                    "price": money(row.one_time_price), "place": place})  # fmt: skip
    if row.install_fee:
        out.append({"name": f"Installation in {row.state}", "priceType": "oneTime",
                    "price": money(row.install_fee), "place": place})  # fmt: skip
    return out


class SpecificationRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField(source="slug", read_only=True)
    href = HrefField("api:product_specification_detail", "slug")
    name = serializers.CharField(read_only=True)


class CategoryRefSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class ProductOfferingSerializer(TmfSerializer):
    tmf_type = "ProductOffering"
    id = serializers.CharField(source="slug", read_only=True)
    href = HrefField("api:product_offering_detail", "slug")
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(source="summary", read_only=True)
    lifecycleStatus = serializers.SerializerMethodField()
    isBundle = serializers.SerializerMethodField()
    isSellable = serializers.SerializerMethodField()
    lastUpdate = serializers.DateTimeField(source="updated_at", read_only=True)
    category = serializers.SerializerMethodField()
    productSpecification = SpecificationRefSerializer(source="*", read_only=True)
    productOfferingPrice = serializers.SerializerMethodField()

    def get_lifecycleStatus(self, product: Product) -> str:
        return "Active" if product.is_active else "Retired"

    def get_isBundle(self, product: Product) -> bool:
        return bool(product.kind == "bundle")

    def get_isSellable(self, product: Product) -> bool:
        return not product.quote_only

    @extend_schema_field(CategoryRefSerializer(many=True))
    def get_category(self, product: Product) -> list[dict[str, str]]:
        return [{"id": product.line, "name": product.get_line_display()}]

    @extend_schema_field(PriceSerializer(many=True))
    def get_productOfferingPrice(self, product: Product) -> list[dict[str, object]]:
        state = self.context.get("state")
        rows = [r for r in product.prices.all() if not state or r.state == state]
        return [
            {**price, "@type": "ProductOfferingPrice"} for row in rows for price in _prices(row)
        ]


class CharacteristicValueSerializer(serializers.Serializer):  # type: ignore[type-arg]
    value = serializers.CharField(read_only=True)


class CharacteristicSerializer(serializers.Serializer):  # type: ignore[type-arg]
    name = serializers.CharField(read_only=True)
    valueType = serializers.CharField(read_only=True)
    productSpecCharacteristicValue = CharacteristicValueSerializer(many=True, read_only=True)


class ProductSpecificationSerializer(TmfSerializer):
    tmf_type = "ProductSpecification"
    id = serializers.CharField(source="slug", read_only=True)
    href = HrefField("api:product_specification_detail", "slug")
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    brand = serializers.SerializerMethodField()
    lifecycleStatus = serializers.SerializerMethodField()
    lastUpdate = serializers.DateTimeField(source="updated_at", read_only=True)
    productSpecCharacteristic = serializers.SerializerMethodField()

    def get_brand(self, product: Product) -> str:
        return "Azultel"

    def get_lifecycleStatus(self, product: Product) -> str:
        return "Active" if product.is_active else "Retired"

    @extend_schema_field(CharacteristicSerializer(many=True))
    def get_productSpecCharacteristic(self, product: Product) -> list[dict[str, object]]:
        return [
            {"name": "kind", "valueType": "string",
             "productSpecCharacteristicValue": [{"value": product.kind}]},
            {"name": "technology", "valueType": "string",
             "productSpecCharacteristicValue": [{"value": product.technology}]},
        ]  # fmt: skip
