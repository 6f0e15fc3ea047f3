"""Privacy records in the admin. The logs are read-only for everyone, administrators included."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from azultel.privacy.cpni_breach import customer_notice_earliest, law_enforcement_deadline
from azultel.privacy.models import (
    ConsentEvent,
    CpniBreach,
    DataSubject,
    Disclosure,
    PolicyVersion,
    SensitiveAccess,
)
from azultel.privacy.policy_notices import PolicyPublishError, policy_publish


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin[PolicyVersion]):
    list_display = [
        "version",
        "effective_date",
        "published_at",
        "changes_personal_data_use",
        "notice_progress",
    ]
    readonly_fields = ["published_at", "notices_total", "notices_queued", "notices_queued_at"]
    actions = ["publish"]

    @admin.display(description="Change notices")
    def notice_progress(self, obj: PolicyVersion) -> str:
        if not obj.changes_personal_data_use or obj.published_at is None:
            return "-"
        state = "done" if obj.notices_queued_at else "in progress"
        return f"{obj.notices_queued} of {obj.notices_total} queued ({state})"

    def has_change_permission(self, request: HttpRequest, obj: PolicyVersion | None = None) -> bool:
        # A published version is the record of what people were shown: it never changes.
        if obj is not None and obj.published_at is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: PolicyVersion | None = None) -> bool:
        if obj is not None and obj.published_at is not None:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(
        description="Publish (and email change notices if it changes a use)",
        permissions=["publish"],
    )
    def publish(self, request: HttpRequest, queryset: QuerySet[PolicyVersion]) -> None:

        for version in queryset:
            try:
                policy_publish(version=version, actor=request.user)
            except PolicyPublishError as exc:
                self.message_user(request, str(exc), level="error")
            else:
                self.message_user(request, f"Version {version.version} published.")

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("privacy.publish_policyversion")


class ReadOnlyLogAdmin(admin.ModelAdmin[Model]):
    """Visible to holders of privacy.view_privacy_logs; nobody can add, change or delete."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.has_perm("privacy.view_privacy_logs")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("privacy.view_privacy_logs")

    def get_actions(self, request: HttpRequest) -> dict[str, object]:  # type: ignore[override]  # none at all
        return {}


@admin.register(SensitiveAccess)
class SensitiveAccessAdmin(ReadOnlyLogAdmin):
    list_display = ["created_at", "actor_label", "model_label", "field_name", "purpose", "granted"]
    list_filter = ["granted", "purpose", "model_label"]
    search_fields = ["actor_label", "reason", "row_key"]


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnlyLogAdmin):
    list_display = ["seq", "created_at", "recipient", "basis", "record_count", "actor_label"]
    list_filter = ["basis"]
    search_fields = ["recipient", "basis_reference"]


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyLogAdmin):
    list_display = ["created_at", "subject", "topic", "granted", "source", "policy_version"]
    list_filter = ["topic", "granted", "source"]


@admin.register(DataSubject)
class DataSubjectAdmin(ReadOnlyLogAdmin):
    list_display = ["id", "created_at", "erased_at"]
    exclude = ["email"]


@admin.register(CpniBreach)
class CpniBreachAdmin(admin.ModelAdmin[CpniBreach]):
    """Breach records with their deadlines; kept (never deleted) for the two years the rules ask."""

    list_display = [
        "determined_on",
        "customers_affected",
        "law_enforcement_due",
        "law_enforcement_notified_at",
        "customers_from",
        "customers_notified_at",
    ]
    readonly_fields = [
        "law_enforcement_notified_at",
        "law_enforcement_reference",
        "delay_requested_until",
        "customers_notified_at",
        "recorded_by",
    ]
    fields = ["determined_on", "customers_affected", "description", *readonly_fields]

    @admin.display(description="Law enforcement due by")
    def law_enforcement_due(self, obj: CpniBreach) -> date:

        return law_enforcement_deadline(obj)

    @admin.display(description="Customers may be told from")
    def customers_from(self, obj: CpniBreach) -> date | str:

        return customer_notice_earliest(obj) or "after law enforcement"

    def has_delete_permission(self, request: HttpRequest, obj: CpniBreach | None = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: CpniBreach, form: forms.ModelForm[CpniBreach], change: bool
    ) -> None:
        if not change:
            obj.recorded_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
