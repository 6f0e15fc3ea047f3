"""Billing in the staff admin: read-only views of accounts, bills, payments and credits.

Bills, payments and credits change only through the services (the run, the pay page, the staff
credit form), so the admin shows them and never edits them; Django's model permissions decide
who sees what (the Billing role: view_bill, view_payment).
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from azultel.billing.models import Bill, BillingAccount, BillLine, Credit, Payment


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class BillLineInline(admin.TabularInline):  # type: ignore[type-arg]
    model = BillLine
    fields = ("position", "kind", "description", "amount")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(BillingAccount)
class BillingAccountAdmin(ReadOnlyAdmin):
    list_display = ("account_number", "paperless", "autopay", "created_at")
    search_fields = ("account_number",)
    fields = ("account_number", "customer", "paperless", "autopay", "autopay_card", "created_at")
    readonly_fields = fields


@admin.register(Bill)
class BillAdmin(ReadOnlyAdmin):
    list_display = ("number", "period_start", "amount_due", "status", "issued_at")
    list_filter = ("status", "period_start")
    search_fields = ("number",)
    inlines = [BillLineInline]
    exclude = ()
    readonly_fields = (
        "number",
        "account",
        "period_start",
        "period_end",
        "issued_at",
        "due_date",
        "customer_name",
        "previous_balance",
        "payments_total",
        "credits_total",
        "charges_total",
        "taxes_total",
        "amount_due",
        "status",
    )
    fields = readonly_fields


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "amount", "status", "method", "decline_reason")
    list_filter = ("status", "method")
    fields = ("account", "bill", "amount", "status", "method", "decline_reason", "created_at")
    readonly_fields = fields


@admin.register(Credit)
class CreditAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "amount", "reason", "bill")
    fields = ("account", "amount", "reason", "actor", "bill", "created_at")
    readonly_fields = fields
