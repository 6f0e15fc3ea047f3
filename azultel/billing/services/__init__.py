"""Writes of the billing app: billing accounts and their settings, the monthly billing run,
paying a bill, credits, one-time charges, call detail, and account deletion.

One module per job, every public name re-exported here, so callers import from
``azultel.billing.services`` whichever module holds it:

* ``accounts``: opening a billing account; its paperless and automatic-payment settings.
* ``run``: ``billing_run``, the monthly run over every account, in batches.
* ``bill_batch``: one batch of the run, in one transaction.
* ``bill_rows``: an account as a batch reads it, and the bill columns it writes.
* ``notices``: the emails billing sends (bill ready, payment received, autopay declined/stopped).
* ``bill_payments``: paying a bill, once per idempotency key.
* ``autopay``: paying new bills automatically; stopping that when the card is gone.
* ``adjustments``: credits, one-time charges and recorded calls for the next bill.
* ``erasure``: account deletion (B2).
* ``errors``: the refusals, and reading an amount of money.
"""

from azultel.billing.services.accounts import (
    billing_account_get_or_create,
    billing_account_viewed,
    billing_settings_update,
)
from azultel.billing.services.adjustments import (
    CREDIT_MAX,
    UsageCall,
    credit_issue,
    one_time_charge_add,
    usage_records_add,
)
from azultel.billing.services.autopay import autopay_collect, autopay_stop
from azultel.billing.services.bill_payments import bill_pay, payment_key_new
from azultel.billing.services.bill_rows import BILL_FIELDS, LINE_FIELDS
from azultel.billing.services.erasure import ERASED_NAME, customer_billing_erase
from azultel.billing.services.errors import BillingError, CreditRefused, PaymentRefused
from azultel.billing.services.run import BillingRunResult, Progress, billing_run

__all__ = [
    "BILL_FIELDS",
    "CREDIT_MAX",
    "ERASED_NAME",
    "LINE_FIELDS",
    "BillingError",
    "BillingRunResult",
    "CreditRefused",
    "PaymentRefused",
    "Progress",
    "UsageCall",
    "autopay_collect",
    "autopay_stop",
    "bill_pay",
    "billing_account_get_or_create",
    "billing_account_viewed",
    "billing_run",
    "billing_settings_update",
    "credit_issue",
    "customer_billing_erase",
    "one_time_charge_add",
    "payment_key_new",
    "usage_records_add",
]
