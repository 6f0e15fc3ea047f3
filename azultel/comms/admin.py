"""Admin: the outbox read-only (bodies of sensitive messages hidden) and the suppression list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from azultel.comms import services
from azultel.comms.models import OutboxMessage, SuppressedAddress


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin[OutboxMessage]):
    list_display = ["created_at", "category", "status", "attempts", "sent_at", "sensitive"]
    list_filter = ["status", "category", "sensitive"]
    date_hierarchy = "created_at"
    fields = (
        "id",
        "category",
        "status",
        "block_reason",
        "template",
        "to_address",
        "subject_line",
        "content",
        "rfc_message_id",
        "sensitive",
        "dedupe_key",
        "attempts",
        "created_at",
        "available_at",
        "last_attempt_at",
        "lease_expires_at",
        "sent_at",
        "finished_at",
        "last_error",
        "content_purged_at",
    )
    readonly_fields = fields

    @admin.display(description="Content")
    def content(self, obj: OutboxMessage) -> str:
        if obj.sensitive:
            return "(sensitive: not shown to staff)"
        if obj.content_purged_at:
            return "(removed after 90 days)"
        return obj.body_text

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class SuppressionAddForm(forms.ModelForm):  # type: ignore[type-arg]
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Only a keyed fingerprint of the address is stored.",
    )

    class Meta:
        model = SuppressedAddress
        fields = ["reason"]


@admin.register(SuppressedAddress)
class SuppressedAddressAdmin(admin.ModelAdmin[SuppressedAddress]):
    list_display = ["created_at", "reason", "actor"]
    list_filter = ["reason"]
    readonly_fields = ["fingerprint", "reason", "actor", "created_at"]

    def get_form(
        self,
        request: HttpRequest,
        obj: SuppressedAddress | None = None,
        change: bool = False,
        **kwargs: object,
    ) -> Any:
        if obj is None:
            kwargs["form"] = SuppressionAddForm
            kwargs["fields"] = ["email", "reason"]
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return ["fingerprint", "reason", "actor", "created_at"] if obj else ["email", "reason"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Through the service: hashed address, audit record, idempotent.
        entry = services.suppression_add(
            email=form.cleaned_data["email"], reason=form.cleaned_data["reason"], actor=request.user
        )
        obj.pk = entry.pk
        obj.fingerprint = entry.fingerprint
        obj.created_at = entry.created_at

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
