"""The collections emails. Each is an account notice about money owed or the state of service,
so it goes whatever the person's marketing choices (P19). No amount beyond what is owed, no call
detail, and no more of the account number than its last four digits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from azultel.billing.charges import day_text, usd
from azultel.billing.models import BillingAccount
from azultel.comms.services import message_send


def _links() -> dict[str, str]:
    site = settings.SITE_URL.rstrip("/")
    bills = reverse("billing:bill_list")
    return {
        "sign_in_url": f"{site}{reverse('account_login')}?next={bills}",
        "arrangement_url": f"{site}{reverse('billing:arrangement')}",
    }


def collections_email(
    *,
    account: BillingAccount,
    template: str,
    dedupe_key: str,
    amount: Decimal | None = None,
    late_fee: Decimal | None = None,
    day: date | None = None,
) -> None:
    """Queue one collections email to the account holder (after commit, through comms)."""
    customer = account.customer
    if not customer.is_active:
        return
    message_send(
        category="account_maintenance",
        to=customer.email,
        template=f"billing_collections_{template}",
        context={
            "given_name": customer.given_name,
            "account_last4": account.last4,
            "amount": usd(amount) if amount is not None else "",
            "late_fee": usd(late_fee) if late_fee else "",
            "day": day_text(day) if day else "",
            **_links(),
        },
        dedupe_key=dedupe_key,
    )
