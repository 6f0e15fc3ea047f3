"""The header's cart count, read from the session the visitor already has (no query, no new
session: a visitor without a session cookie has an empty cart)."""

from __future__ import annotations

from django.http import HttpRequest

from azultel.orders.cart_session import SESSION_CART_COUNT, has_session


def cart_badge(request: HttpRequest) -> dict[str, object]:
    if not has_session(request):
        return {"cart_count": 0}
    return {"cart_count": int(request.session.get(SESSION_CART_COUNT, 0) or 0)}
