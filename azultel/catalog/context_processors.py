"""What the shared layout shows about the shop: the state prices follow (no query, no session)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from azultel.catalog.pricing import state_resolve
from azultel.catalog.states import state_name


def shop_header(request: HttpRequest) -> dict[str, Any]:
    """The state the visitor's prices follow, for the header's "Prices for ..., change"."""
    code = state_resolve(request).state
    return {"header_state": {"code": code, "name": state_name(code)} if code else None}
