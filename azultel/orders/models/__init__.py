"""Online ordering: carts, the checkout in progress, orders with their status history and credit
check, and what an activated order leaves behind: services and phone lines.

For the directory and billing issues, the records to build on are:

* ``Service``: one service a customer has (a phone line, an internet plan or a bundle), with the
  product, the state it is priced in, the monthly price snapshot taken when it was ordered, the
  service address, ``started_on`` / ``ended_on`` and ``status`` (active or ended). Billing bills
  active services at their snapshot price; prices are never recomputed from the catalog here.
* ``PhoneLine``: the telephone number of a service that includes a phone line, with the customer's
  ``listing_choice`` (``ListingChoice``: listed / non-listed / non-published, P06) and the name and
  address to list. Non-published lines keep no listed name or address at all.

Personal fields are declared in each model's ``data_map`` (P04). The SSN and date of birth given
for a credit check exist only as encrypted fields of ``CreditCheck`` (P24), read in clear only
through ``privacy.services.sensitive_reveal`` for the purpose ``credit_check``.

The models live in modules by concern (``common``, ``carts``, ``orders``, ``services``) and are
all re-exported here, so ``azultel.orders.models`` stays the one import path.
"""

from azultel.orders.models.carts import (
    Cart,
    CartLine,
    CartStatus,
    Checkout,
)
from azultel.orders.models.common import (
    KIND_BUNDLE,
    KIND_INTERNET,
    KIND_PHONE_LINE,
    KIND_WHOLESALE,
    LISTING_EXPLANATIONS,
    MAX_DEVICE_QUANTITY,
    SERVICE_KINDS,
    ZERO,
    ListingChoice,
)
from azultel.orders.models.numbers import (
    LineSetup,
    NoticeAcknowledgement,
    PortIn,
    PortInStatus,
    PortOutKind,
    PortOutProtection,
    PortOutRequest,
    PortOutStatus,
)
from azultel.orders.models.orders import (
    ALLOWED_TRANSITIONS,
    CUSTOMER_CANCELLABLE,
    CreditCheck,
    CreditOutcome,
    Order,
    OrderEvent,
    OrderLine,
    OrderNumberCounter,
    OrderStatus,
)
from azultel.orders.models.rates import RateReason, ServiceRate
from azultel.orders.models.services import (
    NumberPool,
    PhoneLine,
    Service,
    ServiceStatus,
)

__all__ = [
    "ALLOWED_TRANSITIONS",
    "CUSTOMER_CANCELLABLE",
    "KIND_BUNDLE",
    "KIND_INTERNET",
    "KIND_PHONE_LINE",
    "KIND_WHOLESALE",
    "LISTING_EXPLANATIONS",
    "MAX_DEVICE_QUANTITY",
    "SERVICE_KINDS",
    "ZERO",
    "Cart",
    "CartLine",
    "CartStatus",
    "Checkout",
    "CreditCheck",
    "CreditOutcome",
    "LineSetup",
    "ListingChoice",
    "NoticeAcknowledgement",
    "NumberPool",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderNumberCounter",
    "OrderStatus",
    "PhoneLine",
    "PortIn",
    "PortInStatus",
    "PortOutKind",
    "PortOutProtection",
    "PortOutRequest",
    "PortOutStatus",
    "RateReason",
    "Service",
    "ServiceRate",
    "ServiceStatus",
]
