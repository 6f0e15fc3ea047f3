from django.contrib import admin

from azultel.lifecycle.models import ServiceChange


@admin.register(ServiceChange)
class ServiceChangeAdmin(admin.ModelAdmin[ServiceChange]):
    """Read-only: changes are made through ``lifecycle.services`` (they touch billing)."""

    list_display = ("kind", "status", "effective_on", "created_at")
    list_filter = ("kind", "status")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
