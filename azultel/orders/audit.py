"""The audit actions orders records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class OrdersAudit(AuditAction):
    CHECKOUT_BILLING_ADDRESS = "orders.checkout_billing_address"
    CHECKOUT_LISTINGS = "orders.checkout_listings"
    CHECKOUT_SERVICE_ADDRESS = "orders.checkout_service_address"
    CREDIT_CHECKED = "orders.credit_checked"
    LISTING_CHANGED = "orders.listing_changed"
    PLACED = "orders.placed"
    SERVICES_STARTED = "orders.services_started"
