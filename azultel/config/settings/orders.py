"""Online ordering and payments (azultel.orders, azultel.payments; docs/operations.md)."""

from __future__ import annotations

from azultel.config.env import env_int, env_str

# Dotted paths of the card processor and the credit bureau. The defaults are the embedded
# sandboxes (documented test cards and SSNs, nothing leaves the site).
PAYMENT_GATEWAY = env_str("PAYMENT_GATEWAY", "azultel.payments.gateway.SandboxGateway")
CREDIT_BUREAU = env_str("CREDIT_BUREAU", "azultel.orders.credit.SandboxCreditBureau")
# Carts never ordered are deleted this long after their last change (B3).
ORDERS_CART_RETENTION_DAYS = env_int("ORDERS_CART_RETENTION_DAYS", 30)
# SSN and date of birth given for a credit check are erased this long after the decision (B3).
ORDERS_CREDIT_CHECK_RETENTION_DAYS = env_int("ORDERS_CREDIT_CHECK_RETENTION_DAYS", 90)
# Cards typed in and not saved are deleted this long after they were given, unless a charge, a
# checkout or another record still points at them (B3).
PAYMENTS_UNSAVED_CARD_RETENTION_DAYS = env_int("PAYMENTS_UNSAVED_CARD_RETENTION_DAYS", 30)
# Number portability (port-ins, orders.portability); the default is the embedded sandbox.
NUMBER_PORTABILITY = env_str("NUMBER_PORTABILITY", "azultel.orders.portability.SandboxPortability")
# A port-out, SIM change or line change waits this long after the customer's notice (FCC 2023).
PORT_OUT_HOLD_HOURS = env_int("PORT_OUT_HOLD_HOURS", 24)
# Wrong port-out PINs in a row before port-outs lock until the customer sets a new PIN.
PORT_OUT_PIN_MAX_FAILURES = env_int("PORT_OUT_PIN_MAX_FAILURES", 3)
