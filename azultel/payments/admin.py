"""Read-only views of cards and payments for staff; nothing here can show a card number (none is
kept) and nothing can be edited by hand."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from azultel.payments.models import Charge, SandboxCharge, StoredCard


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(StoredCard)
class StoredCardAdmin(ReadOnlyAdmin):
    list_display = ("label", "customer", "saved", "removed_at", "created_at")
    list_filter = ("brand", "saved")
    exclude = ("token",)
    list_select_related = ("customer",)


@admin.register(Charge)
class ChargeAdmin(ReadOnlyAdmin):
    list_display = ("description", "amount", "status", "customer", "created_at")
    list_filter = ("status",)
    exclude = ("idempotency_key",)
    list_select_related = ("customer",)


@admin.register(SandboxCharge)
class SandboxChargeAdmin(ReadOnlyAdmin):
    list_display = ("processor_ref", "amount", "status", "description", "created_at")
    list_filter = ("status",)
    exclude = ("token",)
