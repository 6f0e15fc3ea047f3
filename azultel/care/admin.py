"""Read-only admin views of the care desk (work happens on the staff pages, through services)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from azultel.care.models import Outage, Ticket


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Ticket)
class TicketAdmin(_ReadOnly):
    list_display = ("reference", "category", "status", "priority", "created_at")
    list_filter = ("status", "category", "priority")
    fields = ("reference", "category", "status", "priority", "closed_at")


@admin.register(Outage)
class OutageAdmin(_ReadOnly):
    list_display = ("title", "status", "started_at", "estimated_restore_at", "ended_at")
    list_filter = ("status",)
