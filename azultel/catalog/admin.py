"""Catalog staff edit products, state prices, broadband facts and service areas here.

Access follows Django's model permissions (catalog.change_product, catalog.change_stateprice, ...),
which the catalog staff role is given; nothing here checks is_superuser.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Model, QuerySet
from django.http import HttpRequest

from azultel.catalog.models import (
    BroadbandFacts,
    BundleItem,
    Product,
    ServiceArea,
    ServiceStreet,
    StatePrice,
)


class _PartOfParent:
    """An inline edited as part of its parent: the parent's permissions decide (so the catalog
    role needs no separate permissions for broadband facts, bundle contents or street rules)."""

    part_of = ""  # "catalog.product": viewing needs view_ or change_, editing needs change_

    def _may(self, request: HttpRequest, action: str) -> bool:
        app_label, model_name = self.part_of.split(".")
        return bool(request.user.has_perm(f"{app_label}.{action}_{model_name}"))

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may(request, "view") or self._may(request, "change")

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may(request, "change")

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may(request, "change")

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self._may(request, "change")


class StatePriceInline(admin.TabularInline[StatePrice, Product]):
    model = StatePrice
    extra = 1
    fields = [
        "state",
        "monthly_price",
        "intro_monthly_price",
        "intro_months",
        "install_fee",
        "one_time_price",
    ]


class BroadbandFactsInline(_PartOfParent, admin.StackedInline[BroadbandFacts, Product]):
    part_of = "catalog.product"
    model = BroadbandFacts
    extra = 0
    max_num = 1
    can_delete = True


class BundleItemInline(_PartOfParent, admin.TabularInline[BundleItem, Product]):
    part_of = "catalog.product"
    model = BundleItem
    fk_name = "bundle"
    extra = 0
    autocomplete_fields = ["item"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin[Product]):
    list_display = ["name", "line", "kind", "technology", "states", "is_active", "position"]
    list_filter = ["line", "kind", "technology", "is_active", "prices__state"]
    list_editable = ["is_active", "position"]
    search_fields = ["name", "slug", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["line", "position", "name"]
    inlines = [StatePriceInline, BroadbandFactsInline, BundleItemInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "line", "kind", "summary", "description"]}),
        ("Selling", {"fields": ["technology", "quote_only", "is_active", "position"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Product]:
        return super().get_queryset(request).annotate(state_count=Count("prices", distinct=True))

    @admin.display(description="states priced", ordering="state_count")
    def states(self, obj: Product) -> int:
        return int(getattr(obj, "state_count", 0))


@admin.register(StatePrice)
class StatePriceAdmin(admin.ModelAdmin[StatePrice]):
    list_display = [
        "product",
        "state",
        "monthly_price",
        "intro_monthly_price",
        "intro_months",
        "install_fee",
        "one_time_price",
        "updated_at",
    ]
    list_editable = [
        "monthly_price",
        "intro_monthly_price",
        "intro_months",
        "install_fee",
        "one_time_price",
    ]
    list_filter = ["state", "product__line"]
    list_select_related = ["product"]
    search_fields = ["product__name", "product__slug", "state"]
    autocomplete_fields = ["product"]
    ordering = ["product__line", "product__position", "state"]


class ServiceStreetInline(_PartOfParent, admin.TabularInline[ServiceStreet, ServiceArea]):
    part_of = "catalog.servicearea"
    model = ServiceStreet
    extra = 1
    fields = ["street", "technology", "available"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin[ServiceArea]):
    list_display = ["zip_code", "city", "state", "copper", "dsl", "fiber", "is_active"]
    list_filter = ["state", "copper", "dsl", "fiber", "is_active"]
    list_editable = ["copper", "dsl", "fiber", "is_active"]
    search_fields = ["zip_code", "city"]
    ordering = ["state", "zip_code"]
    inlines = [ServiceStreetInline]
