"""Campaign data is changed through the staff pages (services check every rule); the admin
only shows it."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from azultel.marketing.models import Campaign, CpniCampaignRecord, Segment


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Segment)
class SegmentAdmin(_ReadOnly):
    list_display = ("name", "is_cpni", "combines_channels", "created_at")


@admin.register(Campaign)
class CampaignAdmin(_ReadOnly):
    list_display = ("name", "kind", "status", "scheduled_for", "queued_count")
    list_filter = ("status", "kind")


@admin.register(CpniCampaignRecord)
class CpniCampaignRecordAdmin(_ReadOnly):
    list_display = ("campaign", "approver_name", "approved_at", "audience_count")
