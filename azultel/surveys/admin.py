"""Surveys in the admin: read-only. Staff build surveys on /staff/surveys/; responses are never
listed one by one here (an anonymous one has nothing to show, an attributed one names a person)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from azultel.surveys.models import Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "status", "anonymous", "public", "opens_at", "closes_at")
    list_filter = ("status", "anonymous", "public")
    readonly_fields = ("slug", "status", "anonymous", "created_by")

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
