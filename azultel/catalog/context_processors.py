"""What the shared layout shows about the shop: the state prices follow (no query, no session)."""

from __future__ import annotations

from django.http import HttpRequest

from azultel.catalog.pricing import state_resolve
from azultel.catalog.states import state_name


def shop_header(request: HttpRequest) -> dict[str, object]:
    """The state the visitor's prices follow, for the header's "Prices for ..., change"."""
    resolution = state_resolve(request)
    code = resolution.state
    return {
        "header_state": (
            {"code": code, "name": state_name(code), "saved": resolution.source == "cookie"}
            if code
            else None
        ),
        # shop links keep a state the visitor browses with in the address (no cookie)
        "shop_state_query": resolution.query_suffix,
    }
