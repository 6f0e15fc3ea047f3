"""The ordering pages: add to cart, the cart, the checkout steps, the customer's orders and
services, and the staff order queue. Thin: validate with a form, call a service or selector,
render.

Every POST names its cart; a cart that is not the visitor's own gives a 404 and changes nothing.
Card numbers, security codes, SSNs and dates of birth are never put in the session, a message or
a log, and never written back into a page (P24).

One module per group of pages; ``urls.py`` uses the names re-exported here.

* ``cart``: add to cart, the cart, its lines and state, the cookie explanation
* ``checkout_steps``: the step list, the decorator every checkout page goes through, start
* ``checkout_details``: service address, directory listing, billing address, payment
* ``checkout_review``: the review page and placing the order
* ``numbers``: the phone-number and 911 checkout step; 911 address, port-out PIN and freeze,
  the 911 notice on the account
* ``account``: the customer's orders (list, detail, cancel) and services
* ``staff``: the order queue, an order's page, advance and cancel
"""

from __future__ import annotations

from azultel.orders.views.account import order_cancel, order_detail, order_list, service_list
from azultel.orders.views.cart import cart_add, cart_line, cart_state, cart_view, cookies_needed
from azultel.orders.views.checkout_details import (
    CARD_FIELDS,
    checkout_address,
    checkout_billing,
    checkout_listing,
    checkout_payment,
)
from azultel.orders.views.checkout_review import IDENTITY_FIELDS, checkout_review
from azultel.orders.views.checkout_steps import (
    CheckoutState,
    CheckoutStep,
    CheckoutView,
    checkout_start,
    checkout_step,
)
from azultel.orders.views.numbers import (
    checkout_numbers,
    e911_address_change,
    e911_notice_acknowledge,
    port_out_settings,
    port_out_stop,
)
from azultel.orders.views.staff import staff_order, staff_order_action, staff_queue

__all__ = [
    "CARD_FIELDS",
    "IDENTITY_FIELDS",
    "CheckoutState",
    "CheckoutStep",
    "CheckoutView",
    "cart_add",
    "cart_line",
    "cart_state",
    "cart_view",
    "checkout_address",
    "checkout_billing",
    "checkout_listing",
    "checkout_numbers",
    "checkout_payment",
    "checkout_review",
    "checkout_start",
    "checkout_step",
    "cookies_needed",
    "e911_address_change",
    "e911_notice_acknowledge",
    "order_cancel",
    "order_detail",
    "order_list",
    "port_out_settings",
    "port_out_stop",
    "service_list",
    "staff_order",
    "staff_order_action",
    "staff_queue",
]
