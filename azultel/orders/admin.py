"""Orders in the admin: read-only records for staff with view permissions; number pools are the
one thing staff edit here. Order changes go through the staff order page (services, events)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from azultel.orders.models import NumberPool, Order, OrderEvent, OrderLine, PhoneLine, Service


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class OrderLineInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OrderLine
    extra = 0
    fields = ("product_name", "quantity", "monthly_price", "one_time_price", "install_fee",
              "listing_choice")  # fmt: skip
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class OrderEventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OrderEvent
    extra = 0
    fields = ("at", "from_status", "to_status", "actor_label", "reason")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ("number", "status", "customer", "state", "upfront_total", "created_at")
    list_filter = ("status", "state", "collection_channel")
    search_fields = ("number",)
    list_select_related = ("customer",)
    exclude = ("idempotency_key",)
    inlines = [OrderLineInline, OrderEventInline]


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ("product_name", "customer", "state", "status", "started_on", "ended_on")
    list_filter = ("status", "state", "product_kind")
    list_select_related = ("customer",)


@admin.register(PhoneLine)
class PhoneLineAdmin(ReadOnlyAdmin):
    list_display = ("number", "listing_choice", "service")
    list_filter = ("listing_choice",)
    list_select_related = ("service",)


@admin.register(NumberPool)
class NumberPoolAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("__str__", "state", "next_line", "last_line", "is_active")
    list_filter = ("state", "is_active")
