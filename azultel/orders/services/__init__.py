"""Writes of the orders app: the cart, each checkout step, placing an order, moving it through
its states, and what happens when it becomes active.

``order_place`` is the heart: one transaction, keyed by an idempotency key, that re-checks the
address and prices, writes the order, runs the credit check, charges the card once and queues
the confirmation emails. Whatever fails inside it, nothing of it remains (P19's emails included).

One module per concern (STYLE.md: Zulip's ``zerver/actions/``); callers import from this
package, which re-exports every public name. Names with a leading underscore are shared between
these modules only.

* ``errors``: the refusals (``OrderError`` and its kinds), messages shown as is
* ``actors``: ``Actor`` (a user or a ``core.actors.SystemActor``) and how events label it
* ``cart``: add, change, remove, switch state, claim on sign-in
* ``checkout``: the checkout steps (service address, listings, billing address, card)
* ``placement``: ``order_place`` and its idempotency key
* ``credit_decision``: the identity, the bureau's decision and its disclosure
* ``transitions``: ``order_transition`` (the only status writer), cancel, advance, refund
* ``activation``: the services and phone lines an active order creates
* ``emails``: the order emails (outbox rows in the caller's transaction)
* ``numbers``: the 911 address and port-in of a phone line, the 911 notice acknowledgements
* ``port_out``: port-out PIN, freeze, held port-out requests and their completion
* ``erasure``: retention purge (B3) and account deletion (B2)
* ``service_changes``: a running service's price history, status, address and line (lifecycle)
"""

from __future__ import annotations

from azultel.orders.services.actors import Actor
from azultel.orders.services.cart import (
    cart_add,
    cart_claim,
    cart_line_remove,
    cart_line_update,
    cart_owner_key_new,
    cart_state_change,
)
from azultel.orders.services.checkout import (
    ListingAnswer,
    checkout_billing_set,
    checkout_card_set,
    checkout_listings_set,
    checkout_service_address_set,
    checkout_start,
)
from azultel.orders.services.credit_decision import Identity
from azultel.orders.services.erasure import PurgeResult, customer_orders_erase, orders_purge
from azultel.orders.services.errors import (
    AmountChanged,
    CartRefused,
    CheckoutRefused,
    OrderError,
    OrderNotFound,
    OrderRefused,
    ReviewChanged,
    TransitionRefused,
)
from azultel.orders.services.numbers import (
    E911_NOTICE_VERSION,
    Address,
    E911Missing,
    LineSetupAnswer,
    checkout_line_setups_set,
    e911_notice_acknowledge,
    e911_notice_due,
    e911_notice_reminders_send,
    phone_line_e911_update,
    port_ins_advance,
)
from azultel.orders.services.placement import idempotency_key_new, order_place
from azultel.orders.services.port_out import (
    PortOutRefused,
    port_out_cancel,
    port_out_freeze_set,
    port_out_pin_set,
    port_out_protection_get,
    port_out_request,
    port_out_requests_complete,
)
from azultel.orders.services.service_changes import (
    BilledAs,
    service_address_set,
    service_billed_as,
    service_end,
    service_plan_apply,
    service_rate_add,
    service_rate_remove,
    service_status_set,
)
from azultel.orders.services.transitions import (
    NEXT_STEP,
    order_advance,
    order_cancel,
    order_transition,
)

__all__ = [
    "E911_NOTICE_VERSION",
    "NEXT_STEP",
    "Actor",
    "Address",
    "AmountChanged",
    "BilledAs",
    "CartRefused",
    "CheckoutRefused",
    "E911Missing",
    "Identity",
    "LineSetupAnswer",
    "ListingAnswer",
    "OrderError",
    "OrderNotFound",
    "OrderRefused",
    "PortOutRefused",
    "PurgeResult",
    "ReviewChanged",
    "TransitionRefused",
    "cart_add",
    "cart_claim",
    "cart_line_remove",
    "cart_line_update",
    "cart_owner_key_new",
    "cart_state_change",
    "checkout_billing_set",
    "checkout_card_set",
    "checkout_line_setups_set",
    "checkout_listings_set",
    "checkout_service_address_set",
    "checkout_start",
    "customer_orders_erase",
    "e911_notice_acknowledge",
    "e911_notice_due",
    "e911_notice_reminders_send",
    "idempotency_key_new",
    "order_advance",
    "order_cancel",
    "order_place",
    "order_transition",
    "orders_purge",
    "phone_line_e911_update",
    "port_ins_advance",
    "port_out_cancel",
    "port_out_freeze_set",
    "port_out_pin_set",
    "port_out_protection_get",
    "port_out_request",
    "port_out_requests_complete",
    "service_address_set",
    "service_billed_as",
    "service_end",
    "service_plan_apply",
    "service_rate_add",
    "service_rate_remove",
    "service_status_set",
]
