"""What the API adds to other apps: it listens for order status changes to tell partners
(TMF688 ``ProductOrderStateChangeEvent``) whoever made the change (staff, the system, the API)."""

from __future__ import annotations

from django.db.models.signals import post_save

from azultel.accounts.models import User
from azultel.api.models import PartnerCustomer
from azultel.orders.models import OrderEvent
from azultel.privacy.registry import export_provider_register

# The moves a partner hears about; creation is announced by the API itself.
ANNOUNCED = ("provisioning", "active", "cancelled")


def _order_event_saved(sender: type[OrderEvent], instance: OrderEvent, created: bool,
                       **kwargs: object) -> None:  # fmt: skip
    from azultel.api.services import order_event_publish

    if created and instance.to_status in ANNOUNCED:
        order_event_publish(order=instance.order, event_type="ProductOrderStateChangeEvent")


def _partner_export(user: User) -> dict[str, object]:
    """B2: which partner the customer authorised to see and order for them, and when."""
    link = PartnerCustomer.objects.filter(customer=user).select_related("partner").first()
    if link is None:
        return {}
    return {
        "partner": link.partner.name,
        "authorization_reference": link.authorization_reference,
        "authorized_at": link.authorized_at.isoformat(),
    }


def register() -> None:
    post_save.connect(_order_event_saved, sender=OrderEvent, dispatch_uid="api-order-events")
    export_provider_register("partner_api", _partner_export)
