"""Outage banners for the account pages: a lazy list, read only when a page shows it (the account
layout does), so other pages run no query."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from azultel.care.selectors import outages_for_customer


def account_notices(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_staff:
        return {"outage_banners": []}
    return {"outage_banners": SimpleLazyObject(lambda: outages_for_customer(customer=user))}
