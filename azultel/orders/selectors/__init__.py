"""Reads of the orders app. One module per concern, every public name re-exported here, so
callers import from ``azultel.orders.selectors`` whichever module holds it:

* ``carts``: carts, priced carts (``cart_summary``) and the checkout quote.
* ``customer``: a customer's orders and services (account pages, placement).
* ``staff``: the staff order queue and one order as staff see it.
* ``exports``: "my data" (B2) and credit checks for the staff record (P23).
"""

from azultel.orders.selectors.carts import (
    CartSummary,
    CheckoutQuote,
    PricedLine,
    address_problems,
    cart_get_for_visitor,
    cart_item_count,
    cart_open_for_user,
    cart_owner_hash,
    cart_summary,
    checkout_get,
    checkout_quote,
)
from azultel.orders.selectors.customer import (
    customer_ids_with_active_service_in_zips,
    order_for_idempotency_key,
    order_get_for_customer,
    orders_for_customer,
    orders_to_advance,
    phone_line_get_for_customer,
    port_out_requests_held_for_customer,
    purchase_history,
    service_zips_active_for_customer,
    services_active_for_customer,
    services_for_customer,
)
from azultel.orders.selectors.exports import (
    credit_checks_for_customer,
    orders_export,
)
from azultel.orders.selectors.staff import (
    QUEUE_STATUSES,
    order_get_for_staff,
    order_queue,
    order_queue_count,
)

__all__ = [
    "QUEUE_STATUSES",
    "CartSummary",
    "CheckoutQuote",
    "PricedLine",
    "address_problems",
    "cart_get_for_visitor",
    "cart_item_count",
    "cart_open_for_user",
    "cart_owner_hash",
    "cart_summary",
    "checkout_get",
    "checkout_quote",
    "credit_checks_for_customer",
    "customer_ids_with_active_service_in_zips",
    "order_for_idempotency_key",
    "order_get_for_customer",
    "order_get_for_staff",
    "order_queue",
    "order_queue_count",
    "orders_export",
    "orders_for_customer",
    "orders_to_advance",
    "phone_line_get_for_customer",
    "port_out_requests_held_for_customer",
    "purchase_history",
    "service_zips_active_for_customer",
    "services_active_for_customer",
    "services_for_customer",
]
