"""The emails billing sends: bill ready (P20), payment received, automatic payment declined or
stopped. Each is an account notice or a confirmation, so it goes whatever the person's marketing
choices (P19)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from azultel.accounts.models import User
from azultel.billing.charges import Period, day_text, usd
from azultel.billing.models import Bill, BillingAccount, Payment, PaymentMethod
from azultel.billing.services.bill_rows import _Account
from azultel.comms.services import message_send, messages_queue_bulk
from azultel.payments.selectors import SavedCard


def _bill_ready_emails(*, period: Period, accounts: list[_Account]) -> int:
    """Queue "your bill is ready" to the paperless accounts just billed (P20).

    Category account_maintenance: it goes whatever the person's marketing choices (P19). It
    carries no amount, no call detail and no more of the account number than its last four
    digits: only a link to sign in.
    """
    paperless = [a for a in accounts if a.paperless and a.customer__is_active]
    if not paperless:
        return 0
    site = settings.SITE_URL.rstrip("/")
    sign_in_url = f"{site}{reverse('account_login')}?next={reverse('billing:bill_list')}"
    recipients = [
        (
            a.customer__email,
            # No data subject: an account notice needs no consent check, and the dedupe key
            # (one notice per address and month) then needs no lookup per customer.
            None,
            {
                "given_name": a.customer__given_name,
                "period_label": period.label,
                "account_last4": a.last4,
                "sign_in_url": sign_in_url,
            },
        )
        for a in paperless
    ]
    return messages_queue_bulk(
        category="account_maintenance",
        recipients=recipients,
        template="billing_bill_ready",
        dedupe_prefix=f"bill-ready-{period.code}",
    )


def _payment_confirmation_email(
    *, customer: User, bill: Bill, payment: Payment, card: SavedCard
) -> None:
    """The payment confirmation (category confirmation: always sent, P19)."""
    site = settings.SITE_URL.rstrip("/")
    message_send(
        category="confirmation",
        to=customer.email,
        template="billing_payment_received",
        context={
            "given_name": customer.given_name,
            "amount": usd(payment.amount),
            "card_label": f"{card.get_brand_display()} ending {card.last4}",
            "period_label": bill.period_label,
            "bill_number": bill.number,
            "paid_on": day_text(timezone.localdate()),
            "automatic": payment.method == PaymentMethod.AUTOPAY,
            "bills_url": f"{site}{reverse('billing:bill_list')}",
        },
        dedupe_key=f"billing-payment-{payment.pk}",
    )


def _autopay_declined_email(*, account: BillingAccount, customer: User, payment: Payment) -> None:
    """The automatic payment did not go through (account maintenance: always sent)."""
    site = settings.SITE_URL.rstrip("/")
    message_send(
        category="account_maintenance",
        to=customer.email,
        template="billing_autopay_declined",
        context={
            "given_name": customer.given_name,
            "account_last4": account.last4,
            "reason": payment.decline_reason,
            "sign_in_url": f"{site}{reverse('account_login')}?next={reverse('billing:bill_list')}",
        },
        dedupe_key=f"billing-autopay-declined-{payment.pk}",
    )


def _autopay_stopped_email(*, account: BillingAccount, customer: User, reason: str) -> None:
    """Automatic payment was turned off because its card cannot be charged (account
    maintenance: always sent, P19)."""
    site = settings.SITE_URL.rstrip("/")
    bills = reverse("billing:bill_list")
    message_send(
        category="account_maintenance",
        to=customer.email,
        template="billing_autopay_stopped",
        context={
            "given_name": customer.given_name,
            "account_last4": account.last4,
            "reason": reason,
            "sign_in_url": f"{site}{reverse('account_login')}?next={bills}",
        },
    )
