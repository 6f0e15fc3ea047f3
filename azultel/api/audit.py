"""The audit actions the API records (the values are what ``AuditEvent.action`` stores)."""

from __future__ import annotations

from azultel.core.audit import AuditAction


class ApiAudit(AuditAction):
    PARTNER_CREATED = "api.partner_created"
    KEYS_ROTATED = "api.keys_rotated"
    ORDER_PLACED = "api.order_placed"
    ORDER_CANCELLED = "api.order_cancelled"
    HUB_SUBSCRIBED = "api.hub_subscribed"
    HUB_UNSUBSCRIBED = "api.hub_unsubscribed"
