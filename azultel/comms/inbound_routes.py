"""Where mail that arrives at the site's own addresses goes.

The local SMTP server (``manage.py comms_inbound_smtp``) hands every message it accepts to
``inbound_dispatch``. Delivery reports (bounces, ARF complaints) are comms' own business; other
apps claim a *local-part prefix* here from their ``registrations.py``: a message to
``reply+<token>@<site domain>`` goes to the handler registered for ``"reply"`` with ``<token>``.
The handler returns whether it accepted the message; an unknown prefix or a refused token is
dropped (never bounced back to a possibly forged sender).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class InboundMessage:
    """One message as the SMTP server received it."""

    envelope_from: str
    recipient: str
    message: EmailMessage


# (message, token after the "+") -> accepted?
InboundHandler = Callable[[InboundMessage, str], bool]

_ROUTES: dict[str, InboundHandler] = {}


def inbound_route_register(prefix: str, handler: InboundHandler) -> None:
    """Claim ``<prefix>+<token>@...`` for ``handler`` (idempotent for the same handler)."""
    existing = _ROUTES.get(prefix)
    if existing is not None and existing is not handler:
        raise ValueError(f"The inbound prefix {prefix!r} is already claimed.")
    _ROUTES[prefix] = handler


def inbound_route_for(recipient: str) -> tuple[InboundHandler, str] | None:
    """The handler and token for ``prefix+token@domain``, or ``None``."""
    local, _, _domain = recipient.strip().strip("<>").rpartition("@")
    prefix, plus, token = local.partition("+")
    handler = _ROUTES.get(prefix.lower())
    if handler is None or not plus or not token:
        return None
    return handler, token


def inbound_dispatch(inbound: InboundMessage) -> bool:
    """Hand ``inbound`` to the app that claimed its address; ``False`` when nobody did."""
    found = inbound_route_for(inbound.recipient)
    if found is None:
        return False
    handler, token = found
    return handler(inbound, token)
