"""Writes of the API: orders placed and cancelled for a partner's customers, trouble tickets
opened, added to and closed, event subscriptions and deliveries, and key rotation."""

from azultel.api.services.hub import (
    deliveries_due_send,
    delivery_attempt,
    hub_subscribe,
    hub_unsubscribe,
    order_event_publish,
)
from azultel.api.services.ordering import (
    ApiOrderRefused,
    partner_order_cancel,
    partner_order_create,
)
from azultel.api.services.partners import ClientCredentials, partner_create, partner_keys_rotate
from azultel.api.services.tickets import (
    ApiTicketRefused,
    partner_ticket_open,
    partner_ticket_update,
)
from azultel.api.services.tokens import oauth_tokens_expired_clear

__all__ = [
    "ApiOrderRefused",
    "ApiTicketRefused",
    "ClientCredentials",
    "deliveries_due_send",
    "delivery_attempt",
    "hub_subscribe",
    "hub_unsubscribe",
    "oauth_tokens_expired_clear",
    "order_event_publish",
    "partner_create",
    "partner_keys_rotate",
    "partner_order_cancel",
    "partner_order_create",
    "partner_ticket_open",
    "partner_ticket_update",
]
