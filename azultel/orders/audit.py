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
    CHECKOUT_LINE_SETUP = "orders.checkout_line_setup"
    E911_ADDRESS_CHANGED = "orders.e911_address_changed"
    E911_NOTICE_ACKNOWLEDGED = "orders.e911_notice_acknowledged"
    PORT_IN_SUBMITTED = "orders.port_in_submitted"
    PORT_OUT_PIN_SET = "orders.port_out_pin_set"
    PORT_OUT_FREEZE_CHANGED = "orders.port_out_freeze_changed"
    PORT_OUT_REQUESTED = "orders.port_out_requested"
    PORT_OUT_CANCELLED = "orders.port_out_cancelled"
