"""The local phone customer profile's purchase history and saved cards (P10), for the profile
page: ``{% load orders_profile %}{% local_profile_purchases user %}``."""

from __future__ import annotations

from django import template

from azultel.accounts.models import User
from azultel.orders.selectors import purchase_history
from azultel.payments.selectors import cards_saved_for

register = template.Library()


@register.inclusion_tag("orders/account/purchase_history.html")
def local_profile_purchases(user: User) -> dict[str, object]:
    return {"orders": purchase_history(customer=user), "cards": cards_saved_for(customer=user)}
