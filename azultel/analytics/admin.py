"""Read-only admin views of the statistics. Salts are deliberately not shown anywhere."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from azultel.analytics.models import BotHit, DailyRollup, PageView


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(PageView)
class PageViewAdmin(_ReadOnly, admin.ModelAdmin[PageView]):
    list_display = ["minute", "path", "status", "referrer_domain", "browser", "device", "state"]
    list_filter = ["status", "device"]
    date_hierarchy = "minute"
    show_full_result_count = False


@admin.register(DailyRollup)
class DailyRollupAdmin(_ReadOnly, admin.ModelAdmin[DailyRollup]):
    list_display = ["bucket", "dimension", "value", "views", "visitors", "entries"]
    list_filter = ["dimension"]
    date_hierarchy = "bucket"
    show_full_result_count = False


@admin.register(BotHit)
class BotHitAdmin(_ReadOnly, admin.ModelAdmin[BotHit]):
    list_display = ["day", "family", "hits"]
    date_hierarchy = "day"
